package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * Parents' absence reports end to end through the gateway (#17): a parents' app's journey (report,
 * guidance, read back, still ill, back, cancel), the school's matching, review and marks, the LA's
 * counts and outbreak alerts, and every refusal: the wrong role, the wrong school, another app's
 * report, bad input. The app never learns whether a child is on the roll. "Today" is Saturday
 * 2026-11-28 (TestPlatform's fixed clock for the attendance service).
 */
class AbsenceReportsApiTest {

    private static final String SCHOOL = "116000";
    private static final String REPORTS = "/v1/absence-reports";
    private static final String AT_SCHOOL = "/v1/schools/" + SCHOOL + "/absence-reports";

    private static TestPlatform platform;
    private static String app;
    private static String otherApp;
    private static String school;
    private static String officer;
    private static JsonNode pupil;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        app = platform.token("parent-app");
        otherApp = platform.token("other-parent-app");
        school = platform.token("school");
        officer = platform.token("officer");
        pupil = json(platform.getAs(school, "/v1/schools/" + SCHOOL + "/pupils?per_page=1"))
                .get("contents")
                .get(0);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String report(
            String urn, String given, String family, String born, String firstDay, String reason, String category) {
        return "{\"school_urn\":\"" + urn + "\",\"child\":{\"given_name\":\"" + given + "\",\"family_name\":\""
                + family + "\",\"date_of_birth\":\"" + born + "\"},\"reporter\":{\"name\":\"Alex Parent\","
                + "\"relationship\":\"parent\",\"phone\":\"023 9200 0000\"},\"first_day\":\"" + firstDay
                + "\",\"expected_return\":\"2026-12-01\",\"reason\":\"" + reason + "\""
                + (category.isEmpty() ? "" : ",\"symptom_category\":\"" + category + "\"") + "}";
    }

    private static String ofPupil(String firstDay, String reason, String category) {
        return report(
                SCHOOL,
                pupil.get("given_name").asText(),
                pupil.get("family_name").asText(),
                pupil.get("date_of_birth").asText(),
                firstDay,
                reason,
                category);
    }

    private static HttpResponse<String> create(String token, String body) {
        return platform.write("POST", REPORTS, token, null, body);
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static JsonNode atSchool(String id) {
        return json(platform.getAs(school, AT_SCHOOL + "/" + id));
    }

    @Test
    void theAppReportsGetsTheGuidanceAndUpdatesItsOwnReport() {
        HttpResponse<String> created = create(app, ofPupil("2026-11-26", "illness", "diarrhoea_and_vomiting"));
        assertThat(created.body(), created.statusCode(), is(201));
        JsonNode report = json(created);
        String id = report.get("id").asText();
        assertThat(created.headers().firstValue("Location").orElse(""), is(REPORTS + "/" + id));
        assertThat(report.get("status").asText(), is("reported"));
        assertThat(report.at("/guidance/exclusion_hours").asInt(), is(48));
        assertThat(report.at("/guidance/keep_off").asBoolean(), is(true));
        assertThat(report.at("/guidance/source").asText(), containsString("UK Health Security Agency"));
        assertThat(report.has("match"), is(false));
        assertThat(created.headers().firstValue("Cache-Control").orElse(""), is("no-store"));

        HttpResponse<String> read = platform.getAs(app, REPORTS + "/" + id);
        assertThat(read.statusCode(), is(200));
        assertThat(
                json(read).get("child").get("family_name").asText(),
                is(pupil.get("family_name").asText()));
        assertThat(ids(json(platform.getAs(app, REPORTS))), hasItem(id));

        // still ill: a new expected return (If-Match keeps two devices from crossing)
        HttpResponse<String> stillIll =
                platform.write("PATCH", REPORTS + "/" + id, app, etag(read), "{\"expected_return\":\"2026-12-02\"}");
        assertThat(stillIll.body(), stillIll.statusCode(), is(200));
        assertThat(json(stillIll).get("expected_return").asText(), is("2026-12-02"));
        assertProblem(
                platform.write("PATCH", REPORTS + "/" + id, app, etag(read), "{\"returned_on\":\"2026-11-30\"}"),
                412,
                null);
        HttpResponse<String> back = platform.write(
                "PATCH",
                REPORTS + "/" + id,
                app,
                etag(stillIll),
                "{\"returned_on\":\"2026-11-30\",\"note\":\"better\"}");
        assertThat(json(back).get("returned_on").asText(), is("2026-11-30"));

        // another app neither reads nor changes it, nor lists it
        assertProblem(platform.getAs(otherApp, REPORTS + "/" + id), 404, null);
        assertProblem(
                platform.write("PATCH", REPORTS + "/" + id, otherApp, etag(back), "{\"cancelled\":true}"), 404, null);
        assertThat(ids(json(platform.getAs(otherApp, REPORTS))), not(hasItem(id)));
        assertThat(json(platform.getAs(app, REPORTS + "/" + id)).get("status").asText(), is("reported"));
    }

    @Test
    void theAppLearnsNothingAboutTheRoll() {
        HttpResponse<String> known = create(app, ofPupil("2026-11-30", "illness", "high_temperature"));
        HttpResponse<String> unknown = create(
                app, report(SCHOOL, "Nobody", "Knownhere", "2017-01-01", "2026-11-30", "illness", "high_temperature"));
        assertThat(known.statusCode(), is(201));
        assertThat(unknown.statusCode(), is(201));
        List<String> knownFields = new ArrayList<>();
        json(known).fieldNames().forEachRemaining(knownFields::add);
        List<String> unknownFields = new ArrayList<>();
        json(unknown).fieldNames().forEachRemaining(unknownFields::add);
        assertThat(unknownFields, is(knownFields));
        // the school sees both, matched and not
        JsonNode matched = atSchool(json(known).get("id").asText());
        assertThat(matched.at("/match/status").asText(), is("matched"));
        assertThat(matched.at("/match/upn").asText(), is(pupil.get("upn").asText()));
        assertThat(
                atSchool(json(unknown).get("id").asText()).at("/match/status").asText(), is("not_found"));
    }

    @Test
    void theSchoolReviewsAndHasTheMarksRecorded() {
        String id = json(create(app, ofPupil("2026-11-26", "illness", "flu")))
                .get("id")
                .asText();
        HttpResponse<String> read = platform.getAs(school, AT_SCHOOL + "/" + id);
        assertThat(read.statusCode(), is(200));
        assertProblem(
                platform.write(
                        "POST", AT_SCHOOL + "/" + id + "/review", school, etag(read), "{\"decision\":\"queried\"}"),
                400,
                "/note");
        HttpResponse<String> reviewed = platform.write(
                "POST",
                AT_SCHOOL + "/" + id + "/review",
                school,
                etag(read),
                "{\"decision\":\"queried\",\"note\":\"Please ring the office\"}");
        assertThat(reviewed.body(), reviewed.statusCode(), is(200));
        JsonNode seenByApp = json(platform.getAs(app, REPORTS + "/" + id));
        assertThat(seenByApp.get("status").asText(), is("queried"));
        assertThat(seenByApp.get("school_note").asText(), is("Please ring the office"));

        // Thursday and Friday (the child is expected back on Tuesday; today is Saturday): 4 sessions of I
        HttpResponse<String> marks = platform.write("POST", AT_SCHOOL + "/" + id + "/marks", school, null, "{}");
        assertThat(marks.body(), marks.statusCode(), is(200));
        JsonNode recorded = json(marks);
        assertThat(recorded.get("code").asText(), is("I"));
        assertThat(recorded.get("sessions").asInt(), is(4));
        assertThat(
                recorded.path("recorded").asInt()
                        + recorded.path("corrected").asInt()
                        + recorded.path("unchanged").asInt(),
                is(4));
        assertThat(
                recorded.at("/report/marks_recorded_upn").asText(),
                is(pupil.get("upn").asText()));
        JsonNode again = json(platform.write("POST", AT_SCHOOL + "/" + id + "/marks", school, null, "{}"));
        assertThat(again.path("unchanged").asInt(), is(4));
        JsonNode register = json(platform.getAs(
                school,
                "/v1/schools/" + SCHOOL + "/attendance/pupils/"
                        + pupil.get("upn").asText() + "?from=2026-11-26&to=2026-11-27"));
        assertThat(register.toString(), containsString("\"I\""));
        // the report is the child's personal data: subject access finds it by the roll's name and birth date
        HttpResponse<String> subjectAccess = platform.getAs(
                platform.token("dpo"),
                "/v1/subject-access?upn=" + pupil.get("upn").asText());
        assertThat(subjectAccess.body(), subjectAccess.statusCode(), is(200));
        assertThat(subjectAccess.body(), containsString("\"absence_reports\""));
        assertThat(subjectAccess.body(), containsString("Please ring the office"));

        String appointment = json(create(app, ofPupil("2026-11-27", "medical_appointment", "")))
                .get("id")
                .asText();
        assertThat(
                json(platform.write("POST", AT_SCHOOL + "/" + appointment + "/marks", school, null, "{}"))
                        .get("code")
                        .asText(),
                is("M"));
        String other =
                json(create(app, ofPupil("2026-11-27", "other", ""))).get("id").asText();
        assertProblem(platform.write("POST", AT_SCHOOL + "/" + other + "/marks", school, null, "{}"), 409, null);
    }

    @Test
    void anAmbiguousMatchNeedsTheSchoolToSayWhichPupil() {
        String first = upn(901);
        String second = upn(902);
        String twins = "{\"pupils\":[" + twin(first) + "," + twin(second) + "]}";
        assertThat(
                platform.write("POST", "/v1/schools/" + SCHOOL + "/pupils", school, null, twins)
                        .statusCode(),
                is(200));
        String id = json(create(app, report(SCHOOL, "Sam", "Twin", "2018-02-02", "2026-11-27", "illness", "flu")))
                .get("id")
                .asText();
        JsonNode seen = atSchool(id);
        assertThat(seen.at("/match/status").asText(), is("ambiguous"));
        assertThat(seen.at("/match/candidates").asInt(), is(2));
        assertProblem(platform.write("POST", AT_SCHOOL + "/" + id + "/marks", school, null, "{}"), 409, "/upn");
        assertProblem(
                platform.write("POST", AT_SCHOOL + "/" + id + "/marks", school, null, "{\"upn\":\"" + upn(903) + "\"}"),
                400,
                "/upn");
        HttpResponse<String> chosen =
                platform.write("POST", AT_SCHOOL + "/" + id + "/marks", school, null, "{\"upn\":\"" + second + "\"}");
        assertThat(chosen.body(), chosen.statusCode(), is(200));
        assertThat(json(chosen).at("/report/marks_recorded_upn").asText(), is(second));
    }

    @Test
    void theLaSeesCountsWithoutNamesAndAnOutbreak() {
        String second = json(platform.getAs(officer, "/v1/schools?per_page=2"))
                .get("contents")
                .get(1)
                .get("urn")
                .asText();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> created = create(
                    app,
                    report(
                            second,
                            "Child" + (char) ('A' + i),
                            "Sick",
                            "2017-0" + (i + 1) + "-10",
                            i < 3 ? "2026-11-25" : "2026-11-27",
                            "illness",
                            "chickenpox"));
            assertThat(created.body(), created.statusCode(), is(201));
        }
        HttpResponse<String> summary = platform.getAs(officer, "/v1/attendance/illness?from=2026-11-16&to=2026-11-28");
        assertThat(summary.body(), summary.statusCode(), is(200));
        JsonNode body = json(summary);
        List<String> alerts = new ArrayList<>();
        body.get("alerts")
                .forEach(a -> alerts.add(
                        a.get("urn").asText() + "/" + a.get("symptom_category").asText()));
        assertThat(alerts, hasItem(second + "/chickenpox"));
        assertThat(body.get("alert_threshold").asInt(), is(5));
        boolean countedByDay = false;
        for (JsonNode day : body.get("by_day")) {
            countedByDay |= day.get("date").asText().equals("2026-11-25")
                    && day.get("symptom_category").asText().equals("chickenpox")
                    && day.get("reports").asInt() >= 3;
        }
        assertThat(countedByDay, is(true));
        assertThat(summary.body(), not(containsString("Sick")));
        assertThat(summary.body(), not(containsString(pupil.get("family_name").asText())));
        // the counts are the LA's only
        assertProblem(platform.getAs(school, "/v1/attendance/illness"), 403, null);
        assertProblem(platform.getAs(app, "/v1/attendance/illness"), 403, null);
        assertProblem(platform.getAs(officer, "/v1/attendance/illness?from=2026-01-01&to=2026-11-28"), 400, "from");
    }

    @Test
    void whoMayNotCall() {
        String id = json(create(app, ofPupil("2026-11-30", "illness", "head_lice")))
                .get("id")
                .asText();
        // the app reads no register, no school's list, no pupil
        assertProblem(platform.getAs(app, AT_SCHOOL), 403, null);
        assertProblem(platform.getAs(app, AT_SCHOOL + "/" + id), 403, null);
        assertProblem(platform.getAs(app, "/v1/schools/" + SCHOOL + "/pupils"), 403, null);
        // only an app reports, and reads back its reports
        assertProblem(create(school, ofPupil("2026-11-30", "illness", "flu")), 403, null);
        assertProblem(create(null, ofPupil("2026-11-30", "illness", "flu")), 401, null);
        assertProblem(platform.getAs(officer, REPORTS + "/" + id), 403, null);
        assertProblem(platform.getAs(platform.token("partner"), AT_SCHOOL), 403, null);
        // a school reads its own school's reports only; the LA reads any school's
        String otherSchool = json(platform.getAs(officer, "/v1/schools?per_page=3"))
                .get("contents")
                .get(2)
                .get("urn")
                .asText();
        assertProblem(platform.getAs(school, "/v1/schools/" + otherSchool + "/absence-reports"), 403, null);
        assertThat(platform.getAs(officer, AT_SCHOOL + "/" + id).statusCode(), is(200));
        // a report of another school is not found under this one
        assertProblem(platform.getAs(officer, "/v1/schools/" + otherSchool + "/absence-reports/" + id), 404, null);
        // the guidance is public
        assertThat(platform.get(REPORTS + "/guidance").statusCode(), is(200));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertProblem(create(app, "{\"school_urn\":\"" + SCHOOL + "\"}"), 400, null);
        assertProblem(create(app, ofPupil("2026-12-07", "illness", "flu")), 400, "/first_day"); // 6 school days ahead
        assertProblem(create(app, ofPupil("2026-11-28", "illness", "flu")), 400, "/first_day"); // a Saturday
        assertProblem(create(app, ofPupil("2026-11-02", "illness", "flu")), 400, "/first_day"); // over 14 days ago
        assertProblem(create(app, ofPupil("2026-11-30", "illness", "")), 400, "/symptom_category");
        // a shape problem and a rule's problem in one answer, and a character no field takes with them
        HttpResponse<String> several = create(
                app,
                ofPupil("2026-11-30", "illness", "")
                        .replaceAll(",\"date_of_birth\":\"[0-9-]+\"", "")
                        .replace("Alex Parent", "Alex\\u0007Parent"));
        assertProblem(several, 400, "/child/date_of_birth");
        assertProblem(several, 400, "/symptom_category");
        assertProblem(several, 400, "/reporter/name");
        assertThat(
                TestPlatform.json(several).get("detail").asText(),
                is("The body does not match the AbsenceReportInput schema"));
        assertProblem(create(app, ofPupil("2026-11-30", "illness", "dragon_pox")), 400, "/symptom_category");
        assertProblem(create(app, ofPupil("2026-11-30", "other", "flu")), 400, "/symptom_category");
        assertProblem(
                create(app, ofPupil("2026-11-30", "illness", "flu").replace("2026-12-01", "2026-11-30")),
                400,
                "/expected_return");
        assertProblem(
                create(app, ofPupil("2026-11-30", "illness", "flu").replace("\"" + SCHOOL + "\"", "\"999999\"")),
                400,
                "/school_urn");
        assertProblem(
                create(
                        app,
                        ofPupil("2026-11-30", "illness", "flu").replace("\"child\":{", "\"child\":{\"upn\":\"A1\",")),
                400,
                "/child/upn");
        assertProblem(
                create(
                        app,
                        ofPupil("2026-11-30", "illness", "flu")
                                .replace("\"phone\":\"023 9200 0000\"", "\"phone\":\"\"")),
                400,
                "/reporter/phone");
        assertProblem(
                create(
                        app,
                        ofPupil("2026-11-30", "illness", "flu")
                                .replace("{\"school_urn\"", "{\"extra\":1,\"school_urn\"")),
                400,
                null);
        HttpResponse<String> created = create(app, ofPupil("2026-11-30", "illness", "flu"));
        String id = json(created).get("id").asText();
        assertProblem(
                platform.write(
                        "PATCH",
                        REPORTS + "/" + id,
                        app,
                        etag(created),
                        "{\"returned_on\":\"2026-12-01\",\"expected_return\":\"2026-12-02\"}"),
                400,
                "/returned_on");
        assertProblem(platform.write("PATCH", REPORTS + "/" + id, app, null, "{\"cancelled\":true}"), 428, null);
        assertProblem(platform.getAs(app, REPORTS + "?modified_after=yesterday"), 400, "modified_after");
        assertProblem(platform.getAs(school, AT_SCHOOL + "?status=lost"), 400, "status");
        assertProblem(platform.getAs(school, AT_SCHOOL + "?from=2026-11-30&to=2026-11-01"), 400, "to");
        // years at the edge of what a date can hold are refused, never overflow
        assertProblem(platform.getAs(officer, "/v1/attendance/illness?to=-999999999-01-01"), 400, "to");
        assertProblem(platform.getAs(officer, "/v1/attendance/illness?from=%2B999999999-12-31"), 400, "from");
        assertProblem(
                create(app, ofPupil("2026-11-30", "illness", "flu").replace("2026-12-01", "+999999999-12-31")),
                400,
                null);
    }

    @Test
    void aCancelledReportStaysCancelled() {
        HttpResponse<String> created = create(app, ofPupil("2026-11-27", "illness", "conjunctivitis"));
        String id = json(created).get("id").asText();
        HttpResponse<String> cancelled =
                platform.write("PATCH", REPORTS + "/" + id, app, etag(created), "{\"cancelled\":true}");
        assertThat(json(cancelled).get("status").asText(), is("cancelled"));
        assertProblem(
                platform.write("PATCH", REPORTS + "/" + id, app, etag(cancelled), "{\"returned_on\":\"2026-11-30\"}"),
                409,
                null);
        HttpResponse<String> read = platform.getAs(school, AT_SCHOOL + "/" + id);
        assertProblem(
                platform.write(
                        "POST",
                        AT_SCHOOL + "/" + id + "/review",
                        school,
                        etag(read),
                        "{\"decision\":\"acknowledged\"}"),
                409,
                null);
        assertProblem(platform.write("POST", AT_SCHOOL + "/" + id + "/marks", school, null, "{}"), 409, null);
    }

    @Test
    void anMisPollsForWhatChangedAndARetryIsOneReport() {
        HttpRequest.Builder post = HttpRequest.newBuilder(platform.uri(REPORTS))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + app)
                .header("Idempotency-Key", "report-once")
                .POST(HttpRequest.BodyPublishers.ofString(ofPupil("2026-11-30", "illness", "mumps")));
        HttpResponse<String> first = platform.send(post);
        HttpResponse<String> retry = platform.send(post);
        assertThat(retry.headers().firstValue("Idempotent-Replayed").orElse(""), is("true"));
        assertThat(json(retry).get("id").asText(), is(json(first).get("id").asText()));

        List<String> changed =
                ids(json(platform.getAs(school, AT_SCHOOL + "?modified_after=2026-11-27T00:00:00Z&per_page=100")));
        assertThat(changed, hasItem(json(first).get("id").asText()));
        assertThat(
                json(platform.getAs(school, AT_SCHOOL + "?modified_after=2026-11-29T00:00:00Z"))
                        .get("contents")
                        .size(),
                is(0));
        assertThat(
                json(platform.getAs(school, AT_SCHOOL + "?from=2026-11-30&to=2026-11-30&per_page=100"))
                        .get("total_items")
                        .asInt(),
                greaterThanOrEqualTo(1));
    }

    /**
     * Many devices at once: of sixteen updates sent with the same ETag exactly one wins (the rest
     * are 412 and change nothing), and sixteen reports sent together are sixteen, counted again.
     */
    @Test
    void racingUpdatesAndReportsAreExact() throws Exception {
        HttpResponse<String> created = create(app, ofPupil("2026-11-26", "illness", "flu"));
        String id = json(created).get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> updates = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String day = "2026-12-0" + (1 + i % 9);
                updates.add(pool.submit(() -> platform.write(
                                "PATCH",
                                REPORTS + "/" + id,
                                app,
                                etag(created),
                                "{\"expected_return\":\"" + day + "\"}")
                        .statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> update : updates) {
                statuses.add(update.get());
            }
            assertThat(statuses.stream().filter(s -> s == 200).count(), is(1L));
            assertThat(statuses.stream().filter(s -> s == 412).count(), is(15L));
            HttpResponse<String> after = platform.getAs(app, REPORTS + "/" + id);
            assertThat(json(after).get("version").asInt(), is(2));

            int before = json(platform.getAs(otherApp, REPORTS + "?per_page=1"))
                    .get("total_items")
                    .asInt();
            List<Future<Integer>> reports = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                reports.add(pool.submit(() -> create(otherApp, ofPupil("2026-11-30", "illness", "measles"))
                        .statusCode()));
            }
            for (Future<Integer> report : reports) {
                assertThat(report.get(), is(201));
            }
            assertThat(
                    json(platform.getAs(otherApp, REPORTS + "?per_page=1"))
                            .get("total_items")
                            .asInt(),
                    is(before + 16));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("contents")
                .forEach(r -> ids.add(
                        r.has("report")
                                ? r.at("/report/id").asText()
                                : r.get("id").asText()));
        return ids;
    }

    private static String upn(int serial) {
        String rest = "851700077" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private static String twin(String upn) {
        return "{\"upn\":\"" + upn
                + "\",\"given_name\":\"Sam\",\"family_name\":\"Twin\",\"date_of_birth\":\"2018-02-02\","
                + "\"year_group\":3,\"sen_status\":\"none\"}";
    }
}
