package uk.portsmouth.cfe.fsp.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.fsp.v1.ActivatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ClosePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Closure;
import uk.portsmouth.cfe.proto.fsp.v1.ClosureOutcome;
import uk.portsmouth.cfe.proto.fsp.v1.Consent;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.RecordConsentRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ReopenPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;
import uk.portsmouth.cfe.proto.fsp.v1.TransferPlanRequest;

/**
 * A plan's life: consent is recorded (or withdrawn), the plan is activated on its start date, the
 * co-ordinator role may be transferred, and the plan is closed with an outcome, to be reopened
 * within a window only by an early-help manager.
 */
public final class PlanLifecycle {

    /** Why a plan ends: needs met, stepped up to Tier 4 social care, stepped down, consent withdrawn, moved away. */
    private static final String OUTCOMES = String.join(", ", ClosedSets.jsonNames(ClosureOutcome.getDescriptor()));

    private PlanLifecycle() {}

    /** Consent given by an adult of the family, or (with {@code withdrawn_on}) withdrawn, which ends sharing. */
    public static Plan consent(Plan plan, RecordConsentRequest request, Stamp stamp) {
        TeamAndActions.requireOpen(plan);
        FieldChecks checks = new FieldChecks();
        if (Dates.given(request.getWithdrawnOn())) {
            if (!PlanAccess.consentStands(plan)) {
                throw new ConflictException("/withdrawn_on", "there is no standing consent to withdraw");
            }
            LocalDate withdrawn = checks.pastDate(request.getWithdrawnOn(), "/withdrawn_on", true, stamp.today());
            checks.inOrder(
                    Dates.toLocalDate(plan.getConsent().getGivenOn()),
                    withdrawn,
                    "/withdrawn_on",
                    "consent cannot be withdrawn before it was given");
            checks.throwIfAny("The consent has bad fields");
            return plan.toBuilder()
                    .setConsent(plan.getConsent().toBuilder()
                            .setWithdrawnOn(Dates.of(withdrawn))
                            .setWithdrawnNote(request.getNote().strip()))
                    .addHistory(stamp.history(
                            "consent withdrawn",
                            "sharing with the team has ended; "
                                    + request.getNote().strip()))
                    .build();
        }
        boolean adult = plan.getFamily().getAdultsList().stream()
                .anyMatch(a -> a.getId().equals(request.getGivenBy()));
        if (!adult) {
            checks.fail("/given_by", "consent is given by an adult of the family (their id, e.g. adult-1)");
        }
        LocalDate given = checks.pastDate(request.getGivenOn(), "/given_on", true, stamp.today());
        checks.throwIfAny("The consent has bad fields");
        return plan.toBuilder()
                .setConsent(Consent.newBuilder()
                        .setGivenBy(request.getGivenBy())
                        .setGivenOn(Dates.of(given))
                        .setRecordedBy(stamp.by()))
                .addHistory(stamp.history("consent recorded", "given on " + given + " by " + request.getGivenBy()))
                .build();
    }

    /** A draft becomes active on its start date, only with standing consent; reviews are scheduled from it. */
    public static Plan activate(Plan plan, ActivatePlanRequest request, Stamp stamp) {
        if (plan.getStatus() != PlanStatus.PLAN_STATUS_DRAFT) {
            throw new ConflictException(
                    "/status",
                    "only a draft plan can be activated (this one is " + ClosedSets.jsonName(plan.getStatus()) + ")");
        }
        FieldChecks checks = new FieldChecks();
        if (!PlanAccess.consentStands(plan)) {
            checks.fail("/consent", "record the family's consent before activating the plan");
        }
        LocalDate start = checks.pastDate(request.getStartDate(), "/start_date", true, stamp.today());
        if (PlanAccess.consentStands(plan)) {
            checks.inOrder(
                    Dates.toLocalDate(plan.getConsent().getGivenOn()),
                    start,
                    "/start_date",
                    "the plan cannot start before consent was given");
        }
        checks.throwIfAny("The plan cannot be activated");
        return plan.toBuilder()
                .setStatus(PlanStatus.PLAN_STATUS_ACTIVE)
                .setStartDate(Dates.of(start))
                .setNextReviewDue(Dates.of(ReviewSchedule.nextDue(start, 0)))
                .addHistory(stamp.history("activated", "plan started " + start))
                .build();
    }

