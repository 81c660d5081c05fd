package uk.portsmouth.cfe.fsp.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.fsp.v1.ActivatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Adult;
import uk.portsmouth.cfe.proto.fsp.v1.AspectAssessment;
import uk.portsmouth.cfe.proto.fsp.v1.Child;
import uk.portsmouth.cfe.proto.fsp.v1.ClosePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ClosureOutcome;
import uk.portsmouth.cfe.proto.fsp.v1.CreatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Family;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.RecordConsentRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ReopenPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.RouteIn;
import uk.portsmouth.cfe.proto.fsp.v1.UpdatePlanRequest;

/** The plan's content rules and its life: draft, consent, activation, closure and the reopen window. */
class PlanRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    static final Professional LEAD = Professional.newBuilder()
            .setProfessionalId("p-1")
            .setName("Sam Patel")
            .build();

    static Stamp on(LocalDate day) {
        return new Stamp("Sam Patel", day, day + "T10:00:00Z");
    }

    static Family family() {
        return Family.newBuilder()
                .setFamilyName("Smith")
                .addChildren(Child.newBuilder()
                        .setGivenName("Kai")
                        .setFamilyName("Smith")
                        .setDateOfBirth(Dates.of(LocalDate.of(2017, 3, 4))))
                .addAdults(Adult.newBuilder()
                        .setGivenName("Ola")
                        .setFamilyName("Smith")
                        .setRelationship("mother"))
                .build();
    }

    static Plan draft() {
        return PlanRules.draft(
                "fsp-1",
                CreatePlanRequest.newBuilder().setFamily(family()).setTier(2).build(),
                LEAD,
                on(TODAY.minusDays(30)));
    }

    static Plan active() {
        Plan plan = PlanLifecycle.consent(
                draft(),
                RecordConsentRequest.newBuilder()
                        .setGivenBy("adult-1")
                        .setGivenOn(Dates.of(TODAY.minusDays(30)))
                        .build(),
                on(TODAY.minusDays(30)));
        return PlanLifecycle.activate(
                plan,
                ActivatePlanRequest.newBuilder()
                        .setStartDate(Dates.of(TODAY.minusDays(28)))
                        .build(),
                on(TODAY.minusDays(28)));
    }

    private static List<String> fields(Runnable call) {
        return assertThrows(InvalidInputException.class, call::run).errors().stream()
                .map(FieldError::field)
                .toList();
    }

    @Test
    void aDraftHasEveryAspectTheCoordinatorInItsTeamAndIdsForTheFamily() {
        Plan plan = draft();
        assertThat(plan.getStatus(), is(PlanStatus.PLAN_STATUS_DRAFT));
        assertThat(plan.getAspectsCount(), is(10));
        assertThat(plan.getAspects(0).getAspectName(), is("Getting a good education"));
        assertThat(plan.getTeam(0).getMemberId(), is("p-1"));
        assertThat(plan.getFamily().getChildren(0).getId(), is("child-1"));
        assertThat(plan.getFamily().getAdults(0).getId(), is("adult-1"));
        assertThat(plan.getRouteIn(), is(RouteIn.ROUTE_IN_NEW));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        Family bad = family().toBuilder()
                .setFamilyName("")
                .setChildren(
                        0,
                        family().getChildren(0).toBuilder()
                                .setUpn("A123")
                                .setDateOfBirth(Dates.of(LocalDate.of(2030, 1, 1)))
                                .setSchoolUrn("12"))
                .build();
        CreatePlanRequest request = CreatePlanRequest.newBuilder()
                .setFamily(bad)
                .setTier(1)
                .addAspects(AspectAssessment.newBuilder().setAspectId("getting-a-good-education"))
                .addAspects(AspectAssessment.newBuilder().setAspectId("getting-a-good-education"))
                .addAspects(AspectAssessment.newBuilder().setAspectId("luck"))
                .build();
        assertThat(
                fields(() -> PlanRules.draft("x", request, LEAD, on(TODAY))),
                containsInAnyOrder(
                        "/family/family_name",
                        "/family/children/0/upn",
                        "/family/children/0/date_of_birth",
                        "/family/children/0/school_urn",
                        "/tier",
                        "/aspects/1/aspect_id",
                        "/aspects/2/aspect_id"));
    }

    @Test
    void editsKeepFamilyIdsAndRecordTierChangesWithAReason() {
        Plan plan = draft();
        Family edited = plan.getFamily().toBuilder()
                .addChildren(Child.newBuilder()
                        .setGivenName("Mo")
                        .setFamilyName("Smith")
                        .setDateOfBirth(Dates.of(LocalDate.of(2020, 1, 1))))
                .build();
        UpdatePlanRequest update =
                UpdatePlanRequest.newBuilder().setFamily(edited).setTier(3).build();
        assertThat(fields(() -> PlanRules.update(plan, update, on(TODAY))), contains("/tier_reason"));
        Plan updated = PlanRules.update(
                plan, update.toBuilder().setTierReason("More agencies").build(), on(TODAY));
        assertThat(updated.getFamily().getChildren(1).getId(), is("child-2"));
        assertThat(updated.getTierHistoryCount(), is(2));
        Family unknownId = edited.toBuilder()
                .setChildren(1, edited.getChildren(1).toBuilder().setId("child-9"))
                .build();
        assertThat(
                fields(() -> PlanRules.update(
                        plan, update.toBuilder().setFamily(unknownId).setTier(2).build(), on(TODAY))),
                contains("/family/children/1/id"));
    }

    @Test
    void activationNeedsStandingConsentAndAStartNotBeforeIt() {
        assertThat(
                fields(() -> PlanLifecycle.activate(
                        draft(),
                        ActivatePlanRequest.newBuilder()
                                .setStartDate(Dates.of(TODAY))
                                .build(),
                        on(TODAY))),
                contains("/consent"));
        Plan plan = active();
        assertThat(
                Dates.text(plan.getNextReviewDue()),
                is(TODAY.minusDays(28).plusWeeks(6).toString()));
        Plan withdrawn = PlanLifecycle.consent(
                plan,
                RecordConsentRequest.newBuilder()
                        .setWithdrawnOn(Dates.of(TODAY))
                        .build(),
                on(TODAY));
        assertThat(PlanAccess.consentStands(withdrawn), is(false));
        assertThrows(
                ConflictException.class,
                () -> PlanLifecycle.consent(
                        withdrawn,
                        RecordConsentRequest.newBuilder()
                                .setWithdrawnOn(Dates.of(TODAY))
                                .build(),
                        on(TODAY)));
    }

    @Test
    void closingNeedsAnOutcomeAndReopeningHappensOnlyWithinTheWindow() {
        assertThat(
                fields(() -> PlanLifecycle.close(active(), ClosePlanRequest.getDefaultInstance(), on(TODAY))),
                contains("/outcome"));
        assertThat(
                fields(() -> PlanLifecycle.close(
                        active(),
                        ClosePlanRequest.newBuilder()
                                .setOutcome(ClosureOutcome.CLOSURE_OUTCOME_MOVED_AWAY)
                                .setClosedOn(Dates.of(TODAY.minusDays(29)))
                                .build(),
                        on(TODAY))),
                contains("/closed_on"));
        Plan closed = PlanLifecycle.close(
                active(),
                ClosePlanRequest.newBuilder()
                        .setOutcome(ClosureOutcome.CLOSURE_OUTCOME_MOVED_AWAY)
                        .setClosedOn(Dates.of(TODAY.minusDays(10)))
                        .build(),
                on(TODAY));
        assertThat(Dates.text(closed.getNextReviewDue()), is(""));
        ReopenPlanRequest reopen =
                ReopenPlanRequest.newBuilder().setReason("Came back").build();
        assertThat(PlanLifecycle.reopen(closed, reopen, on(TODAY), 10).getStatus(), is(PlanStatus.PLAN_STATUS_ACTIVE));
        assertThrows(ConflictException.class, () -> PlanLifecycle.reopen(closed, reopen, on(TODAY), 9));
        assertThrows(ConflictException.class, () -> PlanLifecycle.reopen(active(), reopen, on(TODAY), 90));
    }
}
