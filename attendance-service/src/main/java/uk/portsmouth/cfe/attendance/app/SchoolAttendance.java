package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.InclusionPanelRules;
import uk.portsmouth.cfe.attendance.domain.MarkBatches;
import uk.portsmouth.cfe.attendance.domain.NewPupilReturnRules;
import uk.portsmouth.cfe.attendance.domain.PupilRules;
import uk.portsmouth.cfe.attendance.domain.SchoolRules;
import uk.portsmouth.cfe.attendance.outbound.MeetingScheduler;
import uk.portsmouth.cfe.attendance.store.InclusionPanelStore;
import uk.portsmouth.cfe.attendance.store.NewPupilReturnStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.telemetry.Meters;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCode;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCodeList;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListAttendanceCodesRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListPupilsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSevereAbsenceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.MarkError;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturn;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.PupilPage;
import uk.portsmouth.cfe.proto.attendance.v1.RequestSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceList;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceMeetingReply;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsentee;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsReply;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SeverelyAbsentPupil;

/**
 * Rolls, marks and measures. A school's MIS (role {@code school}) works with the URNs in its token
 * only; the LA ({@code la_officer}, {@code la_admin}) with every school and the city. Every read and
 * write of pupils' data is audited.
 */
public final class SchoolAttendance {

    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA works with a school's pupils";
    private final SchoolStore schools;
    private final PupilStore pupils;
    private final NewPupilReturnStore newPupilReturns;
    private final InclusionPanelStore inclusionPanel;
    private final AttendanceCodes codes;
    private final AcademicCalendar calendar;
    private static final String MARKS = "cfe.attendance.marks";
    private static final String MARKS_DESCRIPTION =
            "Marks sent by schools: recorded, corrected, unchanged, or refused with their batch";

    private final MarksIngest ingest;
    private final AttendanceReports reports;
    private final MeetingScheduler meetings;
    private final AuditLog audit;
    private final Clock clock;
    /** The URNs found in the register so far (see {@link #requireSchool}). */
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SchoolAttendance(
            SchoolStore schools,
            PupilStore pupils,
            NewPupilReturnStore newPupilReturns,
            InclusionPanelStore inclusionPanel,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            MarksIngest ingest,
            AttendanceReports reports,
            MeetingScheduler meetings,
            AuditLog audit,
            Clock clock) {
        this.schools = schools;
        this.pupils = pupils;
        this.newPupilReturns = newPupilReturns;
        this.inclusionPanel = inclusionPanel;
        this.codes = codes;
        this.calendar = calendar;
        this.ingest = ingest;
        this.reports = reports;
        this.meetings = meetings;
        this.audit = audit;
        this.clock = clock;
    }

    public AttendanceCodeList listAttendanceCodes(ListAttendanceCodesRequest request) {
        AttendanceCodeList.Builder list = AttendanceCodeList.newBuilder();
        codes.all()
                .forEach(c -> list.addCodes(AttendanceCode.newBuilder()
                        .setCode(c.code())
                        .setMeaning(c.meaning())
                        .setCategory(c.category().name().toLowerCase(Locale.ROOT))
                        .setPossibleSession(c.possibleSession())));
        codes.retired()
                .forEach((code, meaning) -> list.addRetired(
                        AttendanceCode.newBuilder().setCode(code).setMeaning(meaning)));
        return list.build();
    }

    // --- rolls ----------------------------------------------------------------------------------

