package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * New pupils' returns end to end over real HTTP (docs/domain-reference.md 3c): a roll sync that adds a pupil
 * makes the return, the school sees it due, completes and sends it once; the LA sees every school's.
 */
class NewPupilReturnsApiTest {

    private static final String RETURNS = "/v1/attendance/new-pupil-returns";
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
        String rest = "851700028" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private static String pupil(int serial, String admissionDate) {
        return "{\"upn\":\"" + upn(serial) + "\",\"given_name\":\"Nia\",\"family_name\":\"Arrival" + serial
                + "\",\"date_of_birth\":\"2015-02-03\",\"year_group\":6,\"sen_status\":\"none\""
                + (admissionDate.isEmpty() ? "" : ",\"admission_date\":\"" + admissionDate + "\"") + "}";
    }

    private static JsonNode sync(String token, String urn, String... pupils) {
        HttpResponse<String> response = platform.write(
                "POST",
                "/v1/schools/" + urn + "/pupils",
                token,
                null,
                "{\"pupils\":[" + String.join(",", pupils) + "]}");
        assertThat(response.body(), response.statusCode(), is(200));
        return TestPlatform.json(response);
    }

    private static List<String> upns(JsonNode page) {
        List<String> upns = new ArrayList<>();
        page.get("contents").forEach(r -> upns.add(r.get("upn").asText()));
        return upns;
    }

    @Test
    void aSyncsNewPupilOwesAReturnTheSchoolCompletesOnce() {
        // the school's first sync: a pupil on roll since September owes none, one entered today does
        JsonNode first = sync(school, "116000", pupil(1, "2026-09-02"), pupil(2, ""), pupil(3, TODAY));
        assertThat(first.get("new_pupil_returns_owed").asInt(), is(2));
        assertThat(
                sync(school, "116000", pupil(1, "2026-09-02"), pupil(2, ""), pupil(3, TODAY))
                        .get("new_pupil_returns_owed")
                        .asInt(),
                is(0));

        JsonNode due = TestPlatform.json(platform.getAs(school, RETURNS + "?status=due"));
        assertThat(upns(due).contains(upn(1)), is(false));
        assertThat(upns(due).contains(upn(2)), is(true));
        String id = "116000:" + upn(2) + ":" + TODAY;
        HttpResponse<String> read = platform.getAs(school, RETURNS + "/" + id);
        assertThat(read.body(), read.statusCode(), is(200));
        JsonNode owed = TestPlatform.json(read);
        assertThat(owed.get("entry_date").asText(), is(TODAY));
        assertThat(owed.get("due_by").asText(), is("2026-12-03"));
        assertThat(owed.get("status").asText(), is("due"));
        assertThat(owed.get("overdue").asBoolean(false), is(false));
        assertThat(owed.get("pupil_name").asText(), is("Nia Arrival2"));

        String submission = RETURNS + "/" + id + "/submission";
        String complete = "{\"sex\":\"female\",\"address\":\"2 Queen Street, Portsmouth PO1 3HL\","
                + "\"parents\":[{\"name\":\"Ola Arrival\",\"relationship\":\"mother\"}],\"previous_school\":\"none\"}";
        assertProblem(platform.write("POST", submission, school, null, complete), 428, "If-Match");
        assertProblem(platform.write("POST", submission, school, "\"v1\"", "{\"sex\":\"female\"}"), 400, "/address");
        assertProblem(
                platform.write("POST", submission, school, "\"v1\"", complete.replace("Ola Arrival", " ")),
                400,
                "/parents/0/name");
        JsonNode sent = TestPlatform.json(platform.write("POST", submission, school, "\"v1\"", complete));
        assertThat(sent.get("status").asText(), is("submitted"));
        assertThat(sent.get("late").asBoolean(false), is(false));
        assertThat(sent.at("/details/parents/0/name").asText(), is("Ola Arrival"));
        assertProblem(platform.write("POST", submission, school, "\"v1\"", complete), 412, "If-Match");
        assertProblem(platform.write("POST", submission, school, "\"v2\"", complete), 409, "/status");
        assertThat(
                upns(TestPlatform.json(platform.getAs(school, RETURNS + "?status=submitted")))
                        .contains(upn(2)),
                is(true));
    }

    @Test
    void theLaSeesEverySchoolsReturnsAndASchoolOnlyItsOwn() {
        // the LA syncs another school's roll (its first): the new pupil's return is that school's
        sync(officer, "116037", pupil(10, TODAY));
        String foreign = "116037:" + upn(10) + ":" + TODAY;
        assertThat(platform.getAs(officer, RETURNS + "/" + foreign).statusCode(), is(200));
        assertProblem(platform.getAs(school, RETURNS + "/" + foreign), 404, null);
        assertProblem(platform.getAs(school, RETURNS + "?urn=116037"), 403, null);
        assertThat(upns(TestPlatform.json(platform.getAs(officer, RETURNS))).contains(upn(10)), is(true));
        assertThat(
                upns(TestPlatform.json(platform.getAs(officer, RETURNS + "?urn=116037")))
                        .contains(upn(10)),
                is(true));
        // none is overdue on the day it is made
        assertThat(
                TestPlatform.json(platform.getAs(officer, RETURNS + "?overdue=true"))
                        .get("contents")
                        .size(),
                is(0));
        assertProblem(platform.getAs(officer, RETURNS + "?status=lost"), 400, "status");
        assertProblem(platform.getAs(platform.token("partner"), RETURNS), 403, null);
    }
}
