package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * Each malformed input found from outside, answered as a 4xx problem naming the right field,
 * with nothing written (the raw-HTTP ones are in {@link FuzzTest}).
 */
class BadInputTest {

    private static TestPlatform platform;
    private static String officer;
    private static String school;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        officer = platform.token("officer");
        school = platform.token("school");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String upn(int serial) {
        String rest = "851700031" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private static int teams() {
        return json(platform.getAs(officer, "/v1/contacts/teams?per_page=1"))
                .get("total_items")
                .asInt();
    }

    @Test
    void malformedJsonBodies() {
        int before = teams();
        assertProblem(
                platform.write("POST", "/v1/contacts/teams", officer, null, "[".repeat(5_000) + "]".repeat(5_000)),
                400,
                "/");
        assertProblem(
                platform.write(
                        "POST", "/v1/contacts/teams", officer, null, "{\"a\":".repeat(100) + "1" + "}".repeat(100)),
                400,
                "/");
        String team =
                "{\"name\":\"Bad input team\",\"purpose\":\"x\",\"tiers\":[2],\"contact_routes\":[{\"kind\":\"email\",\"unknown\":true}]}";
        assertProblem(platform.write("POST", "/v1/contacts/teams", officer, null, team + " trailing"), 400, "/");
        assertProblem(platform.write("POST", "/v1/contacts/teams", officer, null, team + team), 400, "/");
        assertProblem(
                platform.write(
                        "POST", "/v1/contacts/teams", officer, null, team.replace("Bad input team", "Bad\\u0000team")),
                400,
                "/name");
        assertProblem(
                platform.write(
                        "POST", "/v1/contacts/teams", officer, null, team.replace("Bad input team", "Bad\\ud800team")),
                400,
                "/name");
        assertThat(teams(), is(before));
    }

    @Test
    void integersDatesAndEmails() {
        String pupil = "{\"pupils\":[{\"upn\":\"" + upn(1)
                + "\",\"given_name\":\"Ann\",\"family_name\":\"Ray\",\"date_of_birth\":\"2017-03-04\","
                + "\"year_group\":4,\"sen_status\":\"none\"}]}";
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/schools/116000/pupils",
                        school,
                        null,
                        pupil.replace("\"year_group\":4", "\"year_group\":2147483648")),
                400,
                "/pupils/0/year_group");
        assertProblem(
                platform.write(
                        "POST", "/v1/schools/116000/pupils", school, null, pupil.replace("2017-03-04", "0000-03-04")),
                400,
                "/pupils/0/date_of_birth");
        assertProblem(
                platform.write(
                        "POST", "/v1/schools/116000/pupils", school, null, pupil.replace("2017-03-04", "+10000-03-04")),
                400,
                "/pupils/0/date_of_birth");
        // dates are read at the edge: a day that does not exist, or a number, is refused by its pointer
        for (String notADay : List.of("\"2017-02-29\"", "\"2017-3-4\"", "20170304")) {
            assertProblem(
                    platform.write(
                            "POST",
                            "/v1/schools/116000/pupils",
                            school,
                            null,
                            pupil.replace("\"2017-03-04\"", notADay)),
                    400,
                    "/pupils/0/date_of_birth");
        }
        assertProblem(platform.getAs(officer, "/v1/attendance/summary?from=2026-02-30"), 400, "from");
        assertProblem(platform.getAs(officer, "/v1/attendance/summary?to=1000-01-01"), 400, "to");
        assertProblem(platform.getAs(officer, "/v1/attendance/summary?to=-0001-01-01"), 400, "to");
        assertProblem(platform.getAs(officer, "/v1/contacts/teams?per_page=%D9%A1"), 400, "per_page"); // Arabic-Indic 1
        assertProblem(platform.getAs(officer, "/v1/contacts/teams?page=99999999999"), 400, "page");
        String registration = "{\"name\":\"Pat\",\"email\":\"pat-at-example\"}";
        String meeting = "/v1/meetings/school-attendance-network@2027-02-03T13:30/registrations";
        assertProblem(platform.write("POST", meeting, school, null, registration), 400, "/email");
        assertProblem(
                platform.write(
                        "POST",
                        meeting,
                        school,
                        null,
                        registration.replace("pat-at-example", "pat@ex\\u0000ample.org")),
                400,
                "/email");
    }

    /** Found by FuzzTest (seed 30297452615107): a page size over the maximum on a list the gateway pages itself. */
    /** A number beyond any range where an enumerated string belongs (a fuzz finding): 400 naming it. */
    @Test
    void aNumberBeyondAnyRangeInAnEnumField() {
        String school = platform.token("school");
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/attendance/isp-referrals",
                        school,
                        null,
                        "{\"urn\":\"116000\",\"upn\":\"fuzz\",\"requested_change\":\"either\",\"reasons\":\"x\","
                                + "\"tried\":[{\"kind\":1E+400}]}"),
                400,
                "/tried/0/kind");
    }

    /** An id of 4,000 characters is an id nothing has (a fuzz finding: the service's answer overflowed its trailer). */
    @Test
    void aVeryLongIdIsNotFound() {
        assertProblem(
                platform.getAs(platform.token("admin"), "/v1/schools/" + "x".repeat(4_000) + "/pupils"), 404, null);
    }

    /** Every bound the document gives a query parameter is enforced, every broken one named at once. */
    @Test
    void documentedQueryBoundsAreEnforced() {
        String officer = platform.token("officer");
        HttpResponse<String> yearGroup = platform.getAs(officer, "/v1/schools/116000/pupils?year_group=99");
        assertProblem(yearGroup, 400, "year_group");
        HttpResponse<String> several =
                platform.getAs(officer, "/v1/attendance/new-pupil-returns?status=lost&overdue=maybe&per_page=1000");
        assertProblem(several, 400, "status");
        assertProblem(several, 400, "overdue");
        assertProblem(several, 400, "per_page");
        // each list's status is its own set: another list's value is refused, not answered with nothing
        for (String path : List.of(
                "/v1/attendance/legal-action-requests?status=accepted",
                "/v1/attendance/sap-referrals?status=decided",
                "/v1/attendance/isp-referrals?status=outcome_recorded",
                "/v1/attendance/cme-cases?status=due")) {
            assertProblem(platform.getAs(officer, path), 400, "status");
        }
        assertThat(
                platform.getAs(officer, "/v1/schools/116000/pupils?year_group=14")
                        .statusCode(),
                is(200));
    }

    @Test
    void aPageTooLargeOnTheGatewaysOwnList() {
        assertProblem(platform.getAs(platform.token("admin"), "/v1/clients?per_page=100000"), 400, "per_page");
    }

    @Test
    void controlCharactersInQueries() {
        for (String path :
                List.of("/v1/contacts/teams?search=%00", "/v1/schools?search=a%00b", "/v1/glossary?search=%00")) {
            assertProblem(platform.getAs(officer, path), 400, "search");
        }
    }

    @Test
    void versionsMustBeExact() {
        String path = "/v1/contacts/teams/"
                + json(platform.getAs(officer, "/v1/contacts/teams?per_page=1"))
                        .at("/contents/0/id")
                        .asText();
        HttpResponse<String> team = platform.getAs(officer, path);
        com.fasterxml.jackson.databind.node.ObjectNode body =
                (com.fasterxml.jackson.databind.node.ObjectNode) json(team);
        body.remove(List.of("id", "last_modified"));
        assertProblem(platform.write("PUT", path, officer, "\"v0\"", body.toString()), 412, "If-Match");
        assertThat(
                platform.getAs(officer, path).headers().firstValue("ETag"),
                is(team.headers().firstValue("ETag")));
    }

    @Test
    void largeErrorListsAreBoundedAndCounted() {
        List<String> pupils = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            pupils.add("{\"upn\":\"" + upn(i)
                    + "\",\"given_name\":\"A\",\"family_name\":\"B\",\"date_of_birth\":\"2017-03-04\",\"year_group\":99,"
                    + "\"sen_status\":\"none\"}");
        }
        HttpResponse<String> refused = platform.write(
                "POST", "/v1/schools/116000/pupils", school, null, "{\"pupils\":[" + String.join(",", pupils) + "]}");
        assertProblem(refused, 400, "/pupils/0/year_group");
        JsonNode problem = json(refused);
        assertThat(problem.get("errors").size() <= 50, is(true));
        // the rest are counted, by the gateway or (through the 8 KiB gRPC trailer) by the service
        JsonNode last = problem.get("errors").get(problem.get("errors").size() - 1);
        assertThat(
                refused.body(),
                problem.path("errors_not_shown").asInt() > 0
                        || last.get("detail").asText().contains("more errors not shown"),
                is(true));
        assertThat(refused.body().length(), lessThan(16_384));
    }

    @Test
    void csvMarksThatAreNotCsv() {
        for (String body : List.of(
                "upn,,date,session,code\n", "", "\n\n", "upn,date,session,code," + "x".repeat(1_500_000) + "\n")) {
            HttpResponse<String> refused =
                    platform.send(HttpRequest.newBuilder(platform.uri("/v1/schools/116000/attendance/marks"))
                            .header("Content-Type", "text/csv")
                            .header("Authorization", "Bearer " + school)
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertProblem(refused, 400, null);
            assertThat(refused.body().length(), lessThan(16_384));
        }
    }

    @Test
    void aMissingSchoolIsNotFound() {
        String removal = "{\"upn\":\"" + upn(1) + "\",\"deletion_date\":\"2026-11-30\",\"ground\":\"g\"}";
        assertProblem(platform.write("POST", "/v1/schools/999999/roll-removals", officer, null, removal), 404, null);
        assertProblem(platform.getAs(officer, "/v1/schools/999999/roll-removals"), 404, null);
    }

    @Test
    void theTokenFormIsSmallAndWellFormed() {
        HttpResponse<String> huge = platform.send(HttpRequest.newBuilder(platform.uri("/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&x=" + "a".repeat(1_048_576))));
        assertProblem(huge, 413, null);
        HttpResponse<String> badEscape = platform.send(HttpRequest.newBuilder(platform.uri("/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=%zz")));
        assertProblem(badEscape, 400, null);
    }
}
