package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** Key teams, glossary and bulletins through the gateway over real HTTP. */
class ContactsApiTest {

    private static TestPlatform platform;
    private static String officer;
    private static String partner;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        officer = platform.token("officer");
        partner = platform.token("partner");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static int teamCount() {
        return TestPlatform.json(platform.get("/v1/contacts/teams"))
                .get("total_items")
                .asInt();
    }

    @Test
    void publicReads() {
        JsonNode mash = TestPlatform.json(platform.get("/v1/contacts/teams/multi-agency-safeguarding-hub-mash"));
        List<String> phones = new ArrayList<>();
        mash.get("contact_routes").forEach(r -> {
            if (r.get("kind").asText().equals("phone")) {
                phones.add(r.get("value").asText());
            }
        });
        assertThat(phones, contains("02392 688793", "0845 671 0271"));
        JsonNode tier4 = TestPlatform.json(platform.get("/v1/contacts/teams?tier=4&per_page=100"));
        assertThat(tier4.get("total_items").asInt(), greaterThanOrEqualTo(5));
        JsonNode pep = TestPlatform.json(platform.get("/v1/glossary?search=PEP"));
        assertThat(pep.at("/contents/0/meanings").size(), is(2));
        assertThat(
                TestPlatform.json(platform.get("/v1/bulletins"))
                        .get("total_items")
                        .asInt(),
                is(7));
        assertProblem(platform.get("/v1/contacts/teams/nobody"), 404, null);
        assertProblem(platform.get("/v1/contacts/teams?tier=x"), 400, "tier");
        assertProblem(platform.get("/v1/contacts/teams?tier=9"), 400, "tier");
    }

    @Test
    void theLaMaintainsTeamsAndNoOneElseMay() {
        String team = "{\"name\":\"Inclusion Service\",\"purpose\":\"Inclusion\",\"tiers\":[2],"
                + "\"contact_routes\":[{\"kind\":\"email\",\"unknown\":true}]}";
        int count = teamCount();
        assertProblem(platform.write("POST", "/v1/contacts/teams", null, null, team), 401, null);
        assertProblem(platform.write("POST", "/v1/contacts/teams", partner, null, team), 403, null);
        assertThat(teamCount(), is(count));

        HttpResponse<String> created = platform.write("POST", "/v1/contacts/teams", officer, null, team);
        assertThat(created.body(), created.statusCode(), is(201));
        assertThat(created.headers().firstValue("Location").orElse(""), is("/v1/contacts/teams/inclusion-service"));
        // a client's retry answers the team it made; another team of that name is refused
        HttpResponse<String> retried = platform.write("POST", "/v1/contacts/teams", officer, null, team);
        assertThat(retried.statusCode(), is(201));
        assertThat(retried.body(), is(created.body()));
        assertProblem(
                platform.write("POST", "/v1/contacts/teams", officer, null, team.replace("\"Inclusion\"", "\"Other\"")),
                409,
                "/name");

        String changed = team.replace("\"Inclusion\"", "\"Inclusion and outreach\"");
        assertProblem(
                platform.write("PUT", "/v1/contacts/teams/inclusion-service", officer, null, changed), 428, "If-Match");
        assertThat(
                platform.write("PUT", "/v1/contacts/teams/inclusion-service", officer, "\"v1\"", changed)
                        .statusCode(),
                is(200));
        assertProblem(
                platform.write("PUT", "/v1/contacts/teams/inclusion-service", officer, "\"v1\"", changed),
                412,
                "If-Match");
        assertProblem(
                platform.write("PUT", "/v1/contacts/teams/inclusion-service", partner, "\"v2\"", changed), 403, null);
        assertThat(teamCount(), is(count + 1));
    }

    @Test
    void badTeamsAreRefusedWithTheirFields() {
        int count = teamCount();
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/contacts/teams",
                        officer,
                        null,
                        "{\"name\":\"X\",\"purpose\":\"Y\",\"contact_routes\":[{\"kind\":\"email\",\"value\":\"not-an-email\"}]}"),
                400,
                "/contact_routes/0/value");
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/contacts/teams",
                        officer,
                        null,
                        "{\"name\":\"X\",\"purpose\":\"Y\",\"contact_routes\":[{\"kind\":\"pager\"}]}"),
                400,
                "/contact_routes/0/kind");
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/contacts/teams",
                        officer,
                        null,
                        "{\"name\":\"X\",\"purpose\":\"Y\",\"tiers\":[7],\"contact_routes\":[{\"kind\":\"phone\",\"value\":\"02392 000000\"}]}"),
                400,
                "/tiers/0");
        assertProblem(platform.write("POST", "/v1/contacts/teams", officer, null, "{\"name\":\"X\"}"), 400, "/purpose");
        assertThat(teamCount(), is(count));
    }
}
