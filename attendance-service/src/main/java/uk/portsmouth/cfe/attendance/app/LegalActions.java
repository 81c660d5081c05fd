package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.Casework;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.PenaltyNoticeThreshold;
import uk.portsmouth.cfe.attendance.domain.PenaltyNotices;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.CaseworkStore;
import uk.portsmouth.cfe.attendance.store.PenaltyNoticeStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.DecideLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.IssuedNotice;
import uk.portsmouth.cfe.proto.attendance.v1.LegalAction;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionDecision;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionPage;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionRecord;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionStatus;
import uk.portsmouth.cfe.proto.attendance.v1.ListCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NoticeKind;
import uk.portsmouth.cfe.proto.attendance.v1.NoticeLedger;
import uk.portsmouth.cfe.proto.attendance.v1.PenaltyCharge;
import uk.portsmouth.cfe.proto.attendance.v1.PriorNotice;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.RequestLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ThresholdSession;
import uk.portsmouth.cfe.proto.attendance.v1.ThresholdWindow;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Penalty-notice requests for unauthorised leave, the use cases: a school raises and reads its own,
 * the LA reads every school's and decides, each decision entered in the child's ledger of notices
 * (the national threshold and the limit of notices counted from the marks, never typed in). Every
 * read and write is audited.
 */
public final class LegalActions {
    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA sees a school's casework";
    private static final String LA_DECIDES = "Only the LA decides";
    /** Decisions about one child racing for its ledger: each retry follows another's success, so a few suffice. */
    private static final int LEDGER_ATTEMPTS = 32;

    private final PupilStore pupils;
    private final AttendanceStore marks;
    private final CaseworkStore cases;
    private final PenaltyNoticeStore notices;
    private final AttendanceCodes codes;
    private final AcademicCalendar calendar;
    private final AuditLog audit;
    private final Clock clock;

    public LegalActions(
            PupilStore pupils,
            AttendanceStore marks,
            CaseworkStore cases,
            PenaltyNoticeStore notices,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            AuditLog audit,
            Clock clock) {
        this.pupils = pupils;
        this.marks = marks;
        this.cases = cases;
        this.notices = notices;
        this.codes = codes;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
    }

    public LegalActionRecord requestLegalAction(RequestLegalActionRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        Casework.validate(request);
        Pupil pupil = SchoolCases.pupilOnRoll(pupils, request.getUrn(), request.getUpn());
        LocalDate from = Dates.toLocalDate(request.getFrom());
        LocalDate to = Dates.toLocalDate(request.getTo());
        List<EnrolmentMarks> childMarks = childMarks(request.getUpn(), from, to);
        int leave = Casework.unauthorisedLeave(childMarks, request.getUrn(), from, to);
        if (leave == 0) {
            throw InvalidInputException.of(
                    "/from", "the marks show no unauthorised leave (code G) from " + from + " to " + to);
        }
        LegalAction legalAction = withVerdict(
                        LegalAction.newBuilder(), PenaltyNoticeThreshold.assess(childMarks, codes, calendar, from, to))
                .setId(request.getUrn() + ":" + request.getUpn() + ":" + from)
                .setUrn(request.getUrn())
                .setUpn(request.getUpn())
                .setPupilName(pupil.getGivenName() + " " + pupil.getFamilyName())
                .setFrom(Dates.of(from))
                .setTo(Dates.of(to))
                .setNote(request.getNote().strip())
                .setUnauthorisedLeaveSessions(leave)
                .setStatus(LegalActionStatus.LEGAL_ACTION_STATUS_REQUESTED)
                .addTimeline(SchoolCases.event(clock, caller, "requested", request.getNote()))
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
        return record(caller, stored.body(), stored.version());
    }

    public LegalActionPage listLegalActions(ListCaseworkRequest request) {
        CallerContext caller = SchoolCases.listCaller(request.getUrn(), "casework");
        if (request.getLegalActionStatusValue() != 0 && !ClosedSets.given(request.getLegalActionStatus())) {
            throw InvalidInputException.of("status", ClosedSets.rule("status", LegalActionStatus.getDescriptor()));
        }
        Page<LegalAction> page =
                cases.legalActions(request.getUrn(), request.getLegalActionStatus(), Paging.of(request.getPage()));
        List<LegalAction> shown =
                page.contents().stream().map(c -> forCaller(caller, c)).toList();
        audit.record(
                caller,
                "list-legal-actions",
                "read " + page.contents().size(),
                AuditSubjects.upns(page.contents().stream().map(c -> c.getUpn()).toList()));
        return LegalActionPage.newBuilder()
                .setPage(page.info())
                .addAllContents(shown)
                .build();
    }

