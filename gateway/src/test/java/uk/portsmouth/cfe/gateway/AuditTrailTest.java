package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * The data protection officer's audit trail: one query across every service, who and on whose
 * behalf, why, refusals included, paged without loss, and the audit read audited itself.
 */
class AuditTrailTest {

    private static TestPlatform platform;
    private static String dpo;
    private static String upn;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        dpo = platform.token("dpo");
        JsonNode pupils = json(platform.getAs(platform.token("school"), "/v1/schools/116000/pupils?per_page=1"));
        upn = pupils.get("contents").get(0).get("upn").asText();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static JsonNode audit(String query) {
        HttpResponse<String> response = platform.getAs(dpo, "/v1/audit?" + query);
        assertThat(response.body(), response.statusCode(), is(200));
        return json(response);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void whoReadAChildsAttendanceOnWhoseBehalfAndWhy() {
        HttpResponse<String> read =
                platform.send(HttpRequest.newBuilder(platform.uri("/v1/schools/116000/attendance/pupils/" + upn))
                        .header("Authorization", "Bearer " + platform.token("school"))
                        .header("X-Purpose", "Attendance review meeting")
                        .GET());
        assertThat(read.statusCode(), is(200));
        String correlationId = read.headers().firstValue("X-Correlation-Id").orElseThrow();

        JsonNode events = audit("subject=" + encoded("upn:" + upn) + "&action=read-pupil-attendance")
                .get("events");
        assertThat(events.size(), greaterThan(0));
        JsonNode event = events.get(0);
        assertThat(event.get("service").asText(), is("attendance-service"));
        assertThat(event.get("caller").asText(), is("school"));
        assertThat(event.get("school_urns").get(0).asText(), is("116000"));
        assertThat(event.get("purpose").asText(), is("Attendance review meeting"));
        assertThat(event.get("outcome").asText(), is("ok"));
        assertThat(event.get("correlation_id").asText(), is(correlationId));
        List<String> subjects = new ArrayList<>();
        event.get("subjects")
                .forEach(s ->
                        subjects.add(s.get("kind").asText() + ":" + s.get("id").asText()));
        assertThat(subjects, hasItem("upn:" + upn));
        assertThat(subjects, hasItem("school:116000"));
    }

    @Test
    void refusalsAreRecordedWhereverTheyHappen() {
        String school = platform.token("school");
        // refused by the gateway: a school's client on another school's pupils
        assertThat(platform.getAs(school, "/v1/schools/116037/pupils").statusCode(), is(403));
        JsonNode atGateway =
                audit("caller=school&outcome=denied&service=gateway").get("events");
        assertThat(atGateway.size(), greaterThan(0));
        assertThat(atGateway.get(0).get("action").asText(), is("refused-at-gateway"));
        // refused by a service: the LA officer may not see a plan
        HttpResponse<String> plan = platform.getAs(platform.token("officer"), "/v1/fsps?per_page=1");
        assertThat(plan.statusCode(), is(403));
        JsonNode inService = audit("caller=officer&outcome=denied").get("events");
        assertThat(inService.size(), greaterThan(0));
    }

    @Test
    void pagesMergeEveryServiceWithoutLossOrRepeat() {
        // reads in three services, so the trail interleaves them
        String officer = platform.token("officer");
        platform.getAs(officer, "/v1/schools/116000/pupils");
        platform.getAs(platform.token("lead"), "/v1/fsps/fsp-demo-overdue");
        platform.getAs(officer, "/v1/schools/116000/contacts");
        JsonNode all = audit("limit=200").get("events");
        List<String> whole = new ArrayList<>();
        all.forEach(e -> whole.add(e.get("service").asText() + "/" + e.get("id").asText()));
        assertThat(whole.size(), greaterThan(5));

        List<String> paged = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        while (pages++ < 200) {
            JsonNode page = audit("limit=3" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            page.get("events")
                    .forEach(e -> paged.add(
                            e.get("service").asText() + "/" + e.get("id").asText()));
            if (page.get("next_cursor").isNull()) {
                break;
            }
            cursor = page.get("next_cursor").asText();
        }
        // events added since the first read (the audit reads themselves) are newer: the pages hold the same
        // sequence after them
        int start = paged.indexOf(whole.get(0));
        assertThat(start >= 0, is(true));
        assertThat(paged.subList(start, Math.min(paged.size(), start + whole.size())), is(whole));
        assertThat(audit("limit=200").get("partial").asBoolean(), is(false));
    }

    @Test
    void readingTheTrailIsAuditedAndOnlyTheDpoMayDoIt() {
        audit("subject=" + encoded("plan:fsp-demo-overdue"));
        JsonNode reads = audit("service=gateway&action=read-audit&subject=" + encoded("plan:fsp-demo-overdue"))
                .get("events");
        assertThat(reads.size(), greaterThan(0));
        assertThat(reads.get(0).get("caller").asText(), is("dpo"));

        assertProblem(platform.getAs(platform.token("admin"), "/v1/audit"), 403, null);
        assertProblem(platform.get("/v1/audit"), 401, null);
        assertProblem(platform.getAs(dpo, "/v1/audit?outcome=maybe"), 400, "outcome");
        assertProblem(platform.getAs(dpo, "/v1/audit?limit=0"), 400, "limit");
        assertProblem(platform.getAs(dpo, "/v1/audit?from=yesterday"), 400, "from");
        assertProblem(platform.getAs(dpo, "/v1/audit?cursor=bm9wZQ"), 400, "cursor");
        assertProblem(platform.getAs(dpo, "/v1/audit?subject=upn"), 400, "subject");
        assertProblem(platform.getAs(dpo, "/v1/audit?service=elsewhere"), 400, "service");
    }
}
