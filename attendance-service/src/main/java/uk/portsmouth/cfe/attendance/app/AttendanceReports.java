package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.AttendanceMeasures;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.GroupTotals;
import uk.portsmouth.cfe.attendance.domain.SchoolTotals;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.attendance.store.SchoolTotalsStore;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.RequestFields;
import uk.portsmouth.cfe.platform.memory.BoundedCache;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.DateRange;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.SessionMark;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceList;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsentee;
import uk.portsmouth.cfe.proto.attendance.v1.WeekMeasures;

/**
 * The attendance reports, the use cases: a pupil's marks and measures, a school's or the city's
 * summary by group and week, and the severely absent. Year- and term-to-date figures come from the
 * counters kept at ingest (one document a school); any other range is counted from the marks.
 */
public final class AttendanceReports {

    private final SchoolStore schools;
    private final PupilStore pupils;
    private final AttendanceStore marks;
    private final SchoolTotalsStore totals;
    private final AttendanceCodes codes;
    private final AcademicCalendar calendar;
    private final Clock clock;
    /**
     * Summaries made from the kept totals, with the totals' versions and the schools' localities they
     * were made from: answered again while both are unchanged (a few bytes read, not every school's
     * groups and weeks), made afresh the moment a batch moves any of them.
     */
    private final BoundedCache<SummaryOf, KeptSummary> keptSummaries = new BoundedCache<>(1_000);

    private record SummaryOf(String urn, Range range) {}

    private record KeptSummary(Map<String, Long> versions, Map<String, String> localities, AttendanceSummary summary) {}

