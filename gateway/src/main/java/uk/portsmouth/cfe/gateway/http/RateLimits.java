package uk.portsmouth.cfe.gateway.http;

import com.mongodb.client.MongoDatabase;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.platform.telemetry.Meters;

/**
 * Request budgets (token buckets, bucket4j) that a client cannot sidestep:
 * <ul>
 *   <li>a signed-in request is charged to its verified client ({@code client_id}), so a fresh token,
 *       or many, share one budget;</li>
 *   <li>a request without a valid token is charged to its address, and an address whose budget is
 *       spent is refused before its token is even parsed (random bearer values buy nothing);</li>
 *   <li>expensive routes (search, exports and calendar feeds, PDFs, attendance marks) have a second,
 *       smaller budget of their own per caller;</li>
 *   <li>the token endpoint has its own, smaller budget per address, so secrets cannot be guessed at speed.</li>
 * </ul>
 * Over budget: 429 problem+json with Retry-After. With {@code rate-limit.shared} (the default when
 * the gateway has a MongoDB URI) budgets live in the gateway's database and every instance charges
 * the same ones ({@link SharedBudgets}; concurrent requests for one caller on one instance share a
 * round trip, bucket4j's batching); otherwise in this instance's memory (the embedded default: one
 * gateway). With {@code rate-limit.shared-sync-after} N > 0 an instance charges up to N requests
 * of a caller in its memory before it writes them to the store (or after a second): far fewer store
 * operations, and a budget may be overrun by at most N per instance. Buckets are found without a
 * global lock.
 */
public final class RateLimits {

    private static final int MAX_TRACKED_CALLERS = 100_000;

    private final boolean enabled;
    private final long perMinute;
    private final long expensivePerMinute;
    private final long tokenRequestsPerMinute;
    private final Authenticator authenticator;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Optional<SharedBudgets> shared;
    private final Optimization sharedCharging;

    /**
     * From {@code rate-limit}: {@code enabled}, {@code requests-per-minute},
     * {@code expensive-requests-per-minute}, {@code token-requests-per-minute}; budgets kept in
     * {@code sharedStore} when there is one, written there every {@code shared-sync-after} charges
     * (0: every charge).
     */
    public RateLimits(Config config, Authenticator authenticator, Optional<MongoDatabase> sharedStore) {
        this.shared = sharedStore.map(SharedBudgets::new);
        long syncAfter = config.get("shared-sync-after").asLong().orElse(0L);
        if (syncAfter < 0) {
            throw new IllegalArgumentException("rate-limit.shared-sync-after is 0 (every charge) or more");
        }
        this.sharedCharging = syncAfter == 0
                ? Optimizations.batching()
                : Optimizations.delaying(new DelayParameters(syncAfter, Duration.ofSeconds(1)));
        this.enabled = config.get("enabled").asBoolean().orElse(true);
        this.perMinute = config.get("requests-per-minute").asLong().orElse(600L);
        this.expensivePerMinute =
                config.get("expensive-requests-per-minute").asLong().orElse(60L);
        this.tokenRequestsPerMinute =
                config.get("token-requests-per-minute").asLong().orElse(30L);
        this.authenticator = authenticator;
    }

    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (!enabled) {
            chain.proceed();
            return;
        }
        String address = request.remotePeer().host();
        if (path.equals("/v1/oauth/token")) {
            charge("token:" + address, tokenRequestsPerMinute, response);
            chain.proceed();
            return;
        }
        String caller = caller(request, "address:" + address);
        charge(caller, perMinute, response);
        expensive(request).ifPresent(kind -> charge(kind + ":" + caller, expensivePerMinute, response));
        chain.proceed();
    }

    /** Whom to charge: the verified client, else {@code addressKey} (checked before any token is parsed). */
    private String caller(RoutingRequest request, String addressKey) {
        if (!request.headers().contains(HeaderNames.AUTHORIZATION)) {
            return addressKey;
        }
        if (bucket(addressKey, perMinute).getAvailableTokens() <= 0) {
            return addressKey; // spent by requests without a valid token: no work on this one's
        }
        Optional<Caller> verified = authenticator.verifiedCaller(request);
        return verified.map(c -> "client:" + c.clientId()).orElse(addressKey);
    }

    /** Which costly kind of request this is, if it is one. */
    private static Optional<String> expensive(RoutingRequest request) {
        String path = request.path().path();
        if (path.endsWith("/attendance/marks")
                && !"GET".equals(request.prologue().method().text())) {
            return Optional.of("marks");
        }
        if (path.endsWith(".csv") || path.endsWith(".ics")) {
            return Optional.of("export");
        }
        if (path.startsWith("/v1/fsps/")
                && request.headers()
                        .first(HeaderNames.ACCEPT)
                        .map(accept -> accept.contains("application/pdf"))
                        .orElse(false)) {
            return Optional.of("pdf");
        }
        boolean searchable = path.startsWith("/v1/directory/") || path.startsWith("/oruk/");
        if (searchable && (request.query().contains("search") || request.query().contains("q"))) {
            return Optional.of("search");
        }
        return Optional.empty();
    }

    private void charge(String key, long perMinute, RoutingResponse response) {
        ConsumptionProbe probe = bucket(key, perMinute).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Meters.count(
                    "cfe.rate_limit.refusals",
                    "Requests refused 429 for an exhausted budget",
                    1,
                    "budget",
                    budgetKind(key));
            long seconds = Math.max(
                    1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            throw new ProblemException(
                            429,
                            "https://cfe.portsmouth.gov.uk/problems/too-many-requests",
                            "Too many requests",
                            "Slow down: try again in " + seconds + " s")
                    .header("Retry-After", Long.toString(seconds))
                    .header("RateLimit-Limit", Long.toString(perMinute))
                    .header("RateLimit-Remaining", "0")
                    .header("RateLimit-Reset", Long.toString(seconds));
        }
        // the IETF RateLimit header fields: the budget, what is left of it, seconds until it is whole again
        long remaining = probe.getRemainingTokens();
        response.header("RateLimit-Limit", Long.toString(perMinute));
        response.header("RateLimit-Remaining", Long.toString(remaining));
        response.header("RateLimit-Reset", Long.toString((long) Math.ceil((perMinute - remaining) * 60.0 / perMinute)));
    }

    /** The kind of budget a key is (token, address, client, search, pdf): a metric tag, never the caller. */
    private static String budgetKind(String key) {
        return key.substring(0, key.indexOf(':'));
    }

    private Bucket bucket(String key, long perMinute) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= MAX_TRACKED_CALLERS) {
            if (shared.isPresent()) {
                buckets.clear(); // only handles: the budgets themselves are in the store
            } else {
                // forget callers at rest (their buckets are full): they lose nothing by it
                buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= perMinute);
            }
        }
        return buckets.computeIfAbsent(key, k -> newBucket(k, perMinute));
    }

    private Bucket newBucket(String key, long perMinute) {
        Bandwidth limit = Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build();
        return shared.<Bucket>map(store -> store.builder()
                        .withOptimization(sharedCharging)
                        .build(
                                key,
                                () -> BucketConfiguration.builder()
                                        .addLimit(limit)
                                        .build()))
                .orElseGet(() -> Bucket.builder().addLimit(limit).build());
    }
}
