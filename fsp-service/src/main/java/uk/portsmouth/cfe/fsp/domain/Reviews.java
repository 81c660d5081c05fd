package uk.portsmouth.cfe.fsp.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.ActionStatus;
import uk.portsmouth.cfe.proto.fsp.v1.AspectAssessment;
import uk.portsmouth.cfe.proto.fsp.v1.CompleteReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.Review;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewDraft;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewSummary;
import uk.portsmouth.cfe.proto.fsp.v1.StartReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateReviewRequest;

/**
 * Reviews: starting one copies every aspect and open action from the plan as it stands (the plan
 * or the previous review); the reviewer updates progress, adds or closes actions; completing it
 * keeps an immutable snapshot, carries its content into the plan and records what changed.
 */
public final class Reviews {

    private Reviews() {}

    public static Plan start(Plan plan, StartReviewRequest request, Stamp stamp) {
        if (plan.getStatus() != PlanStatus.PLAN_STATUS_ACTIVE) {
            throw new ConflictException(
                    "/status",
                    "only an active plan is reviewed (this one is " + ClosedSets.jsonName(plan.getStatus()) + ")");
        }
        if (plan.hasReviewInProgress()) {
            throw new ConflictException(
                    "/review", "review " + plan.getReviewInProgress().getNumber() + " has started already");
        }
        FieldChecks checks = new FieldChecks();
        LocalDate started = checks.pastDate(
                Dates.given(request.getStartedOn()) ? request.getStartedOn() : Dates.of(stamp.today()),
                "/started_on",
                true,
                stamp.today());
        checks.inOrder(
                Dates.toLocalDate(plan.getStartDate()),
                started,
                "/started_on",
                "a review cannot start before the plan did");
        checks.throwIfAny("The review cannot start");
        int number = plan.getReviewsCount() + 1;
        ReviewDraft draft = ReviewDraft.newBuilder()
                .setNumber(number)
                .setStartedOn(Dates.of(started))
                .setStartedBy(stamp.by())
                .addAllAspects(plan.getAspectsList())
                .addAllActions(plan.getActionsList().stream()
                        .filter(a -> TeamAndActions.OPEN.contains(a.getStatus()))
                        .toList())
                .build();
        return plan.toBuilder()
                .setReviewInProgress(draft)
                .addHistory(stamp.history(
                        "review started",
                        "review " + number + ", pre-populated with " + draft.getActionsCount() + " open action(s)"))
                .build();
    }

    /**
     * The review in progress with the reviewer's aspects (as for a plan: those given replace), actions
     * (each checked as an action of the plan; one without an id is new), summary and the family's views.
     */
    public static Plan update(Plan plan, UpdateReviewRequest request, Stamp stamp) {
        ReviewDraft draft = inProgress(plan);
        FieldChecks checks = new FieldChecks();
        List<AspectAssessment> aspects =
                PlanRules.aspects(request.getAspectsList(), draft.getAspectsList(), "/aspects", checks);
        checks.throwIfAny("The review has bad fields");
        Map<String, Action> actions = new LinkedHashMap<>();
        draft.getActionsList().forEach(a -> actions.put(a.getId(), a));
        Plan numbering = plan;
        for (int i = 0; i < request.getActionsCount(); i++) {
            Action given = request.getActions(i);
            Action.Builder action = given.toBuilder();
            if (given.getId().isEmpty()) {
                action.setId(TeamAndActions.nextActionId(numbering)).setCreatedOn(Dates.of(stamp.today()));
                if (given.getStatusValue() == 0) {
                    action.setStatus(ActionStatus.ACTION_STATUS_NOT_STARTED);
                }
            } else if (!actions.containsKey(given.getId())) {
                throw InvalidInputException.of(
                        "/actions/" + i + "/id",
                        "no action " + given.getId() + " in this review (leave the id out for a new one)");
            } else {
                // progress and creation date stay as recorded; the reviewer adds progress through a note
                Action was = actions.get(given.getId());
                action.clearProgress().addAllProgress(was.getProgressList()).setCreatedOn(was.getCreatedOn());
                if (!given.getProgressList().isEmpty()) {
                    given.getProgressList()
                            .forEach(p -> action.addProgress(p.toBuilder()
                                    .setBy(stamp.by())
                                    .setOn(Dates.given(p.getOn()) ? p.getOn() : Dates.of(stamp.today()))));
                }
            }
            Action checked = TeamAndActions.checkedAction(plan, action.build(), "/actions/" + i, stamp.today());
            actions.put(checked.getId(), checked);
            numbering = numbering.toBuilder()
                    .setReviewInProgress(
                            numbering.getReviewInProgress().toBuilder().addActions(checked))
                    .build();
        }
        ReviewDraft updated = draft.toBuilder()
                .clearAspects()
                .addAllAspects(aspects)
                .clearActions()
                .addAllActions(actions.values())
                .setSummary(request.getSummary().strip())
                .setFamilyViews(request.getFamilyViews().strip())
                .build();
        return plan.toBuilder().setReviewInProgress(updated).build();
    }

