package uk.portsmouth.cfe.gateway.webhooks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * No redirect is followed, the answer is read no further than its first kilobyte, the target is
 * checked again after a fresh DNS lookup, and a subscription takes one delivery at a time.
 */
final class Courier {

    private static final Logger LOG = Logger.getLogger(Courier.class.getName());
    private static final int ANSWER_READ = 1_024;

    private final Deliveries deliveries;
    private final SubscriptionStore subscriptions;
    private final OutboundTargets targets;
    private final AuditLog audit;
    /** The gateway acting as itself: who the audit trail says made the deliveries. */
    private final CallerContext itself;

    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;
    private final String owner = "courier-" + UUID.randomUUID();
    /** The subscriptions with a delivery in flight from this instance: one at a time each. */
    private final java.util.Set<String> busySubscriptions = new java.util.HashSet<>();

    private final java.util.concurrent.Semaphore inFlight;

    /** How deliveries are made: timeout, retry schedule, lease, concurrency, when a failing subscriber is disabled. */
    record Settings(
            Duration timeout,
            List<Duration> retrySchedule,
            Duration lease,
            int concurrency,
            int disableAfterFailedDeliveries,
            Duration pausedRecheck) {}

    Courier(
            Deliveries deliveries,
            SubscriptionStore subscriptions,
            OutboundTargets targets,
            AuditLog audit,
            CallerContext itself,
            Settings settings,
            Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.audit = audit;
        this.itself = itself;
        this.settings = settings;
        this.clock = clock;
        this.inFlight = new java.util.concurrent.Semaphore(settings.concurrency());
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
    }

    /**
     * Takes and makes every delivery due now, up to the concurrency allowed and one at a time a
     * subscription; a delivery made looks for the next at once. How many it started.
     */
    int deliverDue(java.util.concurrent.Executor executor) {
        int started = 0;
        while (inFlight.tryAcquire()) {
            Instant now = clock.instant();
            Optional<Document> leased;
            synchronized (busySubscriptions) {
                leased = deliveries.lease(now, now.plus(settings.lease()), owner, List.copyOf(busySubscriptions));
                leased.ifPresent(d -> busySubscriptions.add(d.getString("subscription_id")));
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
                    deliverDue(executor);
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

    private void deliver(Document delivery) {
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
            } catch (IOException e) {
                error = "no answer: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
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
            if (subscriptions.replace(next)) {
                if (disable) {
                    LOG.warning("webhook subscription " + current.id() + " of "
                            + current.owner().clientId() + " disabled: " + next.disabledReason());
                }
                return;
            }
        }
    }

    private int post(Subscription subscription, Document delivery) throws IOException, InterruptedException {
        String body = delivery.getString("body");
        String eventId = delivery.getString("event_id");
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "cfe-platform-webhooks")
                .header("webhook-id", eventId)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", signatures(subscription, eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream answer = response.body()) {
            answer.readNBytes(ANSWER_READ); // the rest is never read
        }
        return response.statusCode();
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
