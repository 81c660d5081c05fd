package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * Two gateway instances over one store, as behind a load balancer: a client's request budget is one
 * budget whichever instance it reaches (exact under concurrent requests to both), a token from one
 * is good at the other, and an {@code Idempotency-Key} used at one replays at the other.
 */
class TwoGatewaysTest {

    private static final int BUDGET = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedMongo gatewayStore;
    private static TestPlatform platform;
    private static Gateway second;

    @BeforeAll
    static void start() {
        gatewayStore = EmbeddedMongo.inMemory();
        platform = TestPlatform.start(
                Telemetry.noop(),
                Map.of(
                        "mongodb.uri", gatewayStore.uri(),
                        "rate-limit.requests-per-minute", String.valueOf(BUDGET)));
        second = platform.anotherGateway();
    }

    @AfterAll
    static void stop() {
        second.close();
        platform.close();
        gatewayStore.close();
    }

    private static HttpResponse<String> send(Gateway gateway, HttpRequest.Builder request, String path) {
        try {
            return HTTP.send(
                    request.uri(URI.create("http://127.0.0.1:" + gateway.port() + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(Gateway gateway, String token) {
        return send(
                gateway,
                HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + token)
                        .GET(),
                "/v1/directory/aspects-of-life");
    }

    @Test
    void aClientHasOneBudgetWhicheverInstanceItReaches() {
        String partner = platform.token("partner");
        long started = System.nanoTime();
        int allowed = 0;
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < BUDGET + 4; i++) {
            HttpResponse<String> answer = get(i % 2 == 0 ? platform.gateway : second, partner);
            if (answer.statusCode() == 200) {
                allowed++;
                remaining.add(answer.headers().firstValue("RateLimit-Remaining").orElse(""));
            } else {
                assertThat(answer.body(), answer.statusCode(), is(429));
            }
        }
        // the budget refills one request each 6 s: a slow run may earn one or two more
        assertThat(allowed, greaterThanOrEqualTo(BUDGET));
        assertThat(allowed, lessThanOrEqualTo(BUDGET + refilledSince(started)));
        // each instance counts down the same budget
        assertThat(remaining.get(0), is(String.valueOf(BUDGET - 1)));
        assertThat(remaining.get(1), is(String.valueOf(BUDGET - 2)));
    }

    @Test
    void concurrentRequestsToBothInstancesSpendTheBudgetExactly() throws Exception {
        String editor = platform.token("editor");
        long started = System.nanoTime();
        int allowed = allowedOf(60, editor, platform.gateway, second);
        assertThat(allowed, greaterThanOrEqualTo(BUDGET));
        assertThat(allowed, lessThanOrEqualTo(BUDGET + refilledSince(started)));
    }

    @Test
    void aTokenAndAnIdempotencyKeyHoldAcrossInstances() {
        String school = platform.token("school");
        JsonNode meetings = TestPlatform.json(send(
                second,
                HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + school)
                        .GET(),
                "/v1/meetings?from=2026-12-01&to=2027-11-30&per_page=1"));
        String registrations =
                "/v1/meetings/" + meetings.get("contents").get(0).get("id").asText() + "/registrations";
        String registration = "{\"name\":\"Sam Patel\",\"email\":\"sam@school.example\",\"organisation\":\"A school\"}";
        HttpResponse<String> first = send(platform.gateway, post(school, "across-1", registration), registrations);
        assertThat(first.body(), first.statusCode(), is(201));
        HttpResponse<String> retry = send(second, post(school, "across-1", registration), registrations);
        assertThat(retry.body(), retry.statusCode(), is(201));
        assertThat(retry.headers().firstValue("Idempotent-Replayed").orElse(""), is("true"));
        assertThat(retry.body(), is(first.body()));
        HttpResponse<String> misused = send(
                second, post(school, "across-1", registration.replace("Sam Patel", "Someone Else")), registrations);
        assertThat(misused.statusCode(), is(422));
    }

    private static HttpRequest.Builder post(String token, String key, String body) {
        return HttpRequest.newBuilder()
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * With {@code rate-limit.shared-sync-after} an instance writes a caller's charges to the store
     * every few requests: the budget holds across both within that many requests per instance, and
     * is never cut short.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ChargesWrittenEveryFewRequests {

        private static final int SYNC_AFTER = 3;

        private EmbeddedMongo store;
        private TestPlatform loose;
        private Gateway looseSecond;

        @BeforeAll
        void start() {
            store = EmbeddedMongo.inMemory();
            loose = TestPlatform.start(
                    Telemetry.noop(),
                    Map.of(
                            "mongodb.uri", store.uri(),
                            "rate-limit.requests-per-minute", String.valueOf(BUDGET),
                            "rate-limit.shared-sync-after", String.valueOf(SYNC_AFTER)));
            looseSecond = loose.anotherGateway();
        }

        @AfterAll
        void stop() {
            looseSecond.close();
            loose.close();
            store.close();
        }

        @Test
        void concurrentRequestsToBothOverrunTheBudgetByAtMostTheUnwrittenCharges() throws Exception {
            String editor = loose.token("editor");
            long started = System.nanoTime();
            int allowed = allowedOf(60, editor, loose.gateway, looseSecond);
            assertThat(allowed, greaterThanOrEqualTo(BUDGET));
            assertThat(allowed, lessThanOrEqualTo(BUDGET + 2 * SYNC_AFTER + refilledSince(started)));
        }
    }

    /** Sends {@code requests} at once, alternating between the two instances: how many were allowed. */
    private static int allowedOf(int requests, String token, Gateway one, Gateway other) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Gateway gateway = i % 2 == 0 ? one : other;
                statuses.add(pool.submit(() -> get(gateway, token).statusCode()));
            }
            int allowed = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertThat(code == 200 || code == 429, is(true));
                allowed += code == 200 ? 1 : 0;
            }
            return allowed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Requests the budget has earned back since {@code started} (a full budget a minute). */
    private static int refilledSince(long started) {
        double minutes = (System.nanoTime() - started) / 60e9;
        return (int) Math.ceil(minutes * BUDGET);
    }
}
