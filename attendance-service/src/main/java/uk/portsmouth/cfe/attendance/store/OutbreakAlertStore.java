package uk.portsmouth.cfe.attendance.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.List;
import org.bson.Document;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.events.EventOutbox;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.proto.attendance.v1.RaisedOutbreakAlert;

/**
 * The "outbreak_alerts" collection: one document an alert raised, keyed by its school, symptom
 * category and block of days, so raising it again (another instance, the watch's sweep after a
 * report's own check) adds nothing; its event is recorded in the same write.
 */
public final class OutbreakAlertStore {

    private final VersionedRecords<RaisedOutbreakAlert> alerts;
    private final EventOutbox outbox;

    public OutbreakAlertStore(MongoDatabase database) {
        MongoCollection<Document> collection = database.getCollection("outbreak_alerts");
        this.alerts = new VersionedRecords<>(
                collection,
                "outbreak alert",
                RaisedOutbreakAlert::getId,
                RaisedOutbreakAlert::newBuilder,
                (a, d) -> {});
        this.outbox = new EventOutbox(List.of(collection));
    }

    /** Records the alert with its events unless it was raised already; whether this call raised it. */
    public boolean raise(RaisedOutbreakAlert alert, List<EventDraft> events) {
        return alerts.insertIfAbsent(alert, "outbreak-watch", events);
    }

    /** Every alert raised, oldest id first. */
    public List<RaisedOutbreakAlert> all() {
        return alerts.list(Filters.empty(), Sorts.ascending("_id"));
    }

    /** The events the alerts' writes caused, until the gateway takes them. */
    public EventOutbox outbox() {
        return outbox;
    }
}
