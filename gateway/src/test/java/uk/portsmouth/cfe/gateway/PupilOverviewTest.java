package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * The pupil overview (the Vulnerable Tracking Portal): composed from three services, a school's
 * own pupils only, the co-ordinator shown only while consent stands, audited, and still answering
 * when one service is down.
 */
class PupilOverviewTest {

    private static TestPlatform platform;
    private static String school;
    private static String upn;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        school = platform.token("school");
        upn = json(platform.getAs(school, "/v1/schools/116000/pupils?per_page=1"))
                .get("contents")
                .get(0)
                .get("upn")
                .asText();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aSchoolSeesItsPupilAtAGlance() {
        // the child is in a draft plan recorded at the school: known to the school, the co-ordinator not yet
        String plan = "{\"family\":{\"family_name\":\"Overview\",\"address\":{\"lines\":[\"2 Test Street\"],"
                + "\"postcode\":\"PO4 0AA\",\"locality\":\"south\"},\"children\":[{\"given_name\":\"Kai\","
                + "\"family_name\":\"Overview\",\"date_of_birth\":\"2017-03-04\",\"upn\":\"" + upn
                + "\",\"school_urn\":\"116000\"}],\"adults\":[{\"given_name\":\"Ola\",\"family_name\":\"Overview\","
                + "\"relationship\":\"mother\"}]},\"tier\":2,\"aspects\":[{\"aspect_id\":\"getting-a-good-education\","
                + "\"strengths\":\"x\",\"needs\":\"y\",\"focus\":true}]}";
        assertThat(
                platform.write("POST", "/v1/fsps", platform.token("lead"), null, plan)
                        .statusCode(),
                is(201));

        HttpResponse<String> response = platform.getAs(school, "/v1/schools/116000/pupils/" + upn + "/overview");
        assertThat(response.body(), response.statusCode(), is(200));
        JsonNode overview = json(response);
        assertThat(overview.get("attendance").get("pupil").get("upn").asText(), is(upn));
        assertThat(overview.get("attendance").get("year_to_date").has("attendance_percent"), is(true));
        // counts are JSON integers, and present when zero
        JsonNode year = overview.get("attendance").get("year_to_date");
        assertThat(year.get("possible_sessions").isIntegralNumber(), is(true));
        assertThat(year.get("approved_activity").isIntegralNumber(), is(true));
        assertThat(year.get("severely_absent").isBoolean(), is(true));
        assertThat(overview.get("family_support_plan").get("has_plan").asBoolean(), is(true));
        assertThat(overview.get("family_support_plan").has("coordinator_name"), is(false));
        assertThat(overview.get("severe_absence_meetings").isObject(), is(true));
        assertThat(overview.get("not_yet_held").size(), greaterThan(0));

        JsonNode audited = json(platform.getAs(
                        platform.token("dpo"), "/v1/audit?action=read-pupil-overview&subject=upn:" + upn))
                .get("events");
        assertThat(audited.size(), greaterThan(0));
    }

    @Test
    void anotherSchoolsPupilIsRefusedAndTheLaSeesAny() {
        assertProblem(platform.getAs(school, "/v1/schools/116037/pupils/" + upn + "/overview"), 403, null);
        assertProblem(platform.getAs(school, "/v1/schools/116037/overview"), 403, null);
        assertProblem(platform.getAs(platform.token("professional"), "/v1/schools/116000/overview"), 403, null);
        assertThat(
                platform.getAs(platform.token("officer"), "/v1/schools/116000/pupils/" + upn + "/overview")
                        .statusCode(),
                is(200));
        assertProblem(platform.getAs(school, "/v1/schools/116000/pupils/A000000000000/overview"), 404, null);
    }

    @Test
    void theSchoolDashboardCounts() {
        HttpResponse<String> response = platform.getAs(school, "/v1/schools/116000/overview");
        assertThat(response.body(), response.statusCode(), is(200));
        JsonNode overview = json(response);
        assertThat(overview.get("attendance").has("pupils"), is(true));
        assertThat(overview.get("sap_referrals_open").isNumber(), is(true));
        assertThat(overview.get("legal_action_requests_awaiting_decision").isNumber(), is(true));
        assertThat(overview.get("severe_absence_meetings_upcoming").isNumber(), is(true));
    }

    @Test
    void aServiceDownLeavesItsSectionUnavailableAndTheRestAnswers() {
        TestPlatform degraded = TestPlatform.start(Telemetry.noop());
        try {
            String token = degraded.token("school");
            String pupil = json(degraded.getAs(token, "/v1/schools/116000/pupils?per_page=1"))
                    .get("contents")
                    .get(0)
                    .get("upn")
                    .asText();
            degraded.fsp.close();
            JsonNode overview = json(degraded.getAs(token, "/v1/schools/116000/pupils/" + pupil + "/overview"));
            assertThat(overview.get("family_support_plan").get("available").asBoolean(), is(false));
            assertThat(overview.get("attendance").get("pupil").get("upn").asText(), is(pupil));
        } finally {
            degraded.close();
        }
    }
}