    public UpsertPupilsReply upsertPupils(UpsertPupilsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        requireSchool(request.getUrn());
        PupilRules.validate(request.getUrn(), request.getPupilsList(), today());
        Map<String, Pupil> existing = pupils.findAll(request.getPupilsList().stream()
                .map(p -> PupilStore.id(request.getUrn(), p.getUpn()))
                .toList());
        List<Pupil> changed = new ArrayList<>();
        int added = 0;
        int unchanged = 0;
        for (Pupil sent : request.getPupilsList()) {
            // the MIS sync adds and updates; removal from roll is a notice of its own
            Pupil pupil =
                    sent.toBuilder().setUrn(request.getUrn()).setOnRoll(true).build();
            Pupil before = existing.get(PupilStore.id(request.getUrn(), pupil.getUpn()));
            if (before == null) {
                added++;
                changed.add(pupil);
            } else if (before.equals(pupil)) {
                unchanged++;
            } else {
                changed.add(pupil);
            }
        }
        List<NewPupilReturn> owed = returnsOwed(request.getUrn(), changed, existing);
        // the returns first: a sync retried after a failure in between still finds its pupils new
        newPupilReturns.addAll(owed, caller.getSubject());
        pupils.upsert(changed);
        boolean regrouped = changed.stream().anyMatch(p -> {
            Pupil before = existing.get(PupilStore.id(p.getUrn(), p.getUpn()));
            return before != null && !MarksIngest.group(before).equals(MarksIngest.group(p));
        });
        if (regrouped) {
            ingest.recountSchoolTotals(request.getUrn());
        }
        audit.record(
                caller,
                "upsert-pupils",
                changed.size() + " written",
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(changed.stream().map(Pupil::getUpn).toList())));
        return UpsertPupilsReply.newBuilder()
                .setAdded(added)
                .setUpdated(changed.size() - added)
                .setUnchanged(unchanged)
                .setNewPupilReturnsOwed(owed.size())
                .build();
    }

    /** The new pupils' returns (reg 13) the enrolments this sync adds owe the LA. */
    private List<NewPupilReturn> returnsOwed(String urn, List<Pupil> changed, Map<String, Pupil> existing) {
        List<Pupil> added = changed.stream()
                .filter(p -> !existing.containsKey(PupilStore.id(p.getUrn(), p.getUpn())))
                .toList();
        if (added.isEmpty()) {
            return List.of();
        }
        LocalDate today = today();
        LocalDate firstSync = newPupilReturns.firstRollSync(urn, today);
        String now = CityTime.timestamp(clock);
        return added.stream()
                .flatMap(p -> NewPupilReturnRules.owedFor(p, firstSync, today, now).stream())
                .toList();
    }

    public PupilPage listPupils(ListPupilsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        requireSchool(request.getUrn());
        Page<Pupil> page = pupils.list(
                request.getUrn(),
                request.getHasYearGroup() ? request.getYearGroup() : null,
                Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-pupils",
                "read " + page.contents().size(),
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(
                                page.contents().stream().map(Pupil::getUpn).toList())));
        return PupilPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    // --- marks ----------------------------------------------------------------------------------

    public SubmitMarksReply submitMarks(SubmitMarksRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        requireSchool(request.getUrn());
        List<Mark> sent = request.getMarksList();
        // pupils the Inclusion Support Panel dual-registered: their sessions at the other setting are D here
        List<InclusionPanelRules.Arrangement> dualRegistered = inclusionPanel.dualRegistrationsAt(request.getUrn());
        Map<String, Pupil> onRoll = pupils.onRoll(
                request.getUrn(),
                Stream.concat(
                                sent.stream().map(Mark::getUpn),
                                dualRegistered.stream().map(InclusionPanelRules.Arrangement::upn))
                        .distinct()
                        .toList());
        List<MarkError> errors = new ArrayList<>(MarkBatches.check(sent, onRoll.keySet(), codes, calendar, today()));
        errors.addAll(InclusionPanelRules.contradictions(sent, dualRegistered));
        List<Mark> atOtherSettings = errors.isEmpty()
                ? InclusionPanelRules.sessionsAtOtherSettings(sent, dualRegistered, onRoll.keySet())
                : List.of();
        List<Mark> batch =
                Stream.concat(sent.stream(), atOtherSettings.stream()).toList();
        if (!errors.isEmpty()) {
            Meters.count(MARKS, MARKS_DESCRIPTION, batch.size(), "outcome", "refused");
            audit.record(
                    caller,
                    "submit-marks",
                    "rejected: " + errors.size() + " bad marks",
                    AuditSubjects.school(request.getUrn()));
            return SubmitMarksReply.newBuilder()
                    .setAccepted(false)
                    .addAllErrors(errors)
                    .build();
        }
        MarksIngest.Outcome written = ingest.write(request.getUrn(), batch, onRoll);
        if (!written.pupilsNotWritten().isEmpty()) {
            // only another instance of this service writing the same pupils at once gets here
            String pupilsLeft = String.join(", ", written.pupilsNotWritten());
            audit.record(
                    caller,
                    "submit-marks",
                    "partly written: not " + pupilsLeft,
                    AuditSubjects.school(request.getUrn()));
            throw new ConflictException(
                    "/marks",
                    "Other batches kept changing these pupils' marks, whose marks were not written: " + pupilsLeft
                            + ". Every other pupil's marks were. Send the batch again: "
                            + "marks already held are unchanged");
        }
        int[] counts = {written.recorded(), written.corrected(), written.unchanged()};
        Meters.count(MARKS, MARKS_DESCRIPTION, counts[0], "outcome", "recorded");
        Meters.count(MARKS, MARKS_DESCRIPTION, counts[1], "outcome", "corrected");
        Meters.count(MARKS, MARKS_DESCRIPTION, counts[2], "outcome", "unchanged");
        audit.record(
                caller,
                "submit-marks",
                "recorded " + counts[0] + ", corrected " + counts[1] + ", unchanged " + counts[2],
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(
                                batch.stream().map(m -> m.getUpn()).distinct().toList())));
        return SubmitMarksReply.newBuilder()
                .setAccepted(true)
                .setRecorded(counts[0])
                .setCorrected(counts[1])
                .setUnchanged(counts[2])
                .setDualRegistrationSessions(atOtherSettings.size())
                .build();
    }

    // --- measures -------------------------------------------------------------------------------

    public PupilAttendance getPupilAttendance(GetPupilAttendanceRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        PupilAttendance attendance = reports.pupilAttendance(request.getUrn(), request.getUpn(), request.getRange());
        audit.record(
                caller,
                "read-pupil-attendance",
                "read",
                AuditSubjects.school(request.getUrn()),
                AuditSubjects.upn(request.getUpn()));
        return attendance;
    }

    public AttendanceSummary getAttendanceSummary(GetAttendanceSummaryRequest request) {
        CallerContext caller = request.getUrn().isEmpty()
                ? CallerContexts.requireAnyRole(LA, "Only the LA reads the city's attendance")
                : CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        String urn = request.getUrn().isEmpty() ? null : request.getUrn();
        if (urn != null) {
            requireSchool(urn);
        }
        AttendanceSummary summary = reports.summary(urn, request.getRange());
        audit.record(caller, "read-attendance-summary", "read", AuditSubjects.school(urn == null ? "city" : urn));
        return summary;
    }

    public SevereAbsenceList listSevereAbsence(ListSevereAbsenceRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        requireSchool(request.getUrn());
        SevereAbsenceList absentees = reports.severeAbsence(request.getUrn(), request.getRange());
        audit.record(
                caller,
                "list-severe-absence",
                absentees.getPupilsCount() + " pupils",
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(absentees.getPupilsList().stream()
                                .map(a -> a.getPupil().getUpn())
                                .toList())));
        return absentees;
    }

    public SevereAbsenceMeetingReply requestSevereAbsenceMeeting(RequestSevereAbsenceMeetingRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        School school = school(request.getUrn());
        LocalDateTime start;
        try {
            start = LocalDateTime.parse(request.getStart());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("/start", "start must be a local date-time, e.g. 2027-01-20T14:00");
        }
        // the pupils severely absent so far this academic year
        List<SevereAbsentee> absentees = reports.severelyAbsentThisYear(request.getUrn());
        if (absentees.isEmpty()) {
            throw InvalidInputException.of(
                    "/urn", "The school has no severely absent pupils this year: there is nothing to meet about");
        }
        String term = request.getTerm().isEmpty()
                ? calendar.termOf(start.toLocalDate())
                        .map(AcademicCalendar.Term::name)
                        .orElse("")
                : request.getTerm();
        ScheduleSevereAbsenceMeetingRequest.Builder schedule = ScheduleSevereAbsenceMeetingRequest.newBuilder()
                .setUrn(request.getUrn())
                .setSchool(school)
                .setStart(start.toString())
                .setDurationMinutes(request.getDurationMinutes())
                .setTerm(term);
        for (SevereAbsentee absentee : absentees) {
            Pupil pupil = absentee.getPupil();
            schedule.addPupils(SeverelyAbsentPupil.newBuilder()
                    .setUpn(pupil.getUpn())
                    .setName(pupil.getGivenName() + " " + pupil.getFamilyName())
                    .setYearGroup(pupil.getYearGroup())
                    .setAttendancePercent(absentee.getMeasures().getAttendancePercent())
                    .setPossibleSessions((int) absentee.getMeasures().getPossibleSessions())
                    .setSessionsMissed((int) (absentee.getMeasures().getAuthorisedAbsence()
                            + absentee.getMeasures().getUnauthorisedAbsence())));
        }
        // asked for the caller (passed on, signed): the contacts service makes its own decision about them
        MeetingDetail meeting = meetings.scheduleSevereAbsenceMeeting(schedule.build());
        audit.record(
                caller,
                "request-severe-absence-meeting",
                meeting.getMeeting().getId(),
                AuditSubjects.with(
                        AuditSubjects.school(request.getUrn()),
                        AuditSubjects.upns(absentees.stream()
                                .map(a -> a.getPupil().getUpn())
                                .toList())));
        return SevereAbsenceMeetingReply.newBuilder()
                .setMeetingId(meeting.getMeeting().getId())
                .setPupils(absentees.size())
                .build();
    }

    /**
     * That school {@code urn} is in the register (404 otherwise). A school is never deleted (a closed
     * one stays: marks and returns refer to it), so one found once is not looked up again: every
     * batch of marks and every report asked it.
     */
    private void requireSchool(String urn) {
        if (!registered.contains(urn)) {
            school(urn);
            registered.add(urn);
        }
    }

    private School school(String urn) {
        if (!SchoolRules.isUrn(urn)) {
            throw new NotFoundException("school", urn);
        }
        return schools.find(urn).map(StoredRecord::body).orElseThrow(() -> new NotFoundException("school", urn));
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }

    private String now() {
        return CityTime.timestamp(clock);
    }
}
