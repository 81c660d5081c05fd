package uk.portsmouth.cfe.fsp.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import uk.portsmouth.cfe.fsp.domain.PlanAccess;
import uk.portsmouth.cfe.fsp.domain.PlanAccess.Relation;
import uk.portsmouth.cfe.fsp.domain.PlanLifecycle;
import uk.portsmouth.cfe.fsp.domain.PlanRules;
import uk.portsmouth.cfe.fsp.domain.ReviewSchedule;
import uk.portsmouth.cfe.fsp.domain.Reviews;
import uk.portsmouth.cfe.fsp.domain.Stamp;
import uk.portsmouth.cfe.fsp.domain.TeamAndActions;
import uk.portsmouth.cfe.fsp.outbound.DirectorySuggestions;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.fsp.store.ProfessionalStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.RequestFingerprints;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.ActivatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddActionRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddProgressRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddTeamMemberRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ClosePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CompleteReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CreatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRecord;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRef;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.RecordConsentRequest;
import uk.portsmouth.cfe.proto.fsp.v1.RemoveTeamMemberRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ReopenPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Review;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewRef;
import uk.portsmouth.cfe.proto.fsp.v1.StartReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.SuggestedServices;
import uk.portsmouth.cfe.proto.fsp.v1.TransferPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateActionRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateReviewRequest;

/**
 * The FSP Portal, its use cases. Every call finds the plan, works out how the caller stands to it
 * ({@link PlanAccess}: a plan the caller may not see is "not found", so its existence does not
 * leak), checks the version the change was based on, applies a domain rule and writes the plan
 * back conditionally. Every read and write, refused ones included, is audited.
 */
public final class FamilySupportPlans {

    private final PlanStore plans;
    private final ProfessionalStore professionals;
    private final DirectorySuggestions suggestions;
    private final AuditLog audit;
    private final Clock clock;
    private final int reopenWindowDays;

    public FamilySupportPlans(
            PlanStore plans,
            ProfessionalStore professionals,
            DirectorySuggestions suggestions,
            AuditLog audit,
            Clock clock,
            int reopenWindowDays) {
        this.plans = plans;
        this.professionals = professionals;
        this.suggestions = suggestions;
        this.audit = audit;
        this.clock = clock;
        this.reopenWindowDays = reopenWindowDays;
    }

    /** A change to a plan, given how the caller stands to it (each checks its own permission). */
    @FunctionalInterface
    private interface PlanChange {
        Plan apply(Plan plan, Relation relation, CallerContext caller, Stamp stamp);
    }

    public PlanRecord createPlan(CreatePlanRequest request) {
        CallerContext caller = CallerContexts.current();
        Professional coordinator = coordinatorFor(caller, request.getCoordinator());
        // an Idempotency-Key makes the id, so a retried create finds the plan it made the first time
        String id = request.getIdempotencyKey().isEmpty()
                ? "fsp-" + UUID.randomUUID()
                : "fsp-"
                        + UUID.nameUUIDFromBytes((caller.getSubject() + "\n" + request.getIdempotencyKey())
                                .getBytes(StandardCharsets.UTF_8));
        Plan plan = PlanRules.draft(id, request, coordinator, stamp(caller));
        String fingerprint = RequestFingerprints.of(request);
        if (!plans.insert(plan, caller.getSubject(), fingerprint)) {
            // the same key for another request is refused, never answered with the first plan
            RequestFingerprints.requireSame(fingerprint, plans.requestHash(id));
            StoredRecord<Plan> existing = plans.find(id).orElseThrow();
            audit.record(caller, "create-plan", "replayed", PlanSubjects.of(existing.body()));
            return record(existing.body(), existing.version());
        }
        audit.record(caller, "create-plan", "created", PlanSubjects.of(plan));
        return record(plan, 1);
    }

    public PlanRecord getPlan(PlanRef request) {
        CallerContext caller = CallerContexts.current();
        StoredRecord<Plan> stored =
                visible(request.getId(), caller, "read-plan").stored();
        audit.record(caller, "read-plan", "read", PlanSubjects.of(stored.body()));
        return record(stored.body(), stored.version());
    }

