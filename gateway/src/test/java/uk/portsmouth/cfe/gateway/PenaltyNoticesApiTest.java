package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
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
 * The penalty-notice threshold and the limits on notices end to end over real HTTP (docs/domain-reference.md
 * 3a): the three miscounts issue #26 found, a child across two schools, the parent each notice goes to, the
 * charge of a first and a second notice, a third refused, and decisions racing for one child's notices.
 */
class PenaltyNoticesApiTest {

    private static final String REQUESTS = "/v1/attendance/legal-action-requests";

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
        String rest = "851700027" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private static void enrol(String urn, int serial) {
        String pupil = "{\"upn\":\"" + upn(serial) + "\",\"given_name\":\"Alex\",\"family_name\":\"Fine" + serial
                + "\",\"date_of_birth\":\"2016-05-06\",\"year_group\":5,\"sen_status\":\"none\"}";
        HttpResponse<String> response =
                platform.write("POST", "/v1/schools/" + urn + "/pupils", officer, null, "{\"pupils\":[" + pupil + "]}");
        assertThat(response.body(), response.statusCode(), is(200));
    }

    /** Both sessions of each weekday from {@code first} to {@code last} coded {@code code}. */
    private static void mark(String urn, int serial, String code, String first, String last) {
        List<String> marks = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(first); !day.isAfter(LocalDate.parse(last)); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                for (String session : new String[] {"AM", "PM"}) {
                    marks.add("{\"upn\":\"" + upn(serial) + "\",\"date\":\"" + day + "\",\"session\":\"" + session
                            + "\",\"code\":\"" + code + "\"}");
                }
            }
        }
        HttpResponse<String> response = platform.write(
                "POST",
                "/v1/schools/" + urn + "/attendance/marks",
                officer,
                null,
                "{\"marks\":[" + String.join(",", marks) + "]}");
        assertThat(response.body(), response.statusCode(), is(200));
    }

    private static JsonNode request(String token, int serial, String from, String to) {
        HttpResponse<String> response = platform.write(
                "POST",
                REQUESTS,
                token,
                null,
                "{\"urn\":\"116000\",\"upn\":\"" + upn(serial) + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        assertThat(response.body(), response.statusCode(), is(201));
        return TestPlatform.json(response);
    }

    private static HttpResponse<String> decide(JsonNode request, String ifMatch, String body) {
        return platform.write(
                "POST", REQUESTS + "/" + request.get("id").asText() + "/decision", officer, ifMatch, body);
    }

    private static String window(JsonNode request) {
        return request.at("/threshold_window/first_school_week").asText() + ".."
                + request.at("/threshold_window/last_school_week").asText();
    }

    @Test
    void tenSessionsInThePeriodsFirstWeekMeetTheThreshold() {
        enrol("116000", 1);
        mark("116000", 1, "G", "2026-09-07", "2026-09-11");
        JsonNode request = request(school, 1, "2026-09-07", "2026-12-04");
        assertThat(request.get("unauthorised_sessions_10_weeks").asInt(), is(10));
        assertThat(request.get("threshold_met").asBoolean(), is(true));
        assertThat(window(request), is("2026-09-07..2026-11-16"));
        assertThat(request.at("/threshold_window/sessions").size(), is(10));
        assertThat(request.at("/threshold_window/sessions/0/date").asText(), is("2026-09-07"));
        assertThat(request.at("/threshold_window/sessions/0/code").asText(), is("G"));
    }

    @Test
    void theThresholdIsMetAcrossTheSummerHoliday() {
        enrol("116000", 2);
        mark("116000", 2, "G", "2026-07-20", "2026-07-22");
        mark("116000", 2, "G", "2026-09-02", "2026-09-03");
        JsonNode request = request(school, 2, "2026-09-02", "2026-09-04");
        assertThat(request.get("unauthorised_sessions_10_weeks").asInt(), is(10));
        assertThat(request.get("threshold_met").asBoolean(), is(true));
        assertThat(window(request), is("2026-07-20..2026-11-02"));
    }

    @Test
    void tenSchoolWeeksAreNotFiftySchoolDays() {
        enrol("116000", 3);
        mark("116000", 3, "O", "2026-03-06", "2026-03-06");
        mark("116000", 3, "G", "2026-06-01", "2026-06-04");
        JsonNode request = request(school, 3, "2026-03-09", "2026-06-05");
        assertThat(request.get("unauthorised_sessions_10_weeks").asInt(), is(8));
        assertThat(request.get("threshold_met").asBoolean(), is(false));
        assertThat(window(request), is("2026-03-09..2026-06-01"));
        // a notice cannot rest on a threshold not met
        assertProblem(
                decide(request, "\"v1\"", "{\"decision\":\"penalty_notice\",\"parent\":{\"name\":\"Jo Fine\"}}"),
                400,
                "/decision");
        assertThat(
                decide(request, "\"v1\"", "{\"decision\":\"warning_letter\"}").statusCode(), is(200));
    }

    @Test
    void sessionsAtAnotherSchoolCountAndOnlyTheLaSeesThem() {
        enrol("116000", 4);
        enrol("116037", 4);
        mark("116000", 4, "G", "2026-11-16", "2026-11-17");
        mark("116037", 4, "O", "2026-11-23", "2026-11-25");
        JsonNode request = request(school, 4, "2026-11-16", "2026-11-27");
        assertThat(request.get("unauthorised_sessions_10_weeks").asInt(), is(10));
        assertThat(request.get("threshold_met").asBoolean(), is(true));
        // the school sees its own four sessions and a count of the other school's
        assertThat(request.at("/threshold_window/sessions").size(), is(4));
        assertThat(request.at("/threshold_window/sessions_at_other_schools").asInt(), is(6));
        JsonNode asLa = TestPlatform.json(
                platform.getAs(officer, REQUESTS + "/" + request.get("id").asText()));
        assertThat(asLa.at("/threshold_window/sessions").size(), is(10));
        assertThat(asLa.at("/threshold_window/sessions/9/urn").asText(), is("116037"));
    }

    @Test
    void aParentsNoticesAreChargedAsTheFrameworkSaysAndAThirdIsRefused() {
        enrol("116000", 5);
        mark("116000", 5, "G", "2026-11-02", "2026-11-13");
        String mother = "{\"name\":\"Jo Fine\",\"relationship\":\"mother\"}";
        JsonNode first = request(school, 5, "2026-11-02", "2026-11-03");
        // the missing parent and a bad note in one answer; a parent without a name named by the service
        HttpResponse<String> both = decide(first, "\"v1\"", "{\"decision\":\"notice_to_improve\",\"note\":5}");
        assertProblem(both, 400, "/parent");
        assertProblem(both, 400, "/note");
        assertProblem(
                decide(first, "\"v1\"", "{\"decision\":\"notice_to_improve\",\"parent\":{}}"), 400, "/parent/name");
        assertProblem(
                decide(
                        first,
                        "\"v1\"",
                        "{\"decision\":\"penalty_notice\",\"parent\":{\"name\":\"Jo\",\"relationship\":\"aunt\"}}"),
                400,
                "/parent/relationship");
        JsonNode improve = TestPlatform.json(
                decide(first, "\"v1\"", "{\"decision\":\"notice_to_improve\",\"parent\":" + mother + "}"));
        assertThat(improve.get("decision").asText(), is("notice_to_improve"));
        assertThat(improve.at("/parent/name").asText(), is("Jo Fine"));
        assertThat(improve.has("penalty"), is(false));

        JsonNode second = request(school, 5, "2026-11-04", "2026-11-05");
        assertThat(second.get("notice_to_improve_issued_before").asBoolean(), is(true));
        assertThat(second.at("/previous_notices/0/kind").asText(), is("notice_to_improve"));
        JsonNode firstNotice = TestPlatform.json(
                decide(second, "\"v1\"", "{\"decision\":\"penalty_notice\",\"parent\":" + mother + "}"));
        assertThat(firstNotice.at("/penalty/notice_number").asInt(), is(1));
        assertThat(firstNotice.at("/penalty/amount_gbp").asInt(), is(160));
        assertThat(firstNotice.at("/penalty/reduced_amount_gbp").asInt(), is(80));
        assertThat(firstNotice.at("/penalty/reduced_if_paid_by").asText(), is("2026-12-19"));
        assertThat(firstNotice.at("/penalty/pay_by").asText(), is("2026-12-26"));

        // the same parent written another way is the same parent
        JsonNode third = request(school, 5, "2026-11-06", "2026-11-06");
        JsonNode secondNotice = TestPlatform.json(
                decide(third, "\"v1\"", "{\"decision\":\"penalty_notice\",\"parent\":{\"name\":\"JO FINE\"}}"));
        assertThat(secondNotice.at("/penalty/notice_number").asInt(), is(2));
        assertThat(secondNotice.at("/penalty/amount_gbp").asInt(), is(160));
        assertThat(secondNotice.at("/penalty/reduced_amount_gbp").asInt(), is(0));

        JsonNode fourth = request(school, 5, "2026-11-09", "2026-11-10");
        HttpResponse<String> refused =
                decide(fourth, "\"v1\"", "{\"decision\":\"penalty_notice\",\"parent\":" + mother + "}");
        assertProblem(refused, 400, "/decision");
        assertThat(refused.body(), containsString("no 3rd penalty notice in 3 years"));
        assertThat(refused.body(), containsString("s444 prosecution"));
        // the other parent is a first notice; the request is still open for another decision
        JsonNode father = TestPlatform.json(decide(
                fourth,
                "\"v1\"",
                "{\"decision\":\"penalty_notice\",\"parent\":{\"name\":\"Sam Fine\",\"relationship\":\"father\"}}"));
        assertThat(father.at("/penalty/notice_number").asInt(), is(1));
        assertThat(father.at("/penalty/reduced_amount_gbp").asInt(), is(80));
        assertThat(
                TestPlatform.json(platform.getAs(
                                officer, REQUESTS + "/" + fourth.get("id").asText()))
                        .get("previous_notices")
                        .size(),
                is(3));
        // a school may not decide
        JsonNode fifth = request(school, 5, "2026-11-11", "2026-11-12");
        assertProblem(
                platform.write(
                        "POST",
                        REQUESTS + "/" + fifth.get("id").asText() + "/decision",
                        school,
                        "\"v1\"",
                        "{\"decision\":\"no_action\"}"),
                403,
                null);
    }

    @Test
    void racingDecisionsIssueExactlyTwoNoticesToOneParent() throws Exception {
        enrol("116000", 6);
        mark("116000", 6, "G", "2026-11-02", "2026-11-20");
        List<JsonNode> requests = new ArrayList<>();
        for (LocalDate day = LocalDate.parse("2026-11-02");
                !day.isAfter(LocalDate.parse("2026-11-20"));
                day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                requests.add(request(school, 6, day.toString(), day.toString()));
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (JsonNode request : requests) {
            answers.add(threads.submit(() ->
                    decide(request, "\"v1\"", "{\"decision\":\"penalty_notice\",\"parent\":{\"name\":\"Kim Fine\"}}")));
        }
        List<Integer> numbers = new ArrayList<>();
        int refused = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 200) {
                numbers.add(
                        TestPlatform.json(response).at("/penalty/notice_number").asInt());
            } else {
                assertProblem(response, 400, "/decision");
                refused++;
            }
        }
        threads.shutdown();
        assertThat(numbers, containsInAnyOrder(1, 2));
        assertThat(refused, is(requests.size() - 2));
        // recounted from the stored requests
        int decided = 0;
        for (JsonNode c : TestPlatform.json(platform.getAs(officer, REQUESTS + "?status=decided&per_page=100"))
                .get("contents")) {
            if (c.get("upn").asText().equals(upn(6))) {
                decided++;
            }
        }
        assertThat(decided, is(2));
    }
}
