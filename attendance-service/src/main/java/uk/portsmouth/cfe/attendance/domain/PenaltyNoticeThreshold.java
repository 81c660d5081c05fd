package uk.portsmouth.cfe.attendance.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCategory;

/**
 * The national threshold for considering a penalty notice (docs/domain-reference.md 3a): 10
 * sessions of unauthorised absence (G, N, O, U in any mix) within any rolling period of 10 school
 * weeks. A school week is a Monday-Sunday week in which the pupil's school had at least one
 * session: weeks wholly in a holiday are skipped, part weeks count whole. The period may span terms,
 * school years and schools, so it is counted over every enrolment of the child.
 *
 * <p>A request names a period; the verdict is the highest count over every window of 10 school
 * weeks that overlaps it (the earliest such window on a tie), with the sessions behind it.
 */
public final class PenaltyNoticeThreshold {

    public static final int SESSIONS = 10;
    public static final int SCHOOL_WEEKS = 10;
    private static final String PLANNED_CLOSURE = "#";
    private static final List<String> SESSIONS_OF_A_DAY = List.of("AM", "PM");

    /** One unauthorised session: its day, AM or PM, the code and the school that recorded it. */
    public record Session(LocalDate date, String session, String code, String urn) {}

    /**
     * The window a verdict rests on: its first and last school weeks (each by its Monday), how many
     * school weeks it holds (fewer than 10 only where the calendar ends), and its unauthorised sessions.
     */
    public record Window(LocalDate firstWeek, LocalDate lastWeek, int schoolWeeks, List<Session> sessions) {
        public int count() {
            return sessions.size();
        }
    }

    /** The highest count over the windows overlapping the period, and whether it meets the threshold. */
    public record Verdict(int count, boolean met, Window window) {
        static final Verdict NO_SCHOOL_WEEKS = new Verdict(0, false, null);

        public boolean hasWindow() {
            return window != null;
        }
    }

    private PenaltyNoticeThreshold() {}

    /**
     * The verdict for the period {@code from}-{@code to}, counted from {@code enrolments}: every
     * enrolment-year of the child's marks, at any school.
     */
    public static Verdict assess(
            Collection<EnrolmentMarks> enrolments,
            AttendanceCodes codes,
            AcademicCalendar calendar,
            LocalDate from,
            LocalDate to) {
        Map<String, Set<String>> codesBySession = new HashMap<>();
        TreeMap<String, Session> unauthorised = new TreeMap<>();
        for (EnrolmentMarks enrolment : sortedBySchool(enrolments)) {
            enrolment.codes().forEach((key, code) -> {
                codesBySession.computeIfAbsent(key, k -> new HashSet<>()).add(code);
                boolean isUnauthorised = codes.find(code)
                        .map(c -> c.category() == AttendanceCategory.ATTENDANCE_CATEGORY_UNAUTHORISED)
                        .orElse(false);
                if (isUnauthorised) {
                    // a session is counted once, even where two schools both recorded it
                    unauthorised.putIfAbsent(
                            key, new Session(EnrolmentMarks.dayOf(key), key.substring(11), code, enrolment.urn()));
                }
            });
        }
        List<LocalDate> weeks = schoolWeeks(calendar, codesBySession);
        LocalDate firstWeekOfPeriod = mondayOf(from);
        LocalDate lastWeekOfPeriod = mondayOf(to);
        Map<LocalDate, List<Session>> sessionsByWeek = new TreeMap<>();
        unauthorised
                .values()
                .forEach(s -> sessionsByWeek
                        .computeIfAbsent(mondayOf(s.date()), w -> new ArrayList<>())
                        .add(s));

        List<Window> overlapping = new ArrayList<>();
        for (int first = 0; first < weeks.size(); first++) {
            int last = Math.min(first + SCHOOL_WEEKS - 1, weeks.size() - 1);
            if (weeks.get(first).isAfter(lastWeekOfPeriod) || weeks.get(last).isBefore(firstWeekOfPeriod)) {
                continue;
            }
            List<Session> inWindow = new ArrayList<>();
            for (int w = first; w <= last; w++) {
                inWindow.addAll(sessionsByWeek.getOrDefault(weeks.get(w), List.of()));
            }
            overlapping.add(new Window(weeks.get(first), weeks.get(last), last - first + 1, List.copyOf(inWindow)));
        }
        return overlapping.stream()
                .min(highestCountFirst(weeks, firstWeekOfPeriod, lastWeekOfPeriod))
                .map(best -> new Verdict(best.count(), best.count() >= SESSIONS, best))
                .orElse(Verdict.NO_SCHOOL_WEEKS);
    }

