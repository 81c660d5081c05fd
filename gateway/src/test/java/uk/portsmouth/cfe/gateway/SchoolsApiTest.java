package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** The school register through the gateway over real HTTP, from the real attendance-service. */
class SchoolsApiTest {

    private static final String NEW_SCHOOL =
            "{\"urn\":\"190002\",\"laestab\":\"8513998\",\"name\":\"Tipner Test Nursery\","
                    + "\"phase\":\"nursery\",\"locality\":\"central\",\"postcode\":\"PO2 8AA\"}";

    private static TestPlatform platform;
    private static String officer;
    private static String school;
    private static String partner;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        officer = platform.token("officer");
        school = platform.token("school");
        partner = platform.token("partner");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void peopleWhoWorkWithSchoolsReadTheRegister() {
        JsonNode secondary = TestPlatform.json(platform.getAs(school, "/v1/schools?phase=secondary&per_page=100"));
        assertThat(secondary.get("total_items").asInt(), is(9));
        JsonNode one = TestPlatform.json(platform.getAs(platform.token("professional"), "/v1/schools/116000"));
        assertThat(one.get("laestab").asText().startsWith("851"), is(true));
        HttpResponse<String> north = platform.getAs(officer, "/v1/schools?locality=north&per_page=100");
        TestPlatform.json(north)
                .get("contents")
                .forEach(s -> assertThat(s.get("locality").asText(), is("north")));
    }

    @Test
    void partnersAndThePublicMayNot() {
        assertProblem(platform.get("/v1/schools"), 401, null);
        assertProblem(platform.getAs(partner, "/v1/schools"), 403, null);
        assertProblem(platform.getAs(partner, "/v1/schools/116000"), 403, null);
    }

    @Test
    void badQueriesAndUnknownSchools() {
        assertProblem(platform.getAs(officer, "/v1/schools?phase=grammar"), 400, "phase");
        assertProblem(platform.getAs(officer, "/v1/schools?locality=east"), 400, "locality");
        assertProblem(platform.getAs(officer, "/v1/schools/999999"), 404, null);
    }

    @Test
    void theLaMaintainsTheRegister() {
        assertProblem(platform.write("POST", "/v1/schools", school, null, NEW_SCHOOL), 403, null);
        assertProblem(
                platform.write("POST", "/v1/schools", officer, null, NEW_SCHOOL.replace("8513998", "85139")),
                400,
                "/laestab");
        assertProblem(
                platform.write("POST", "/v1/schools", officer, null, NEW_SCHOOL.replace("\"nursery\"", "\"grammar\"")),
                400,
                "/phase");
        assertProblem(platform.getAs(officer, "/v1/schools/190002"), 404, null);

        HttpResponse<String> created = platform.write("POST", "/v1/schools", officer, null, NEW_SCHOOL);
        assertThat(created.body(), created.statusCode(), is(201));
        assertThat(created.headers().firstValue("Location").orElse(""), is("/v1/schools/190002"));
        // a client's retry answers the school it registered; another school under that URN is refused
        HttpResponse<String> retried = platform.write("POST", "/v1/schools", officer, null, NEW_SCHOOL);
        assertThat(retried.statusCode(), is(201));
        assertThat(retried.body(), is(created.body()));
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/schools",
                        officer,
                        null,
                        NEW_SCHOOL.replace("Tipner Test Nursery", "Another Nursery")),
                409,
                "/urn");

        String closed = NEW_SCHOOL.replace("}", ",\"status\":\"closed\"}");
        assertProblem(platform.write("PUT", "/v1/schools/190002", officer, null, closed), 428, "If-Match");
        assertProblem(platform.write("PUT", "/v1/schools/190003", officer, "\"v1\"", closed), 400, "/urn");
        assertProblem(platform.write("PUT", "/v1/schools/190002", school, "\"v1\"", closed), 403, null);
        assertThat(
                platform.write("PUT", "/v1/schools/190002", officer, "\"v1\"", closed)
                        .statusCode(),
                is(200));
        assertProblem(platform.write("PUT", "/v1/schools/190002", officer, "\"v1\"", closed), 412, "If-Match");
        assertThat(
                TestPlatform.json(platform.getAs(officer, "/v1/schools/190002"))
                        .get("status")
                        .asText(),
                is("closed"));
    }
}
