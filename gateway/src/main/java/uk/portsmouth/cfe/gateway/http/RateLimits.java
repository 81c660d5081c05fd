package uk.portsmouth.cfe.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Per-caller request budgets (token buckets, bucket4j): a caller is its bearer token, or its
 * address when it sends none; the token endpoint has its own, smaller budget per address so
 * secrets cannot be guessed at speed. Over budget: 429 problem+json with Retry-After.
 * Budgets live in this gateway instance; several instances each apply their own.
 */
public final class RateLimits {

    private static final int MAX_TRACKED_CALLERS = 100_000;

    private final boolean enabled;
    private final long perMinute;
    private final long tokenRequestsPerMinute;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_TRACKED_CALLERS;
        }
    };

    /** From {@code rate-limit}: {@code enabled}, {@code requests-per-minute}, {@code token-requests-per-minute}. */
    public RateLimits(Config config) {
        this.enabled = config.get("enabled").asBoolean().orElse(true);
        this.perMinute = config.get("requests-per-minute").asLong().orElse(600L);
        this.tokenRequestsPerMinute = config.get("token-requests-per-minute").asLong().orElse(30L);
    }

    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (!enabled || request.path().path().startsWith("/observe/")) {
            chain.proceed();
            return;
        }
        boolean tokenRequest = request.path().path().equals("/v1/oauth/token");
        String caller = tokenRequest ? "token:" + request.remotePeer().host()
                : request.headers().first(HeaderNames.AUTHORIZATION).map(RateLimits::digest)
                        .orElseGet(() -> "address:" + request.remotePeer().host());
        ConsumptionProbe probe = bucket(caller, tokenRequest ? tokenRequestsPerMinute : perMinute)
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            throw new ProblemException(429, "https://cfe.portsmouth.gov.uk/problems/too-many-requests",
                                       "Too many requests", "Slow down: try again in " + seconds + " s")
                    .header("Retry-After", Long.toString(seconds));
        }
        response.header("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        chain.proceed();
    }

    private synchronized Bucket bucket(String caller, long perMinute) {
        return buckets.computeIfAbsent(caller, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
    }

    /** Buckets are keyed by a digest, so tokens are not kept in memory as keys. */
    private static String digest(String authorization) {
        try {
            return "auth:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                              .digest(authorization.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
