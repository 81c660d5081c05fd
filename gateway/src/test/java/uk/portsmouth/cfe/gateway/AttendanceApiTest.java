package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

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
 * Attendance end to end over real HTTP: a school's MIS pushes its roll and marks, reads measures, asks for its
 * meeting.
 */
class AttendanceApiTest {

    private static final String PUPILS = "/v1/schools/116000/pupils";
    private static final String MARKS = "/v1/schools/116000/attendance/marks";

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
        String rest = "851700026" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private static String pupil(int serial) {
        return "{\"upn\":\"" + upn(serial) + "\",\"given_name\":\"Sam\",\"family_name\":\"Test" + serial
                + "\",\"date_of_birth\":\"2017-03-04\",\"year_group\":4,\"sen_status\":\"none\"}";
    }

    private static String marks(int serial, String... codes) {
        List<String> marks = new ArrayList<>();
        String[] days = {"2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"};
        for (int i = 0; i < codes.length; i++) {
            marks.add("{\"upn\":\"" + upn(serial) + "\",\"date\":\"" + days[i / 2] + "\",\"session\":\""
                    + (i % 2 == 0 ? "AM" : "PM") + "\",\"code\":\"" + codes[i].replace("\\", "\\\\") + "\"}");
        }
        return "{\"marks\":[" + String.join(",", marks) + "]}";
    }

