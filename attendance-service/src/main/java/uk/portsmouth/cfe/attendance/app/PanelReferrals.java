package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.AttendanceMeasures;
import uk.portsmouth.cfe.attendance.domain.Casework;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.outbound.FamilyPlans;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.CaseworkStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnSapReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SapAction;
import uk.portsmouth.cfe.proto.attendance.v1.SapOutcome;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferral;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralPage;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralRecord;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralStatus;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * School Attendance Panel referrals, the use cases: a school refers a pupil (the attendance at
 * referral counted from the marks, and whether the family has a Family Support Plan), the LA
 * schedules the panel and records its outcome; an attendance contract is monitored against its
 * target. Every read and write is audited.
 */
public final class PanelReferrals {
    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA sees a school's casework";
    private static final String LA_DECIDES = "Only the LA decides";

    private final PupilStore pupils;
    private final AttendanceStore marks;
    private final CaseworkStore cases;
    private final AttendanceCodes codes;
    private final AcademicCalendar calendar;
    private final FamilyPlans plans;
    private final AuditLog audit;
    private final Clock clock;

    public PanelReferrals(
            PupilStore pupils,
            AttendanceStore marks,
            CaseworkStore cases,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            FamilyPlans plans,
            AuditLog audit,
            Clock clock) {
        this.pupils = pupils;
        this.marks = marks;
        this.cases = cases;
        this.codes = codes;
        this.calendar = calendar;
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
    }

    public SapReferralRecord referToPanel(ReferToPanelRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        Casework.validate(request.getEvidence());
        Pupil pupil = SchoolCases.pupilOnRoll(pupils, request.getUrn(), request.getUpn());
        LocalDate today = today();
        EnrolmentMarks enrolment = enrolment(request.getUrn(), request.getUpn(), today);
        LocalDate yearStart = calendar.yearStart(today).orElse(today.withDayOfYear(1));
        SapReferral referral = SapReferral.newBuilder()
                .setId(request.getUrn() + ":" + request.getUpn() + ":" + today)
                .setUrn(request.getUrn())
                .setUpn(request.getUpn())
                .setPupilName(pupil.getGivenName() + " " + pupil.getFamilyName())
                .setEvidence(request.getEvidence())
                .setAttendanceAtReferral(AttendanceMeasures.measures(enrolment.counts(codes, yearStart, today)))
                .setFamilyHasFsp(plans.familyHasOpenPlan(request.getUpn()))
                .setStatus(SapReferralStatus.SAP_REFERRAL_STATUS_REFERRED)
                .addTimeline(SchoolCases.event(clock, caller, "referred", ""))
                .build();
        cases.addReferral(referral, caller.getSubject());
        StoredRecord<SapReferral> stored = cases.referral(referral.getId()).orElseThrow();
        audit.record(
                caller,
                "refer-to-panel",
                "referred",
                AuditSubjects.of("sap_referral", referral.getId()),
                AuditSubjects.upn(referral.getUpn()));
        return SapReferralRecord.newBuilder()
                .setReferral(withMonitoring(stored.body()))
                .setVersion(stored.version())
                .build();
    }

    public SapReferralPage listSapReferrals(ListCaseworkRequest request) {
        CallerContext caller = SchoolCases.listCaller(request.getUrn(), "casework");
        if (request.getSapReferralStatusValue() != 0 && !ClosedSets.given(request.getSapReferralStatus())) {
            throw InvalidInputException.of("status", ClosedSets.rule("status", SapReferralStatus.getDescriptor()));
        }
        Page<SapReferral> page =
                cases.referrals(request.getUrn(), request.getSapReferralStatus(), Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-sap-referrals",
                "read " + page.contents().size(),
                AuditSubjects.upns(page.contents().stream().map(c -> c.getUpn()).toList()));
        return SapReferralPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public SapReferralRecord getSapReferral(GetCaseworkRequest request) {
        StoredRecord<SapReferral> stored = cases.referral(request.getId())
                .orElseThrow(() -> new NotFoundException("SAP referral", request.getId()));
        CallerContext caller = SchoolCases.readCaller(stored.body().getUrn(), "SAP referral", request.getId());
        audit.record(caller, "read-sap-referral", "read", AuditSubjects.of("sap_referral", request.getId()));
        return SapReferralRecord.newBuilder()
                .setReferral(withMonitoring(stored.body()))
                .setVersion(stored.version())
                .build();
    }

    public SapReferralRecord actOnSapReferral(ActOnSapReferralRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, LA_DECIDES);
        StoredRecord<SapReferral> stored = cases.referral(request.getId())
                .orElseThrow(() -> new NotFoundException("SAP referral", request.getId()))
                .atVersion(request.getExpectedVersion());
        SapReferralStatus status = Casework.next(stored.body().getStatus(), request);
        SapReferral.Builder next = stored.body().toBuilder().setStatus(status);
        if (request.getAction() == SapAction.SAP_ACTION_SCHEDULE_PANEL) {
            next.setPanelDate(request.getPanelDate());
        }
        if (request.getAction() == SapAction.SAP_ACTION_RECORD_OUTCOME) {
            next.setOutcome(request.getOutcome());
            if (request.getOutcome() == SapOutcome.SAP_OUTCOME_ATTENDANCE_CONTRACT) {
                next.setContract(request.getContract());
            }
        }
        String action = ClosedSets.jsonName(request.getAction())
                + (!Dates.given(request.getPanelDate()) ? "" : " " + Dates.text(request.getPanelDate()))
                + (ClosedSets.given(request.getOutcome()) ? ": " + ClosedSets.jsonName(request.getOutcome()) : "");
        SapReferral updated = next.addTimeline(SchoolCases.event(clock, caller, action, request.getNote()))
                .build();
        long version = cases.replaceReferral(updated, stored.version(), caller.getSubject());
        audit.record(
                caller,
                "act-on-sap-referral",
                ClosedSets.jsonName(request.getAction()),
                AuditSubjects.of("sap_referral", request.getId()));
        return SapReferralRecord.newBuilder()
                .setReferral(withMonitoring(updated))
                .setVersion(version)
                .build();
    }

    /**
     * An attendance contract's monitoring: the pupil's actual attendance over the period so far, against the
     * target.
     */
    private SapReferral withMonitoring(SapReferral referral) {
        if (!referral.hasContract()) {
            return referral;
        }
        LocalDate from = Dates.toLocalDate(referral.getContract().getMonitoringFrom());
        LocalDate to = Dates.toLocalDate(referral.getContract().getMonitoringTo());
        LocalDate until = to.isAfter(today()) ? today() : to;
        if (until.isBefore(from)) {
            return referral;
        }
        var counts = enrolment(referral.getUrn(), referral.getUpn(), from).counts(codes, from, until);
        return referral.toBuilder()
                .setMonitoring(AttendanceMeasures.measures(counts))
                .setMonitoringTargetMet(counts.hasRates()
                        && counts.attendanceRate() >= referral.getContract().getTargetPercent())
                .build();
    }

    private EnrolmentMarks enrolment(String urn, String upn, LocalDate day) {
        String year = AcademicCalendar.academicYear(day);
        return marks.find(EnrolmentMarks.id(urn, upn, year))
                .map(AttendanceStore.Stored::marks)
                .orElse(EnrolmentMarks.empty(urn, upn, year));
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }
}
