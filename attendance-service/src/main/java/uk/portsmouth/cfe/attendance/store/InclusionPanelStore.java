package uk.portsmouth.cfe.attendance.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.attendance.domain.InclusionPanelRules;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.attendance.v1.IspDecision;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferral;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralStatus;

/**
 * The "isp_referrals" collection: one versioned document an Inclusion Support Panel referral, its
 * timeline and decision inside it, so each step is one conditional write. A decision for dual
 * registration is read back by the main school's marks (its sessions at the other setting are D).
 */
public final class InclusionPanelStore {

    private final VersionedRecords<IspReferral> referrals;

    public InclusionPanelStore(MongoDatabase database) {
        MongoCollection<Document> collection = database.getCollection("isp_referrals");
        // a school's dual registrations, read at every marks batch; a child's referrals
        collection.createIndex(Indexes.ascending("urn", "decision"));
        collection.createIndex(Indexes.ascending("upn"));
        this.referrals = new VersionedRecords<>(
                collection,
                "Inclusion Support Panel referral",
                IspReferral::getId,
                IspReferral::newBuilder,
                (r, d) -> {});
    }

    /** Records the referral unless the same one is recorded (a retry); true when this call recorded it. */
    public boolean add(IspReferral referral, String by) {
        return referrals.insertIfAbsent(referral, by);
    }

    public Optional<StoredRecord<IspReferral>> find(String id) {
        return referrals.find(id);
    }

    public long replace(IspReferral referral, long expectedVersion, String by) {
        return referrals.replace(referral, expectedVersion, by);
    }

    public Page<IspReferral> page(String urn, IspReferralStatus status, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        if (!urn.isEmpty()) {
            filters.add(Filters.eq("urn", urn));
        }
        if (ClosedSets.given(status)) {
            filters.add(Filters.eq("status", ClosedSets.jsonName(status)));
        }
        return referrals.page(
                filters.isEmpty() ? new Document() : Filters.and(filters), Sorts.descending("_id"), paging);
    }

    /** The dual registrations the panel decided for pupils whose main school is {@code urn}. */
    public List<InclusionPanelRules.Arrangement> dualRegistrationsAt(String urn) {
        return referrals
                .list(
                        Filters.and(
                                Filters.eq("urn", urn),
                                Filters.eq(
                                        "decision", ClosedSets.jsonName(IspDecision.ISP_DECISION_DUAL_REGISTRATION))),
                        Sorts.ascending("_id"))
                .stream()
                .map(r -> new InclusionPanelRules.Arrangement(r.getUpn(), r.getDualRegistration()))
                .toList();
    }

    /** Every referral about the child {@code upn} (subject access). */
    public List<IspReferral> referralsOf(String upn) {
        return referrals.list(Filters.eq("upn", upn), Sorts.ascending("_id"));
    }

    /** Referrals finished (decided, declined) with nothing done since {@code cutoff}: counted or deleted. */
    public long finishedBefore(Instant cutoff, boolean delete) {
        Bson done = Filters.and(
                Filters.in(
                        "status",
                        ClosedSets.jsonName(IspReferralStatus.ISP_REFERRAL_STATUS_DECIDED),
                        ClosedSets.jsonName(IspReferralStatus.ISP_REFERRAL_STATUS_DECLINED)),
                Filters.nor(Filters.gte("timeline.at", cutoff.toString())));
        return delete ? referrals.deleteAll(done) : referrals.count(done);
    }
}