    private static HttpResponse<String> csv(String token, String body) {
        return platform.send(HttpRequest.newBuilder(platform.uri(MARKS))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theCodesArePublic() {
        JsonNode codes = TestPlatform.json(platform.get("/v1/attendance/codes"));
        assertThat(codes.get("codes").size(), is(34));
        assertThat(codes.get("retired").size(), is(3));
    }

    @Test
    void aSchoolPushesItsRollAndMarksAndReadsItsMeasures() {
        HttpResponse<String> roll =
                platform.write("POST", PUPILS, school, null, "{\"pupils\":[" + pupil(1) + "," + pupil(2) + "]}");
        assertThat(roll.body(), roll.statusCode(), is(200));
        assertThat(TestPlatform.json(roll).get("added").asInt(), is(2));

        HttpResponse<String> first = platform.write(
                "POST", MARKS, school, null, marks(1, "/", "\\", "/", "\\", "I", "I", "O", "O", "/", "\\"));
        assertThat(first.body(), first.statusCode(), is(200));
        assertThat(TestPlatform.json(first).get("recorded").asInt(), is(10));
        HttpResponse<String> replay = platform.write(
                "POST", MARKS, school, null, marks(1, "/", "\\", "/", "\\", "I", "I", "O", "O", "/", "\\"));
        assertThat(TestPlatform.json(replay).get("unchanged").asInt(), is(10));

        HttpResponse<String> fromCsv = csv(
                school,
                "upn,date,session,code,comment\n" + upn(2) + ",2026-11-16,AM,/,\n" + upn(2)
                        + ",2026-11-16,PM,M,\"dentist, 2pm\"\n");
        assertThat(fromCsv.body(), fromCsv.statusCode(), is(200));
        assertThat(TestPlatform.json(fromCsv).get("recorded").asInt(), is(2));

        JsonNode pupil = TestPlatform.json(
                platform.getAs(school, "/v1/schools/116000/attendance/pupils/" + upn(1) + "?from=2026-11-16"));
        assertThat(pupil.at("/measures/possible_sessions").asInt(), is(10));
        assertThat(pupil.at("/measures/absence_percent").asDouble(), closeTo(40.0, 1e-9));
        assertThat(pupil.at("/measures/persistently_absent").asBoolean(), is(true));
        JsonNode summary = TestPlatform.json(platform.getAs(school, "/v1/schools/116000/attendance/summary"));
        assertThat(summary.at("/overall/pupils").asInt() >= 2, is(true));
        JsonNode city = TestPlatform.json(platform.getAs(officer, "/v1/attendance/summary"));
        List<String> localities = new ArrayList<>();
        city.get("by_locality").forEach(g -> localities.add(g.get("group").asText()));
        assertThat(localities, hasItem("north"));
    }

    @Test
    void aBadBatchIsRefusedWholeNamingEveryBadMark() {
        platform.write("POST", PUPILS, school, null, "{\"pupils\":[" + pupil(3) + "]}");
        String bad = marks(3, "/", "H", "/", "\\")
                .replace("\"date\":\"2026-11-17\",\"session\":\"AM\"", "\"date\":\"2026-12-25\",\"session\":\"AM\"");
        HttpResponse<String> refused = platform.write(
                "POST",
                MARKS,
                school,
                null,
                bad.replace(upn(3) + "\",\"date\":\"2026-11-17\"", upn(98) + "\",\"date\":\"2026-11-17\""));
        assertProblem(refused, 400, "/marks/1/code");
        assertProblem(refused, 400, "/marks/2/date");
        assertProblem(refused, 400, "/marks/3/upn");
        JsonNode untouched =
                TestPlatform.json(platform.getAs(school, "/v1/schools/116000/attendance/pupils/" + upn(3)));
        assertThat(untouched.at("/measures/no_possible_sessions").asBoolean(), is(true));

        assertProblem(
                platform.write("POST", MARKS, school, null, "{\"marks\":[{\"upn\":\"x\"}]}"), 400, "/marks/0/date");
        assertProblem(csv(school, "upn,day,session,code\n"), 400, "/header");
        assertProblem(csv(school, "upn,date,session,code\n" + upn(3) + ",2026-11-16\n"), 400, "/marks/0");
        // one mark with two bad fields is one mark that cannot be recorded, with its two problems
        HttpResponse<String> oneMark = csv(school, "upn,date,session,code\n" + upn(3) + ",2026-12-25,AM,H\n");
        assertProblem(oneMark, 400, "/marks/0/date");
        assertProblem(oneMark, 400, "/marks/0/code");
        assertThat(
                TestPlatform.json(oneMark).get("detail").asText(),
                is("1 of the 1 marks cannot be recorded (2 problems); nothing was written"));
        assertProblem(
                platform.send(HttpRequest.newBuilder(platform.uri(MARKS))
                        .header("Content-Type", "text/plain")
                        .header("Authorization", "Bearer " + school)
                        .POST(HttpRequest.BodyPublishers.ofString("x"))),
                415,
                "Content-Type");
        assertProblem(
                platform.write(
                        "POST",
                        PUPILS,
                        school,
                        null,
                        "{\"pupils\":[" + pupil(4).replace(upn(4), "B801200005002") + "]}"),
                400,
                "/pupils/0/upn");
    }

    @Test
    void aSchoolSeesItsOwnPupilsOnlyAndPartnersNone() {
        assertProblem(
                platform.write("POST", "/v1/schools/116037/pupils", school, null, "{\"pupils\":[" + pupil(5) + "]}"),
                403,
                null);
        assertProblem(platform.getAs(school, "/v1/schools/116037/pupils"), 403, null);
        assertProblem(platform.getAs(school, "/v1/schools/116037/attendance/summary"), 403, null);
        assertProblem(platform.getAs(school, "/v1/attendance/summary"), 403, null);
        assertProblem(platform.getAs(platform.token("partner"), PUPILS), 403, null);
        assertProblem(
                platform.getAs(platform.token("professional"), "/v1/schools/116000/attendance/severe-absence"),
                403,
                null);
        assertProblem(platform.get(PUPILS), 401, null);
        assertProblem(platform.getAs(officer, "/v1/schools/999999/pupils"), 404, null);
    }

    @Test
    void severeAbsenceMakesTheSchoolsMeetingWithItsPupils() {
        platform.write("POST", PUPILS, school, null, "{\"pupils\":[" + pupil(6) + "]}");
        platform.write("POST", MARKS, school, null, marks(6, "O", "O", "I", "I", "/", "\\", "G", "G", "N", "N"));
        JsonNode severe = TestPlatform.json(platform.getAs(school, "/v1/schools/116000/attendance/severe-absence"));
        List<String> upns = new ArrayList<>();
        severe.get("pupils").forEach(p -> upns.add(p.at("/pupil/upn").asText()));
        assertThat(upns, hasItem(upn(6)));

        HttpResponse<String> requested = platform.write(
                "POST",
                "/v1/schools/116000/attendance/severe-absence/meeting",
                school,
                null,
                "{\"start\":\"2027-01-21T15:00\"}");
        assertThat(requested.body(), requested.statusCode(), is(201));
        String meetingId = TestPlatform.json(requested).get("meeting_id").asText();
        JsonNode meeting = TestPlatform.json(platform.getAs(school, "/v1/meetings/" + meetingId));
        List<String> inMeeting = new ArrayList<>();
        meeting.get("pupils").forEach(p -> inMeeting.add(p.get("upn").asText()));
        assertThat(inMeeting, hasItem(upn(6)));
        assertProblem(platform.get("/v1/meetings/" + meetingId), 404, null);
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/schools/116000/attendance/severe-absence/meeting",
                        school,
                        null,
                        "{\"start\":\"soon\"}"),
                400,
                "/start");
    }

