package uk.portsmouth.cfe.gateway.http;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.bson.Document;

/**
 * {@code Idempotency-Key} on every POST (the IETF httpapi draft's behaviour; not on the few whose
 * answer holds a secret shown once, which are never stored): the first request
 * with a key runs and its answer is kept, written before the client sees it; a retry with the same
 * key and the same request gets that answer again ({@code Idempotent-Replayed: true}), never a
 * second write; the same key on a different request is 422; a retry while the first still runs is
 * 409 with {@code Retry-After}. Keys belong to the client and user that sent them, are kept for
 * {@code idempotency.keep} (PT24H) in the gateway's database (every instance sees them) and are
 * released when the first request fails, so a corrected retry runs. A request that never finished
 * (a gateway stopped mid-request) holds its key for {@code idempotency.lease} only.
 */
public final class IdempotencyKeys {

    public static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");
    private static final String READ_AHEAD_BODY = "cfe-read-ahead-body";
    private static final String KEYED_REQUEST = "cfe-keyed-request";
    /** POSTs whose answer carries a secret shown once (a token, a client or webhook secret, a feed link): never stored. */
    private static final List<String> NEVER_KEPT =
            List.of("/v1/oauth/", "/v1/clients", "/v1/meetings/calendar-feeds", "/v1/webhooks");

    private static final String PENDING = "pending";
    private static final String ANSWERED = "answered";

    private final MongoCollection<Document> keys;
    private final Function<ServerRequest, String> callerOf;
    private final long maxBodyBytes;
    private final Duration keep;
    private final Duration lease;
    private final Clock clock;
    private final AtomicLong nextSweep = new AtomicLong();

    /**
     * @param callerOf who sent a request ("client/subject", "anonymous"): keys are theirs alone
     * @param maxBodyBytes the largest body any POST route takes (the route applies its own limit after)
     */
    public IdempotencyKeys(
            MongoDatabase database,
            Function<ServerRequest, String> callerOf,
            long maxBodyBytes,
            Duration keep,
            Duration lease,
            Clock clock) {
        this.keys = database.getCollection("idempotency_keys");
        keys.createIndex(Indexes.ascending("expires_at"));
        this.callerOf = callerOf;
        this.maxBodyBytes = maxBodyBytes;
        this.keep = keep;
        this.lease = lease;
        this.clock = clock;
    }

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

    /** The body this filter read to fingerprint the request, if it did (the route reads it from here). */
    static Optional<byte[]> readAhead(ServerRequest request) {
        return request.context().get(READ_AHEAD_BODY, byte[].class);
    }

    /** Keeps a keyed request's answer before it is sent (called by {@link Json#send} for every JSON answer). */
    static void keepAnswer(ServerRequest request, ServerResponse response, Status status, String json) {
        request.context()
                .get(KEYED_REQUEST, KeyedRequest.class)
                .ifPresent(keyed -> keyed.answered(response, status, json));
    }

