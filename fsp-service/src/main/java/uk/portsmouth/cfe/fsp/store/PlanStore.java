package uk.portsmouth.cfe.fsp.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.fsp.domain.PlanAccess;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.fsp.v1.Child;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMemberKind;

/**
 * The "plans" collection: one versioned document a plan, its team, actions, reviews and history
 * inside it, so every change is one conditional write (no lost updates without transactions).
 * Stored beside each plan, for the caseload queries: who may see it and when its review is due.
 */
public final class PlanStore {

    /** The due date of a plan with no review due, so that caseloads sort due plans first. */
    private static final String NONE_DUE = "9999-12-31";

    private final VersionedRecords<Plan> plans;

    public PlanStore(MongoDatabase database) {
        MongoCollection<Document> collection = database.getCollection("plans");
        collection.createIndex(Indexes.ascending("_coordinator"));
        collection.createIndex(Indexes.ascending("_team"));
        collection.createIndex(Indexes.ascending("_upns"));
        this.plans = new VersionedRecords<>(collection, "plan", Plan::getId, Plan::newBuilder, PlanStore::queryFields);
    }

    public boolean insert(Plan plan, String by) {
        return plans.insert(plan, by);
    }

    /** Adds a plan a client's create made, with that request's fingerprint; false when its id is taken (a retry). */
    public boolean insert(Plan plan, String by, String requestHash) {
        return plans.insert(plan, by, requestHash);
    }

    /** The fingerprint of the create that made plan {@code id}. */
    public Optional<String> requestHash(String id) {
        return plans.requestHash(id);
    }

    public Optional<StoredRecord<Plan>> find(String id) {
        return plans.find(id);
    }

    /** Replaces the plan if still at {@code expectedVersion}; the new version. */
    public long replace(Plan plan, long expectedVersion, String by) {
        return plans.replace(plan, expectedVersion, by);
    }

    /**
     * The plans {@code professionalId} co-ordinates or (while consent stands) is in the team of;
     * every plan when it is empty (a manager). Filters that are empty or 0 are not applied.
     */
    public Page<Plan> caseload(String professionalId, CaseloadFilter filter, LocalDate today, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        if (!professionalId.isEmpty()) {
            filters.add(visibleTo(professionalId));
        }
        if (!filter.coordinator().isEmpty()) {
            filters.add(Filters.eq("_coordinator", filter.coordinator()));
        }
        if (filter.tier() != 0) {
            filters.add(Filters.eq("_tier", filter.tier()));
        }
        if (ClosedSets.given(filter.status())) {
            filters.add(Filters.eq("_status", ClosedSets.jsonName(filter.status())));
        }
        if (ClosedSets.given(filter.locality())) {
            filters.add(Filters.eq("_locality", ClosedSets.jsonName(filter.locality())));
        }
        if (filter.overdueOnly()) {
            filters.add(Filters.lt("_next_review_due", today.toString()));
        }
        return plans.page(
                filters.isEmpty() ? new Document() : Filters.and(filters),
                Sorts.ascending("_next_review_due", "_id"),
                paging);
    }

    /** Active plans (visible to {@code professionalId}; all when empty) whose next review is due by {@code until}. */
    public Page<Plan> reviewsDue(String professionalId, LocalDate until, Paging paging) {
        List<Bson> filters = new ArrayList<>(List.of(
                Filters.eq("_status", ClosedSets.jsonName(PlanStatus.PLAN_STATUS_ACTIVE)),
                Filters.lte("_next_review_due", until.toString())));
        if (!professionalId.isEmpty()) {
            filters.add(visibleTo(professionalId));
        }
        return plans.page(Filters.and(filters), Sorts.ascending("_next_review_due", "_id"), paging);
    }

    /** Every active plan whose next review is due by {@code until}, the soonest first (review reminders). */
    public List<Plan> activeWithReviewDueBy(LocalDate until) {
        return plans.list(
                Filters.and(
                        Filters.eq("_status", ClosedSets.jsonName(PlanStatus.PLAN_STATUS_ACTIVE)),
                        Filters.lte("_next_review_due", until.toString())),
                Sorts.ascending("_next_review_due", "_id"));
    }

    /** Plans closed before {@code cutoff} (by their closure date): counted, or deleted when {@code delete}. */
    public long closedBefore(LocalDate cutoff, boolean delete) {
        Bson closed = Filters.and(
                Filters.eq("_status", ClosedSets.jsonName(PlanStatus.PLAN_STATUS_CLOSED)),
                Filters.lt("closure.closed_on", cutoff.toString()));
        return delete ? plans.deleteAll(closed) : plans.count(closed);
    }

    /** Every plan, in any state, with a child whose UPN is {@code upn} (subject access). */
    public List<Plan> withChild(String upn) {
        return plans.list(Filters.eq("_upns", upn), Sorts.ascending("_id"));
    }

    /** Whether a child with {@code upn} is in an active plan whose consent stands. */
    public boolean hasOpenPlan(String upn) {
        return plans.page(
                                Filters.and(
                                        Filters.eq("_upns", upn),
                                        Filters.eq("_status", ClosedSets.jsonName(PlanStatus.PLAN_STATUS_ACTIVE)),
                                        Filters.eq("_shared", true)),
                                Sorts.ascending("_id"),
                                new Paging(1, 1))
                        .info()
                        .getTotalItems()
                > 0;
    }

    private static Bson visibleTo(String professionalId) {
        return Filters.or(
                Filters.eq("_coordinator", professionalId),
                Filters.and(Filters.eq("_team", professionalId), Filters.eq("_shared", true)));
    }

    private static void queryFields(Plan plan, Document document) {
        document.put("_status", ClosedSets.jsonName(plan.getStatus()));
        document.put("_tier", plan.getTier());
        document.put("_coordinator", plan.getCoordinator().getProfessionalId());
        document.put(
                "_team",
                plan.getTeamList().stream()
                        .filter(m -> m.getKind() == TeamMemberKind.TEAM_MEMBER_KIND_PROFESSIONAL)
                        .map(TeamMember::getMemberId)
                        .toList());
        document.put("_shared", PlanAccess.consentStands(plan));
        document.put(
                "_locality", ClosedSets.jsonName(plan.getFamily().getAddress().getLocality()));
        document.put(
                "_upns",
                plan.getFamily().getChildrenList().stream()
                        .map(Child::getUpn)
                        .filter(u -> !u.isEmpty())
                        .toList());
        document.put(
                "_next_review_due",
                !Dates.given(plan.getNextReviewDue()) ? NONE_DUE : Dates.text(plan.getNextReviewDue()));
    }

    /** The manager's caseload filters (empty / 0 / false: not applied). */
    public record CaseloadFilter(
            String coordinator, int tier, PlanStatus status, Locality locality, boolean overdueOnly) {}
}
