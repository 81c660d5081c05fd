package uk.portsmouth.cfe.attendance.domain;

import com.google.type.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnSapReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.InterventionKind;
import uk.portsmouth.cfe.proto.attendance.v1.PanelEvidence;
import uk.portsmouth.cfe.proto.attendance.v1.RequestLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SapAction;
import uk.portsmouth.cfe.proto.attendance.v1.SapOutcome;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralStatus;

/**
 * The rules of attendance casework: what a penalty-notice request and a School Attendance Panel
 * referral must carry, and the order a referral moves in. The threshold itself is
 * {@link PenaltyNoticeThreshold}; the limits on notices {@link PenaltyNotices}.
 */
public final class Casework {

    /** A referral's status -> the actions that may follow it. */
    public static final Map<SapReferralStatus, Set<SapAction>> SAP_ACTIONS = Map.of(
            SapReferralStatus.SAP_REFERRAL_STATUS_REFERRED,
                    Set.of(SapAction.SAP_ACTION_ACCEPT, SapAction.SAP_ACTION_DECLINE),
            SapReferralStatus.SAP_REFERRAL_STATUS_ACCEPTED, Set.of(SapAction.SAP_ACTION_SCHEDULE_PANEL),
            SapReferralStatus.SAP_REFERRAL_STATUS_PANEL_SCHEDULED, Set.of(SapAction.SAP_ACTION_RECORD_OUTCOME),
            SapReferralStatus.SAP_REFERRAL_STATUS_DECLINED, Set.of(),
            SapReferralStatus.SAP_REFERRAL_STATUS_OUTCOME_RECORDED, Set.of());

    private static final Map<SapAction, SapReferralStatus> SAP_NEXT = Map.of(
            SapAction.SAP_ACTION_ACCEPT, SapReferralStatus.SAP_REFERRAL_STATUS_ACCEPTED,
            SapAction.SAP_ACTION_DECLINE, SapReferralStatus.SAP_REFERRAL_STATUS_DECLINED,
            SapAction.SAP_ACTION_SCHEDULE_PANEL, SapReferralStatus.SAP_REFERRAL_STATUS_PANEL_SCHEDULED,
            SapAction.SAP_ACTION_RECORD_OUTCOME, SapReferralStatus.SAP_REFERRAL_STATUS_OUTCOME_RECORDED);

    private Casework() {}

    public static void validate(RequestLegalActionRequest request) {
        FieldChecks checks = new FieldChecks();
        if (!Upns.isValid(request.getUpn())) {
            checks.fail("/upn", "not a valid UPN (13 characters with a correct check letter)");
        }
        LocalDate from = date(checks, "/from", request.getFrom());
        LocalDate to = date(checks, "/to", request.getTo());
        if (from != null && to != null && (to.isBefore(from) || to.isAfter(from.plusDays(90)))) {
            checks.fail("/to", "to must be on or after from, within 90 days");
        }
        if (request.getNote().length() > TextLimits.SUMMARY) {
            checks.fail("/note", "note must be at most " + TextLimits.SUMMARY + " characters");
        }
        done(checks, "The request is not valid");
    }

    /** Code G sessions from {@code from} to {@code to} at school {@code urn}, in any of the child's enrolment-years. */
    public static int unauthorisedLeave(
            Collection<EnrolmentMarks> childMarks, String urn, LocalDate from, LocalDate to) {
        return (int) childMarks.stream()
                .filter(enrolment -> enrolment.urn().equals(urn))
                .flatMap(enrolment -> enrolment.codes().entrySet().stream())
                .filter(e -> e.getValue().equals("G"))
                .map(e -> EnrolmentMarks.dayOf(e.getKey()))
                .filter(day -> !day.isBefore(from) && !day.isAfter(to))
                .count();
    }

    public static void validate(PanelEvidence evidence) {
        FieldChecks checks = new FieldChecks();
        if (evidence.getIrregularAttendanceHistory().isBlank()) {
            checks.fail("/evidence/irregular_attendance_history", "describe the history of irregular attendance");
        }
        if (evidence.getParentalEngagement().isBlank()) {
            checks.fail("/evidence/parental_engagement", "describe how the parents have engaged");
        }
        if (evidence.getInterventionsCount() == 0) {
            checks.fail("/evidence/interventions", "list the interventions tried (e.g. PSP, FSP) and their effect");
        }
        for (int i = 0; i < evidence.getInterventionsCount(); i++) {
            if (!ClosedSets.given(evidence.getInterventions(i).getKind())) {
                checks.fail(
                        "/evidence/interventions/" + i + "/kind",
                        ClosedSets.rule("kind", InterventionKind.getDescriptor()));
            }
            if (evidence.getInterventions(i).getEffect().isBlank()) {
                checks.fail("/evidence/interventions/" + i + "/effect", "say what effect it had");
            }
        }
        done(checks, "The referral is not valid");
    }

    /**
     * The status a referral in {@code status} moves to under {@code request}; throws naming the field when it
     * may not.
     */
    public static SapReferralStatus next(SapReferralStatus status, ActOnSapReferralRequest request) {
        SapAction action = request.getAction();
        if (!ClosedSets.given(action)) {
            throw InvalidInputException.of("/action", ClosedSets.rule("action", SapAction.getDescriptor()));
        }
        if (!SAP_ACTIONS.getOrDefault(status, Set.of()).contains(action)) {
            throw InvalidInputException.of(
                    "/action",
                    "a referral that is " + ClosedSets.inWords(status) + " cannot be given "
                            + ClosedSets.jsonName(action));
        }
        FieldChecks checks = new FieldChecks();
        if (action == SapAction.SAP_ACTION_SCHEDULE_PANEL) {
            date(checks, "/panel_date", request.getPanelDate());
        }
        if (action == SapAction.SAP_ACTION_DECLINE && request.getNote().isBlank()) {
            checks.fail("/note", "say why the referral is declined");
        }
        if (action == SapAction.SAP_ACTION_RECORD_OUTCOME) {
            if (!ClosedSets.given(request.getOutcome())) {
                checks.fail("/outcome", ClosedSets.rule("outcome", SapOutcome.getDescriptor()));
            } else if (request.getOutcome() == SapOutcome.SAP_OUTCOME_ATTENDANCE_CONTRACT) {
                double target = request.getContract().getTargetPercent();
                if (target <= 0 || target > 100) {
                    checks.fail("/contract/target_percent", "target_percent must be above 0, at most 100");
                }
                LocalDate from = date(
                        checks,
                        "/contract/monitoring_from",
                        request.getContract().getMonitoringFrom());
                LocalDate to = date(
                        checks, "/contract/monitoring_to", request.getContract().getMonitoringTo());
                if (from != null
                        && to != null
                        && (!to.isAfter(from)
                                || !AcademicCalendar.academicYear(from).equals(AcademicCalendar.academicYear(to)))) {
                    checks.fail(
                            "/contract/monitoring_to",
                            "monitoring_to must be after monitoring_from, in the same academic year");
                }
            }
        }
        done(checks, "The action is not valid");
        return SAP_NEXT.get(action);
    }

    private static LocalDate date(FieldChecks checks, String field, Date value) {
        return checks.date(value, field, true);
    }

    private static void done(FieldChecks checks, String detail) {
        checks.throwIfAny(detail);
    }
}
