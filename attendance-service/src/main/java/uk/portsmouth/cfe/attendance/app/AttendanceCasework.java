package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.Casework;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.outbound.FamilyPlans;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.CaseworkStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnSapReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.CaseEvent;
import uk.portsmouth.cfe.proto.attendance.v1.DecideLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.LegalAction;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionPage;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionRecord;
import uk.portsmouth.cfe.proto.attendance.v1.ListCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RequestLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferral;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralPage;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralRecord;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Penalty-notice requests for unauthorised leave and School Attendance Panel referrals: a school
 * raises and reads its own, the LA reads every school's and decides. The figures a decision rests
 * on are counted from the marks, never typed in. Every read and write is audited.
 */
public final class AttendanceCasework {

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

    public AttendanceCasework(
            PupilStore pupils,
            AttendanceStore marks,
            CaseworkStore cases,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            FamilyPlans plans,
            AuditLog audit,
            Clock clock) {
        this.plans = plans;
        this.pupils = pupils;
        this.marks = marks;
        this.cases = cases;
        this.codes = codes;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
    }

    // --- penalty-notice requests ------------------------------------------------------------------

    public LegalActionRecord requestLegalAction(RequestLegalActionRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        Casework.validate(request);
        Pupil pupil = pupil(request.getUrn(), request.getUpn());
        LocalDate from = LocalDate.parse(request.getFrom());
        LocalDate to = LocalDate.parse(request.getTo());
        EnrolmentMarks enrolment = enrolment(request.getUrn(), request.getUpn(), to);
        int leave = Casework.unauthorisedLeave(enrolment, from, to);
        if (leave == 0) {
            throw InvalidInputException.of(
                    "/from", "the marks show no unauthorised leave (code G) from " + from + " to " + to);
        }
        int tenWeeks = Casework.unauthorisedInTenSchoolWeeks(enrolment, codes, calendar, to);
        LegalAction legalAction = LegalAction.newBuilder()
                .setId(request.getUrn() + ":" + request.getUpn() + ":" + from)
                .setUrn(request.getUrn())
                .setUpn(request.getUpn())
                .setPupilName(pupil.getGivenName() + " " + pupil.getFamilyName())
                .setFrom(from.toString())
                .setTo(to.toString())
                .setNote(request.getNote().strip())
                .setUnauthorisedLeaveSessions(leave)
                .setUnauthorisedSessions10Weeks(tenWeeks)
                .setThresholdMet(tenWeeks >= Casework.THRESHOLD_SESSIONS)
                .setStatus("requested")
                .addTimeline(event(caller, "requested", request.getNote()))
                .build();
        cases.addLegalAction(legalAction, caller.getSubject());
        StoredRecord<LegalAction> stored =
                cases.legalAction(legalAction.getId()).orElseThrow();
        audit.record(
                caller,
                "request-legal-action",
                "threshold " + (legalAction.getThresholdMet() ? "met" : "not met"),
                AuditSubjects.of("legal_action", legalAction.getId()),
                AuditSubjects.upn(legalAction.getUpn()));
        return LegalActionRecord.newBuilder()
                .setLegalAction(stored.body())
                .setVersion(stored.version())
                .build();
    }

    public LegalActionPage listLegalActions(ListCaseworkRequest request) {
        CallerContext caller = listCaller(request.getUrn());
        Page<LegalAction> page =
                cases.legalActions(request.getUrn(), request.getStatus(), Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-legal-actions",
                "read " + page.contents().size(),
                AuditSubjects.upns(page.contents().stream().map(c -> c.getUpn()).toList()));
        return LegalActionPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public LegalActionRecord getLegalAction(GetCaseworkRequest request) {
        StoredRecord<LegalAction> stored = cases.legalAction(request.getId())
                .orElseThrow(() -> new NotFoundException("legal action request", request.getId()));
        CallerContext caller = readCaller(stored.body().getUrn(), "legal action request", request.getId());
        audit.record(caller, "read-legal-action", "read", AuditSubjects.of("legal_action", request.getId()));
        return LegalActionRecord.newBuilder()
                .setLegalAction(stored.body())
                .setVersion(stored.version())
                .build();
    }

    public LegalActionRecord decideLegalAction(DecideLegalActionRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, LA_DECIDES);
        StoredRecord<LegalAction> stored = cases.legalAction(request.getId())
                .orElseThrow(() -> new NotFoundException("legal action request", request.getId()))
                .atVersion(request.getExpectedVersion());
        if (!stored.body().getStatus().equals("requested")) {
            throw InvalidInputException.of(
                    "/decision",
                    "this request is decided already (" + stored.body().getDecision() + ")");
        }
        if (!Casework.LEGAL_DECISIONS.contains(request.getDecision())) {
            throw InvalidInputException.of("/decision", "decision must be penalty_notice, warning_letter or no_action");
        }
        LegalAction decided = stored.body().toBuilder()
                .setStatus("decided")
                .setDecision(request.getDecision())
                .addTimeline(event(caller, "decided: " + request.getDecision(), request.getNote()))
                .build();
        long version = cases.replaceLegalAction(decided, stored.version(), caller.getSubject());
        audit.record(
                caller,
                "decide-legal-action",
                request.getDecision(),
                AuditSubjects.of("legal_action", request.getId()));
        return LegalActionRecord.newBuilder()
                .setLegalAction(decided)
                .setVersion(version)
                .build();
    }

