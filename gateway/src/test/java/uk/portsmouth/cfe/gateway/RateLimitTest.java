package uk.portsmouth.cfe.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** Each caller has its own budget; over it, 429 problem+json with Retry-After; the token endpoint has a smaller one. */
class RateLimitTest {

    private static TestPlatform platform;
    private static String editor;
    private static String partner;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop(), Map.of("rate-limit.requests-per-minute", "5",
                                                               "rate-limit.token-requests-per-minute", "3"));
        // both tokens before any test spends the token endpoint's budget
        editor = platform.token("editor");
        partner = platform.token("partner");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aCallerOverItsBudgetGets429AndOthersCarryOn() {
        for (int i = 0; i < 5; i++) {
            assertThat(platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer " + editor).statusCode(), is(200));
        }
        HttpResponse<String> limited = platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer " + editor);
        assertThat(limited.statusCode(), is(429));
        assertThat(limited.headers().firstValue("Content-Type").orElse(""), is("application/problem+json"));
        assertThat(limited.headers().firstValue("Retry-After").orElse(""), not(""));
        assertThat(platform.get("/v1/directory/aspects-of-life", "Authorization", "Bearer " + partner).statusCode(), is(200));
        assertThat(platform.get("/observe/health").statusCode(), is(200));
    }

    @Test
    void guessingSecretsIsSlowedDown() {
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = platform.send(HttpRequest.newBuilder(platform.uri("/v1/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=editor&client_secret=guess" + i)));
            if (response.statusCode() == 429) {
                refused++;
            }
        }
        assertThat(refused > 0, is(true));
    }
}
