package uk.portsmouth.cfe.gateway.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.paging.Paging;

/**
 * {@code /v1/webhooks}: an API client's subscriptions to events (docs/webhooks.md). A client
 * manages its own only (another's answers 404, as a missing one does); it names only events about
 * what it may read, and only addresses the platform may send to. The signing secret is shown once,
 * when made or rotated; a rotated secret keeps signing beside the new one for the overlap.
 */
public final class WebhookRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/webhooks";

    private static final int MAX_SUBSCRIPTIONS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionStore store;
    private final Deliveries deliveries;
    private final OutboundTargets targets;
    private final Authenticator authenticator;
    private final RequestBodies bodies;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration rotationOverlap;
    /** Makes the courier look for due deliveries now (a test event or a redelivery was queued). */
    private final Runnable wakeCourier;

    WebhookRoutes(
            SubscriptionStore store,
            Deliveries deliveries,
            OutboundTargets targets,
            Authenticator authenticator,
            RequestBodies bodies,
            AuditLog audit,
            Clock clock,
            Duration rotationOverlap,
            Runnable wakeCourier) {
        this.store = store;
        this.deliveries = deliveries;
        this.targets = targets;
        this.authenticator = authenticator;
        this.bodies = bodies;
        this.audit = audit;
        this.clock = clock;
        this.rotationOverlap = rotationOverlap;
        this.wakeCourier = wakeCourier;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::subscribe)
                .get("/{id}", this::get)
                .patch("/{id}", this::change)
                .delete("/{id}", this::delete)
                .post("/{id}/secret", this::rotate)
                .post("/{id}/test", this::test)
                .get("/{id}/deliveries", this::listDeliveries)
                .post("/{id}/deliveries/{delivery_id}/redeliver", this::redeliver);
    }

    /** The caller, an API client that may hear some event: people signed in have no webhooks. */
    private Caller subscriber(ServerRequest req) {
        Caller caller = authenticator.require(req, EventTypes.SUBSCRIBERS);
        if (!caller.issuer().isEmpty()) {
            throw Problems.forbidden(
                    "Webhooks belong to API clients; a person signed in through " + caller.issuer() + " has none");
        }
        return caller;
    }

    private static Subscription.Owner owner(Caller caller) {
        return new Subscription.Owner(caller.clientId(), caller.roles(), caller.schoolUrns(), caller.professionalId());
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = subscriber(req);
        List<Map<String, Object>> all =
                store.of(caller.clientId()).stream().map(WebhookViews::view).toList();
        Paging paging = Paging.of(QueryParams.page(req));
        List<Map<String, Object>> page = paging.slice(all);
        Json.ok(req, res, Json.pageOfValues(req, res, paging.info(all.size(), page.size()), page));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Subscription subscription = own(req, subscriber(req));
        Json.send(
                req,
                res,
                Status.OK_200,
                Json.write(WebhookViews.view(subscription)),
                ETags.ofVersion(subscription.version()));
    }

    private void subscribe(ServerRequest req, ServerResponse res) {
        Caller caller = subscriber(req);
        JsonNode body = bodies.read(req, "WebhookSubscriptionInput");
        Subscription.Owner owner = owner(caller);
        if (store.of(caller.clientId()).size() >= MAX_SUBSCRIPTIONS) {
            throw Problems.conflict("/", "a client has at most " + MAX_SUBSCRIPTIONS + " subscriptions");
        }
        String now = clock.instant().toString();
        String secret = newSecret();
        Subscription subscription = new Subscription(
                "wh_" + UUID.randomUUID().toString().replace("-", ""),
                owner,
                checkedUrl(body.path("url").asText("")),
                checkedEvents(owner, body.get("events")),
                checkedSchool(owner, body.path("school_urn").asText("")),
                body.path("description").asText(""),
                Subscription.ACTIVE,
                "",
                List.of(new Subscription.Secret(secret, now, "")),
                0,
                now,
                now,
                1);
        store.insert(subscription);
        audit.record(
                authenticator.context(req, Optional.of(caller)),
                "subscribe-webhook",
                String.join(",", subscription.events()) + " to " + subscription.url(),
                AuditSubjects.webhook(subscription.id()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Map<String, Object> shown = WebhookViews.view(subscription);
        shown.put("secret", secret);
        Json.created(req, res, PREFIX + "/" + subscription.id(), Json.write(shown), ETags.ofVersion(1));
    }

    /** New address, events, school, description, or paused / active again (a disabled one is re-enabled so). */
    private void change(ServerRequest req, ServerResponse res) {
        Caller caller = subscriber(req);
        Subscription current = atVersion(own(req, caller), ETags.requiredVersion(req));
        JsonNode body = bodies.read(req, "WebhookSubscriptionChange");
        Subscription.Owner owner = owner(caller);
        String status = body.path("status").asText(current.status());
        if (!status.equals(current.status()) && status.equals(Subscription.DISABLED)) {
            throw Problems.invalid(
                    "The change is not valid",
                    List.of(new FieldError(
                            "/status", "a subscription is made active or paused; the platform disables")));
        }
        boolean enabled = !status.equals(Subscription.DISABLED);
        Subscription changed = new Subscription(
                current.id(),
                owner,
                body.has("url") ? checkedUrl(body.get("url").asText("")) : current.url(),
                body.has("events") ? checkedEvents(owner, body.get("events")) : current.events(),
                body.has("school_urn")
                        ? checkedSchool(owner, body.get("school_urn").asText(""))
                        : current.schoolUrn(),
                body.path("description").asText(current.description()),
                status,
                enabled ? "" : current.disabledReason(),
                current.secrets(),
                enabled && status.equals(Subscription.ACTIVE) ? 0 : current.failedInARow(),
                current.createdAt(),
                clock.instant().toString(),
                current.version());
        if (!store.replace(changed)) {
            throw Problems.stale(ETags.ofVersion(
                    store.find(current.id()).map(Subscription::version).orElse(0L)));
        }
        audit.record(
                authenticator.context(req, Optional.of(caller)),
                "change-webhook",
                status + "; " + String.join(",", changed.events()) + " to " + changed.url(),
                AuditSubjects.webhook(changed.id()));
        Json.send(
                req,
                res,
                Status.OK_200,
                Json.write(WebhookViews.view(store.find(current.id()).orElseThrow())),
                ETags.ofVersion(current.version() + 1));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = subscriber(req);
        Subscription current = atVersion(own(req, caller), ETags.requiredVersion(req));
        if (!store.delete(current.id(), current.version())) {
            throw Problems.stale(ETags.ofVersion(
                    store.find(current.id()).map(Subscription::version).orElse(0L)));
        }
        audit.record(
                authenticator.context(req, Optional.of(caller)),
                "delete-webhook",
                "to " + current.url(),
                AuditSubjects.webhook(current.id()));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** A new secret, shown once; the ones before it keep signing until the overlap ends. */
    private void rotate(ServerRequest req, ServerResponse res) {
        Caller caller = subscriber(req);
        Subscription current = atVersion(own(req, caller), ETags.requiredVersion(req));
        Instant now = clock.instant();
        String overlapEnd = now.plus(rotationOverlap).toString();
        String secret = newSecret();
        List<Subscription.Secret> secrets =
                new ArrayList<>(List.of(new Subscription.Secret(secret, now.toString(), "")));
        current.secrets().stream()
                .filter(s -> s.retiresAt().isEmpty() || now.isBefore(Instant.parse(s.retiresAt())))
                .limit(2)
                .map(s -> new Subscription.Secret(
                        s.value(), s.createdAt(), s.retiresAt().isEmpty() ? overlapEnd : s.retiresAt()))
                .forEach(secrets::add);
        Subscription rotated = new Subscription(
                current.id(),
                current.owner(),
                current.url(),
                current.events(),
                current.schoolUrn(),
                current.description(),
                current.status(),
                current.disabledReason(),
                secrets,
                current.failedInARow(),
                current.createdAt(),
                now.toString(),
                current.version());
        if (!store.replace(rotated)) {
            throw Problems.stale(ETags.ofVersion(
                    store.find(current.id()).map(Subscription::version).orElse(0L)));
        }
        audit.record(
                authenticator.context(req, Optional.of(caller)),
                "rotate-webhook-secret",
                "the one before signs until " + overlapEnd,
                AuditSubjects.webhook(current.id()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.created(
                req,
                res,
                PREFIX + "/" + current.id(),
                Json.write(Json.map("secret", secret, "previous_secret_retires_at", overlapEnd)),
                ETags.ofVersion(current.version() + 1));
    }

    /** Queues a webhook.test event to the subscription now, whatever events it names. */
    private void test(ServerRequest req, ServerResponse res) {
        Caller caller = subscriber(req);
        Subscription subscription = own(req, caller);
        Instant now = clock.instant();
        String eventId = EventTypes.TEST + "/" + subscription.id() + "/" + UUID.randomUUID();
        com.google.protobuf.Struct data = com.google.protobuf.Struct.newBuilder()
                .putFields(
                        "subscription_id",
                        com.google.protobuf.Value.newBuilder()
                                .setStringValue(subscription.id())
                                .build())
                .build();
        deliveries.queue(
                subscription, eventId, EventTypes.TEST, Dispatcher.body(EventTypes.TEST, now.toString(), data), now);
        wakeCourier.run();
        String id = Deliveries.id(subscription.id(), eventId);
        res.header(HeaderNames.LOCATION, PREFIX + "/" + subscription.id() + "/deliveries");
        Json.send(
                req,
                res,
                Status.ACCEPTED_202,
                Json.write(WebhookViews.delivery(deliveries.find(id).orElseThrow())),
                null);
    }

    private void listDeliveries(ServerRequest req, ServerResponse res) {
        Subscription subscription = own(req, subscriber(req));
        Paging paging = Paging.of(QueryParams.page(req));
        long total = deliveries.count(subscription.id());
        List<Map<String, Object>> page = deliveries.of(subscription.id(), paging.offset(), paging.size()).stream()
                .map(WebhookViews::delivery)
                .toList();
        Json.ok(req, res, Json.pageOfValues(req, res, paging.info(total, page.size()), page));
    }

    private void redeliver(ServerRequest req, ServerResponse res) {
        Caller caller = subscriber(req);
        Subscription subscription = own(req, caller);
        String deliveryId = req.path().pathParameters().get("delivery_id");
        Document delivery = deliveries
                .find(deliveryId)
                .filter(d -> d.getString("subscription_id").equals(subscription.id()))
                .orElseThrow(() -> Problems.notFound("There is no delivery " + deliveryId));
        if (!deliveries.redeliver(delivery.getString("_id"), clock.instant())) {
            throw Problems.conflict("/", "the delivery is waiting to be made already");
        }
        wakeCourier.run();
        audit.record(
                authenticator.context(req, Optional.of(caller)),
                "redeliver-webhook",
                delivery.getString("event_id"),
                AuditSubjects.webhook(subscription.id()));
        Json.send(
                req,
                res,
                Status.ACCEPTED_202,
                Json.write(WebhookViews.delivery(deliveries.find(deliveryId).orElseThrow())),
                null);
    }

    /** The caller's own subscription {id}; another's is not found, as a missing one. */
    private Subscription own(ServerRequest req, Caller caller) {
        String id = req.path().pathParameters().get("id");
        return store.find(id)
                .filter(s -> s.owner().clientId().equals(caller.clientId()))
                .orElseThrow(() -> Problems.notFound("There is no webhook subscription " + id));
    }

    private static Subscription atVersion(Subscription subscription, long expected) {
        if (expected != 0 && expected != subscription.version()) {
            throw Problems.stale(ETags.ofVersion(subscription.version()));
        }
        return subscription;
    }

    private String checkedUrl(String url) {
        targets.refusal(url).ifPresent(why -> {
            throw Problems.invalid(
                    "The address is not one the platform sends to", List.of(new FieldError("/url", why)));
        });
        return url;
    }

    private static List<String> checkedEvents(Subscription.Owner owner, JsonNode events) {
        LinkedHashSet<String> named = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; events != null && i < events.size(); i++) {
            String type = events.get(i).asText("");
            if (!EventTypes.SUBSCRIBABLE.containsKey(type)) {
                errors.add(new FieldError("/events/" + i, type + " is not an event type: " + EventTypes.names()));
            } else if (!EventTypes.maySubscribe(owner, type)) {
                throw Problems.forbidden(
                        "A client with the roles " + owner.roles() + " may not hear " + type + " (/events/" + i + ")");
            }
            named.add(type);
        }
        if (named.isEmpty()) {
            errors.add(new FieldError("/events", "name at least one event type: " + EventTypes.names()));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid("The events are not valid", errors);
        }
        return List.copyOf(named);
    }

    /** A school's client may narrow to one of its own schools; the LA to any; "" is every school it may hear. */
    private static String checkedSchool(Subscription.Owner owner, String urn) {
        if (urn.isEmpty()) {
            return urn;
        }
        boolean la = owner.roles().contains(uk.portsmouth.cfe.platform.reference.Roles.LA_ADMIN)
                || owner.roles().contains(uk.portsmouth.cfe.platform.reference.Roles.LA_OFFICER);
        if (!la && !owner.schoolUrns().contains(urn)) {
            throw Problems.forbidden("This client does not act for school " + urn + " (/school_urn)");
        }
        return urn;
    }

    /** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