    /** The filter: POSTs with a key, except those whose answers hold secrets. */
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        String key = request.prologue().method() == Method.POST
                        && NEVER_KEPT.stream().noneMatch(path::startsWith)
                ? of(request)
                : "";
        if (key.isEmpty()) {
            chain.proceed();
            return;
        }
        byte[] body = readBody(request);
        request.context().register(READ_AHEAD_BODY, body);
        String id = sha256((callerOf.apply(request) + "\n" + key).getBytes(StandardCharsets.UTF_8));
        String fingerprint = fingerprint(request, body);
        Optional<Document> earlier = claim(id, fingerprint);
        if (earlier.isPresent()) {
            answerFrom(earlier.get(), fingerprint, response);
            return;
        }
        KeyedRequest keyed = new KeyedRequest(id, fingerprint);
        request.context().register(KEYED_REQUEST, keyed);
        try {
            chain.proceed();
        } finally {
            if (!keyed.answered) {
                // failed or refused: nothing to replay, so a corrected retry with the same key may run
                keys.deleteOne(Filters.and(
                        Filters.eq("_id", id), Filters.eq("state", PENDING), Filters.eq("fingerprint", fingerprint)));
            }
        }
    }

    /** Takes the key for this request; the earlier request's record when it holds it still. */
    private Optional<Document> claim(String id, String fingerprint) {
        sweepExpired();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            Document claim = new Document("_id", id)
                    .append("fingerprint", fingerprint)
                    .append("state", PENDING)
                    .append("lease_until", Date.from(now.plus(lease)))
                    .append("expires_at", Date.from(now.plus(keep)));
            try {
                keys.insertOne(claim);
                return Optional.empty();
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document earlier = keys.find(Filters.eq("_id", id)).first();
            if (earlier == null) {
                continue; // released meanwhile: claim again
            }
            boolean expired = earlier.getDate("expires_at").toInstant().isBefore(now);
            boolean abandoned = PENDING.equals(earlier.getString("state"))
                    && earlier.getDate("lease_until").toInstant().isBefore(now);
            if (!expired && !abandoned) {
                return Optional.of(earlier);
            }
            // take over a dead key, unless another retry took it first
            if (keys.replaceOne(
                                    Filters.and(
                                            Filters.eq("_id", id),
                                            Filters.eq("lease_until", earlier.getDate("lease_until"))),
                                    claim)
                            .getModifiedCount()
                    == 1) {
                return Optional.empty();
            }
        }
        throw Problems.idempotencyKeyInUse();
    }

    private static void answerFrom(Document earlier, String fingerprint, RoutingResponse response) {
        if (!earlier.getString("fingerprint").equals(fingerprint)) {
            throw Problems.idempotencyKeyReused();
        }
        if (PENDING.equals(earlier.getString("state"))) {
            throw Problems.idempotencyKeyInUse();
        }
        response.status(Status.create(earlier.getInteger("status")));
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.header(REPLAYED, "true");
        optionalHeader(response, HeaderNames.ETAG, earlier.getString("etag"));
        optionalHeader(response, HeaderNames.LOCATION, earlier.getString("location"));
        response.send(earlier.getString("body"));
    }

    private static void optionalHeader(RoutingResponse response, HeaderName name, String value) {
        if (value != null && !value.isEmpty()) {
            response.header(name, value);
        }
    }

    /** Deletes expired keys, at most once a minute. */
    private void sweepExpired() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + 60_000)) {
            keys.deleteMany(Filters.lt("expires_at", new Date(now)));
        }
    }

    private byte[] readBody(RoutingRequest request) {
        return RequestEntities.readBounded(request, maxBodyBytes);
    }

    /** The same request: method and path, query, content type and body bytes. */
    private static String fingerprint(RoutingRequest request, byte[] body) {
        byte[] head = (request.path().path() + "?" + request.query().rawValue() + "\n"
                        + request.headers().first(HeaderNames.CONTENT_TYPE).orElse("") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return sha256(all);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request holding its key: its answer is written to the key's record before it is sent. */
    private final class KeyedRequest {
        private final String id;
        private final String fingerprint;
        private boolean answered;

        KeyedRequest(String id, String fingerprint) {
            this.id = id;
            this.fingerprint = fingerprint;
        }

        void answered(ServerResponse response, Status status, String json) {
            if (status.family() != Status.Family.SUCCESSFUL) {
                return;
            }
            keys.updateOne(
                    Filters.and(Filters.eq("_id", id), Filters.eq("fingerprint", fingerprint)),
                    Updates.combine(
                            Updates.set("state", ANSWERED),
                            Updates.set("status", status.code()),
                            Updates.set("body", json),
                            Updates.set(
                                    "etag",
                                    response.headers().first(HeaderNames.ETAG).orElse("")),
                            Updates.set(
                                    "location",
                                    response.headers()
                                            .first(HeaderNames.LOCATION)
                                            .orElse(""))));
            answered = true;
        }
    }
}
