package uk.portsmouth.cfe.attendance.app;

import com.google.protobuf.ProtocolMessageEnum;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.store.CaseworkStore;
import uk.portsmouth.cfe.attendance.store.InclusionPanelStore;
import uk.portsmouth.cfe.attendance.store.RollRemovalStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.CaseStatus;
import uk.portsmouth.cfe.proto.attendance.v1.DateRange;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.PupilOverview;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The attendance part of a pupil's overview (the guide's Vulnerable Tracking Portal): the year and
 * the term to date with their persistent and severe absence flags, and where the child stands with
 * the School Attendance Panel, legal action, the Inclusion Support Panel and CME, for the school itself or the LA. Audited as a personal-data read.
 */
public final class PupilOverviews {

    private final AttendanceReports reports;
    private final CaseworkStore casework;
    private final RollRemovalStore removals;
    private final InclusionPanelStore inclusionPanel;
    private final AcademicCalendar calendar;
    private final AuditLog audit;
    private final Clock clock;

    public PupilOverviews(
            AttendanceReports reports,
            CaseworkStore casework,
            RollRemovalStore removals,
            InclusionPanelStore inclusionPanel,
            AcademicCalendar calendar,
            AuditLog audit,
            Clock clock) {
        this.reports = reports;
        this.casework = casework;
        this.removals = removals;
        this.inclusionPanel = inclusionPanel;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
    }

    public PupilOverview getPupilOverview(GetPupilAttendanceRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(
                request.getUrn(), CallerContexts.LA_ROLES, "Only the school itself or the LA sees a pupil's overview");
        String urn = request.getUrn();
        String upn = request.getUpn();
        PupilAttendance year = reports.pupilAttendance(urn, upn, DateRange.getDefaultInstance());
        PupilOverview.Builder overview =
                PupilOverview.newBuilder().setPupil(year.getPupil()).setYearToDate(year.getMeasures());
        calendar.termOf(CityTime.today(clock))
                .ifPresent(term -> overview.setTerm(term.name())
                        .setTermToDate(reports.pupilAttendance(
                                        urn,
                                        upn,
                                        DateRange.newBuilder()
                                                .setFrom(Dates.of(term.start()))
                                                .build())
                                .getMeasures()));
        latest(casework.referralsOf(upn).stream()
                        .filter(r -> r.getUrn().equals(urn))
                        .map(r -> status(r.getId(), r.getStatus(), ClosedSets.jsonName(r.getOutcome())))
                        .toList())
                .ifPresent(overview::setSapReferral);
        latest(casework.legalActionsOf(upn).stream()
                        .filter(l -> l.getUrn().equals(urn))
                        .map(l -> status(l.getId(), l.getStatus(), ClosedSets.jsonName(l.getDecision())))
                        .toList())
                .ifPresent(overview::setLegalAction);
        latest(inclusionPanel.referralsOf(upn).stream()
                        .filter(r -> r.getUrn().equals(urn))
                        .map(r -> status(r.getId(), r.getStatus(), ClosedSets.jsonName(r.getDecision())))
                        .toList())
                .ifPresent(overview::setIspReferral);
        latest(removals.casesOf(upn).stream()
                        .filter(c -> c.getFromUrn().equals(urn)
                                || CallerContexts.hasAnyRole(caller, CallerContexts.LA_ROLES))
                        .map(c -> status(c.getId(), c.getStatus(), c.getReason()))
                        .toList())
                .ifPresent(overview::setCmeCase);
        audit.record(caller, "read-pupil-overview", "read", AuditSubjects.school(urn), AuditSubjects.upn(upn));
        return overview.build();
    }

    private static Optional<CaseStatus> latest(List<CaseStatus> cases) {
        return cases.isEmpty() ? Optional.empty() : Optional.of(cases.get(cases.size() - 1));
    }

    /** One case's line in the overview; cases of every kind share it, so its status is the value's JSON name. */
    private static CaseStatus status(String id, ProtocolMessageEnum status, String detail) {
        return CaseStatus.newBuilder()
                .setId(id)
                .setStatus(ClosedSets.jsonName(status))
                .setDetail(detail)
                .build();
    }
}
