package uk.portsmouth.cfe.gateway.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;
import uk.portsmouth.cfe.platform.proto.ProtoJson;
import uk.portsmouth.cfe.proto.common.v1.AcknowledgeEventsRequest;
import uk.portsmouth.cfe.proto.common.v1.EventOutboxGrpc.EventOutboxBlockingStub;
import uk.portsmouth.cfe.proto.common.v1.PendingEventsRequest;
import uk.portsmouth.cfe.proto.common.v1.PlatformEvent;

/**
 * Takes the events waiting in the services' outboxes, queues a delivery for every subscription
 * active or paused (its deliveries wait) that names the event's type and may hear it (its owner's read rights, its school
 * filter, its client not suspended or revoked), then acknowledges the events. Queued before
 * acknowledged, under ids made from the event's: a crash in between, or a second gateway doing the
 * same, queues nothing twice and loses nothing.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 200;

    private final Map<String, EventOutboxBlockingStub> outboxes;
    private final SubscriptionStore subscriptions;
    private final Deliveries deliveries;
    private final Predicate<String> clientRefused;
    private final Clock clock;
    /** Told each delivery queued (the courier leases it by key). */
    private final java.util.function.BiConsumer<String, String> onQueued;

    /** {@code outboxes}: each service's outbox, called as the gateway itself; {@code clientRefused}: suspended or revoked. */
    Dispatcher(
            Map<String, EventOutboxBlockingStub> outboxes,
            SubscriptionStore subscriptions,
            Deliveries deliveries,
            Predicate<String> clientRefused,
            java.util.function.BiConsumer<String, String> onQueued,
            Clock clock) {
        this.outboxes = Map.copyOf(outboxes);
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.clientRefused = clientRefused;
        this.clock = clock;
        this.onQueued = onQueued;
    }

    /** One pass over every service's outbox; how many deliveries it queued. */
    int dispatchPending() {
        int queued = 0;
        for (Map.Entry<String, EventOutboxBlockingStub> outbox : outboxes.entrySet()) {
            try {
                queued += dispatch(outbox.getValue());
            } catch (StatusRuntimeException e) {
                // the service is down or slow: its events wait in its outbox for the next pass
                LOG.fine("events from " + outbox.getKey() + " wait: " + e.getStatus());
            }
        }
        return queued;
    }

    private int dispatch(EventOutboxBlockingStub outbox) {
        List<PlatformEvent> events = outbox.withDeadlineAfter(5, TimeUnit.SECONDS)
                .listPendingEvents(
                        PendingEventsRequest.newBuilder().setLimit(BATCH).build())
                .getEventsList();
        if (events.isEmpty()) {
            return 0;
        }
        List<Subscription> listening = subscriptions.listening();
        Instant now = clock.instant();
        int queued = 0;
        List<String> done = new ArrayList<>();
        for (PlatformEvent event : events) {
            String body = body(event.getType(), event.getOccurredAt(), event.getData());
            for (Subscription subscription : listening) {
                if (hears(subscription, event)
                        && deliveries.queue(subscription, event.getId(), event.getType(), body, now)) {
                    onQueued.accept(subscription.id(), Deliveries.id(subscription.id(), event.getId()));
                    queued++;
                }
            }
            done.add(event.getId());
        }
        outbox.withDeadlineAfter(5, TimeUnit.SECONDS)
                .acknowledgeEvents(
                        AcknowledgeEventsRequest.newBuilder().addAllIds(done).build());
        return queued;
    }

    private boolean hears(Subscription subscription, PlatformEvent event) {
        return subscription.events().contains(event.getType())
                // a school filter narrows the events about a school; one about none (the directory) passes
                && (subscription.schoolUrn().isEmpty()
                        || event.getSchoolUrn().isEmpty()
                        || subscription.schoolUrn().equals(event.getSchoolUrn()))
                && EventTypes.mayHear(subscription.owner(), event)
                && !clientRefused.test(subscription.owner().clientId());
    }

    /** The delivery's JSON body, as Standard Webhooks writes it: {type, timestamp, data}. */
    static String body(String type, String timestamp, Struct data) {
        try {
            return body(type, timestamp, JSON.readTree(ProtoJson.print(data)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("an event's data is not JSON", e);
        }
    }

    /** As {@link #body(String, String, Struct)}, for data the gateway makes itself. */
    static String body(String type, String timestamp, com.fasterxml.jackson.databind.JsonNode data) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        body.put("timestamp", timestamp);
        body.set("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an event's body cannot be written", e);
        }
    }
}