    @Test
    void removalsFromRollAndChildrenMissingEducation() {
        platform.write(
                "POST", PUPILS, school, null, "{\"pupils\":[" + pupil(7) + "," + pupil(8) + "," + pupil(9) + "]}");
        String removals = "/v1/schools/116000/roll-removals";
        HttpResponse<String> moved = platform.write(
                "POST",
                removals,
                school,
                null,
                "{\"upn\":\"" + upn(7)
                        + "\",\"deletion_date\":\"2026-11-30\",\"ground\":\"a\",\"destination_urn\":\"116037\"}");
        assertThat(moved.body(), moved.statusCode(), is(201));
        assertThat(TestPlatform.json(moved).has("cme_case_id"), is(false));
        assertProblem(platform.write("POST", MARKS, school, null, marks(7, "/")), 400, "/marks/0/upn");

        String unknown = "{\"upn\":\"" + upn(8) + "\",\"deletion_date\":\"2026-11-30\",\"ground\":\"g\"}";
        JsonNode opened = TestPlatform.json(platform.write("POST", removals, school, null, unknown));
        String caseId = opened.get("cme_case_id").asText();
        assertThat(
                TestPlatform.json(platform.write("POST", removals, school, null, unknown))
                        .get("id")
                        .asText(),
                is(opened.get("id").asText()));
        JsonNode late = TestPlatform.json(
                platform.write(
                        "POST",
                        removals,
                        school,
                        null,
                        "{\"upn\":\"" + upn(9)
                                + "\",\"deletion_date\":\"2026-11-20\",\"ground\":\"a\",\"destination_name\":\"A school in Leeds\"}"));
        assertThat(late.get("late").asBoolean(), is(true));
        assertThat(late.has("cme_case_id"), is(true));
        assertProblem(
                platform.write("POST", removals, school, null, unknown.replace("\"g\"", "\"z\"")), 400, "/ground");
        assertProblem(platform.write("POST", "/v1/schools/116037/roll-removals", school, null, unknown), 403, null);

        assertProblem(platform.getAs(school, "/v1/attendance/cme-cases"), 403, null);
        List<String> open = new ArrayList<>();
        TestPlatform.json(platform.getAs(officer, "/v1/attendance/cme-cases?per_page=100"))
                .get("contents")
                .forEach(c -> open.add(c.get("id").asText()));
        assertThat(open, hasItem(caseId));
        assertThat(open.stream().filter(caseId::equals).count(), is(1L));

        String path = "/v1/attendance/cme-cases/" + caseId;
        assertProblem(platform.write("PATCH", path, officer, null, "{\"status\":\"found\"}"), 428, "If-Match");
        assertThat(
                platform.write(
                                "PATCH",
                                path,
                                officer,
                                "\"v1\"",
                                "{\"status\":\"found\",\"note\":\"Living with an aunt\"}")
                        .statusCode(),
                is(200));
        assertProblem(platform.write("PATCH", path, officer, "\"v1\"", "{\"status\":\"placed\"}"), 412, "If-Match");
        assertProblem(platform.write("PATCH", path, officer, "\"v2\"", "{\"status\":\"placed\"}"), 400, "/placed_urn");
        JsonNode placed = TestPlatform.json(
                platform.write("PATCH", path, officer, "\"v2\"", "{\"status\":\"placed\",\"placed_urn\":\"116037\"}"));
        assertThat(placed.get("timeline").size(), is(3));
        assertProblem(platform.write("PATCH", path, officer, "\"v3\"", "{\"status\":\"closed\"}"), 400, "/status");
        assertProblem(platform.write("PATCH", path, school, "\"v3\"", "{\"status\":\"closed\"}"), 403, null);
    }