    /**
     * Which window a verdict shows: the highest count; on a tie, the window most inside the period,
     * then one that starts with the week of its first session (the evidence reads from there), then
     * the earliest.
     */
    private static Comparator<Window> highestCountFirst(
            List<LocalDate> weeks, LocalDate firstWeekOfPeriod, LocalDate lastWeekOfPeriod) {
        Comparator<Window> byCount = Comparator.comparingInt(Window::count).reversed();
        Comparator<Window> byWeeksInPeriod = Comparator.comparingLong((Window w) -> weeks.stream()
                        .filter(week -> !week.isBefore(w.firstWeek()) && !week.isAfter(w.lastWeek()))
                        .filter(week -> !week.isBefore(firstWeekOfPeriod) && !week.isAfter(lastWeekOfPeriod))
                        .count())
                .reversed();
        Comparator<Window> startsWithASession = Comparator.comparing((Window w) ->
                w.sessions().isEmpty() || !mondayOf(w.sessions().get(0).date()).equals(w.firstWeek()));
        return byCount.thenComparing(byWeeksInPeriod)
                .thenComparing(startsWithASession)
                .thenComparing(Window::firstWeek);
    }

    /**
     * The school weeks, in order, by their Mondays: weeks with at least one school day in the
     * calendar, less any week whose every school-day session the pupil's registers record as a
     * planned closure ({@code #}) at each of the pupil's schools.
     */
    static List<LocalDate> schoolWeeks(AcademicCalendar calendar, Map<String, Set<String>> codesBySession) {
        TreeMap<LocalDate, List<LocalDate>> daysByWeek = new TreeMap<>();
        for (AcademicCalendar.Term term : calendar.terms()) {
            for (LocalDate day : calendar.schoolDays(term.start(), term.end())) {
                daysByWeek
                        .computeIfAbsent(mondayOf(day), w -> new ArrayList<>())
                        .add(day);
            }
        }
        TreeSet<LocalDate> weeks = new TreeSet<>();
        daysByWeek.forEach((monday, days) -> {
            if (!closedAllWeek(days, codesBySession)) {
                weeks.add(monday);
            }
        });
        return List.copyOf(weeks);
    }

    private static boolean closedAllWeek(List<LocalDate> days, Map<String, Set<String>> codesBySession) {
        for (LocalDate day : days) {
            for (String session : SESSIONS_OF_A_DAY) {
                Set<String> recorded = codesBySession.get(day + ":" + session);
                if (recorded == null || !recorded.equals(Set.of(PLANNED_CLOSURE))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<EnrolmentMarks> sortedBySchool(Collection<EnrolmentMarks> enrolments) {
        return enrolments.stream()
                .sorted(Comparator.comparing(EnrolmentMarks::urn).thenComparing(EnrolmentMarks::academicYear))
                .toList();
    }

    static LocalDate mondayOf(LocalDate day) {
        return day.minusDays(day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
    }

    /** The academic years whose marks a verdict for {@code from}-{@code to} may read: 10 school weeks either side. */
    public static List<String> academicYearsAround(LocalDate from, LocalDate to) {
        TreeSet<String> years = new TreeSet<>();
        // 10 school weeks with the holidays between them never span more than six months
        for (LocalDate day = from.minusMonths(6); !day.isAfter(to.plusMonths(6)); day = day.plusMonths(1)) {
            years.add(AcademicCalendar.academicYear(day));
        }
        years.add(AcademicCalendar.academicYear(to.plusMonths(6)));
        return List.copyOf(years);
    }
}
