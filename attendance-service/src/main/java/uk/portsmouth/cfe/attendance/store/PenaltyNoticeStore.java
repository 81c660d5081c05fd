package uk.portsmouth.cfe.attendance.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.proto.attendance.v1.NoticeLedger;

/**
 * The "penalty_notices" collection: one versioned ledger a child of the notices issued for them
 * (penalty notices and notices to improve), so that which notice a new one is, and whether a third
 * is refused, is decided by one conditional write however many decisions race.
 */
public final class PenaltyNoticeStore {

    private final VersionedRecords<NoticeLedger> ledgers;

    public PenaltyNoticeStore(MongoDatabase database) {
        this.ledgers = new VersionedRecords<>(
                database.getCollection("penalty_notices"),
                "penalty notice ledger",
                NoticeLedger::getUpn,
                NoticeLedger::newBuilder,
                (l, d) -> {});
    }

    /** Ledgers whose every notice was issued before {@code cutoff}: counted, or deleted when {@code delete}. */
    public long lastIssuedBefore(Instant cutoff, boolean delete) {
        String day = cutoff.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        Bson spent = Filters.nor(Filters.gte("notices.issued_on", day));
        return delete ? ledgers.deleteAll(spent) : ledgers.count(spent);
    }

    /** The child's ledger; version 0 and no notices when none was ever issued. */
    public StoredRecord<NoticeLedger> ledger(String upn) {
        return ledgers.find(upn)
                .orElse(new StoredRecord<>(NoticeLedger.newBuilder().setUpn(upn).build(), 0, ""));
    }

    /** Writes the ledger if it is still at {@code expectedVersion} (0: not yet written); false when another write came first. */
    public boolean save(NoticeLedger ledger, long expectedVersion, String by) {
        if (expectedVersion == 0) {
            return ledgers.insertIfAbsent(ledger, by);
        }
        try {
            ledgers.replace(ledger, expectedVersion, by);
            return true;
        } catch (VersionConflictException e) {
            return false;
        }
    }
}
