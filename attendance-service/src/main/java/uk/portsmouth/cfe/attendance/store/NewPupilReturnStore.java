package uk.portsmouth.cfe.attendance.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturn;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnStatus;

/**
 * The "new_pupil_returns" collection (one versioned document a return, keyed by school, pupil and
 * entry date, so a sync sent again owes nothing twice) and "roll_syncs" (the day each school's roll
 * was first synced: pupils entered before it owe no return).
 */
public final class NewPupilReturnStore {

    private static final int DUPLICATE_KEY = 11000;

    private final VersionedRecords<NewPupilReturn> returns;
    private final MongoCollection<Document> rollSyncs;

    public NewPupilReturnStore(MongoDatabase database) {
        MongoCollection<Document> collection = database.getCollection("new_pupil_returns");
        // a school's returns and the city's overdue ones, soonest due first; a child's
        collection.createIndex(Indexes.ascending("urn", "status", "due_by"));
        collection.createIndex(Indexes.ascending("status", "due_by"));
        collection.createIndex(Indexes.ascending("upn"));
        this.returns = new VersionedRecords<>(
                collection, "new pupil return", NewPupilReturn::getId, NewPupilReturn::newBuilder, (r, d) -> {});
        this.rollSyncs = database.getCollection("roll_syncs");
    }

    /** The day school {@code urn}'s roll was first synced: {@code today} unless an earlier sync set it (one upsert). */
    public LocalDate firstRollSync(String urn, LocalDate today) {
        Document sync;
        try {
            sync = rollSyncs.findOneAndUpdate(
                    Filters.eq("_id", urn),
                    Updates.setOnInsert("first_synced_on", today.toString()),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (MongoException e) {
            if (e.getCode() != DUPLICATE_KEY) {
                throw e;
            }
            // two first syncs raced to insert it: the other one's day stands
            sync = rollSyncs.find(Filters.eq("_id", urn)).first();
        }
        return LocalDate.parse(sync.getString("first_synced_on"));
    }

    /** Records each return unless it is recorded already (a sync sent again). */
    public void addAll(Collection<NewPupilReturn> owed, String by) {
        owed.forEach(r -> returns.insertIfAbsent(r, by));
    }

    public Optional<StoredRecord<NewPupilReturn>> find(String id) {
        return returns.find(id);
    }

    public long replace(NewPupilReturn submitted, long expectedVersion, String by) {
        return returns.replace(submitted, expectedVersion, by);
    }

    /** One school's returns ({@code urn}) or every school's (empty), in a status; overdue ones only when asked. */
    public Page<NewPupilReturn> page(
            String urn, NewPupilReturnStatus status, boolean overdueOnly, LocalDate today, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        if (!urn.isEmpty()) {
            filters.add(Filters.eq("urn", urn));
        }
        if (overdueOnly) {
            filters.add(Filters.eq("status", ClosedSets.jsonName(NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_DUE)));
            filters.add(Filters.lt("due_by", today.toString()));
        } else if (ClosedSets.given(status)) {
            filters.add(Filters.eq("status", ClosedSets.jsonName(status)));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return returns.page(filter, Sorts.ascending("due_by", "_id"), paging);
    }

    /** Every return about the child {@code upn} (subject access). */
    public List<NewPupilReturn> returnsOf(String upn) {
        return returns.list(Filters.eq("upn", upn), Sorts.ascending("entry_date"));
    }

    /** Submitted returns whose submission was before {@code cutoff}: counted, or deleted when {@code delete}. */
    public long submittedBefore(Instant cutoff, boolean delete) {
        Bson old = Filters.and(
                Filters.eq("status", ClosedSets.jsonName(NewPupilReturnStatus.NEW_PUPIL_RETURN_STATUS_SUBMITTED)),
                Filters.lt("submitted_at", cutoff.toString()));
        return delete ? returns.deleteAll(old) : returns.count(old);
    }
}
