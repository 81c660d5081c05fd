package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.attendance.app.MarksIngest;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.GroupTotals;
import uk.portsmouth.cfe.attendance.domain.MarkBatches;
import uk.portsmouth.cfe.attendance.domain.PupilRules;
import uk.portsmouth.cfe.attendance.domain.SchoolRules;
import uk.portsmouth.cfe.attendance.domain.SchoolTotals;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.attendance.store.SchoolTotalsStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.RequestFields;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCode;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCodeList;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.DateRange;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GroupMeasures;
import uk.portsmouth.cfe.proto.attendance.v1.ListAttendanceCodesRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListPupilsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSevereAbsenceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.MarkError;
import uk.portsmouth.cfe.proto.attendance.v1.Measures;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.PupilPage;
import uk.portsmouth.cfe.proto.attendance.v1.RequestSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SessionMark;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceList;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceMeetingReply;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsentee;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsReply;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.WeekMeasures;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SeverelyAbsentPupil;

/**
 * Rolls, marks and measures. A school's MIS (role {@code school}) works with the URNs in its token
 * only; the LA ({@code la_officer}, {@code la_admin}) with every school and the city. Every read and
 * write of pupils' data is audited.
 */
public final class AttendanceGrpcService extends AttendanceServiceGrpc.AttendanceServiceImplBase {

    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA works with a school's pupils";
    /** A batch racing another for the same enrolments is read again and reapplied at most this often. */
    private final SchoolStore schools;

    private final PupilStore pupils;
    private final AttendanceStore marks;
    private final SchoolTotalsStore totals;
    private final MarksIngest ingest;
    private final AttendanceCodes codes;
    private final AcademicCalendar calendar;
    private final MeetingsServiceBlockingStub meetings;
    private final AuditLog audit;
    private final Clock clock;

    public AttendanceGrpcService(
            SchoolStore schools,
            PupilStore pupils,
            AttendanceStore marks,
            SchoolTotalsStore totals,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            MarksIngest ingest,
            MeetingsServiceBlockingStub meetings,
            AuditLog audit,
            Clock clock) {
        this.schools = schools;
        this.pupils = pupils;
        this.marks = marks;
        this.totals = totals;
        this.codes = codes;
        this.calendar = calendar;
        this.ingest = ingest;
        this.meetings = meetings;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void listAttendanceCodes(ListAttendanceCodesRequest request, StreamObserver<AttendanceCodeList> response) {
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
        reply(response, list.build());
    }

    // --- rolls ----------------------------------------------------------------------------------

    @Override
    public void upsertPupils(UpsertPupilsRequest request, StreamObserver<UpsertPupilsReply> response) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        school(request.getUrn());
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
        pupils.upsert(changed);
        boolean regrouped = changed.stream().anyMatch(p -> {
            Pupil before = existing.get(PupilStore.id(p.getUrn(), p.getUpn()));
            return before != null && !MarksIngest.group(before).equals(MarksIngest.group(p));
        });
        if (regrouped) {
            ingest.recountSchoolTotals(request.getUrn());
        }
        audit.record(caller, "upsert-pupils", request.getUrn(), changed.size() + " written");
        reply(
                response,
                UpsertPupilsReply.newBuilder()
                        .setAdded(added)
                        .setUpdated(changed.size() - added)
                        .setUnchanged(unchanged)
                        .build());
    }

