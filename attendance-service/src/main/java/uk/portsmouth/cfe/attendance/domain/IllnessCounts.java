package uk.portsmouth.cfe.attendance.domain;

import com.google.type.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;

/**
 * The LA's count of illness reports over a period: children off each school day by symptom category,
 * reports by school and category and by category (no name, no child), and the possible outbreaks:
 * schools where one category's first days bunch within a rolling window.
 */
public final class IllnessCounts {

    private IllnessCounts() {}

    /** A school and a symptom category. */
    public record Place(String urn, String category) {
        static final Comparator<Place> ORDER = Comparator.comparing(Place::urn).thenComparing(Place::category);
    }

    /** A school day and a symptom category. */
    public record DayAndCategory(LocalDate day, String category) {
        static final Comparator<DayAndCategory> ORDER =
                Comparator.comparing(DayAndCategory::day).thenComparing(DayAndCategory::category);
    }

    /** One illness report, as the LA's counts see it: no name, no child. */
    public record Case(String urn, String category, LocalDate firstDay) {}

    /** A school where one category's reports reached the threshold within the window. */
    public record Outbreak(String urn, String category, int reports, LocalDate from, LocalDate to) {}

    /**
     * The counts of a period: children off on each school day, reports that touch the period by school
     * and by category, and the cases that began in it (which outbreaks are found among).
     */
    public record Period(
            SortedMap<DayAndCategory, Integer> byDay,
            SortedMap<Place, Integer> bySchool,
            SortedMap<String, Integer> byCategory,
            List<Case> started) {}

    /**
     * Counts {@code reports} over {@code from}..{@code to}: a report counts on each school day it
     * covers in the period (to its return, or the expected one, or its first day alone), and once for
     * its school and category when it covers a day of the period or begins in it.
     */
    public static Period count(
            List<AppAbsenceReport> reports, LocalDate from, LocalDate to, AcademicCalendar calendar) {
        Period period = new Period(
                new TreeMap<>(DayAndCategory.ORDER), new TreeMap<>(Place.ORDER), new TreeMap<>(), new ArrayList<>());
        for (AppAbsenceReport report : reports) {
            LocalDate firstDay = Dates.toLocalDate(report.getFirstDay());
            Date back = Dates.given(report.getReturnedOn()) ? report.getReturnedOn() : report.getExpectedReturn();
            List<LocalDate> off =
                    AbsenceReportRules.daysOff(firstDay, Dates.orElse(back, firstDay.plusDays(1)), to, calendar)
                            .stream()
                            .filter(day -> !day.isBefore(from))
                            .toList();
            String category = report.getSymptomCategory();
            off.forEach(day -> period.byDay().merge(new DayAndCategory(day, category), 1, Integer::sum));
            boolean beganInPeriod = !firstDay.isBefore(from);
            if (!off.isEmpty() || beganInPeriod) {
                period.bySchool().merge(new Place(report.getSchoolUrn(), category), 1, Integer::sum);
                period.byCategory().merge(category, 1, Integer::sum);
            }
            if (beganInPeriod) {
                period.started().add(new Case(report.getSchoolUrn(), category, firstDay));
            }
        }
        return period;
    }

    /**
     * Schools where at least {@code threshold} children were first off with one symptom category
     * within any {@code windowDays} days ending in the period (the rolling window), each school and
     * category once, at its busiest window.
     */
    public static List<Outbreak> outbreaks(List<Case> cases, int threshold, int windowDays) {
        SortedMap<Place, List<LocalDate>> byPlace = new TreeMap<>(Place.ORDER);
        for (Case c : cases) {
            byPlace.computeIfAbsent(new Place(c.urn(), c.category()), k -> new ArrayList<>())
                    .add(c.firstDay());
        }
        List<Outbreak> found = new ArrayList<>();
        byPlace.forEach((place, days) -> {
            days.sort(Comparator.naturalOrder());
            Outbreak busiest = null;
            for (int end = 0, start = 0; end < days.size(); end++) {
                while (days.get(start).isBefore(days.get(end).minusDays(windowDays - 1L))) {
                    start++;
                }
                int reports = end - start + 1;
                if (reports >= threshold && (busiest == null || reports > busiest.reports())) {
                    busiest = new Outbreak(
                            place.urn(),
                            place.category(),
                            reports,
                            days.get(end).minusDays(windowDays - 1L),
                            days.get(end));
                }
            }
            if (busiest != null) {
                found.add(busiest);
            }
        });
        found.sort(Comparator.comparing(Outbreak::reports).reversed());
        return found;
    }

    /** 1970-01-05, a Monday: alert blocks start on it, so with a 7-day window a block is a week from Monday. */
    private static final long FIRST_MONDAY = 4;

    /**
     * The block of {@code windowDays} days that {@code day} falls in, counted in whole blocks from a
     * Monday: an outbreak alert is raised once a school, category and block.
     */
    public static long alertBlock(LocalDate day, int windowDays) {
        return Math.floorDiv(day.toEpochDay() - FIRST_MONDAY, windowDays);
    }

    /**
     * The alerts {@code cases} raise: for each school and category, and each block of
     * {@code windowDays} days ({@link #alertBlock}), the first window (of {@code windowDays} days)
     * ending in that block in which at least {@code threshold} children were first off. The same
     * cases give the same alerts whatever else is counted, so an alert has one identity however often
     * (and by however many instances) it is looked for; while an outbreak lasts it is raised again
     * once a block.
     */
    public static List<Outbreak> alerts(List<Case> cases, int threshold, int windowDays) {
        SortedMap<Place, List<LocalDate>> byPlace = new TreeMap<>(Place.ORDER);
        for (Case c : cases) {
            byPlace.computeIfAbsent(new Place(c.urn(), c.category()), k -> new ArrayList<>())
                    .add(c.firstDay());
        }
        List<Outbreak> raised = new ArrayList<>();
        byPlace.forEach((place, days) -> {
            days.sort(Comparator.naturalOrder());
            long lastBlock = Long.MIN_VALUE;
            for (int end = 0, start = 0; end < days.size(); end++) {
                LocalDate windowTo = days.get(end);
                LocalDate windowFrom = windowTo.minusDays(windowDays - 1L);
                while (days.get(start).isBefore(windowFrom)) {
                    start++;
                }
                // children first off on windowTo later in the list belong to this window too
                int last = end;
                while (last + 1 < days.size() && days.get(last + 1).equals(windowTo)) {
                    last++;
                }
                int reports = last - start + 1;
                long block = alertBlock(windowTo, windowDays);
                if (reports >= threshold && block != lastBlock) {
                    raised.add(new Outbreak(place.urn(), place.category(), reports, windowFrom, windowTo));
                    lastBlock = block;
                }
                end = last;
            }
        });
        return raised;
    }
}
