package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * Each verified client has its own budget whatever token it shows; over it, 429 problem+json with
 * Retry-After; expensive routes and the token endpoint have smaller ones; random bearer values are
 * charged to the address, which is then refused before its tokens are parsed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTest {

    private static TestPlatform platform;
    private static String editor;
    private static String partner;
    private static String editorAgain;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(
                Telemetry.noop(),
                Map.of(
                        "rate-limit.requests-per-minute", "5",
                        "rate-limit.expensive-requests-per-minute", "2",
                        "rate-limit.token-requests-per-minute", "3"));
        // the tokens before any test spends the token endpoint's budget
        editor = platform.token("editor");
        editorAgain = platform.token("editor");
        partner = platform.token("partner");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    @Order(1)
    void aCallerOverItsBudgetGets429AndOthersCarryOn() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> allowed =
                    platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer " + editor);
            assertThat(allowed.statusCode(), is(200));
            // the IETF RateLimit fields on every answer: the budget, what is left, seconds until it is whole
            assertThat(allowed.headers().firstValue("RateLimit-Limit").orElse(""), is("5"));
            assertThat(allowed.headers().firstValue("RateLimit-Remaining").orElse(""), is(String.valueOf(4 - i)));
            assertThat(allowed.headers().firstValue("RateLimit-Reset").orElse(""), not(""));
        }
        HttpResponse<String> limited =
                platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer " + editor);
        assertThat(limited.statusCode(), is(429));
        assertThat(limited.headers().firstValue("Content-Type").orElse(""), is("application/problem+json"));
        assertThat(limited.headers().firstValue("Retry-After").orElse(""), not(""));
        assertThat(limited.headers().firstValue("RateLimit-Remaining").orElse(""), is("0"));
        // counted for the operations team by the kind of budget, never by who
        String metrics = platform.send(HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + platform.gateway.managementPort() + "/observe/metrics"))
                        .header("Accept", "text/plain")
                        .GET())
                .body();
        assertThat(metrics, org.hamcrest.Matchers.containsString("cfe_rate_limit_refusals_total{budget=\"client\""));
        assertThat(
                platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer " + partner)
                        .statusCode(),
                is(200));
        // a fresh token for the same client is the same budget
        assertThat(
                platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer " + editorAgain)
                        .statusCode(),
                is(429));
    }

    @Test
    @Order(2)
    void expensiveRoutesHaveASmallerBudgetOfTheirOwn() {
        for (int i = 0; i < 2; i++) {
            assertThat(
                    platform.get("/v1/directory/services?search=counselling", "Authorization", "Bearer " + partner)
                            .statusCode(),
                    is(200));
        }
        assertThat(
                platform.get("/v1/directory/services?search=counselling", "Authorization", "Bearer " + partner)
                        .statusCode(),
                is(429));
        assertThat(
                platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer " + partner)
                        .statusCode(),
                is(200));
    }

    @Test
    @Order(4)
    void randomBearerValuesBuyNoBudgetAndAreRefusedUnparsedOnceTheAddressIsSpent() {
        for (int i = 0; i < 5; i++) {
            assertThat(
                    platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer random-" + i)
                            .statusCode(),
                    is(401));
        }
        HttpResponse<String> limited =
                platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer random-5");
        assertThat(limited.statusCode(), is(429));
        assertThat(platform.get("/v1/directory/aspects-of-life").statusCode(), is(429));
    }

    @Test
    @Order(3)
    void guessingSecretsIsSlowedDown() {
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = platform.send(HttpRequest.newBuilder(platform.uri("/v1/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id=editor&client_secret=guess" + i)));
            if (response.statusCode() == 429) {
                refused++;
            }
        }
        assertThat(refused > 0, is(true));
    }
}