    public LegalActionRecord getLegalAction(GetCaseworkRequest request) {
        StoredRecord<LegalAction> stored = cases.legalAction(request.getId())
                .orElseThrow(() -> new NotFoundException("legal action request", request.getId()));
        CallerContext caller = SchoolCases.readCaller(stored.body().getUrn(), "legal action request", request.getId());
        audit.record(caller, "read-legal-action", "read", AuditSubjects.of("legal_action", request.getId()));
        return record(caller, stored.body(), stored.version());
    }

    /**
     * The LA's decision. A notice (penalty notice, notice to improve) needs the threshold met on the
     * registers as they are now, and is entered in the child's ledger first: that one conditional
     * write decides which notice it is for its parent, and refuses a third penalty notice in 3 years.
     */
    public LegalActionRecord decideLegalAction(DecideLegalActionRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, LA_DECIDES);
        StoredRecord<LegalAction> stored = cases.legalAction(request.getId())
                .orElseThrow(() -> new NotFoundException("legal action request", request.getId()))
                .atVersion(request.getExpectedVersion());
        if (stored.body().getStatus() != LegalActionStatus.LEGAL_ACTION_STATUS_REQUESTED) {
            throw InvalidInputException.of(
                    "/decision",
                    "this request is decided already ("
                            + ClosedSets.jsonName(stored.body().getDecision()) + ")");
        }
        PenaltyNotices.validate(request);
        LegalAction asked = stored.body();
        LocalDate today = today();
        LegalAction.Builder decided = asked.toBuilder()
                .setStatus(LegalActionStatus.LEGAL_ACTION_STATUS_DECIDED)
                .setDecision(request.getDecision())
                .setDecidedOn(Dates.of(today));
        if (request.hasParent()) {
            decided.setParent(request.getParent().toBuilder()
                    .setName(request.getParent().getName().strip())
                    .setReference(request.getParent().getReference().strip()));
        }
        boolean notice = PenaltyNotices.noticeOf(request.getDecision()).isPresent();
        if (notice) {
            LocalDate from = Dates.toLocalDate(asked.getFrom());
            LocalDate to = Dates.toLocalDate(asked.getTo());
            PenaltyNoticeThreshold.Verdict now =
                    PenaltyNoticeThreshold.assess(childMarks(asked.getUpn(), from, to), codes, calendar, from, to);
            if (!now.met()) {
                throw InvalidInputException.of(
                        "/decision",
                        "the registers now show " + now.count() + " unauthorised sessions in the 10 school weeks"
                                + " around this request; a "
                                + ClosedSets.inWords(request.getDecision())
                                + " needs " + PenaltyNoticeThreshold.SESSIONS);
            }
            withVerdict(decided, now);
            PenaltyCharge charge = enterInLedger(asked, request, today, caller);
            if (request.getDecision() == LegalActionDecision.LEGAL_ACTION_DECISION_PENALTY_NOTICE) {
                decided.setPenalty(charge);
            }
        }
        LegalAction written = decided.addTimeline(SchoolCases.event(
                        clock, caller, "decided: " + ClosedSets.jsonName(request.getDecision()), request.getNote()))
                .build();
        long version;
        try {
            version = cases.replaceLegalAction(written, stored.version(), caller.getSubject());
        } catch (VersionConflictException e) {
            if (notice) {
                withdrawFromLedgerUnlessDecided(asked, caller);
            }
            throw e;
        }
        audit.record(
                caller,
                "decide-legal-action",
                ClosedSets.jsonName(request.getDecision()),
                AuditSubjects.of("legal_action", request.getId()),
                AuditSubjects.upn(asked.getUpn()));
        return record(caller, written, version);
    }

    /** Enters a notice in the child's ledger (retrying when another decision wrote it first); the penalty's charge. */
    private PenaltyCharge enterInLedger(
            LegalAction asked, DecideLegalActionRequest request, LocalDate today, CallerContext caller) {
        String parentKey = PenaltyNotices.parentKey(request.getParent());
        for (int attempt = 0; attempt < LEDGER_ATTEMPTS; attempt++) {
            StoredRecord<NoticeLedger> ledger = notices.ledger(asked.getUpn());
            List<IssuedNotice> earlier = PenaltyNotices.within3Years(
                    ledger.body().getNoticesList().stream()
                            .filter(n -> !n.getLegalActionId().equals(asked.getId()))
                            .toList(),
                    null,
                    today);
            PenaltyCharge charge = request.getDecision() == LegalActionDecision.LEGAL_ACTION_DECISION_PENALTY_NOTICE
                    ? PenaltyNotices.charge(earlier, parentKey, today)
                    : PenaltyCharge.getDefaultInstance();
            NoticeLedger next = NoticeLedger.newBuilder()
                    .setUpn(asked.getUpn())
                    .addAllNotices(earlier)
                    .addNotices(IssuedNotice.newBuilder()
                            .setLegalActionId(asked.getId())
                            .setKind(PenaltyNotices.noticeOf(request.getDecision())
                                    .orElseThrow())
                            .setParentKey(parentKey)
                            .setParentName(request.getParent().getName().strip())
                            .setIssuedOn(Dates.of(today)))
                    .build();
            if (notices.save(next, ledger.version(), caller.getSubject())) {
                return charge;
            }
        }
        throw new ConflictException("/decision", "other decisions about this child are being made; try again");
    }

    /** After losing the request to another decision: takes this request's notice out unless the winner issued one. */
    private void withdrawFromLedgerUnlessDecided(LegalAction asked, CallerContext caller) {
        boolean winnerIssuedANotice = cases.legalAction(asked.getId())
                .map(s -> PenaltyNotices.noticeOf(s.body().getDecision()).isPresent())
                .orElse(false);
        for (int attempt = 0; attempt < LEDGER_ATTEMPTS && !winnerIssuedANotice; attempt++) {
            StoredRecord<NoticeLedger> ledger = notices.ledger(asked.getUpn());
            NoticeLedger without = ledger.body().toBuilder()
                    .clearNotices()
                    .addAllNotices(ledger.body().getNoticesList().stream()
                            .filter(n -> !n.getLegalActionId().equals(asked.getId()))
                            .toList())
                    .build();
            if (ledger.version() == 0 || notices.save(without, ledger.version(), caller.getSubject())) {
                return;
            }
        }
    }

    /** A legal action as {@code caller} reads it: with the child's earlier notices; a school sees only its own sessions. */
    private LegalActionRecord record(CallerContext caller, LegalAction legalAction, long version) {
        List<IssuedNotice> earlier =
                PenaltyNotices.within3Years(
                                notices.ledger(legalAction.getUpn()).body().getNoticesList(), null, today())
                        .stream()
                        .filter(n -> !n.getLegalActionId().equals(legalAction.getId()))
                        .toList();
        LegalAction.Builder view = forCaller(caller, legalAction).toBuilder().clearPreviousNotices();
        earlier.forEach(n -> view.addPreviousNotices(PriorNotice.newBuilder()
                .setLegalActionId(n.getLegalActionId())
                .setKind(n.getKind())
                .setParentName(n.getParentName())
                .setIssuedOn(n.getIssuedOn())));
        view.setNoticeToImproveIssuedBefore(
                earlier.stream().anyMatch(n -> n.getKind() == NoticeKind.NOTICE_KIND_NOTICE_TO_IMPROVE));
        return LegalActionRecord.newBuilder()
                .setLegalAction(view)
                .setVersion(version)
                .build();
    }

    /** The LA sees every school's sessions behind a verdict; a school sees its own and a count of the rest. */
    private static LegalAction forCaller(CallerContext caller, LegalAction legalAction) {
        if (CallerContexts.hasAnyRole(caller, LA) || !legalAction.hasThresholdWindow()) {
            return legalAction;
        }
        ThresholdWindow window = legalAction.getThresholdWindow();
        List<ThresholdSession> own = window.getSessionsList().stream()
                .filter(s -> s.getUrn().equals(legalAction.getUrn()))
                .toList();
        return legalAction.toBuilder()
                .setThresholdWindow(window.toBuilder()
                        .clearSessions()
                        .addAllSessions(own)
                        .setSessionsAtOtherSchools(window.getSessionsCount() - own.size()))
                .build();
    }

    private static LegalAction.Builder withVerdict(
            LegalAction.Builder legalAction, PenaltyNoticeThreshold.Verdict verdict) {
        legalAction.setUnauthorisedSessions10Weeks(verdict.count()).setThresholdMet(verdict.met());
        if (verdict.hasWindow()) {
            PenaltyNoticeThreshold.Window window = verdict.window();
            ThresholdWindow.Builder shown = ThresholdWindow.newBuilder()
                    .setFirstSchoolWeek(Dates.of(window.firstWeek()))
                    .setLastSchoolWeek(Dates.of(window.lastWeek()))
                    .setSchoolWeeks(window.schoolWeeks());
            window.sessions()
                    .forEach(s -> shown.addSessions(ThresholdSession.newBuilder()
                            .setDate(s.date().toString())
                            .setSession(s.session())
                            .setCode(s.code())
                            .setUrn(s.urn())));
            legalAction.setThresholdWindow(shown);
        }
        return legalAction;
    }

    /** The child's marks at every school they were enrolled at, in the academic years a threshold around the period reads. */
    private List<EnrolmentMarks> childMarks(String upn, LocalDate from, LocalDate to) {
        List<String> ids = new ArrayList<>();
        for (Pupil enrolment : pupils.enrolmentsOf(upn)) {
            PenaltyNoticeThreshold.academicYearsAround(from, to)
                    .forEach(year -> ids.add(EnrolmentMarks.id(enrolment.getUrn(), upn, year)));
        }
        return marks.marksOf(ids);
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }
}
