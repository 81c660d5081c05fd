package uk.portsmouth.cfe.attendance.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.PenaltyNotices;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.CaseworkStore;
import uk.portsmouth.cfe.attendance.store.InclusionPanelStore;
import uk.portsmouth.cfe.attendance.store.NewPupilReturnStore;
import uk.portsmouth.cfe.attendance.store.PenaltyNoticeStore;
import uk.portsmouth.cfe.attendance.store.RollRemovalStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.retention.AuditRetention;
import uk.portsmouth.cfe.platform.retention.RetentionRule;
import uk.portsmouth.cfe.proto.common.v1.RetentionAction;

/**
 * How long the attendance service keeps what: registers 6 years after the entry (the School
 * Attendance (Pupil Registration) (England) Regulations 2024: an academic year's entries from the
 * end of that year), finished casework and ended CME cases for the LA's period after their last
 * activity, and its audit trail.
 */
public final class AttendanceRetention {

    /** The first academic year the platform could hold. */
    private static final int FIRST_YEAR = 1990;

    private AttendanceRetention() {}

    public static RetentionRule[] rules(
            AttendanceStore marks,
            CaseworkStore casework,
            InclusionPanelStore inclusionPanel,
            RollRemovalStore removals,
            NewPupilReturnStore newPupilReturns,
            AbsenceReportStore absenceReports,
            PenaltyNoticeStore notices,
            AuditLog audit) {
        return new RetentionRule[] {
            new RetentionRule(
                    "attendance_registers",
                    "Attendance registers (every session's mark, comments and corrections): 6 years from the end of"
                            + " the academic year of the entry (pupil registration regulations)",
                    Period.ofYears(6),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> marks.years(yearsEndedBefore(cutoff), false),
                    cutoff -> marks.years(yearsEndedBefore(cutoff), true)),
            new RetentionRule(
                    "legal_action_requests",
                    "Decided legal action requests: the LA's period after the last activity",
                    Period.ofYears(6),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> casework.legalActionsDoneBefore(cutoff, false),
                    cutoff -> casework.legalActionsDoneBefore(cutoff, true)),
            new RetentionRule(
                    "sap_referrals",
                    "Finished School Attendance Panel referrals: the LA's period after the last activity",
                    Period.ofYears(6),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> casework.referralsDoneBefore(cutoff, false),
                    cutoff -> casework.referralsDoneBefore(cutoff, true)),
            new RetentionRule(
                    "isp_referrals",
                    "Finished Inclusion Support Panel referrals (decided, declined): the LA's period after the last"
                            + " activity",
                    Period.ofYears(6),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> inclusionPanel.finishedBefore(cutoff, false),
                    cutoff -> inclusionPanel.finishedBefore(cutoff, true)),
            new RetentionRule(
                    "cme_cases",
                    "Child missing education cases placed or closed: the LA's period after the last activity",
                    Period.ofYears(6),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> removals.casesEndedBefore(cutoff, false),
                    cutoff -> removals.casesEndedBefore(cutoff, true)),
            new RetentionRule(
                    "new_pupil_returns",
                    "Submitted new pupils' returns: as the admission register they copy, 6 years from submission",
                    Period.ofYears(6),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> newPupilReturns.submittedBefore(cutoff, false),
                    cutoff -> newPupilReturns.submittedBefore(cutoff, true)),
            new RetentionRule(
                    "absence_reports",
                    "Parents' absence reports: a year after the last change (the register keeps the marks"
                            + " recorded from them for its own period)",
                    Period.ofYears(1),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> absenceReports.changedBefore(cutoff, false),
                    cutoff -> absenceReports.changedBefore(cutoff, true)),
            new RetentionRule(
                    "penalty_notice_ledgers",
                    "Each child's ledger of penalty notices and notices to improve: while a notice in it counts"
                            + " towards the national limits (3 years from its issue)",
                    Period.ofYears(PenaltyNotices.LIMIT_YEARS),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> notices.lastIssuedBefore(cutoff, false),
                    cutoff -> notices.lastIssuedBefore(cutoff, true)),
            AuditRetention.auditEvents(audit)
        };
    }

    /** The academic years ("2019-20") that ended (31 August) before {@code cutoff}. */
    static List<String> yearsEndedBefore(Instant cutoff) {
        LocalDate day = cutoff.atOffset(ZoneOffset.UTC).toLocalDate();
        List<String> years = new ArrayList<>();
        for (int first = FIRST_YEAR; LocalDate.of(first + 1, 8, 31).isBefore(day); first++) {
            years.add(AcademicCalendar.academicYear(LocalDate.of(first, 9, 1)));
        }
        return years;
    }
}
