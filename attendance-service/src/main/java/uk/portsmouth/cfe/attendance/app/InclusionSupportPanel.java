package uk.portsmouth.cfe.attendance.app;

import com.google.type.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.AttendanceMeasures;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.InclusionPanelRules;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.InclusionPanelStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
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
import uk.portsmouth.cfe.proto.attendance.v1.ActOnIspReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.DualRegistration;
import uk.portsmouth.cfe.proto.attendance.v1.FairAccessPlacement;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.IspAction;
import uk.portsmouth.cfe.proto.attendance.v1.IspDecision;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferral;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralPage;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralRecord;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralStatus;
import uk.portsmouth.cfe.proto.attendance.v1.ListIspReferralsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToInclusionPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The Inclusion Support Panel (FAP/DR): a school refers its pupil for a change of provision, with
 * the year's attendance and suspensions attached from the register; the LA schedules the panel and
 * records its decision, which flows into the registers through the ordinary roll sync and marks
 * (so every rule of theirs applies): the pupil is entered at the other setting, which then owes a
 * new pupil's return, and a dual registration's sessions so far are D at the main school. Every
 * read and write is audited.
 */
public final class InclusionSupportPanel {

    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA refers a school's pupil";
    private static final String KIND = "Inclusion Support Panel referral";

    private final SchoolStore schools;
    private final PupilStore pupils;
    private final AttendanceStore marks;
    private final InclusionPanelStore referrals;
    private final SchoolRolls rolls;
    private final SchoolAttendance registers;
    private final AttendanceCodes codes;
    private final AcademicCalendar calendar;
    private final AuditLog audit;
    private final Clock clock;

    public InclusionSupportPanel(
            SchoolStore schools,
            PupilStore pupils,
            AttendanceStore marks,
            InclusionPanelStore referrals,
            SchoolRolls rolls,
            SchoolAttendance registers,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            AuditLog audit,
            Clock clock) {
        this.schools = schools;
        this.pupils = pupils;
        this.marks = marks;
        this.referrals = referrals;
        this.rolls = rolls;
        this.registers = registers;
        this.codes = codes;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
    }

    public IspReferralRecord refer(ReferToInclusionPanelRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        InclusionPanelRules.validate(request);
        Pupil pupil = pupils.find(request.getUrn(), request.getUpn())
                .filter(Pupil::getOnRoll)
                .orElseThrow(() -> InvalidInputException.of("/upn", "the pupil is not on this school's roll"));
        LocalDate today = today();
        String year = AcademicCalendar.academicYear(today);
        EnrolmentMarks enrolment = marks.find(EnrolmentMarks.id(request.getUrn(), request.getUpn(), year))
                .map(AttendanceStore.Stored::marks)
                .orElse(EnrolmentMarks.empty(request.getUrn(), request.getUpn(), year));
        LocalDate yearStart = calendar.yearStart(today).orElse(today.withDayOfYear(1));
        List<String> suspensions = enrolment.codes().entrySet().stream()
                .filter(e -> e.getValue().equals(InclusionPanelRules.SUSPENDED))
                .map(e -> e.getKey())
                .toList();
        IspReferral referral = IspReferral.newBuilder()
                .setId("isp:" + request.getUrn() + ":" + request.getUpn() + ":" + today)
                .setUrn(request.getUrn())
                .setUpn(request.getUpn())
                .setPupilName(pupil.getGivenName() + " " + pupil.getFamilyName())
                .setRequestedChange(request.getRequestedChange())
                .setReasons(request.getReasons().strip())
                .addAllTried(request.getTriedList())
                .setPupilAndParentViews(request.getPupilAndParentViews().strip())
                .setAttendanceAtReferral(AttendanceMeasures.measures(enrolment.counts(codes, yearStart, today)))
                .setSuspensionSessions(suspensions.size())
                .addAllSuspensionDays(suspensions.stream()
                        .map(s -> Dates.of(LocalDate.parse(s.substring(0, 10))))
                        .distinct()
                        .toList())
                .setStatus(IspReferralStatus.ISP_REFERRAL_STATUS_REFERRED)
                .addTimeline(SchoolCases.event(clock, caller, "referred", ""))
                .build();
        referrals.add(referral, caller.getSubject());
        StoredRecord<IspReferral> stored = referrals.find(referral.getId()).orElseThrow();
        audit.record(
                caller,
                "refer-to-inclusion-panel",
                ClosedSets.jsonName(request.getRequestedChange()),
                AuditSubjects.of("isp_referral", referral.getId()),
                AuditSubjects.upn(referral.getUpn()));
        return record(stored.body(), stored.version());
    }