    // --- School Attendance Panel referrals -----------------------------------------------------------

    public SapReferralRecord referToPanel(ReferToPanelRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        Casework.validate(request.getEvidence());
        Pupil pupil = pupil(request.getUrn(), request.getUpn());
        LocalDate today = today();
        EnrolmentMarks enrolment = enrolment(request.getUrn(), request.getUpn(), today);
        LocalDate yearStart = calendar.yearStart(today).orElse(today.withDayOfYear(1));
        SapReferral referral = SapReferral.newBuilder()
                .setId(request.getUrn() + ":" + request.getUpn() + ":" + today)
                .setUrn(request.getUrn())
                .setUpn(request.getUpn())
                .setPupilName(pupil.getGivenName() + " " + pupil.getFamilyName())
                .setEvidence(request.getEvidence())
                .setAttendanceAtReferral(AttendanceReports.measures(enrolment.counts(codes, yearStart, today)))
                .setFamilyHasFsp(plans.familyHasOpenPlan(request.getUpn()))
                .setStatus("referred")
                .addTimeline(event(caller, "referred", ""))
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
        CallerContext caller = listCaller(request.getUrn());
        Page<SapReferral> page = cases.referrals(request.getUrn(), request.getStatus(), Paging.of(request.getPage()));
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
        CallerContext caller = readCaller(stored.body().getUrn(), "SAP referral", request.getId());
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
        String status = Casework.next(stored.body().getStatus(), request);
        SapReferral.Builder next = stored.body().toBuilder().setStatus(status);
        if (request.getAction().equals("schedule_panel")) {
            next.setPanelDate(request.getPanelDate());
        }
        if (request.getAction().equals("record_outcome")) {
            next.setOutcome(request.getOutcome());
            if (request.getOutcome().equals("attendance_contract")) {
                next.setContract(request.getContract());
            }
        }
        String action = request.getAction()
                + (request.getPanelDate().isEmpty() ? "" : " " + request.getPanelDate())
                + (request.getOutcome().isEmpty() ? "" : ": " + request.getOutcome());
        SapReferral updated =
                next.addTimeline(event(caller, action, request.getNote())).build();
        long version = cases.replaceReferral(updated, stored.version(), caller.getSubject());
        audit.record(
                caller, "act-on-sap-referral", request.getAction(), AuditSubjects.of("sap_referral", request.getId()));
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
        LocalDate from = LocalDate.parse(referral.getContract().getMonitoringFrom());
        LocalDate to = LocalDate.parse(referral.getContract().getMonitoringTo());
        LocalDate until = to.isAfter(today()) ? today() : to;
        if (until.isBefore(from)) {
            return referral;
        }
        var counts = enrolment(referral.getUrn(), referral.getUpn(), from).counts(codes, from, until);
        return referral.toBuilder()
                .setMonitoring(AttendanceReports.measures(counts))
                .setMonitoringTargetMet(counts.hasRates()
                        && counts.attendanceRate() >= referral.getContract().getTargetPercent())
                .build();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private Pupil pupil(String urn, String upn) {
        return pupils.find(urn, upn)
                .orElseThrow(() -> InvalidInputException.of("/upn", "the pupil is not on this school's roll"));
    }

    private EnrolmentMarks enrolment(String urn, String upn, LocalDate day) {
        String year = AcademicCalendar.academicYear(day);
        return marks.find(EnrolmentMarks.id(urn, upn, year))
                .map(AttendanceStore.Stored::marks)
                .orElse(EnrolmentMarks.empty(urn, upn, year));
    }

    /** A list of one school's cases (that school or the LA), or of every school's (the LA). */
    private static CallerContext listCaller(String urn) {
        return urn.isEmpty()
                ? CallerContexts.requireAnyRole(LA, "Only the LA lists every school's casework")
                : CallerContexts.requireOwnSchoolOrRole(urn, LA, OWN_SCHOOL_OR_LA);
    }

    /** The reader of a case: the LA, or its own school; to anyone else it does not exist. */
    private static CallerContext readCaller(String urn, String kind, String id) {
        try {
            return CallerContexts.requireOwnSchoolOrRole(urn, LA, OWN_SCHOOL_OR_LA);
        } catch (ForbiddenException e) {
            throw new NotFoundException(kind, id);
        }
    }

    private CaseEvent event(CallerContext caller, String action, String note) {
        return CaseEvent.newBuilder()
                .setAt(CityTime.timestamp(clock))
                .setBy(caller.getSubject())
                .setAction(action)
                .setNote(note.strip())
                .build();
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }
}