    /** The review completes: an immutable snapshot, its content becomes the plan's, the next review is scheduled. */
    public static Plan complete(Plan plan, CompleteReviewRequest request, Stamp stamp) {
        if (!plan.hasReviewInProgress()) {
            throw new ConflictException("/review", "no review has started: start one before completing it");
        }
        ReviewDraft draft = plan.getReviewInProgress();
        FieldChecks checks = new FieldChecks();
        LocalDate completed = checks.pastDate(
                Dates.given(request.getCompletedOn()) ? request.getCompletedOn() : Dates.of(stamp.today()),
                "/completed_on",
                true,
                stamp.today());
        checks.inOrder(
                Dates.toLocalDate(draft.getStartedOn()),
                completed,
                "/completed_on",
                "a review cannot be completed before it started");
        checks.throwIfAny("The review cannot be completed");
        List<Action> actions = new ArrayList<>();
        Map<String, Action> reviewed = new LinkedHashMap<>();
        draft.getActionsList().forEach(a -> reviewed.put(a.getId(), a));
        for (Action action : plan.getActionsList()) {
            actions.add(reviewed.containsKey(action.getId()) ? reviewed.remove(action.getId()) : action);
        }
        actions.addAll(reviewed.values());
        List<String> changes =
                Changes.between(plan.getAspectsList(), plan.getActionsList(), draft.getAspectsList(), actions);
        Review snapshot = Review.newBuilder()
                .setPlanId(plan.getId())
                .setNumber(draft.getNumber())
                .setStartedOn(draft.getStartedOn())
                .setCompletedOn(Dates.of(completed))
                .setCompletedBy(stamp.by())
                .addAllAspects(draft.getAspectsList())
                .addAllActions(actions)
                .setSummary(draft.getSummary())
                .setFamilyViews(draft.getFamilyViews())
                .addAllChanges(changes)
                .setTier(plan.getTier())
                .setCoordinator(plan.getCoordinator())
                .setFamily(plan.getFamily())
                .build();
        return plan.toBuilder()
                .clearReviewInProgress()
                .clearAspects()
                .addAllAspects(draft.getAspectsList())
                .clearActions()
                .addAllActions(actions)
                .addReviewSnapshots(snapshot)
                .addReviews(ReviewSummary.newBuilder()
                        .setNumber(draft.getNumber())
                        .setCompletedOn(Dates.of(completed))
                        .setCompletedBy(stamp.by())
                        .setChanges(changes.size()))
                .setNextReviewDue(
                        Dates.of(ReviewSchedule.nextDue(Dates.toLocalDate(plan.getStartDate()), draft.getNumber())))
                .addHistory(stamp.history(
                        "review " + draft.getNumber() + " completed",
                        changes.isEmpty() ? "no changes" : String.join("; ", changes)))
                .build();
    }

    /** Completed review {@code number}. */
    public static Review snapshot(Plan plan, int number) {
        return plan.getReviewSnapshotsList().stream()
                .filter(r -> r.getNumber() == number)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("review", plan.getId() + "/" + number));
    }

    private static ReviewDraft inProgress(Plan plan) {
        if (!plan.hasReviewInProgress()) {
            throw new ConflictException("/review", "no review has started: start one first");
        }
        return plan.getReviewInProgress();
    }
}