    @Test
    void penaltyNoticeRequestsAndPanelReferralsRestOnTheMarks() {
        platform.write("POST", PUPILS, school, null, "{\"pupils\":[" + pupil(20) + "]}");
        platform.write("POST", MARKS, school, null, marks(20, "G", "G", "G", "G", "G", "G", "G", "G", "O", "O"));
        String legal = "{\"urn\":\"116000\",\"upn\":\"" + upn(20) + "\",\"from\":\"2026-11-16\",\"to\":\"2026-11-20\"}";
        HttpResponse<String> requested =
                platform.write("POST", "/v1/attendance/legal-action-requests", school, null, legal);
        assertThat(requested.body(), requested.statusCode(), is(201));
        JsonNode request = TestPlatform.json(requested);
        assertThat(request.get("unauthorised_leave_sessions").asInt(), is(8));
        assertThat(request.get("unauthorised_sessions_10_weeks").asInt(), is(10));
        assertThat(request.get("threshold_met").asBoolean(), is(true));
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/attendance/legal-action-requests",
                        school,
                        null,
                        legal.replace("116000", "116037")),
                403,
                null);
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/attendance/legal-action-requests",
                        school,
                        null,
                        legal.replace("2026-11-16", "2026-11-02").replace("2026-11-20", "2026-11-06")),
                400,
                "/from");
        List<String> ids = new ArrayList<>();
        TestPlatform.json(platform.getAs(school, "/v1/attendance/legal-action-requests"))
                .get("contents")
                .forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids, hasItem(request.get("id").asText()));
        String decision =
                "/v1/attendance/legal-action-requests/" + request.get("id").asText() + "/decision";
        assertProblem(
                platform.write("POST", decision, school, "\"v1\"", "{\"decision\":\"penalty_notice\"}"), 403, null);
        assertProblem(
                platform.write("POST", decision, officer, null, "{\"decision\":\"penalty_notice\"}"), 428, "If-Match");
        assertProblem(platform.write("POST", decision, officer, "\"v1\"", "{\"decision\":\"jail\"}"), 400, "/decision");
        assertThat(
                platform.write(
                                "POST",
                                decision,
                                officer,
                                "\"v1\"",
                                "{\"decision\":\"penalty_notice\",\"parent\":{\"name\":\"Pat Test\"}}")
                        .statusCode(),
                is(200));
        assertProblem(
                platform.write("POST", decision, officer, "\"v2\"", "{\"decision\":\"no_action\"}"), 400, "/decision");

        String evidence =
                "\"evidence\":{\"irregular_attendance_history\":\"Since Year 2\",\"parental_engagement\":\"Missed two meetings\","
                        + "\"interventions\":[{\"kind\":\"psp\",\"description\":\"Pastoral support plan\",\"effect\":\"None\"}]}";
        String body = "{\"urn\":\"116000\",\"upn\":\"" + upn(20) + "\"," + evidence + "}";
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/attendance/sap-referrals",
                        school,
                        null,
                        body.replace(
                                "[{\"kind\":\"psp\",\"description\":\"Pastoral support plan\",\"effect\":\"None\"}]",
                                "[]")),
                400,
                "/evidence/interventions");
        JsonNode referral =
                TestPlatform.json(platform.write("POST", "/v1/attendance/sap-referrals", school, null, body));
        assertThat(referral.get("family_has_fsp").asText(), is("no"));
        assertThat(referral.at("/attendance_at_referral/possible_sessions").asInt() >= 10, is(true));
        String actions = "/v1/attendance/sap-referrals/" + referral.get("id").asText() + "/actions";
        assertProblem(
                platform.write(
                        "POST",
                        actions,
                        officer,
                        "\"v1\"",
                        "{\"action\":\"schedule_panel\",\"panel_date\":\"2026-12-10\"}"),
                400,
                "/action");
        assertThat(
                platform.write("POST", actions, officer, "\"v1\"", "{\"action\":\"accept\"}")
                        .statusCode(),
                is(200));
        assertThat(
                platform.write(
                                "POST",
                                actions,
                                officer,
                                "\"v2\"",
                                "{\"action\":\"schedule_panel\",\"panel_date\":\"2026-12-10\"}")
                        .statusCode(),
                is(200));
        assertProblem(
                platform.write(
                        "POST",
                        actions,
                        officer,
                        "\"v3\"",
                        "{\"action\":\"record_outcome\",\"outcome\":\"attendance_contract\","
                                + "\"contract\":{\"target_percent\":190,\"monitoring_from\":\"2026-11-16\",\"monitoring_to\":\"2026-12-18\"}}"),
                400,
                "/contract/target_percent");
        JsonNode outcome = TestPlatform.json(
                platform.write(
                        "POST",
                        actions,
                        officer,
                        "\"v3\"",
                        "{\"action\":\"record_outcome\",\"outcome\":\"attendance_contract\","
                                + "\"contract\":{\"target_percent\":90,\"monitoring_from\":\"2026-11-16\",\"monitoring_to\":\"2026-12-18\"}}"));
        assertThat(outcome.get("timeline").size(), is(4));
        assertThat(outcome.at("/monitoring/possible_sessions").asInt(), is(10));
        assertThat(outcome.path("monitoring_target_met").asBoolean(false), is(false));
        JsonNode seenBySchool = TestPlatform.json(platform.getAs(
                school, "/v1/attendance/sap-referrals/" + referral.get("id").asText()));
        assertThat(seenBySchool.get("status").asText(), is("outcome_recorded"));
        assertProblem(platform.getAs(platform.token("partner"), "/v1/attendance/sap-referrals"), 403, null);
    }
}
