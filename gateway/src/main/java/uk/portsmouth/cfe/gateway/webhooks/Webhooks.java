package uk.portsmouth.cfe.gateway.webhooks;

import com.mongodb.client.MongoDatabase;
import io.helidon.config.Config;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.service.PeriodicTask;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.EventOutboxGrpc.EventOutboxBlockingStub;

/**
 * Webhooks, put together from {@code webhooks.*} (gateway.yaml): the subscriptions' routes, the
 * dispatcher taking events from the services' outboxes into deliveries, and the courier making
 * them; both run on every gateway instance, over the gateway's shared database.
 */
public final class Webhooks implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());
    static final String DEFAULT_RETRIES = "PT5S,PT30S,PT2M,PT10M,PT30M,PT1H,PT2H,PT4H,PT8H,PT8H";

    private final WebhookRoutes routes;
    private final Rounds dispatching;
    private final Rounds delivering;
    private final Deliveries deliveries;
    private final Duration deliveryRetention;
    /**
     * The rounds run every fraction of a second, mostly finding nothing: they are not traced (a
     * parent that is not sampled), so traces stay those of requests. What a delivery did is in its
     * attempts, and a failed round in the log.
     */
    private static final Context UNTRACED = Context.root()
            .with(Span.wrap(SpanContext.create(
                    TraceId.fromLongs(0, 1), SpanId.fromLong(1), TraceFlags.getDefault(), TraceState.getDefault())));

    private final ScheduledExecutorService schedule;
    private final ExecutorService sending;
    private PeriodicTask retention;

    private Webhooks(
            Config config,
            Deliveries deliveries,
            Dispatcher dispatcher,
            Courier courier,
            java.util.function.Function<Runnable, WebhookRoutes> routes) {
        this.deliveries = deliveries;
        this.schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("webhooks").daemon().factory());
        this.sending = Executors.newVirtualThreadPerTaskExecutor();
        java.util.concurrent.Executor untracedSending = Context.taskWrapping(sending);
        this.delivering = new Rounds(
                schedule,
                config.get("deliver-every").as(Duration.class).orElse(Duration.ofMillis(100)),
                config.get("deliver-idle-every").as(Duration.class).orElse(Duration.ofSeconds(2)),
                () -> quietly("deliver", () -> courier.deliverDue(untracedSending, true)));
        this.dispatching = new Rounds(
                schedule,
                config.get("dispatch-every").as(Duration.class).orElse(Duration.ofMillis(100)),
                config.get("dispatch-idle-every").as(Duration.class).orElse(Duration.ofMillis(500)),
                () -> quietly("dispatch", () -> {
                    int queued = dispatcher.dispatchPending();
                    if (queued > 0) {
                        delivering.wake();
                    }
                    return queued;
                }));
        this.routes = routes.apply(delivering::wake);
        this.deliveryRetention =
                config.get("delivery-retention").as(Duration.class).orElse(Duration.ofDays(30));
    }

    /**
     * @param outboxes      each service's event outbox, called as the gateway itself
     * @param clientRefused whether a client is suspended or revoked (its subscriptions hear nothing)
     * @param itself        the gateway acting as itself, as the audit trail names the deliveries' maker
     * @param requestsInFlight callers' requests being answered now: a delivery waits a moment for them
     */
    public static Webhooks create(
            Config config,
            MongoDatabase database,
            Map<String, EventOutboxBlockingStub> outboxes,
            Predicate<String> clientRefused,
            Authenticator authenticator,
            RequestBodies bodies,
            AuditLog audit,
            CallerContext itself,
            java.util.function.IntSupplier requestsInFlight,
            Clock clock) {
        SubscriptionStore subscriptions = new SubscriptionStore(database);
        Deliveries deliveries = new Deliveries(database);
        OutboundTargets targets =
                new OutboundTargets(config.get("allow-loopback").asBoolean().orElse(false));
        List<Duration> retries = Arrays.stream(config.get("retry-schedule")
                        .asString()
                        .orElse(DEFAULT_RETRIES)
                        .split(","))
                .map(String::strip)
                .map(Duration::parse)
                .toList();
        Courier courier = new Courier(
                deliveries,
                subscriptions,
                targets,
                audit,
                itself,
                new Courier.Settings(
                        config.get("timeout").as(Duration.class).orElse(Duration.ofSeconds(5)),
                        retries,
                        config.get("lease").as(Duration.class).orElse(Duration.ofSeconds(30)),
                        config.get("concurrency").asInt().orElse(16),
                        config.get("per-subscription-per-second").asInt().orElse(100),
                        config.get("disable-after-failed-deliveries").asInt().orElse(3),
                        config.get("paused-recheck").as(Duration.class).orElse(Duration.ofMinutes(1)),
                        config.get("yield-to-requests").as(Duration.class).orElse(Duration.ofMillis(50))),
                requestsInFlight,
                clock);
        Dispatcher dispatcher =
                new Dispatcher(outboxes, subscriptions, deliveries, clientRefused, courier::queued, clock);
        return new Webhooks(
                config,
                deliveries,
                dispatcher,
                courier,
                wakeCourier -> new WebhookRoutes(
                        subscriptions,
                        deliveries,
                        targets,
                        authenticator,
                        bodies,
                        audit,
                        clock,
                        config.get("secret-rotation-overlap").as(Duration.class).orElse(Duration.ofHours(24)),
                        wakeCourier));
    }

    public WebhookRoutes routes() {
        return routes;
    }

    /** Starts taking events and making deliveries, and forgetting finished deliveries after their retention. */
    public Webhooks start() {
        dispatching.start();
        delivering.start();
        retention = PeriodicTask.start(
                "webhook-retention",
                Duration.ofHours(1),
                () -> deliveries.deleteFinishedBefore(java.time.Instant.now().minus(deliveryRetention)));
        return this;
    }

    /** Runs one round, logging rather than ending the schedule on a failure (a store briefly away). */
    private static int quietly(String what, java.util.function.IntSupplier round) {
        try (Scope untraced = UNTRACED.makeCurrent()) {
            return round.getAsInt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webhooks: a " + what + " round failed; the next one tries again", e);
            return 0;
        }
    }

    @Override
    public void close() {
        if (retention != null) {
            retention.close();
        }
        schedule.shutdownNow();
        sending.shutdownNow();
    }
}
