package uk.portsmouth.cfe.attendance.store;

import com.google.protobuf.ProtocolMessageEnum;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.attendance.v1.LegalAction;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionStatus;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferral;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralStatus;

/**
 * The "legal_actions" and "sap_referrals" collections: one versioned document a case, its timeline
 * inside it, so that each step is one conditional write. Ids are made from what the case is about,
 * so a request sent twice is one case.
 */
public final class CaseworkStore {

    private final VersionedRecords<LegalAction> legalActions;
    private final VersionedRecords<SapReferral> referrals;

    public CaseworkStore(MongoDatabase database) {
        this.legalActions = new VersionedRecords<>(
                database.getCollection("legal_actions"),
                "legal action request",
                LegalAction::getId,
                LegalAction::newBuilder,
                (l, d) -> {});
        this.referrals = new VersionedRecords<>(
                database.getCollection("sap_referrals"),
                "SAP referral",
                SapReferral::getId,
                SapReferral::newBuilder,
                (r, d) -> {});
    }

    /** Every legal action request about the child {@code upn} (subject access). */
    public List<LegalAction> legalActionsOf(String upn) {
        return legalActions.list(Filters.eq("upn", upn), Sorts.ascending("_id"));
    }

    /** Every panel referral about the child {@code upn} (subject access). */
    public List<SapReferral> referralsOf(String upn) {
        return referrals.list(Filters.eq("upn", upn), Sorts.ascending("_id"));
    }

    /** Decided requests with nothing done since {@code cutoff}: counted, or deleted when {@code delete}. */
    public long legalActionsDoneBefore(Instant cutoff, boolean delete) {
        Bson done = Filters.and(
                Filters.eq("status", ClosedSets.jsonName(LegalActionStatus.LEGAL_ACTION_STATUS_DECIDED)),
                Filters.nor(Filters.gte("timeline.at", cutoff.toString())));
        return delete ? legalActions.deleteAll(done) : legalActions.count(done);
    }

    /** Referrals finished (declined, outcome recorded) with nothing done since {@code cutoff}: counted or deleted. */
    public long referralsDoneBefore(Instant cutoff, boolean delete) {
        Bson done = Filters.and(
                Filters.in("status", "declined", "outcome_recorded"),
                Filters.nor(Filters.gte("timeline.at", cutoff.toString())));
        return delete ? referrals.deleteAll(done) : referrals.count(done);
    }

    public boolean addLegalAction(LegalAction request, String by) {
        return legalActions.insertIfAbsent(request, by);
    }

    public Optional<StoredRecord<LegalAction>> legalAction(String id) {
        return legalActions.find(id);
    }

    public long replaceLegalAction(LegalAction request, long expectedVersion, String by) {
        return legalActions.replace(request, expectedVersion, by);
    }

    public Page<LegalAction> legalActions(String urn, LegalActionStatus status, Paging paging) {
        return legalActions.page(filter(urn, status), Sorts.descending("_id"), paging);
    }

    public boolean addReferral(SapReferral referral, String by) {
        return referrals.insertIfAbsent(referral, by);
    }

    public Optional<StoredRecord<SapReferral>> referral(String id) {
        return referrals.find(id);
    }

    public long replaceReferral(SapReferral referral, long expectedVersion, String by) {
        return referrals.replace(referral, expectedVersion, by);
    }

    public Page<SapReferral> referrals(String urn, SapReferralStatus status, Paging paging) {
        return referrals.page(filter(urn, status), Sorts.descending("_id"), paging);
    }

    private static Bson filter(String urn, ProtocolMessageEnum status) {
        List<Bson> filters = new ArrayList<>();
        if (!urn.isEmpty()) {
            filters.add(Filters.eq("urn", urn));
        }
        if (ClosedSets.given(status)) {
            filters.add(Filters.eq("status", ClosedSets.jsonName(status)));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }
}