    public IspReferralPage list(ListIspReferralsRequest request) {
        CallerContext caller = SchoolCases.listCaller(request.getUrn(), "panel referrals");
        if (request.getStatusValue() != 0 && !ClosedSets.given(request.getStatus())) {
            throw InvalidInputException.of("status", ClosedSets.rule("status", IspReferralStatus.getDescriptor()));
        }
        Page<IspReferral> page = referrals.page(request.getUrn(), request.getStatus(), Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-isp-referrals",
                "read " + page.contents().size(),
                AuditSubjects.upns(
                        page.contents().stream().map(IspReferral::getUpn).toList()));
        return IspReferralPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public IspReferralRecord get(GetCaseworkRequest request) {
        StoredRecord<IspReferral> stored = readable(request.getId());
        audit.record(
                CallerContexts.current(),
                "read-isp-referral",
                "read",
                AuditSubjects.of("isp_referral", request.getId()));
        return record(stored.body(), stored.version());
    }

    /**
     * The LA moves a referral on. A decision is written first, then reaches the registers (each step
     * safe to repeat); the same decision sent again at the referral's version finishes them.
     */
    public IspReferralRecord act(ActOnIspReferralRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA acts for the panel");
        StoredRecord<IspReferral> stored = referrals
                .find(request.getId())
                .orElseThrow(() -> new NotFoundException(KIND, request.getId()))
                .atVersion(request.getExpectedVersion());
        IspReferral referral = stored.body();
        if (referral.getStatus() == IspReferralStatus.ISP_REFERRAL_STATUS_DECIDED
                && request.getAction() == IspAction.ISP_ACTION_RECORD_DECISION
                && request.getDecision() == referral.getDecision()) {
            // the same decision again (a retry after the registers failed): their steps are safe to repeat
            intoTheRegisters(referral);
            return record(referral, stored.version());
        }
        IspReferralStatus status = InclusionPanelRules.next(referral.getStatus(), referral.getUrn(), request, today());
        IspReferral.Builder next = referral.toBuilder().setStatus(status);
        String action = ClosedSets.jsonName(request.getAction());
        if (request.getAction() == IspAction.ISP_ACTION_SCHEDULE_PANEL) {
            next.setPanelDate(request.getPanelDate());
            action += " " + Dates.text(request.getPanelDate());
        }
        if (request.getAction() == IspAction.ISP_ACTION_RECORD_DECISION) {
            next.setDecision(request.getDecision());
            action += ": " + ClosedSets.jsonName(request.getDecision());
            if (request.getDecision() == IspDecision.ISP_DECISION_FAIR_ACCESS_PLACEMENT) {
                School school = school("/placement/urn", request.getPlacement().getUrn());
                next.setPlacement(request.getPlacement().toBuilder().setSchoolName(school.getName()));
            }
            if (request.getDecision() == IspDecision.ISP_DECISION_DUAL_REGISTRATION) {
                School provider = school(
                        "/dual_registration/provider_urn",
                        request.getDualRegistration().getProviderUrn());
                next.setDualRegistration(
                        request.getDualRegistration().toBuilder().setProviderName(provider.getName()));
            }
        }
        IspReferral updated = next.addTimeline(SchoolCases.event(clock, caller, action, request.getNote()))
                .build();
        // the decision first, one conditional write: of racing decisions one wins and only its reaches the registers
        long version = referrals.replace(updated, stored.version(), caller.getSubject());
        intoTheRegisters(updated);
        audit.record(
                caller,
                "act-on-isp-referral",
                ClosedSets.jsonName(request.getAction())
                        + (ClosedSets.given(request.getDecision())
                                ? ": " + ClosedSets.jsonName(request.getDecision())
                                : ""),
                AuditSubjects.of("isp_referral", updated.getId()),
                AuditSubjects.upn(updated.getUpn()));
        return record(updated, version);
    }

    /** A decision's effect on the registers: the pupil entered at the other setting; D for the sessions there so far. */
    private void intoTheRegisters(IspReferral referral) {
        if (referral.hasPlacement()) {
            FairAccessPlacement placement = referral.getPlacement();
            enrol(referral, placement.getUrn(), placement.getStartDate());
        }
        if (referral.hasDualRegistration()) {
            DualRegistration dual = referral.getDualRegistration();
            enrol(referral, dual.getProviderUrn(), dual.getStartDate());
            List<Mark> soFar = InclusionPanelRules.sessionsSoFar(referral.getUpn(), dual, calendar, today());
            if (!soFar.isEmpty()) {
                SubmitMarksReply written = registers.submitMarks(SubmitMarksRequest.newBuilder()
                        .setUrn(referral.getUrn())
                        .addAllMarks(soFar)
                        .build());
                if (!written.getAccepted()) {
                    throw InvalidInputException.of(
                            "/dual_registration",
                            "the main school's register refused: "
                                    + written.getErrors(0).getReason());
                }
            }
        }
    }

    /** Enters the pupil on the other setting's roll through the ordinary sync, unless already there. */
    private void enrol(IspReferral referral, String urn, Date startDate) {
        if (pupils.find(urn, referral.getUpn()).filter(Pupil::getOnRoll).isPresent()) {
            return;
        }
        Pupil atMainSchool = pupils.find(referral.getUrn(), referral.getUpn()).orElseThrow();
        rolls.upsertPupils(UpsertPupilsRequest.newBuilder()
                .setUrn(urn)
                .addPupils(atMainSchool.toBuilder().setUrn(urn).setAdmissionDate(startDate))
                .build());
    }

    private School school(String field, String urn) {
        return schools.find(urn)
                .map(StoredRecord::body)
                .orElseThrow(() -> InvalidInputException.of(field, "no school with URN " + urn + " in the register"));
    }

    /** A referral its school or the LA may read; to anyone else it does not exist. */
    private StoredRecord<IspReferral> readable(String id) {
        StoredRecord<IspReferral> stored = referrals.find(id).orElseThrow(() -> new NotFoundException(KIND, id));
        SchoolCases.readCaller(stored.body().getUrn(), KIND, id);
        return stored;
    }

    private static IspReferralRecord record(IspReferral referral, long version) {
        return IspReferralRecord.newBuilder()
                .setReferral(referral)
                .setVersion(version)
                .build();
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }
}
