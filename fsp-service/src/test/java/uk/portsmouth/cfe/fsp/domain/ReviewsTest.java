package uk.portsmouth.cfe.fsp.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static uk.portsmouth.cfe.fsp.domain.PlanRulesTest.TODAY;
import static uk.portsmouth.cfe.fsp.domain.PlanRulesTest.on;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.ActionStatus;
import uk.portsmouth.cfe.proto.fsp.v1.AspectAssessment;
import uk.portsmouth.cfe.proto.fsp.v1.CompleteReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.StartReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateActionRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateReviewRequest;

/** Reviews: pre-population, updates, immutable snapshots and what changed. */
class ReviewsTest {

    private static Plan withActions() {
        Plan plan = PlanRulesTest.active();
        for (String what : new String[] {"Breakfast club", "Debt advice", "Sleep routine"}) {
            plan = TeamAndActions.addAction(
                    plan,
                    Action.newBuilder()
                            .setAspectId("getting-a-good-education")
                            .setDescription(what)
                            .setOwnerId("p-1")
                            .setDueOn(Dates.of(TODAY.plusDays(14)))
                            .build(),
                    on(TODAY.minusDays(20)));
        }
        return TeamAndActions.updateAction(
                plan,
                UpdateActionRequest.newBuilder()
                        .setActionId("action-3")
                        .setStatus(ActionStatus.ACTION_STATUS_DONE)
                        .build(),
                on(TODAY.minusDays(10)));
    }

    @Test
    void startingCopiesEveryAspectAndTheOpenActions() {
        Plan plan = Reviews.start(withActions(), StartReviewRequest.getDefaultInstance(), on(TODAY));
        assertThat(plan.getReviewInProgress().getNumber(), is(1));
        assertThat(plan.getReviewInProgress().getAspectsCount(), is(10));
        assertThat(
                plan.getReviewInProgress().getActionsList().stream()
                        .map(Action::getId)
                        .toList(),
                contains("action-1", "action-2"));
        assertThrows(
                ConflictException.class, () -> Reviews.start(plan, StartReviewRequest.getDefaultInstance(), on(TODAY)));
    }

    @Test
    void completingBeforeStartingIsRefused() {
        assertThrows(
                ConflictException.class,
                () -> Reviews.complete(withActions(), CompleteReviewRequest.getDefaultInstance(), on(TODAY)));
        Plan started = Reviews.start(
                withActions(),
                StartReviewRequest.newBuilder().setStartedOn(Dates.of(TODAY)).build(),
                on(TODAY));
        InvalidInputException early = assertThrows(
                InvalidInputException.class,
                () -> Reviews.complete(
                        started,
                        CompleteReviewRequest.newBuilder()
                                .setCompletedOn(Dates.of(TODAY.minusDays(1)))
                                .build(),
                        on(TODAY)));
        assertThat(early.errors().get(0).field(), is("/completed_on"));
    }

    @Test
    void aCompletedReviewIsASnapshotAndTheHistorySaysWhatChanged() {
        Plan started = Reviews.start(withActions(), StartReviewRequest.getDefaultInstance(), on(TODAY.minusDays(1)));
        Action closed = started.getReviewInProgress().getActions(1).toBuilder()
                .setStatus(ActionStatus.ACTION_STATUS_NO_LONGER_NEEDED)
                .build();
        Plan updated = Reviews.update(
                started,
                UpdateReviewRequest.newBuilder()
                        .addAspects(AspectAssessment.newBuilder()
                                .setAspectId("healthy-relationships")
                                .setNeeds("Arguments")
                                .setFocus(true))
                        .addActions(closed)
                        .addActions(Action.newBuilder()
                                .setAspectId("healthy-relationships")
                                .setDescription("Relationship course")
                                .setOwnerId("p-1")
                                .setDueOn(Dates.of(TODAY.plusDays(30))))
                        .setSummary("Steady")
                        .build(),
                on(TODAY.minusDays(1)));
        assertThat(updated.getReviewInProgress().getActions(2).getId(), is("action-4"));
        Plan completed = Reviews.complete(updated, CompleteReviewRequest.getDefaultInstance(), on(TODAY));
        assertThat(completed.hasReviewInProgress(), is(false));
        assertThat(completed.getActionsCount(), is(4));
        assertThat(
                Dates.text(completed.getNextReviewDue()),
                is(TODAY.minusDays(28).plusWeeks(12).toString()));
        var snapshot = Reviews.snapshot(completed, 1);
        assertThat(snapshot.getChangesList(), hasItem("Healthy relationships: now a focus, needs updated"));
        assertThat(snapshot.getChangesList(), hasItem("action 'Debt advice': not_started -> no_longer_needed"));
        assertThat(
                snapshot.getChangesList(),
                hasItem("new action 'Relationship course' for Sam Patel by " + TODAY.plusDays(30)));
        // the plan moves on; the snapshot does not
        Plan later = TeamAndActions.updateAction(
                completed,
                UpdateActionRequest.newBuilder()
                        .setActionId("action-1")
                        .setStatus(ActionStatus.ACTION_STATUS_DONE)
                        .build(),
                on(TODAY));
        assertThat(Reviews.snapshot(later, 1), is(snapshot));
        assertThat(Reviews.snapshot(later, 1).getActions(0).getStatus(), is(ActionStatus.ACTION_STATUS_NOT_STARTED));
        assertThat(
                Dates.text(completed.getReviewsList().get(0).getCompletedOn()),
                is(LocalDate.of(2026, 11, 28).toString()));
    }
}
