package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * The Inclusion Support Panel end to end over real HTTP: a school refers its pupil, the LA schedules the panel
 * and records a dual registration, and the decision shows in both registers and the pupil overview. (The D
 * marks on later days are tested where the clock can move: InclusionPanelGrpcServiceTest.)
 */
class InclusionPanelApiTest {

    private static final String REFERRALS = "/v1/attendance/isp-referrals";
    private static final String TODAY = "2026-11-28";

    private static TestPlatform platform;
    private static String school;
    private static String officer;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        school = platform.token("school");
        officer = platform.token("officer");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String upn(int serial) {
        String rest = "851700030" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private static String referral(int serial) {
        return "{\"urn\":\"116000\",\"upn\":\"" + upn(serial) + "\",\"requested_change\":\"dual_registration\","
                + "\"reasons\":\"Overwhelmed by the full timetable\",\"tried\":[{\"kind\":\"psp\",\"description\":"
                + "\"Pastoral support plan\",\"effect\":\"Little change\"}],\"pupil_and_parent_views\":\"Both keen\"}";
    }

    @Test
    void aSchoolRefersAndTheDecisionReachesBothRegisters() {
        String pupil = "{\"upn\":\"" + upn(1) + "\",\"given_name\":\"Kit\",\"family_name\":\"Panel\","
                + "\"date_of_birth\":\"2015-06-07\",\"year_group\":6,\"sen_status\":\"sen_support\",\"admission_date\":\"2021-09-01\"}";
        assertThat(
                platform.write("POST", "/v1/schools/116000/pupils", school, null, "{\"pupils\":[" + pupil + "]}")
                        .statusCode(),
                is(200));
        assertProblem(
                platform.write(
                        "POST", REFERRALS, school, null, referral(1).replace("\"tried\":[{", "\"tried\":[],\"x\":[{")),
                400,
                null);
        assertProblem(
                platform.write(
                        "POST", REFERRALS, school, null, referral(1).replace("Overwhelmed by the full timetable", " ")),
                400,
                "/reasons");
        assertProblem(
                platform.write("POST", REFERRALS, school, null, referral(1).replace("116000", "116037")), 403, null);
        HttpResponse<String> created = platform.write("POST", REFERRALS, school, null, referral(1));
        assertThat(created.body(), created.statusCode(), is(201));
        JsonNode referral = TestPlatform.json(created);
        String id = referral.get("id").asText();
        assertThat(referral.get("status").asText(), is("referred"));
        assertThat(referral.has("attendance_at_referral"), is(true));
        assertThat(created.headers().firstValue("Location").orElseThrow(), is(REFERRALS + "/" + id));

        String actions = REFERRALS + "/" + id + "/actions";
        assertProblem(
                platform.write("POST", actions, school, "\"v1\"", "{\"action\":\"decline\",\"note\":\"x\"}"),
                403,
                null);
        assertProblem(
                platform.write("POST", actions, officer, null, "{\"action\":\"decline\",\"note\":\"x\"}"),
                428,
                "If-Match");
        assertProblem(
                platform.write(
                        "POST",
                        actions,
                        officer,
                        "\"v1\"",
                        "{\"action\":\"record_decision\",\"decision\":\"no_change\"}"),
                400,
                "/action");
        // a rule's problem (a dual registration names its arrangement) comes with the shape's (a note is text)
        HttpResponse<String> several = platform.write(
                "POST",
                actions,
                officer,
                "\"v1\"",
                "{\"action\":\"record_decision\",\"decision\":\"dual_registration\",\"note\":5}");
        assertProblem(several, 400, "/dual_registration");
        assertProblem(several, 400, "/note");
        JsonNode scheduled = TestPlatform.json(platform.write(
                "POST",
                actions,
                officer,
                "\"v1\"",
                "{\"action\":\"schedule_panel\",\"panel_date\":\"" + TODAY + "\"}"));
        assertThat(scheduled.get("status").asText(), is("panel_scheduled"));
        String dual = "{\"action\":\"record_decision\",\"decision\":\"dual_registration\",\"dual_registration\":"
                + "{\"provider_urn\":\"117070\",\"start_date\":\"2026-11-30\",\"end_date\":\"2027-02-12\","
                + "\"sessions\":[{\"day\":\"monday\",\"session\":\"AM\"},{\"day\":\"thursday\",\"session\":\"PM\"}]}}";
        assertProblem(
                platform.write("POST", actions, officer, "\"v2\"", dual.replace("117070", "999999")),
                400,
                "/dual_registration/provider_urn");
        HttpResponse<String> decided = platform.write("POST", actions, officer, "\"v2\"", dual);
        assertThat(decided.body(), decided.statusCode(), is(200));
        assertThat(
                TestPlatform.json(decided)
                        .at("/dual_registration/provider_name")
                        .asText(),
                is("Clipper Special School"));
        assertThat(decided.headers().firstValue("ETag").orElseThrow(), is("\"v3\""));

        // the other setting's roll holds the pupil from the start date, and it owes the LA a new pupil's return
        JsonNode roll = TestPlatform.json(platform.getAs(officer, "/v1/schools/117070/pupils?per_page=100"));
        boolean enrolled = false;
        for (JsonNode p : roll.get("contents")) {
            enrolled |= p.get("upn").asText().equals(upn(1))
                    && p.get("admission_date").asText().equals("2026-11-30");
        }
        assertThat(enrolled, is(true));
        assertThat(
                platform.getAs(officer, "/v1/attendance/new-pupil-returns/117070:" + upn(1) + ":2026-11-30")
                        .statusCode(),
                is(200));
        // the main school's view of its pupil shows the decision
        JsonNode overview =
                TestPlatform.json(platform.getAs(school, "/v1/schools/116000/pupils/" + upn(1) + "/overview"));
        assertThat(overview.at("/attendance/isp_referral/status").asText(), is("decided"));
        assertThat(overview.at("/attendance/isp_referral/detail").asText(), is("dual_registration"));
        // and its list; another school sees nothing of it
        JsonNode own = TestPlatform.json(platform.getAs(school, REFERRALS));
        assertThat(own.get("contents").get(0).get("id").asText(), is(id));
        assertThat(
                TestPlatform.json(platform.getAs(officer, REFERRALS + "?status=decided"))
                        .get("contents")
                        .size(),
                is(1));
        assertProblem(platform.getAs(platform.token("partner"), REFERRALS + "/" + id), 403, null);
    }
}
