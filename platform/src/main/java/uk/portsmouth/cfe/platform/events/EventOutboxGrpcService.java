package uk.portsmouth.cfe.platform.events;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.proto.common.v1.AcknowledgeEventsReply;
import uk.portsmouth.cfe.proto.common.v1.AcknowledgeEventsRequest;
import uk.portsmouth.cfe.proto.common.v1.EventOutboxGrpc;
import uk.portsmouth.cfe.proto.common.v1.PendingEvents;
import uk.portsmouth.cfe.proto.common.v1.PendingEventsRequest;

/** A service's {@link EventOutbox}, for the gateway acting as itself (its webhook dispatcher) only. */
public final class EventOutboxGrpcService extends EventOutboxGrpc.EventOutboxImplBase {

    private static final int MAX_ID = 300;

    private final EventOutbox outbox;

    public EventOutboxGrpcService(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void listPendingEvents(PendingEventsRequest request, StreamObserver<PendingEvents> response) {
        CallerContexts.requireService(Trust.GATEWAY, "Only the gateway's dispatcher reads the event outbox");
        if (request.getLimit() < 1 || request.getLimit() > EventOutbox.MAX_LIMIT) {
            throw InvalidInputException.of("limit", "limit is 1-" + EventOutbox.MAX_LIMIT);
        }
        reply(
                response,
                PendingEvents.newBuilder()
                        .addAllEvents(outbox.pending(request.getLimit()))
                        .build());
    }

    @Override
    public void acknowledgeEvents(AcknowledgeEventsRequest request, StreamObserver<AcknowledgeEventsReply> response) {
        CallerContexts.requireService(Trust.GATEWAY, "Only the gateway's dispatcher acknowledges events");
        if (request.getIdsCount() > EventOutbox.MAX_LIMIT
                || request.getIdsList().stream().anyMatch(id -> id.isEmpty() || id.length() > MAX_ID)) {
            throw InvalidInputException.of(
                    "ids", "1-" + EventOutbox.MAX_LIMIT + " event ids of 1-" + MAX_ID + " characters");
        }
        long changed = request.getIdsCount() == 0 ? 0 : outbox.acknowledge(request.getIdsList());
        reply(
                response,
                AcknowledgeEventsReply.newBuilder()
                        .setAcknowledged((int) changed)
                        .build());
    }
}