    public PlanRecord updatePlan(UpdatePlanRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "update-plan",
                (plan, stamp) -> PlanRules.update(plan, request, stamp));
    }

    public PlanRecord recordConsent(RecordConsentRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "record-consent",
                (plan, stamp) -> PlanLifecycle.consent(plan, request, stamp));
    }

    public PlanRecord activatePlan(ActivatePlanRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "activate-plan",
                (plan, stamp) -> PlanLifecycle.activate(plan, request, stamp));
    }

    public PlanRecord addTeamMember(AddTeamMemberRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "add-team-member",
                (plan, stamp) -> TeamAndActions.addMember(plan, request.getMember(), stamp));
    }

    public PlanRecord removeTeamMember(RemoveTeamMemberRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "remove-team-member",
                (plan, stamp) -> TeamAndActions.removeMember(plan, request.getMemberId(), stamp));
    }

    public PlanRecord addAction(AddActionRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "add-action",
                (plan, stamp) -> TeamAndActions.addAction(plan, request.getAction(), stamp));
    }

    public PlanRecord updateAction(UpdateActionRequest request) {
        return change(
                request.getId(), request.getExpectedVersion(), "update-action", (plan, relation, caller, stamp) -> {
                    PlanAccess.requireActionOwnerOrLead(relation, caller, action(plan, request.getActionId()));
                    if (!request.getOwnerId().isEmpty() || Dates.given(request.getDueOn())) {
                        PlanAccess.requireLead(
                                relation); // a team member updates the status of their own action, nothing more
                    }
                    return TeamAndActions.updateAction(plan, request, stamp);
                });
    }

    public PlanRecord addProgress(AddProgressRequest request) {
        return change(
                request.getId(), request.getExpectedVersion(), "add-progress", (plan, relation, caller, stamp) -> {
                    PlanAccess.requireActionOwnerOrLead(relation, caller, action(plan, request.getActionId()));
                    return TeamAndActions.addProgress(plan, request, stamp);
                });
    }

    public PlanRecord startReview(StartReviewRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "start-review",
                (plan, stamp) -> Reviews.start(plan, request, stamp));
    }

    public PlanRecord updateReview(UpdateReviewRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "update-review",
                (plan, stamp) -> Reviews.update(plan, request, stamp));
    }

    public PlanRecord completeReview(CompleteReviewRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "complete-review",
                (plan, stamp) -> Reviews.complete(plan, request, stamp));
    }

    public Review getReview(ReviewRef request) {
        CallerContext caller = CallerContexts.current();
        Plan plan = visible(request.getId(), caller, "read-review").stored().body();
        Review review = Reviews.snapshot(plan, request.getNumber());
        audit.record(caller, "read-review", "review " + request.getNumber(), AuditSubjects.plan(request.getId()));
        return review;
    }

    public PlanRecord transferPlan(TransferPlanRequest request) {
        TransferPlanRequest transfer = request.toBuilder()
                .setTo(known(request.getTo().getProfessionalId(), "/to/professional_id"))
                .build();
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "transfer-plan",
                (plan, stamp) -> PlanLifecycle.transfer(plan, transfer, stamp));
    }

    public PlanRecord closePlan(ClosePlanRequest request) {
        return leadChange(
                request.getId(),
                request.getExpectedVersion(),
                "close-plan",
                (plan, stamp) -> PlanLifecycle.close(plan, request, stamp));
    }

    public PlanRecord reopenPlan(ReopenPlanRequest request) {
        return change(request.getId(), request.getExpectedVersion(), "reopen-plan", (plan, relation, caller, stamp) -> {
            PlanAccess.requireManager(relation, "Only an early-help manager reopens a closed plan");
            return PlanLifecycle.reopen(plan, request, stamp, reopenWindowDays);
        });
    }

    public SuggestedServices suggestServices(PlanRef request) {
        CallerContext caller = CallerContexts.current();
        Plan plan =
                visible(request.getId(), caller, "suggest-services").stored().body();
        SuggestedServices suggested = suggestions.forPlan(plan, CityTime.today(clock));
        audit.record(
                caller,
                "suggest-services",
                suggested.getAvailable() ? "suggested" : "directory unavailable",
                AuditSubjects.plan(request.getId()));
        return suggested;
    }

    // --- the shape every change takes -----------------------------------------------------------

    private PlanRecord change(String id, long expectedVersion, String action, PlanChange change) {
        CallerContext caller = CallerContexts.current();
        Visible visible = visible(id, caller, action);
        StoredRecord<Plan> stored = visible.stored().atVersion(expectedVersion);
        Plan changed;
        try {
            changed = change.apply(stored.body(), visible.relation(), caller, stamp(caller));
        } catch (ForbiddenException e) {
            audit.denied(caller, action, "", List.of(AuditSubjects.plan(id)));
            throw e;
        }
        long version = plans.replace(changed, stored.version(), caller.getSubject());
        audit.record(caller, action, "ok", PlanSubjects.of(changed));
        return record(changed, version);
    }

    /** A change only the plan's co-ordinator (or an early-help manager) makes. */
    private PlanRecord leadChange(
            String id, long expectedVersion, String action, BiFunction<Plan, Stamp, Plan> change) {
        return change(id, expectedVersion, action, (plan, relation, caller, stamp) -> {
            PlanAccess.requireLead(relation);
            return change.apply(plan, stamp);
        });
    }

    /** The plan, if the caller may see it: otherwise "not found" (and the attempt is audited). */
    private Visible visible(String id, CallerContext caller, String action) {
        StoredRecord<Plan> stored = plans.find(id).orElseThrow(() -> new NotFoundException("plan", id));
        Relation relation = PlanAccess.relation(caller, stored.body());
        if (relation == Relation.NONE) {
            audit.denied(caller, action, "", List.of(AuditSubjects.plan(id)));
            throw new NotFoundException("plan", id);
        }
        return new Visible(stored, relation);
    }

    private record Visible(StoredRecord<Plan> stored, Relation relation) {}

    /**
     * A professional creates plans as themselves; a manager names the co-ordinator. Either way the
     * co-ordinator's details come from the directory of professionals, not from the request.
     */
    private Professional coordinatorFor(CallerContext caller, Professional given) {
        if (caller.getRolesList().contains(Roles.EARLY_HELP_MANAGER)) {
            return known(given.getProfessionalId(), "/coordinator/professional_id");
        }
        String professionalId = PlanAccess.professionalId(caller);
        if (professionalId.isEmpty()) {
            throw new ForbiddenException("Only professionals and early-help managers create Family Support Plans");
        }
        return known(professionalId, "/coordinator/professional_id");
    }

    /** A professional in the directory, by id; a bad {@code field} otherwise. */
    private Professional known(String professionalId, String field) {
        if (professionalId.isBlank()) {
            throw InvalidInputException.of(field, "the professional's id (from GET /v1/professionals) is required");
        }
        return professionals
                .find(professionalId)
                .map(stored ->
                        stored.body().toBuilder().clearSignIns().build()) // how they sign in stays in the directory
                .orElseThrow(() -> InvalidInputException.of(
                        field,
                        professionalId
                                + " is not in the directory of professionals: an early-help manager adds them first"));
    }

    private static Action action(Plan plan, String actionId) {
        return TeamAndActions.action(plan, actionId).orElseThrow(() -> new NotFoundException("action", actionId));
    }

    private Stamp stamp(CallerContext caller) {
        String by = caller.getDisplayName().isBlank() ? caller.getSubject() : caller.getDisplayName();
        return new Stamp(by, CityTime.today(clock), CityTime.timestamp(clock));
    }

    /** The plan as callers see it: review snapshots are fetched one by one, overdue is as of today. */
    private PlanRecord record(Plan plan, long version) {
        boolean overdue = Dates.given(plan.getNextReviewDue())
                && ReviewSchedule.overdue(Dates.toLocalDate(plan.getNextReviewDue()), CityTime.today(clock));
        return PlanRecord.newBuilder()
                .setPlan(plan.toBuilder().clearReviewSnapshots().setReviewOverdue(overdue))
                .setVersion(version)
                .build();
    }
}
