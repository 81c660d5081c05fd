package uk.portsmouth.cfe.gateway.webhooks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Takes due deliveries and makes them, as the Standard Webhooks specification says: a POST of the
 * JSON body with {@code webhook-id} (the event's id: the same on every attempt, so receivers
 * dedupe), {@code webhook-timestamp} and {@code webhook-signature} ({@code v1,} and the base64
 * HMAC-SHA256 of {@code id.timestamp.body} under each secret that still signs). A 2xx within the
 * timeout is delivered; anything else is tried again after the next step of the retry schedule
 * (with jitter), and after the last it is failed, visible with its attempts and redeliverable.
 * No redirect is followed, the answer's body is not read (its status is the answer), the target is
 * checked again at every connection after a fresh DNS lookup and the address checked is the one
 * connected to, and a subscription takes one delivery at a time and at most its rate a second.
 */
final class Courier {

    private static final Logger LOG = Logger.getLogger(Courier.class.getName());
    /** Deliveries just queued that are remembered for leasing by key; beyond it the search finds them. */
    private static final int MAX_FRESH = 10_000;

    private final Deliveries deliveries;
    private final SubscriptionStore subscriptions;
    private final OutboundTargets targets;
    private final AuditLog audit;
    /** The gateway acting as itself: who the audit trail says made the deliveries. */
    private final CallerContext itself;

    private final Settings settings;
    /** Callers' requests the gateway is answering now (deliveries yield to them). */
    private final IntSupplier requestsInFlight;

    private final Clock clock;
    private final WebClient http;
    /** Each subscription's deliveries a second, on this instance. */
    private final Map<String, Bucket> rates = new ConcurrentHashMap<>();

    private final String owner = "courier-" + UUID.randomUUID();
    /** Deliveries this instance queued and has not leased yet, by subscription, oldest first (under busySubscriptions). */
    private final Map<String, ArrayDeque<String>> fresh = new LinkedHashMap<>();

    private int freshCount;
    private Instant lastSearch = Instant.EPOCH;
    /** The subscriptions with a delivery in flight from this instance: one at a time each. */
    private final Set<String> busySubscriptions = new HashSet<>();

    private final java.util.concurrent.Semaphore inFlight;

    /**
     * How deliveries are made: timeout, retry schedule, lease, concurrency, each subscription's
     * deliveries a second, when a failing subscriber is disabled, how long a delivery waits for
     * callers' requests in flight to be answered.
     */
    record Settings(
            Duration timeout,
            List<Duration> retrySchedule,
            Duration lease,
            int concurrency,
            int perSubscriptionPerSecond,
            int disableAfterFailedDeliveries,
            Duration pausedRecheck,
            Duration yieldToRequests) {}

    Courier(
            Deliveries deliveries,
            SubscriptionStore subscriptions,
            OutboundTargets targets,
            AuditLog audit,
            CallerContext itself,
            Settings settings,
            IntSupplier requestsInFlight,
            Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.audit = audit;
        this.itself = itself;
        this.settings = settings;
        this.requestsInFlight = requestsInFlight;
        this.clock = clock;
        this.inFlight = new java.util.concurrent.Semaphore(settings.concurrency());
        this.http = WebClient.builder()
                .followRedirects(false)
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .keepAlive(true)
                .dnsResolver((host, lookup) -> targets.address(host))
                .build();
    }

    /**
     * A delivery this instance just queued: leased by its key before any search (on the embedded
     * store every search reads every delivery; under a burst that was most of the courier's cost).
     */
    void queued(String subscriptionId, String deliveryId) {
        synchronized (busySubscriptions) {
            if (freshCount < MAX_FRESH) { // beyond it, the next search finds it
                fresh.computeIfAbsent(subscriptionId, id -> new ArrayDeque<>()).add(deliveryId);
                freshCount++;
            }
        }
    }