    @Override
    public void listPupils(ListPupilsRequest request, StreamObserver<PupilPage> response) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        school(request.getUrn());
        Page<Pupil> page = pupils.list(
                request.getUrn(),
                request.getHasYearGroup() ? request.getYearGroup() : null,
                Paging.of(request.getPage()));
        audit.record(
                caller,
                "list-pupils",
                request.getUrn(),
                "read " + page.contents().size());
        reply(
                response,
                PupilPage.newBuilder()
                        .setPage(page.info())
                        .addAllContents(page.contents())
                        .build());
    }

    // --- marks ----------------------------------------------------------------------------------

    @Override
    public void submitMarks(SubmitMarksRequest request, StreamObserver<SubmitMarksReply> response) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        school(request.getUrn());
        List<Mark> batch = request.getMarksList();
        Map<String, Pupil> onRoll = pupils.onRoll(
                request.getUrn(), batch.stream().map(Mark::getUpn).distinct().toList());
        List<MarkError> errors = MarkBatches.check(batch, onRoll.keySet(), codes, calendar, today());
        if (!errors.isEmpty()) {
            audit.record(caller, "submit-marks", request.getUrn(), "rejected: " + errors.size() + " bad marks");
            reply(
                    response,
                    SubmitMarksReply.newBuilder()
                            .setAccepted(false)
                            .addAllErrors(errors)
                            .build());
            return;
        }
        MarksIngest.Outcome written = ingest.write(request.getUrn(), batch, onRoll);
        if (!written.pupilsNotWritten().isEmpty()) {
            // only another instance of this service writing the same pupils at once gets here
            String pupilsLeft = String.join(", ", written.pupilsNotWritten());
            audit.record(caller, "submit-marks", request.getUrn(), "partly written: not " + pupilsLeft);
            throw new ConflictException(
                    "/marks",
                    "Other batches kept changing these pupils' marks, whose marks were not written: " + pupilsLeft
                            + ". Every other pupil's marks were. Send the batch again: marks already held are unchanged");
        }
        int[] counts = {written.recorded(), written.corrected(), written.unchanged()};
        audit.record(
                caller,
                "submit-marks",
                request.getUrn(),
                "recorded " + counts[0] + ", corrected " + counts[1] + ", unchanged " + counts[2]);
        reply(
                response,
                SubmitMarksReply.newBuilder()
                        .setAccepted(true)
                        .setRecorded(counts[0])
                        .setCorrected(counts[1])
                        .setUnchanged(counts[2])
                        .build());
    }

    // --- measures -------------------------------------------------------------------------------

    @Override
    public void getPupilAttendance(GetPupilAttendanceRequest request, StreamObserver<PupilAttendance> response) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        Pupil pupil = pupils.find(request.getUrn(), request.getUpn())
                .orElseThrow(() -> new NotFoundException("pupil", request.getUpn() + " at " + request.getUrn()));
        Range range = range(request.getRange());
        EnrolmentMarks enrolment = marks.find(EnrolmentMarks.id(request.getUrn(), request.getUpn(), range.year()))
                .map(AttendanceStore.Stored::marks)
                .orElse(EnrolmentMarks.empty(request.getUrn(), request.getUpn(), range.year()));
        PupilAttendance.Builder attendance = PupilAttendance.newBuilder()
                .setPupil(pupil)
                .setRange(range.proto())
                .setMeasures(measures(enrolment.counts(codes, range.from(), range.to())));
        enrolment
                .weeks(codes, range.from(), range.to())
                .forEach((monday, counts) -> attendance.addWeeks(WeekMeasures.newBuilder()
                        .setWeekStarting(monday.toString())
                        .setMeasures(measures(counts))));
        Map<String, List<String>> earlier = enrolment.history().stream()
                .collect(Collectors.groupingBy(
                        EnrolmentMarks.Correction::session,
                        Collectors.mapping(EnrolmentMarks.Correction::code, Collectors.toList())));
        enrolment.codes().forEach((session, code) -> {
            LocalDate day = LocalDate.parse(session.substring(0, 10));
            if (!day.isBefore(range.from()) && !day.isAfter(range.to())) {
                attendance.addMarks(SessionMark.newBuilder()
                        .setDate(session.substring(0, 10))
                        .setSession(session.substring(11))
                        .setCode(code)
                        .setComment(enrolment.comments().getOrDefault(session, ""))
                        .addAllEarlierCodes(earlier.getOrDefault(session, List.of())));
            }
        });
        audit.record(caller, "read-pupil-attendance", request.getUrn() + ":" + request.getUpn(), "read");
        reply(response, attendance.build());
    }

    @Override
    public void getAttendanceSummary(GetAttendanceSummaryRequest request, StreamObserver<AttendanceSummary> response) {
        CallerContext caller = request.getUrn().isEmpty()
                ? CallerContexts.requireAnyRole(LA, "Only the LA reads the city's attendance")
                : CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        String urn =
                request.getUrn().isEmpty() ? null : school(request.getUrn()).getUrn();
        Range range = range(request.getRange());
        Map<String, RangeTotals> bySchool = rangeTotals(urn, range);
        Map<String, GroupTotals> groups = new TreeMap<>();
        Map<LocalDate, SessionCounts> weeks = new TreeMap<>();
        bySchool.values().forEach(school -> {
            school.groups().forEach((group, g) -> groups.merge(group, g, GroupTotals::plus));
            school.weeks().forEach((monday, counts) -> weeks.merge(monday, counts, SessionCounts::plus));
        });
        AttendanceSummary.Builder summary = AttendanceSummary.newBuilder()
                .setUrn(request.getUrn())
                .setRange(range.proto())
                .setOverall(group("all", sum(groups.values())));
        regroup(groups, group -> yearGroupLabel(SchoolTotals.yearGroupOf(group)))
                .forEach(summary::addByYearGroup);
        regroup(groups, SchoolTotals::senStatusOf).forEach(summary::addBySenStatus);
        if (urn == null) {
            Map<String, String> localities = localities();
            Map<String, GroupTotals> byLocality = new TreeMap<>();
            bySchool.forEach((school, totals) -> byLocality.merge(
                    localities.getOrDefault(school, "unknown"),
                    sum(totals.groups().values()),
                    GroupTotals::plus));
            byLocality.forEach((locality, g) -> summary.addByLocality(group(locality, g)));
        }
        weeks.forEach((monday, counts) -> summary.addWeeks(
                WeekMeasures.newBuilder().setWeekStarting(monday.toString()).setMeasures(measures(counts))));
        audit.record(caller, "read-attendance-summary", urn == null ? "city" : urn, "read");
        reply(response, summary.build());
    }

    @Override
    public void listSevereAbsence(ListSevereAbsenceRequest request, StreamObserver<SevereAbsenceList> response) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        school(request.getUrn());
        Range range = range(request.getRange());
        List<SevereAbsentee> absentees = severelyAbsent(request.getUrn(), range);
        audit.record(caller, "list-severe-absence", request.getUrn(), absentees.size() + " pupils");
        reply(
                response,
                SevereAbsenceList.newBuilder()
                        .setUrn(request.getUrn())
                        .setRange(range.proto())
                        .addAllPupils(absentees)
                        .build());
    }

    @Override
    public void requestSevereAbsenceMeeting(
            RequestSevereAbsenceMeetingRequest request, StreamObserver<SevereAbsenceMeetingReply> response) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        School school = school(request.getUrn());
        LocalDateTime start;
        try {
            start = LocalDateTime.parse(request.getStart());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("/start", "start must be a local date-time, e.g. 2027-01-20T14:00");
        }
        // the pupils severely absent so far this academic year
        List<SevereAbsentee> absentees = severelyAbsent(request.getUrn(), range(DateRange.getDefaultInstance()));
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
        MeetingDetail meeting = CallerContexts.forwardCaller(meetings).scheduleSevereAbsenceMeeting(schedule.build());
        audit.record(
                caller,
                "request-severe-absence-meeting",
                request.getUrn(),
                meeting.getMeeting().getId());
        reply(
                response,
                SevereAbsenceMeetingReply.newBuilder()
                        .setMeetingId(meeting.getMeeting().getId())
                        .setPupils(absentees.size())
                        .build());
    }

    private List<SevereAbsentee> severelyAbsent(String urn, Range range) {
        Map<String, Pupil> enrolments = pupils.all(urn);
        List<SevereAbsentee> absentees = new ArrayList<>();
        for (Tally tally : tallies(urn, range)) {
            Pupil pupil = enrolments.get(PupilStore.id(tally.urn(), tally.upn()));
            if (pupil != null && pupil.getOnRoll() && tally.counts().severelyAbsent()) {
                absentees.add(SevereAbsentee.newBuilder()
                        .setPupil(pupil)
                        .setMeasures(measures(tally.counts()))
                        .build());
            }
        }
        absentees.sort(
                Comparator.comparing((SevereAbsentee a) -> a.getMeasures().getAttendancePercent())
                        .thenComparing(a -> a.getPupil().getFamilyName()));
        return absentees;
    }

    /** One enrolment's counts over a range. */
    private record Tally(String urn, String upn, SessionCounts counts) {}

    /** A school's totals over a range: by group, and week by week. */
    private record RangeTotals(Map<String, GroupTotals> groups, Map<LocalDate, SessionCounts> weeks) {}

    /** A range that the counters kept at ingest cover: the academic year or one term (null: the year), weeks from a Monday. */
    private record KeptPeriod(String term, LocalDate weeksFrom) {}

    /** Whether the counters kept at ingest answer {@code range}: the academic year or a term, to date or whole (the usual reports). */
    private Optional<KeptPeriod> keptPeriod(Range range) {
        boolean toDate = !range.to().isBefore(today());
        if (!range.from().isAfter(yearStart(range.from()))
                && (toDate || !range.to().isBefore(yearEnd(range.year())))) {
            return Optional.of(new KeptPeriod(null, range.from()));
        }
        return calendar.termOf(range.from())
                .filter(term -> term.start().equals(range.from())
                        && (toDate || !range.to().isBefore(term.end())))
                .map(term -> new KeptPeriod(
                        term.name(), range.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))));
    }

    private static InvalidInputException cityRangeNotKept() {
        return InvalidInputException.of(
                "from",
                "the city's figures are for an academic year or a term (to date or whole): "
                        + "leave from and to out, or give a term's first day as from");
    }

    /** Each enrolment's counts over {@code range} at a school (or the city: null), from the counters where they answer it. */
    private List<Tally> tallies(String urn, Range range) {
        Optional<KeptPeriod> period = keptPeriod(range);
        if (period.isPresent()) {
            String term = period.get().term();
            return marks.counters(urn, range.year()).stream()
                    .map(c -> new Tally(
                            c.urn(),
                            c.upn(),
                            term == null
                                    ? c.counters().year()
                                    : c.counters().terms().getOrDefault(term, SessionCounts.NONE)))
                    .toList();
        }
        if (urn == null) {
            throw cityRangeNotKept();
        }
        return marks.marksAt(urn, range.year()).stream()
                .map(m -> new Tally(m.urn(), m.upn(), m.counts(codes, range.from(), range.to())))
                .toList();
    }

    /**
     * Each school's totals over {@code range} (one school, or the city: null), by URN: from the
     * school totals kept at ingest where they answer it (one document a school), else counted from
     * the school's marks.
     */
    private Map<String, RangeTotals> rangeTotals(String urn, Range range) {
        Optional<KeptPeriod> period = keptPeriod(range);
        if (period.isPresent()) {
            Map<String, SchoolTotals> kept = urn == null
                    ? totals.all(range.year())
                    : totals.find(urn, range.year()).map(t -> Map.of(urn, t)).orElse(Map.of());
            Map<String, RangeTotals> bySchool = new TreeMap<>();
            kept.forEach((school, t) -> bySchool.put(
                    school,
                    new RangeTotals(
                            t.groups(period.get().term()),
                            new TreeMap<>(t.weeks()).tailMap(period.get().weeksFrom(), true))));
            return bySchool;
        }
        if (urn == null) {
            throw cityRangeNotKept();
        }
        Map<String, Pupil> enrolments = pupils.all(urn);
        SchoolTotals.Sum sum = new SchoolTotals.Sum();
        for (EnrolmentMarks enrolment : marks.marksAt(urn, range.year())) {
            EnrolmentMarks.Counters inRange = new EnrolmentMarks.Counters(
                    enrolment.counts(codes, range.from(), range.to()),
                    Map.of(),
                    enrolment.weeks(codes, range.from(), range.to()));
            sum.add(SchoolTotals.of(MarksIngest.group(enrolments.get(PupilStore.id(urn, enrolment.upn()))), inRange));
        }
        SchoolTotals counted = sum.total();
        return Map.of(urn, new RangeTotals(counted.year(), counted.weeks()));
    }

    private static String yearGroupLabel(String yearGroup) {
        return switch (yearGroup) {
            case "-1" -> "nursery";
            case "0" -> "reception";
            case "unknown" -> "unknown";
            default -> "year " + yearGroup;
        };
    }

    /** The groups summed again by another key (year group, SEN status). */
    private static List<GroupMeasures> regroup(Map<String, GroupTotals> groups, Function<String, String> key) {
        Map<String, GroupTotals> regrouped = new TreeMap<>();
        groups.forEach((group, g) -> regrouped.merge(key.apply(group), g, GroupTotals::plus));
        List<GroupMeasures> measures = new ArrayList<>();
        regrouped.forEach((name, g) -> measures.add(group(name, g)));
        return measures;
    }

    private static GroupTotals sum(Collection<GroupTotals> groups) {
        return groups.stream().reduce(GroupTotals.NONE, GroupTotals::plus);
    }

    private static GroupMeasures group(String name, GroupTotals g) {
        return GroupMeasures.newBuilder()
                .setGroup(name)
                .setPupils(g.pupils())
                .setPersistentlyAbsent(g.persistent())
                .setSeverelyAbsent(g.severe())
                .setMeasures(measures(g.counts()))
                .build();
    }

    static Measures measures(SessionCounts counts) {
        return Measures.newBuilder()
                .setPossibleSessions(counts.possible())
                .setPresent(counts.present())
                .setApprovedActivity(counts.approvedActivity())
                .setAuthorisedAbsence(counts.authorised())
                .setUnauthorisedAbsence(counts.unauthorised())
                .setAttendancePercent(round(counts.attendanceRate()))
                .setAbsencePercent(round(counts.absenceRate()))
                .setPersistentlyAbsent(counts.persistentlyAbsent())
                .setSeverelyAbsent(counts.severelyAbsent())
                .setBelow30Percent(counts.belowLowAttendance())
                .setNoPossibleSessions(!counts.hasRates())
                .build();
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }

    // --- ranges and lookups -----------------------------------------------------------------------

    /** A date range inside one academic year; by default the academic year to date. */
    private record Range(LocalDate from, LocalDate to, String year) {
        DateRange proto() {
            return DateRange.newBuilder()
                    .setFrom(from.toString())
                    .setTo(to.toString())
                    .build();
        }
    }

    private Range range(DateRange request) {
        LocalDate to = RequestFields.date(request.getTo(), "to", today());
        LocalDate from = RequestFields.date(request.getFrom(), "from", yearStart(to));
        if (from.isAfter(to)) {
            throw InvalidInputException.of("from", "from must be on or before to");
        }
        if (!AcademicCalendar.academicYear(from).equals(AcademicCalendar.academicYear(to))) {
            throw InvalidInputException.of("to", "from and to must lie in one academic year (September to August)");
        }
        return new Range(from, to, AcademicCalendar.academicYear(from));
    }

    private LocalDate yearStart(LocalDate day) {
        return calendar.yearStart(day)
                .orElse(LocalDate.of(
                        Integer.parseInt(AcademicCalendar.academicYear(day).substring(0, 4)), 9, 1));
    }

    /** The last day of the academic year's last term (31 August when the calendar has none). */
    private LocalDate yearEnd(String year) {
        return calendar.terms().stream()
                .filter(t -> t.academicYear().equals(year))
                .map(AcademicCalendar.Term::end)
                .max(LocalDate::compareTo)
                .orElse(LocalDate.of(Integer.parseInt(year.substring(0, 4)) + 1, 8, 31));
    }

    private School school(String urn) {
        if (!SchoolRules.isUrn(urn)) {
            throw new NotFoundException("school", urn);
        }
        return schools.find(urn).map(StoredRecord::body).orElseThrow(() -> new NotFoundException("school", urn));
    }

    private Map<String, String> localities() {
        Map<String, String> localities = new TreeMap<>();
        schools.all().forEach(s -> localities.put(s.getUrn(), s.getLocality()));
        return localities;
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }

    private String now() {
        return CityTime.timestamp(clock);
    }
}