    public AttendanceReports(
            SchoolStore schools,
            PupilStore pupils,
            AttendanceStore marks,
            SchoolTotalsStore totals,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            Clock clock) {
        this.schools = schools;
        this.pupils = pupils;
        this.marks = marks;
        this.totals = totals;
        this.codes = codes;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** One pupil's marks, corrections, measures and weeks over {@code requested} (default: the year to date). */
    public PupilAttendance pupilAttendance(String urn, String upn, DateRange requested) {
        GetRequest request = new GetRequest(urn, upn, requested);
        Pupil pupil = pupils.find(request.urn(), request.upn())
                .orElseThrow(() -> new NotFoundException("pupil", request.upn() + " at " + request.urn()));
        Range range = range(request.range());
        EnrolmentMarks enrolment = marks.find(EnrolmentMarks.id(request.urn(), request.upn(), range.year()))
                .map(AttendanceStore.Stored::marks)
                .orElse(EnrolmentMarks.empty(request.urn(), request.upn(), range.year()));
        PupilAttendance.Builder attendance = PupilAttendance.newBuilder()
                .setPupil(pupil)
                .setRange(range.proto())
                .setMeasures(AttendanceMeasures.measures(enrolment.counts(codes, range.from(), range.to())));
        enrolment
                .weeks(codes, range.from(), range.to())
                .forEach((monday, counts) -> attendance.addWeeks(WeekMeasures.newBuilder()
                        .setWeekStarting(Dates.of(monday))
                        .setMeasures(AttendanceMeasures.totals(counts))));
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
        return attendance.build();
    }

    private record GetRequest(String urn, String upn, DateRange range) {}

    /**
     * A school's ({@code urn}) or the city's (null) summary over {@code requested}, by year group, SEN status,
     * locality (city) and week.
     */
    /** Refuses a range no summary is made for (see {@link #summary}), before anything is read or recorded. */
    public void checkRange(DateRange requested) {
        range(requested);
    }

    public AttendanceSummary summary(String urn, DateRange requested) {
        Range range = range(requested);
        if (keptPeriod(range).isEmpty()) {
            return summary(urn, range, rangeTotals(urn, range), localities());
        }
        SummaryOf which = new SummaryOf(urn, range);
        // the versions first: a batch landing after this read makes the summary below newer, never older
        Map<String, Long> versions = totals.versions(urn, range.year());
        Map<String, String> localities = urn == null ? localities() : Map.of();
        KeptSummary kept = keptSummaries.get(which);
        if (kept != null
                && kept.versions().equals(versions)
                && kept.localities().equals(localities)) {
            return kept.summary();
        }
        AttendanceSummary summary = summary(urn, range, rangeTotals(urn, range), localities);
        keptSummaries.put(which, new KeptSummary(versions, localities, summary));
        return summary;
    }

    private AttendanceSummary summary(
            String urn, Range range, Map<String, RangeTotals> bySchool, Map<String, String> localities) {
        Map<String, GroupTotals> groups = new TreeMap<>();
        Map<LocalDate, SessionCounts> weeks = new TreeMap<>();
        bySchool.values().forEach(school -> {
            school.groups().forEach((group, g) -> groups.merge(group, g, GroupTotals::plus));
            school.weeks().forEach((monday, counts) -> weeks.merge(monday, counts, SessionCounts::plus));
        });
        AttendanceSummary.Builder summary = AttendanceSummary.newBuilder()
                .setUrn((urn == null ? "" : urn))
                .setRange(range.proto())
                .setOverall(AttendanceMeasures.group("all", AttendanceMeasures.sum(groups.values())));
        AttendanceMeasures.regroup(groups, group -> AttendanceMeasures.yearGroupLabel(SchoolTotals.yearGroupOf(group)))
                .forEach(summary::addByYearGroup);
        AttendanceMeasures.regroup(groups, SchoolTotals::senStatusOf).forEach(summary::addBySenStatus);
        if (urn == null) {
            Map<String, GroupTotals> byLocality = new TreeMap<>();
            bySchool.forEach((school, totals) -> byLocality.merge(
                    localities.getOrDefault(school, "unknown"),
                    AttendanceMeasures.sum(totals.groups().values()),
                    GroupTotals::plus));
            byLocality.forEach((locality, g) -> summary.addByLocality(AttendanceMeasures.group(locality, g)));
        }
        weeks.forEach((monday, counts) -> summary.addWeeks(WeekMeasures.newBuilder()
                .setWeekStarting(Dates.of(monday))
                .setMeasures(AttendanceMeasures.totals(counts))));
        return summary.build();
    }

    /** A school's severely absent pupils over {@code requested}, worst first. */
    public SevereAbsenceList severeAbsence(String urn, DateRange requested) {
        Range range = range(requested);
        return SevereAbsenceList.newBuilder()
                .setUrn(urn)
                .setRange(range.proto())
                .addAllPupils(severelyAbsent(urn, range))
                .build();
    }

    /** A school's severely absent pupils this academic year to date. */
    public List<SevereAbsentee> severelyAbsentThisYear(String urn) {
        return severelyAbsent(urn, range(DateRange.getDefaultInstance()));
    }

    private List<SevereAbsentee> severelyAbsent(String urn, Range range) {
        Map<String, Pupil> enrolments = pupils.all(urn);
        List<SevereAbsentee> absentees = new ArrayList<>();
        for (Tally tally : tallies(urn, range)) {
            Pupil pupil = enrolments.get(PupilStore.id(tally.urn(), tally.upn()));
            if (pupil != null && pupil.getOnRoll() && tally.counts().severelyAbsent()) {
                absentees.add(SevereAbsentee.newBuilder()
                        .setPupil(pupil)
                        .setMeasures(AttendanceMeasures.measures(tally.counts()))
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

    /**
     * A range that the counters kept at ingest cover: the academic year or one term (null: the year), weeks from
     * a Monday.
     */
    private record KeptPeriod(String term, LocalDate weeksFrom) {}

    /**
     * Whether the counters kept at ingest answer {@code range}: the academic year or a term, to date or whole
     * (the usual reports).
     */
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

    /**
     * Each enrolment's counts over {@code range} at a school (or the city: null), from the counters where they
     * answer it.
     */
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

    // --- ranges and lookups -----------------------------------------------------------------------

    /** A date range inside one academic year; by default the academic year to date. */
    private record Range(LocalDate from, LocalDate to, String year) {
        DateRange proto() {
            return DateRange.newBuilder()
                    .setFrom(Dates.of(from))
                    .setTo(Dates.of(to))
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

    private Map<String, String> localities() {
        Map<String, String> localities = new TreeMap<>();
        schools.all().forEach(s -> localities.put(s.getUrn(), ClosedSets.jsonName(s.getLocality())));
        return localities;
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }
}
