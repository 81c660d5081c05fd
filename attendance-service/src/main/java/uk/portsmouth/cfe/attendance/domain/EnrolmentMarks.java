package uk.portsmouth.cfe.attendance.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;

/**
 * One enrolment's marks for one academic year: the code of each session ("2026-09-03:AM"), the
 * comments, and every code a correction replaced. Applying a batch is idempotent: the same code
 * again changes nothing; a different code replaces the earlier one and keeps it in the history.
 */
public record EnrolmentMarks(
        String urn,
        String upn,
        String academicYear,
        Map<String, String> codes,
        Map<String, String> comments,
        List<Correction> history) {

    /** A code replaced by a later mark for the same session. */
    public record Correction(String session, String code, String replacedAt) {}

    /**
     * What applying a batch did (a session given the same code with another comment is unchanged, but still
     * written).
     */
    public record Applied(EnrolmentMarks marks, int recorded, int corrected, int unchanged, boolean commentsChanged) {
        public boolean changed() {
            return recorded + corrected > 0 || commentsChanged;
        }
    }

    public static EnrolmentMarks empty(String urn, String upn, String academicYear) {
        return new EnrolmentMarks(urn, upn, academicYear, new TreeMap<>(), new TreeMap<>(), List.of());
    }

    public static String id(String urn, String upn, String academicYear) {
        return urn + ":" + upn + ":" + academicYear;
    }

    public String id() {
        return id(urn, upn, academicYear);
    }

    /** The Monday of a session's week ("2026-11-04:AM" is in the week of 2026-11-02). */
    public static LocalDate weekOf(String session) {
        return dayOf(session).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The day of a session ("2026-11-04:AM") or of a checked ISO date, read by position: this runs for every mark. */
    public static LocalDate dayOf(String session) {
        return LocalDate.of(
                Integer.parseInt(session, 0, 4, 10),
                Integer.parseInt(session, 5, 7, 10),
                Integer.parseInt(session, 8, 10, 10));
    }

    public Applied apply(List<Mark> marks, String now) {
        Map<String, String> codesAfter = new TreeMap<>(codes);
        Map<String, String> commentsAfter = new TreeMap<>(comments);
        List<Correction> historyAfter = new ArrayList<>(history);
        int recorded = 0;
        int corrected = 0;
        int unchanged = 0;
        for (Mark mark : marks) {
            String session = MarkBatches.sessionKey(mark);
            String earlier = codesAfter.put(session, mark.getCode());
            if (earlier == null) {
                recorded++;
            } else if (earlier.equals(mark.getCode())) {
                unchanged++;
            } else {
                corrected++;
                historyAfter.add(new Correction(session, earlier, now));
            }
            if (mark.getComment().isBlank()) {
                commentsAfter.remove(session);
            } else {
                commentsAfter.put(session, mark.getComment().strip());
            }
        }
        return new Applied(
                new EnrolmentMarks(urn, upn, academicYear, codesAfter, commentsAfter, List.copyOf(historyAfter)),
                recorded,
                corrected,
                unchanged,
                !commentsAfter.equals(comments));
    }

    /**
     * What reports read instead of marks: counts for the year, each term and each week, kept current at every
     * write.
     */
    public record Counters(SessionCounts year, Map<String, SessionCounts> terms, Map<LocalDate, SessionCounts> weeks) {
        /** An enrolment with no marks yet. */
        public static final Counters NONE = new Counters(SessionCounts.NONE, Map.of(), Map.of());

        /**
         * The year's and terms' counters after {@code before} became {@code after} (no weeks: an
         * enrolment keeps none of its own). Counters add up session by session, so counting only
         * the sessions a batch touched, before and after, is enough.
         */
        public Counters withChange(Counters before, Counters after) {
            Map<String, SessionCounts> termsAfter = new TreeMap<>(terms);
            after.terms.forEach((term, counts) -> termsAfter.merge(term, counts, SessionCounts::plus));
            before.terms.forEach((term, counts) -> termsAfter.put(
                    term, termsAfter.getOrDefault(term, SessionCounts.NONE).minus(counts)));
            return new Counters(year.plus(after.year).minus(before.year), termsAfter, Map.of());
        }

        public Counters withWeeks(Map<LocalDate, SessionCounts> weeksCounted) {
            return new Counters(year, terms, weeksCounted);
        }
    }

    /** The counters, in one pass over the marks (this runs at every write). */
    public Counters counters(AttendanceCodes known, AcademicCalendar calendar) {
        List<AcademicCalendar.Term> yearTerms = calendar.terms().stream()
                .filter(t -> t.academicYear().equals(academicYear))
                .toList();
        SessionCounts year = SessionCounts.NONE;
        Map<String, SessionCounts> terms = new TreeMap<>();
        yearTerms.forEach(t -> terms.put(t.name(), SessionCounts.NONE));
        Map<LocalDate, SessionCounts> weeks = new TreeMap<>();
        for (Map.Entry<String, String> entry : codes.entrySet()) {
            SessionCounts session =
                    known.find(entry.getValue()).map(SessionCounts::of).orElse(SessionCounts.NONE);
            LocalDate day = dayOf(entry.getKey());
            year = year.plus(session);
            for (AcademicCalendar.Term term : yearTerms) {
                if (!day.isBefore(term.start()) && !day.isAfter(term.end())) {
                    terms.merge(term.name(), session, SessionCounts::plus);
                }
            }
            weeks.merge(weekOf(entry.getKey()), session, SessionCounts::plus);
        }
        return new Counters(year, terms, weeks);
    }

    /** The sessions from {@code from} to {@code to} (inclusive), counted. */
    public SessionCounts counts(AttendanceCodes known, LocalDate from, LocalDate to) {
        SessionCounts counts = SessionCounts.NONE;
        for (Map.Entry<String, String> entry : codes.entrySet()) {
            LocalDate day = dayOf(entry.getKey());
            if (!day.isBefore(from) && !day.isAfter(to)) {
                counts = counts.plus(
                        known.find(entry.getValue()).map(SessionCounts::of).orElse(SessionCounts.NONE));
            }
        }
        return counts;
    }

    /** Counts by week (keyed by its Monday), in week order. */
    public Map<LocalDate, SessionCounts> weeks(AttendanceCodes known, LocalDate from, LocalDate to) {
        Map<LocalDate, SessionCounts> weeks = new TreeMap<>();
        for (Map.Entry<String, String> entry : codes.entrySet()) {
            LocalDate day = dayOf(entry.getKey());
            if (!day.isBefore(from) && !day.isAfter(to)) {
                weeks.merge(
                        weekOf(entry.getKey()),
                        known.find(entry.getValue()).map(SessionCounts::of).orElse(SessionCounts.NONE),
                        SessionCounts::plus);
            }
        }
        return weeks;
    }
}