    /**
     * Takes and makes every delivery due now, up to the concurrency allowed and one at a time a
     * subscription: first those this instance just queued (by key), then, when {@code search}, any
     * other due (a retry, a redelivery, another instance's). A delivery made looks for the next at
     * once. How many it started.
     */
    int deliverDue(java.util.concurrent.Executor executor, boolean search) {
        int started = 0;
        while (inFlight.tryAcquire()) {
            Instant now = clock.instant();
            Optional<Document> leased;
            synchronized (busySubscriptions) {
                List<String> skipped = new ArrayList<>(busySubscriptions);
                rates.forEach((id, rate) -> {
                    if (rate.getAvailableTokens() < 1) {
                        skipped.add(id); // at its rate: its next waits for the bucket
                    }
                });
                leased = leaseFresh(now, skipped);
                // while fresh ones wait (a burst), a search, which reads every delivery on the
                // embedded store, runs at most once a second: retries are found, and the burst is not slowed
                if (leased.isEmpty() && search && (freshCount == 0 || !now.isBefore(lastSearch.plusSeconds(1)))) {
                    lastSearch = now;
                    leased = deliveries.lease(now, now.plus(settings.lease()), owner, skipped);
                }
                leased.ifPresent(d -> {
                    busySubscriptions.add(d.getString("subscription_id"));
                    rate(d.getString("subscription_id")).tryConsume(1);
                });
            }
            if (leased.isEmpty()) {
                inFlight.release();
                break;
            }
            Document delivery = leased.get();
            String subscription = delivery.getString("subscription_id");
            started++;
            executor.execute(() -> {
                try {
                    deliver(delivery);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "webhook delivery " + delivery.getString("_id") + " failed to run", e);
                } finally {
                    synchronized (busySubscriptions) {
                        busySubscriptions.remove(subscription);
                    }
                    inFlight.release();
                }
                try {
                    deliverDue(executor, false);
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "webhooks: looking for the next delivery failed; the schedule tries again",
                            e);
                }
            });
        }
        return started;
    }

    /** The oldest delivery just queued for a subscription not {@code skipped}, leased by key. Under busySubscriptions. */
    private Optional<Document> leaseFresh(Instant now, List<String> skipped) {
        for (var queue : fresh.entrySet()) {
            if (skipped.contains(queue.getKey())) {
                continue;
            }
            while (!queue.getValue().isEmpty()) {
                String id = queue.getValue().poll();
                freshCount--;
                Optional<Document> leased = deliveries.lease(id, now, now.plus(settings.lease()), owner);
                if (leased.isPresent()) {
                    return leased;
                }
            }
        }
        fresh.values().removeIf(ArrayDeque::isEmpty);
        return Optional.empty();
    }

    private Bucket rate(String subscriptionId) {
        if (rates.size() > 10_000) {
            rates.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= settings.perSubscriptionPerSecond());
        }
        return rates.computeIfAbsent(
                subscriptionId,
                id -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(settings.perSubscriptionPerSecond())
                                .refillGreedy(settings.perSubscriptionPerSecond(), Duration.ofSeconds(1))
                                .build())
                        .build());
    }

    private void deliver(Document delivery) {
        yieldToRequests();
        String id = delivery.getString("_id");
        Optional<Subscription> found = subscriptions.find(delivery.getString("subscription_id"));
        Instant now = clock.instant();
        if (found.isEmpty()) {
            deliveries.attempted(
                    id, owner, attempt(now, 0, 0, "the subscription was deleted"), Deliveries.FAILED, now, now);
            return;
        }
        Subscription subscription = found.get();
        if (!subscription.status().equals(Subscription.ACTIVE)) {
            // held while paused or disabled; made once it is active again
            deliveries.postpone(id, owner, now.plus(settings.pausedRecheck()));
            return;
        }
        int attemptsBefore =
                delivery.getList("attempts", Document.class, List.of()).size();
        Optional<String> refused = targets.refusal(subscription.url());
        Document attempt;
        boolean delivered = false;
        if (refused.isPresent()) {
            attempt = attempt(now, 0, 0, "not sent: " + refused.get());
        } else {
            long started = System.nanoTime();
            int status = 0;
            String error = "";
            try {
                status = post(subscription, delivery);
                delivered = status >= 200 && status < 300;
                error = delivered ? "" : "answered " + status;
            } catch (OutboundTargets.Refused e) {
                error = "not sent: " + e.getMessage();
            } catch (RuntimeException e) {
                // no connection, a timeout, a broken answer: the client says which
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                error = "no answer: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            }
            attempt = attempt(now, status, (System.nanoTime() - started) / 1_000_000, error);
        }
        Instant after = clock.instant();
        if (delivered) {
            deliveries.attempted(id, owner, attempt, Deliveries.DELIVERED, after, after);
            audited(subscription, delivery, "delivered at attempt " + (attemptsBefore + 1));
            if (subscription.failedInARow() > 0) {
                subscriptions.replace(subscription.with(subscription.status(), "", 0, after.toString()));
            }
            return;
        }
        if (attemptsBefore < settings.retrySchedule().size()) {
            Duration wait = jittered(settings.retrySchedule().get(attemptsBefore));
            deliveries.attempted(id, owner, attempt, Deliveries.PENDING, after.plus(wait), after);
            return;
        }
        deliveries.attempted(id, owner, attempt, Deliveries.FAILED, after, after);
        audited(
                subscription,
                delivery,
                "failed after " + (attemptsBefore + 1) + " attempts: " + attempt.getString("error"));
        failedForGood(subscription, after);
    }

    /**
     * Waits, at most {@code yieldToRequests}, while callers' requests are being answered: a delivery
     * is asynchronous and a caller is waiting, so on shared cores the caller goes first (under a
     * burst deliveries slow down rather than the writes that cause them; never stopped).
     */
    private void yieldToRequests() {
        long giveUp = System.nanoTime() + settings.yieldToRequests().toNanos();
        while (requestsInFlight.getAsInt() > 0 && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A delivery's outcome in the gateway's audit trail: which event went to whom, and how it ended. */
    private void audited(Subscription subscription, Document delivery, String outcome) {
        audit.record(
                itself,
                "deliver-webhook",
                delivery.getString("event_id") + " to " + subscription.owner().clientId() + ": " + outcome,
                AuditSubjects.webhook(subscription.id()));
    }

    /** A delivery failed for good: after enough in a row the platform disables the subscription. */
    private void failedForGood(Subscription subscription, Instant now) {
        for (int tries = 0; tries < 3; tries++) {
            Subscription current = subscriptions.find(subscription.id()).orElse(null);
            if (current == null) {
                return;
            }
            int failures = current.failedInARow() + 1;
            boolean disable = failures >= settings.disableAfterFailedDeliveries()
                    && current.status().equals(Subscription.ACTIVE);
            Subscription next = current.with(
                    disable ? Subscription.DISABLED : current.status(),
                    disable ? failures + " deliveries in a row failed after every retry" : current.disabledReason(),
                    failures,
                    now.toString());
            if (disable) {
                // told before it is written: at worst told twice (under one id), never not told
                tellOwner(current, next.disabledReason(), now);
            }
            if (subscriptions.replace(next)) {
                if (disable) {
                    LOG.warning("webhook subscription " + current.id() + " of "
                            + current.owner().clientId() + " disabled: " + next.disabledReason());
                    audit.record(
                            itself,
                            "disable-webhook",
                            current.owner().clientId() + ": " + next.disabledReason(),
                            AuditSubjects.webhook(current.id()));
                }
                return;
            }
        }
    }

    /** Sends the delivery; its answer's status (the body is never read). */
    /**
     * Tells the owner of {@code disabled} through its other subscriptions that name
     * {@code webhook.subscription-disabled} (a client's operations endpoint, say): the one being
     * disabled cannot be told. One event id a subscription and version, so a retry queues nothing twice.
     */
    private void tellOwner(Subscription disabled, String reason, Instant now) {
        String eventId = EventTypes.SUBSCRIPTION_DISABLED + "/" + disabled.id() + "/v" + (disabled.version() + 1);
        com.fasterxml.jackson.databind.node.ObjectNode data =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        data.put("subscription_id", disabled.id());
        data.put("url", disabled.url());
        data.put("reason", reason);
        data.put("disabled_at", now.toString());
        String body = Dispatcher.body(EventTypes.SUBSCRIPTION_DISABLED, now.toString(), data);
        for (Subscription other : subscriptions.of(disabled.owner().clientId())) {
            if (!other.id().equals(disabled.id())
                    && !other.status().equals(Subscription.DISABLED)
                    && other.events().contains(EventTypes.SUBSCRIPTION_DISABLED)) {
                deliveries.queue(other, eventId, EventTypes.SUBSCRIPTION_DISABLED, body, now);
            }
        }
    }

    /** Sends the delivery; its answer's status (the body is never read). */
    private int post(Subscription subscription, Document delivery) {
        String body = delivery.getString("body");
        String eventId = delivery.getString("event_id");
        long timestamp = clock.instant().getEpochSecond();
        try (HttpClientResponse response = http.post(subscription.url())
                .contentType(MediaTypes.APPLICATION_JSON)
                .header(HeaderNames.USER_AGENT, "cfe-platform-webhooks")
                .header(HeaderNames.create("webhook-id"), eventId)
                .header(HeaderNames.create("webhook-timestamp"), String.valueOf(timestamp))
                .header(HeaderNames.create("webhook-signature"), signatures(subscription, eventId, timestamp, body))
                .submit(body.getBytes(StandardCharsets.UTF_8))) {
            return response.status().code();
        }
    }

    /** One signature under each secret that still signs (the newest first), space-separated. */
    private String signatures(Subscription subscription, String id, long timestamp, String body) {
        Instant now = clock.instant();
        List<String> signatures = new ArrayList<>();
        for (Subscription.Secret secret : subscription.secrets()) {
            if (!secret.retiresAt().isEmpty() && !now.isBefore(Instant.parse(secret.retiresAt()))) {
                continue;
            }
            try {
                signatures.add(new Webhook(secret.value()).sign(id, timestamp, body));
            } catch (WebhookSigningException | RuntimeException e) {
                throw new IllegalStateException("a subscription's secret cannot sign", e);
            } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
                throw new IllegalStateException("a subscription has an empty secret", e);
            }
        }
        return String.join(" ", signatures);
    }

    private static Duration jittered(Duration wait) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4; // +-20%: retries do not stampede
        return Duration.ofMillis(Math.max(1, (long) (wait.toMillis() * factor)));
    }

    private static Document attempt(Instant at, int status, long latencyMillis, String error) {
        return new Document("at", at.toString())
                .append("status", status)
                .append("latency_ms", latencyMillis)
                .append("error", error.length() > 300 ? error.substring(0, 300) : error);
    }
}
