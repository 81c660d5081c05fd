package uk.portsmouth.cfe.fsp.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.List;
import org.bson.Document;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.events.EventOutbox;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewReminder;

/**
 * The "review_reminders" collection: one document a reminder given, keyed by its plan, review date
 * and kind, so giving it again (another instance, the next sweep) adds nothing; its event is
 * recorded in the same write. Kept apart from the plan, whose version a reminder must not move (an
 * editor's If-Match would fail for no change of theirs).
 */
public final class ReviewReminderStore {

    private static final String REMINDED_AT = "_reminded_at";

    private final VersionedRecords<ReviewReminder> reminders;
    private final EventOutbox outbox;

    public ReviewReminderStore(MongoDatabase database) {
        MongoCollection<Document> collection = database.getCollection("review_reminders");
        this.reminders = new VersionedRecords<>(
                collection,
                "review reminder",
                ReviewReminder::getId,
                ReviewReminder::newBuilder,
                (r, d) -> d.put(REMINDED_AT, r.getRemindedAt()));
        this.outbox = new EventOutbox(List.of(collection));
    }

    /** Records the reminder with its events unless it was given already; whether this call gave it. */
    public boolean remind(ReviewReminder reminder, List<EventDraft> events) {
        return reminders.insertIfAbsent(reminder, "review-reminders", events);
    }

    /** The reminders given about plan {@code planId}, oldest id first. */
    public List<ReviewReminder> of(String planId) {
        return reminders.list(Filters.eq("plan_id", planId), Sorts.ascending("_id"));
    }

    /** Reminders given before {@code cutoff}: counted, or deleted when {@code delete}. */
    public long givenBefore(java.time.Instant cutoff, boolean delete) {
        org.bson.conversions.Bson old = Filters.lt(REMINDED_AT, cutoff.toString());
        return delete ? reminders.deleteAll(old) : reminders.count(old);
    }

    /** The events the reminders' writes caused, until the gateway takes them. */
    public EventOutbox outbox() {
        return outbox;
    }
}
