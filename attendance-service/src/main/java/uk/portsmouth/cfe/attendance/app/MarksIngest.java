package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.MarkBatches;
import uk.portsmouth.cfe.attendance.domain.SchoolTotals;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolTotalsStore;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;

/**
 * Writing a checked batch of marks, the use case: each pupil's year document updated on the
 * version it was read at, the school's totals moved by exactly what was written, lost races read
 * again and retried, a batch that keeps losing finished alone under its school's lock; and the
 * recounts of totals from the codes (at start-up, and when a roll sync regroups pupils).
 */
public final class MarksIngest {

    private static final int WRITE_ATTEMPTS = 5;

    /** What a batch did: its marks' answers, and the pupils whose marks could not be written (normally none). */
    public record Outcome(int recorded, int corrected, int unchanged, List<String> pupilsNotWritten) {}

    private final PupilStore pupils;
    private final AttendanceStore marks;
    private final SchoolTotalsStore totals;
    private final AttendanceCodes codes;
    private final AcademicCalendar calendar;
    private final Clock clock;
    private final Map<String, ReadWriteLock> schoolTotalsLocks = new ConcurrentHashMap<>();

    public MarksIngest(
            PupilStore pupils,
            AttendanceStore marks,
            SchoolTotalsStore totals,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            Clock clock) {
        this.pupils = pupils;
        this.marks = marks;
        this.totals = totals;
        this.codes = codes;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Writes {@code batch} (checked: every mark valid, every pupil in {@code onRoll}) for school {@code urn}. */
    public Outcome write(String urn, List<Mark> batch, Map<String, Pupil> onRoll) {
        // one enrolment-year document per pupil and academic year in the batch
        Map<String, List<Mark>> byEnrolment = batch.stream()
                .collect(Collectors.groupingBy(
                        m -> EnrolmentMarks.id(
                                urn, m.getUpn(), AcademicCalendar.academicYear(EnrolmentMarks.dayOf(m.getDate()))),
                        LinkedHashMap::new,
                        Collectors.toList()));
        // each enrolment is read with only the sessions the batch touches
        List<String> sessions =
                batch.stream().map(MarkBatches::sessionKey).distinct().toList();
        int[] counts = new int[3];
        // batches of a school run side by side; one that keeps meeting others' writes finishes alone
        Lock shared = schoolTotalsLock(urn).readLock();
        shared.lock();
        try {
            writeMarks(urn, byEnrolment, sessions, onRoll, counts);
        } finally {
            shared.unlock();
        }
        if (!byEnrolment.isEmpty()) {
            Lock alone = schoolTotalsLock(urn).writeLock();
            alone.lock();
            try {
                writeMarks(urn, byEnrolment, sessions, onRoll, counts);
            } finally {
                alone.unlock();
            }
        }
        List<String> notWritten = byEnrolment.values().stream()
                .map(m -> m.get(0).getUpn())
                .distinct()
                .sorted()
                .toList();
        return new Outcome(counts[0], counts[1], counts[2], notWritten);
    }

    /**
     * Writes a checked batch, enrolment by enrolment, and adds the difference to the school's totals;
     * an enrolment another batch changed first is read again and reapplied, up to
     * {@link #WRITE_ATTEMPTS} times. Counts into {@code counts} (recorded, corrected, unchanged) what
     * was written; leaves in {@code byEnrolment} what was not.
     */
    private void writeMarks(
            String urn,
            Map<String, List<Mark>> byEnrolment,
            List<String> sessions,
            Map<String, Pupil> onRoll,
            int[] counts) {
        for (int attempt = 1; !byEnrolment.isEmpty() && attempt <= WRITE_ATTEMPTS; attempt++) {
            Map<String, AttendanceStore.Stored> stored = marks.find(byEnrolment.keySet(), sessions);
            List<AttendanceStore.Write> writes = new ArrayList<>();
            Map<String, EnrolmentMarks.Applied> applied = new LinkedHashMap<>();
            Map<String, YearDifference> differences = new LinkedHashMap<>();
            for (Map.Entry<String, List<Mark>> entry : byEnrolment.entrySet()) {
                Mark first = entry.getValue().get(0);
                AttendanceStore.Stored before = stored.get(entry.getKey());
                if (before == null) {
                    before = AttendanceStore.Stored.none(
                            urn, first.getUpn(), AcademicCalendar.academicYear(EnrolmentMarks.dayOf(first.getDate())));
                }
                EnrolmentMarks.Applied result = before.marks().apply(entry.getValue(), now());
                applied.put(entry.getKey(), result);
                if (result.changed()) {
                    // counted over the weeks read, before and after: the batch's difference
                    EnrolmentMarks.Counters readBefore = before.marks().counters(codes, calendar);
                    EnrolmentMarks.Counters readAfter = result.marks().counters(codes, calendar);
                    EnrolmentMarks.Counters countersAfter = before.counters().withChange(readBefore, readAfter);
                    writes.add(write(before, result, entry.getValue(), countersAfter));
                    String group = group(onRoll.get(first.getUpn()));
                    differences.put(
                            entry.getKey(),
                            new YearDifference(
                                    result.marks().academicYear(),
                                    SchoolTotals.of(group, countersAfter.withWeeks(readAfter.weeks()))
                                            .minus(SchoolTotals.of(
                                                    group, before.counters().withWeeks(readBefore.weeks())))));
                }
            }
            Set<String> lost = new HashSet<>(marks.write(writes));
            applied.forEach((id, result) -> {
                if (!lost.contains(id)) {
                    counts[0] += result.recorded();
                    counts[1] += result.corrected();
                    counts[2] += result.unchanged();
                }
            });
            // the school's totals gain what the written enrolments gained (a lost write is reapplied, and added, next
            // time)
            Map<String, SchoolTotals.Sum> byYear = new TreeMap<>();
            differences.forEach((id, difference) -> {
                if (!lost.contains(id)) {
                    byYear.computeIfAbsent(difference.year(), year -> new SchoolTotals.Sum())
                            .add(difference.totals());
                }
            });
            byYear.forEach((year, difference) -> totals.add(urn, year, difference.total()));
            byEnrolment.keySet().retainAll(lost);
        }
    }

    /**
     * A school's batches (shared) against a recount of its totals (exclusive): a recount that ran
     * between a batch's marks write and its totals update would count that batch twice. One service
     * instance holds the locks; several instances would need the recount to be fenced in the store.
     */
    private ReadWriteLock schoolTotalsLock(String urn) {
        return schoolTotalsLocks.computeIfAbsent(urn, u -> new ReentrantReadWriteLock());
    }

    /** The write of a batch's marks for one enrolment, read with only the batch's sessions. */
    private static AttendanceStore.Write write(
            AttendanceStore.Stored before,
            EnrolmentMarks.Applied result,
            List<Mark> marksOfEnrolment,
            EnrolmentMarks.Counters counters) {
        EnrolmentMarks after = result.marks();
        List<EnrolmentMarks.Correction> corrections = after.history()
                .subList(before.marks().history().size(), after.history().size());
        Set<String> sessionsOfEnrolment =
                marksOfEnrolment.stream().map(MarkBatches::sessionKey).collect(Collectors.toSet());
        return new AttendanceStore.Write(before, after, sessionsOfEnrolment, corrections, counters);
    }

    /** What one enrolment's write adds to its school's totals for an academic year. */
    private record YearDifference(String year, SchoolTotals totals) {}

    /**
     * Counts every school's totals again from the enrolments' codes: at start-up, before the first
     * batch (which also mends any difference a crash kept from being added).
     */
    public void recountAllTotals() {
        recountTotals(null);
    }

    /**
     * Counts a school's totals again, apart from its batches: a roll sync moved pupils to another year group or
     * SEN status.
     */
    public void recountSchoolTotals(String urn) {
        Lock recount = schoolTotalsLock(urn).writeLock();
        recount.lock();
        try {
            recountTotals(urn);
        } finally {
            recount.unlock();
        }
    }

    /** A school's totals ({@code urn}), or every school's (null), counted from the codes. */
    private void recountTotals(String urn) {
        totals.rebuild(urn, () -> {
            Map<String, Pupil> enrolments = pupils.all(urn);
            Map<SchoolTotalsStore.SchoolYear, SchoolTotals.Sum> counted = new HashMap<>();
            marks.forEachCodes(urn, enrolment -> {
                String group = group(enrolments.get(PupilStore.id(enrolment.urn(), enrolment.upn())));
                counted.computeIfAbsent(
                                new SchoolTotalsStore.SchoolYear(enrolment.urn(), enrolment.academicYear()),
                                which -> new SchoolTotals.Sum())
                        .add(SchoolTotals.of(group, enrolment.counters(codes, calendar)));
            });
            Map<SchoolTotalsStore.SchoolYear, SchoolTotals> summed = new HashMap<>();
            counted.forEach((which, sum) -> summed.put(which, sum.total()));
            return summed;
        });
    }

    /** The group an enrolment's sessions are totalled in (a pupil's record gone: "unknown"). */
    public static String group(Pupil pupil) {
        return pupil == null
                ? SchoolTotals.group("unknown", "unknown")
                : SchoolTotals.group(Integer.toString(pupil.getYearGroup()), ClosedSets.jsonName(pupil.getSenStatus()));
    }

    private String now() {
        return CityTime.timestamp(clock);
    }
}
