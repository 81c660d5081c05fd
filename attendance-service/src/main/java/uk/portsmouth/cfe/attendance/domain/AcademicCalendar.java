package uk.portsmouth.cfe.attendance.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The academic calendar: each year's terms with their breaks (half terms, bank holidays, training
 * days). A session can be marked only on a school day: a weekday inside a term and outside its breaks.
 */
public final class AcademicCalendar {

    /** A closed stretch of days inside a term (half term, bank holiday). */
    public record Break(LocalDate start, LocalDate end) {
        boolean contains(LocalDate day) {
            return !day.isBefore(start) && !day.isAfter(end);
        }
    }

    /** One term of an academic year. */
    public record Term(String academicYear, String name, LocalDate start, LocalDate end, List<Break> breaks) {
        boolean contains(LocalDate day) {
            return !day.isBefore(start) && !day.isAfter(end);
        }
    }

    private final List<Term> terms;

    public AcademicCalendar(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public List<Term> terms() {
        return terms;
    }

    public Optional<Term> termOf(LocalDate day) {
        return terms.stream().filter(t -> t.contains(day)).findFirst();
    }

    public boolean isSchoolDay(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        return termOf(day)
                .map(t -> t.breaks().stream().noneMatch(b -> b.contains(day)))
                .orElse(false);
    }

    /** The academic year a day falls in ("2026-27": September to August). */
    public static String academicYear(LocalDate day) {
        int first = day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1;
        int next = (first + 1) % 100;
        return first + (next < 10 ? "-0" : "-") + next;
    }

    /** The first day of the academic year {@code day} falls in. */
    public Optional<LocalDate> yearStart(LocalDate day) {
        String year = academicYear(day);
        return terms.stream()
                .filter(t -> t.academicYear().equals(year))
                .map(Term::start)
                .min(LocalDate::compareTo);
    }

    /** School days from {@code from} to {@code to}, inclusive. */
    public List<LocalDate> schoolDays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (isSchoolDay(day)) {
                days.add(day);
            }
        }
        return days;
    }
}
