package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * {@code Idempotency-Key} on every POST: a retry gets the first answer and writes nothing, the
 * same key on another request is 422, racing retries make one record, keys are per caller, and
 * a failed request leaves its key free; answers holding a secret are never kept.
 */
class IdempotencyKeysTest {

    private static final String REGISTRATION =
            "{\"name\":\"Sam Patel\",\"email\":\"sam@school.example\",\"organisation\":\"A school\"}";

    private static TestPlatform platform;
    private static String officer;
    private static List<String> meetings;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        officer = platform.token("officer");
        JsonNode page = json(platform.get("/v1/meetings?from=2026-12-01&to=2027-11-30&per_page=100"));
        meetings = new ArrayList<>();
        page.get("contents").forEach(m -> meetings.add(m.get("id").asText()));
        assertThat(meetings.size(), greaterThanOrEqualTo(4));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static HttpResponse<String> post(String path, String token, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return platform.send(request);
    }

    private static String registrations(String meetingId) {
        return "/v1/meetings/" + meetingId + "/registrations";
    }

    private static int registered(String meetingId) {
        return json(platform.getAs(officer, registrations(meetingId)))
                .path("registered")
                .size();
    }

    private static boolean replayed(HttpResponse<String> response) {
        return response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true");
    }

    @Test
    void aRetryGetsTheFirstAnswerAndWritesNothing() {
        String school = platform.token("school");
        String meeting = meetings.get(0);
        HttpResponse<String> first = post(registrations(meeting), school, "register-1", REGISTRATION);
        assertThat(first.body(), first.statusCode(), is(201));
        assertThat(replayed(first), is(false));
        HttpResponse<String> retry = post(registrations(meeting), school, "register-1", REGISTRATION);
        assertThat(retry.body(), retry.statusCode(), is(201));
        assertThat(replayed(retry), is(true));
        assertThat(retry.body(), is(first.body()));
        assertThat(retry.headers().firstValue("ETag"), is(first.headers().firstValue("ETag")));
        assertThat(registered(meeting), is(1));
        // without a key the same request is a second registration, refused as such
        assertThat(post(registrations(meeting), school, null, REGISTRATION).statusCode(), is(409));
    }

    @Test
    void theSameKeyOnADifferentRequestIsRefused() {
        String school = platform.token("school");
        String meeting = meetings.get(1);
        assertThat(
                post(registrations(meeting), school, "register-2", REGISTRATION).statusCode(), is(201));
        assertProblem(
                post(registrations(meeting), school, "register-2", REGISTRATION.replace("Sam Patel", "Someone Else")),
                422,
                "Idempotency-Key");
        assertProblem(post(registrations(meetings.get(2)), school, "register-2", REGISTRATION), 422, "Idempotency-Key");
        assertThat(registered(meetings.get(2)), is(0));
    }

    @Test
    void keysBelongToTheCallerWhoSentThem() {
        String meeting = meetings.get(3);
        HttpResponse<String> school =
                post(registrations(meeting), platform.token("school"), "shared-key", REGISTRATION);
        HttpResponse<String> worker =
                post(registrations(meeting), platform.token("professional"), "shared-key", REGISTRATION);
        assertThat(school.statusCode(), is(201));
        assertThat(worker.statusCode(), is(201));
        assertThat(replayed(worker), is(false));
        assertThat(registered(meeting), is(2));
    }

    @Test
    void aFailedRequestLeavesItsKeyFree() {
        String team = "{\"name\":\"Idempotent team\",\"purpose\":\"x\",\"tiers\":[2],"
                + "\"contact_routes\":[{\"kind\":\"email\",\"unknown\":true}]}";
        assertThat(
                post("/v1/contacts/teams", officer, "team-1", team.replace("[2]", "[9]"))
                        .statusCode(),
                is(400));
        HttpResponse<String> created = post("/v1/contacts/teams", officer, "team-1", team);
        assertThat(created.body(), created.statusCode(), is(201));
        HttpResponse<String> retry = post("/v1/contacts/teams", officer, "team-1", team);
        assertThat(replayed(retry), is(true));
        assertThat(retry.headers().firstValue("Location"), is(created.headers().firstValue("Location")));
    }

    @Test
    void racingRetriesMakeOneRecord() throws Exception {
        String worker = platform.token("worker");
        String meeting = meetings.get(4 % meetings.size());
        int before = registered(meeting);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return post(registrations(meeting), worker, "raced-key", REGISTRATION);
            }));
        }
        go.countDown();
        int firstAnswers = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            // each is the first answer, its replay, or "still in progress, retry"
            assertThat(response.body(), response.statusCode(), anyOf(is(201), is(409)));
            if (response.statusCode() == 201 && !replayed(response)) {
                firstAnswers++;
            }
            if (response.statusCode() == 409) {
                assertProblem(response, 409, "Idempotency-Key");
                assertThat(response.headers().firstValue("Retry-After").isPresent(), is(true));
            }
        }
        pool.shutdown();
        assertThat(firstAnswers, is(1));
        assertThat(registered(meeting), is(before + 1));
        assertThat(replayed(post(registrations(meeting), worker, "raced-key", REGISTRATION)), is(true));
    }

    @Test
    void anAnswerHoldingASecretIsNeverKept() {
        String admin = platform.token("admin");
        String client = "{\"client_id\":\"mis-keyed\",\"name\":\"Keyed MIS\",\"roles\":[\"school\"],"
                + "\"school_urns\":[\"116000\"],\"contact_email\":\"it@keyed.example\"}";
        HttpResponse<String> registered = post("/v1/clients", admin, "client-1", client);
        assertThat(registered.body(), registered.statusCode(), is(201));
        // a retry never sees the secret again: the client exists, so it is a conflict, not a replay
        HttpResponse<String> retry = post("/v1/clients", admin, "client-1", client);
        assertThat(retry.statusCode(), is(409));
        assertThat(retry.body().contains("client_secret"), is(false));
    }

    @Test
    void aKeyOnAReadOrATokenRequestChangesNothing() {
        HttpResponse<String> read = platform.send(HttpRequest.newBuilder(platform.uri("/v1/contacts/teams"))
                .header("Idempotency-Key", "read-1")
                .GET());
        assertThat(read.statusCode(), is(200));
        assertThat(replayed(read), is(false));
    }
}
