package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code Idempotency-Key} on creates: a client that retries with the same key gets the record
 * its first request made, never a second one ({@code Idempotent-Replayed: true} says so).
 */
public final class IdempotencyKeys {

    public static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");

    private IdempotencyKeys() {}

    /** The request's key, or "" when it sent none. */
    public static String of(ServerRequest request) {
        String key = request.headers().first(IDEMPOTENCY_KEY).orElse("").strip();
        if (!key.isEmpty() && !key.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw Problems.invalidParameter(
                    "Idempotency-Key", "Idempotency-Key must be 1-128 letters, digits or . _ : -");
        }
        return key;
    }

    public static void markReplayed(ServerResponse response, boolean replayed) {
        if (replayed) {
            response.header(REPLAYED, "true");
        }
    }
}
