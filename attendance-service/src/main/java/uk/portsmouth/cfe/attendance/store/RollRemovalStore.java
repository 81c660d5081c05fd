package uk.portsmouth.cfe.attendance.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.events.EventOutbox;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCase;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCaseStatus;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemoval;

/**
 * The "roll_removals" collection (one document a notice, keyed so that a notice sent twice is one)
 * and the "cme_cases" collection (one document a case, versioned: the LA updates it as the child is
 * found and placed).
 */
public final class RollRemovalStore {

    private final VersionedRecords<RollRemoval> removals;
    private final VersionedRecords<CmeCase> cases;
    private final EventOutbox outbox;

    public RollRemovalStore(MongoDatabase database) {
        this.removals = new VersionedRecords<>(
                database.getCollection("roll_removals"),
                "roll removal",
                RollRemoval::getId,
                RollRemoval::newBuilder,
                (r, d) -> {});
        this.cases = new VersionedRecords<>(
                database.getCollection("cme_cases"), "CME case", CmeCase::getId, CmeCase::newBuilder, (c, d) -> {});
        this.outbox =
                new EventOutbox(List.of(database.getCollection("roll_removals"), database.getCollection("cme_cases")));
    }

    /** The outbox of every removal and CME case: the events their writes caused, until the gateway takes them. */
    public EventOutbox outbox() {
        return outbox;
    }

    public Optional<RollRemoval> findRemoval(String id) {
        return removals.find(id).map(StoredRecord::body);
    }

    /** Records the notice unless the same one is recorded (a retry); true when this call recorded it. */
    public boolean addRemoval(RollRemoval removal, String by, List<EventDraft> events) {
        return removals.insertIfAbsent(removal, by, events);
    }

    public Page<RollRemoval> removalsAt(String urn, Paging paging) {
        return removals.page(Filters.eq("urn", urn), Sorts.descending("deletion_date"), paging);
    }

    /** Opens the case unless it is open already (a retry of the notice that opened it). */
    public void openCase(CmeCase cmeCase, String by, List<EventDraft> events) {
        cases.insertIfAbsent(cmeCase, by, events);
    }

    public Optional<StoredRecord<CmeCase>> findCase(String id) {
        return cases.find(id);
    }

    public long replaceCase(CmeCase cmeCase, long expectedVersion, String by) {
        return cases.replace(cmeCase, expectedVersion, by);
    }

    /** Every removal notice naming the child {@code upn} (subject access). */
    public List<RollRemoval> removalsOf(String upn) {
        return removals.list(Filters.eq("upn", upn), Sorts.ascending("deletion_date"));
    }

    /** Every CME case about the child {@code upn} (subject access). */
    public List<CmeCase> casesOf(String upn) {
        return cases.list(Filters.eq("upn", upn), Sorts.ascending("opened_at"));
    }

    /** CME cases ended (placed, closed) with nothing since {@code cutoff}: counted, or deleted when {@code delete}. */
    public long casesEndedBefore(Instant cutoff, boolean delete) {
        Bson ended = Filters.and(
                Filters.in("status", "placed", "closed"),
                Filters.lt("opened_at", cutoff.toString()),
                Filters.nor(Filters.gte("timeline.at", cutoff.toString())));
        return delete ? cases.deleteAll(ended) : cases.count(ended);
    }

    /** Cases in these statuses, oldest first. */
    public Page<CmeCase> cases(List<CmeCaseStatus> statuses, Paging paging) {
        return cases.page(
                Filters.in("status", statuses.stream().map(ClosedSets::jsonName).toList()),
                Sorts.ascending("opened_at", "_id"),
                paging);
    }
}
