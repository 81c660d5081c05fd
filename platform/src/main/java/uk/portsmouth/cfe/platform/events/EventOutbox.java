package uk.portsmouth.cfe.platform.events;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;
import uk.portsmouth.cfe.proto.common.v1.PlatformEvent;

/**
 * The events a service's records hold in their outboxes ({@link VersionedDocuments#OUTBOX}): each
 * recorded in the same single-document write as the change it reports, so a crash between the
 * change and its delivery loses nothing. The gateway lists the pending ones and acknowledges those
 * whose deliveries it has queued; an acknowledgment takes them out without touching the record's
 * version (a client's If-Match is unaffected). A write racing an acknowledgment may put an
 * acknowledged event back; it is then listed again, and the gateway, which queues deliveries under
 * ids made from the event's, queues nothing twice (at least once here, exactly once in deliveries).
 */
public final class EventOutbox {

    /** The most events one listing gives. */
    public static final int MAX_LIMIT = 500;

    private final List<MongoCollection<Document>> collections;

    /** The outboxes of the records in {@code collections}. */
    public EventOutbox(List<MongoCollection<Document>> collections) {
        this.collections = List.copyOf(collections);
        // a record with pending events: the listing's only filter
        collections.forEach(collection -> collection.createIndex(
                new Document(VersionedDocuments.OUTBOX + ".id", 1),
                new com.mongodb.client.model.IndexOptions().sparse(true).name("outbox")));
    }

    /** One outbox over the records of every one of {@code outboxes}. */
    public static EventOutbox combining(List<EventOutbox> outboxes) {
        return new EventOutbox(
                outboxes.stream().flatMap(o -> o.collections.stream()).toList());
    }

    /** Up to {@code limit} pending events, oldest first. */
    public List<PlatformEvent> pending(int limit) {
        List<PlatformEvent> events = new ArrayList<>();
        for (MongoCollection<Document> collection : collections) {
            for (Document record : collection
                    .find(Filters.exists(VersionedDocuments.OUTBOX + ".0"))
                    .projection(Projections.include(VersionedDocuments.OUTBOX))) {
                for (Document event : record.getList(VersionedDocuments.OUTBOX, Document.class, List.of())) {
                    events.add(ProtoDocuments.fromDocument(event, PlatformEvent.newBuilder())
                            .build());
                }
            }
        }
        return events.stream()
                .sorted(Comparator.comparing(PlatformEvent::getOccurredAt).thenComparing(PlatformEvent::getId))
                .limit(limit)
                .toList();
    }

    /**
     * Takes the events with these ids out of their records' outboxes, finding the records by the
     * ids the events name (the primary key: no scan on any store); how many records changed.
     */
    public long acknowledge(List<String> ids) {
        List<String> records =
                ids.stream().map(EventDraft::recordIdOf).distinct().toList();
        long changed = 0;
        for (MongoCollection<Document> collection : collections) {
            changed += collection
                    .updateMany(
                            Filters.in("_id", records), Updates.pull(VersionedDocuments.OUTBOX, Filters.in("id", ids)))
                    .getModifiedCount();
        }
        return changed;
    }
}
