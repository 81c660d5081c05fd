package uk.portsmouth.cfe.gateway.http;

import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import uk.portsmouth.cfe.platform.telemetry.Meters;

/**
 * The public directory's answers (the {@code /v1/directory} reads and the ORUK feed, asked without
 * a token) kept briefly in this gateway, so the reads partners and finders make all day cost a map
 * look-up. A write to the directory through this gateway empties it (the next read asks the
 * directory again, which has the write); a write through another gateway is seen here within
 * {@code ttl} (plus the directory's own search refresh when it went to another directory
 * instance). An answer is kept only if no write began while it was being made.
 */
public final class PublicReadCache {

    private static final String PENDING = PublicReadCache.class.getName();
    private static final int MAX_ENTRIES = 2_000;

    private record Entry(byte[] json, String etag, String link, long expiresAt) {}

    /** A cacheable read on its way to the directory: kept by {@link #keep} if still current. */
    private record Pending(PublicReadCache cache, String key, long generation) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    private PublicReadCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** {@code public-read-cache.ttl} (default 1 s; 0 turns the cache off). */
    public static PublicReadCache fromConfig(Config config) {
        return new PublicReadCache(config.get("ttl").as(Duration.class).orElse(Duration.ofSeconds(1)));
    }

    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        boolean directory = path.startsWith("/v1/directory/") || path.startsWith("/oruk");
        if (!directory || ttlNanos == 0) {
            chain.proceed();
            return;
        }
        if (request.prologue().method() != Method.GET) {
            try {
                chain.proceed();
            } finally {
                // after the write: a read that began before it is not kept, the next one asks afresh
                generation.incrementAndGet();
                entries.clear();
            }
            return;
        }
        if (request.headers().contains(HeaderNames.AUTHORIZATION)) {
            chain.proceed(); // a signed-in caller may see more: never from the public copy
            return;
        }
        String key = path + "?" + request.query().rawValue();
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt() - System.nanoTime() > 0) {
            Meters.count(
                    "cfe.public_read_cache",
                    "Public directory reads answered from the gateway's copy",
                    1,
                    "outcome",
                    "hit");
            answer(request, response, entry);
            return;
        }
        Meters.count(
                "cfe.public_read_cache",
                "Public directory reads answered from the gateway's copy",
                1,
                "outcome",
                "miss");
        request.context().register(PENDING, new Pending(this, key, generation.get()));
        chain.proceed();
    }

    /** Keeps a successful public read's answer (as sent: UTF-8), if the request is one this cache takes. */
    static void keep(ServerRequest request, ServerResponse response, byte[] json, String etag) {
        Optional<Pending> pending = request.context().get(PENDING, Pending.class);
        if (pending.isEmpty()) {
            return;
        }
        PublicReadCache cache = pending.get().cache();
        String link = response.headers().first(HeaderNames.LINK).orElse(null);
        if (cache.entries.size() >= MAX_ENTRIES) {
            cache.entries.clear(); // bounded: the popular reads come back at once
        }
        Entry entry = new Entry(json, etag, link, System.nanoTime() + cache.ttlNanos);
        if (cache.generation.get() == pending.get().generation()) {
            cache.entries.put(pending.get().key(), entry);
        }
    }

    private static void answer(ServerRequest request, ServerResponse response, Entry entry) {
        response.header(HeaderNames.ETAG, entry.etag());
        if (entry.link() != null) {
            response.header(HeaderNames.LINK, entry.link());
        }
        if (ETags.notModified(request, entry.etag())) {
            response.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        response.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, "application/json");
        Compression.send(request, response, entry.json());
    }
}