    /**
     * The co-ordinator role passes to another professional, with a reason and date; the previous
     * co-ordinator stays in the team unless {@code remove_previous}.
     */
    public static Plan transfer(Plan plan, TransferPlanRequest request, Stamp stamp) {
        TeamAndActions.requireOpen(plan);
        FieldChecks checks = new FieldChecks();
        PlanRules.professional(request.getTo(), "/to", checks);
        if (request.getTo().getProfessionalId().equals(plan.getCoordinator().getProfessionalId())) {
            checks.fail("/to/professional_id", "this professional is the co-ordinator already");
        }
        checks.require(request.getReason(), "/reason", "the reason for the transfer");
        LocalDate date = checks.pastDate(
                Dates.given(request.getTransferDate()) ? request.getTransferDate() : Dates.of(stamp.today()),
                "/transfer_date",
                true,
                stamp.today());
        checks.inOrder(
                Dates.toLocalDate(plan.getCreatedOn()),
                date,
                "/transfer_date",
                "a transfer cannot be dated before the plan was created");
        String previous = plan.getCoordinator().getProfessionalId();
        if (request.getRemovePrevious()
                && plan.getActionsList().stream()
                        .anyMatch(
                                a -> a.getOwnerId().equals(previous) && TeamAndActions.OPEN.contains(a.getStatus()))) {
            checks.fail(
                    "/remove_previous", "the previous co-ordinator owns open actions; give them to someone else first");
        }
        checks.throwIfAny("The transfer has bad fields");
        List<TeamMember> team = plan.getTeamList().stream()
                .filter(m -> !m.getMemberId().equals(request.getTo().getProfessionalId()))
                .filter(m -> !(request.getRemovePrevious() && m.getMemberId().equals(previous)))
                .toList();
        return plan.toBuilder()
                .setCoordinator(request.getTo())
                .clearTeam()
                .addTeam(PlanRules.asMember(request.getTo(), date))
                .addAllTeam(team)
                .addHistory(stamp.history(
                        "co-ordinator transferred",
                        "from " + plan.getCoordinator().getName() + " to "
                                + request.getTo().getName() + " on " + date + ": "
                                + request.getReason().strip()
                                + (request.getRemovePrevious() ? " (previous co-ordinator left the team)" : "")))
                .build();
    }

    /** The plan closes with an outcome, on a date not before it started. */
    public static Plan close(Plan plan, ClosePlanRequest request, Stamp stamp) {
        TeamAndActions.requireOpen(plan);
        FieldChecks checks = new FieldChecks();
        if (request.getOutcomeValue() == 0) {
            checks.fail("/outcome", "an outcome is required: " + OUTCOMES);
        } else if (!ClosedSets.given(request.getOutcome())) {
            checks.fail("/outcome", "outcome must be one of " + OUTCOMES);
        }
        LocalDate closed = checks.pastDate(
                Dates.given(request.getClosedOn()) ? request.getClosedOn() : Dates.of(stamp.today()),
                "/closed_on",
                true,
                stamp.today());
        LocalDate from = !Dates.given(plan.getStartDate())
                ? Dates.toLocalDate(plan.getCreatedOn())
                : Dates.toLocalDate(plan.getStartDate());
        checks.inOrder(from, closed, "/closed_on", "a plan cannot close before it started");
        checks.throwIfAny("The plan cannot be closed");
        return plan.toBuilder()
                .setStatus(PlanStatus.PLAN_STATUS_CLOSED)
                .clearNextReviewDue()
                .clearReviewInProgress()
                .setClosure(Closure.newBuilder()
                        .setOutcome(request.getOutcome())
                        .setClosedOn(Dates.of(closed))
                        .setClosedBy(stamp.by())
                        .setNote(request.getNote().strip()))
                .addHistory(stamp.history(
                        "closed",
                        ClosedSets.jsonName(request.getOutcome())
                                + (request.getNote().isBlank()
                                        ? ""
                                        : ": " + request.getNote().strip())))
                .build();
    }

    /** A closed plan opens again (active if it had started, else draft), within {@code windowDays} of closure. */
    public static Plan reopen(Plan plan, ReopenPlanRequest request, Stamp stamp, int windowDays) {
        if (plan.getStatus() != PlanStatus.PLAN_STATUS_CLOSED) {
            throw new ConflictException("/status", "only a closed plan can be reopened");
        }
        FieldChecks checks = new FieldChecks();
        checks.require(request.getReason(), "/reason", "the reason for reopening");
        long since = ChronoUnit.DAYS.between(Dates.toLocalDate(plan.getClosure().getClosedOn()), stamp.today());
        if (since > windowDays) {
            throw new ConflictException(
                    "/status",
                    "the plan closed " + since + " days ago; plans can be reopened within " + windowDays
                            + " days (start a new plan instead)");
        }
        checks.throwIfAny("The plan cannot be reopened");
        Plan.Builder reopened = plan.toBuilder()
                .clearClosure()
                .addHistory(stamp.history(
                        "reopened",
                        "was " + ClosedSets.jsonName(plan.getClosure().getOutcome()) + " on "
                                + Dates.text(plan.getClosure().getClosedOn()) + "; "
                                + request.getReason().strip()));
        if (!Dates.given(plan.getStartDate())) {
            return reopened.setStatus(PlanStatus.PLAN_STATUS_DRAFT).build();
        }
        return reopened.setStatus(PlanStatus.PLAN_STATUS_ACTIVE)
                .setNextReviewDue(Dates.of(
                        ReviewSchedule.nextDue(Dates.toLocalDate(plan.getStartDate()), plan.getReviewsCount())))
                .build();
    }
}
