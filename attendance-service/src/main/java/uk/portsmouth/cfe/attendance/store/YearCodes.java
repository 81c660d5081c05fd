package uk.portsmouth.cfe.attendance.store;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;

/**
 * An enrolment-year's session codes as one string: every day from 1 September (the start of the
 * academic year), AM then PM, two characters a session (a one-character code is padded with a space,
 * an unmarked session is two spaces), ending at the last marked session. One field for the whole year
 * keeps an enrolment's document to a handful of fields, which is what a store's update costs grow with
 * (the embedded store copies, compares and sizes the whole document at every write). A batch still
 * decodes and re-encodes only the weeks it touches.
 */
final class YearCodes {

    private static final int WIDTH = 2;

    private YearCodes() {}

    /**
     * {@code codes} of {@code academicYear} with the sessions of the weeks of {@code mondays} set from
     * {@code codesBySession} (a session not in it becomes unmarked); the rest of the year is kept.
     */
    static String with(String codes, String academicYear, Set<LocalDate> mondays, Map<String, String> codesBySession) {
        LocalDate start = start(academicYear);
        StringBuilder year = new StringBuilder(codes);
        // the weeks are written whole: cleared, then each of their sessions in the map set
        for (LocalDate monday : mondays) {
            int end = Math.min(year.length(), offset(start, monday.plusDays(7), false));
            for (int at = Math.max(0, offset(start, monday, false)); at < end; at++) {
                year.setCharAt(at, ' ');
            }
        }
        codesBySession.forEach((session, code) -> {
            int at = offset(start, EnrolmentMarks.dayOf(session), session.endsWith("PM"));
            if (at >= 0 && mondays.contains(EnrolmentMarks.weekOf(session))) {
                while (year.length() < at + WIDTH) {
                    year.append(' ');
                }
                year.replace(at, at + WIDTH, code.length() < WIDTH ? code + " " : code);
            }
        });
        return year.toString().stripTrailing();
    }

    /** Adds the marked sessions of the weeks of {@code mondays} to {@code into} ("2026-11-02:AM" -> "/"). */
    static void decode(String codes, String academicYear, Collection<LocalDate> mondays, Map<String, String> into) {
        LocalDate start = start(academicYear);
        for (LocalDate monday : mondays) {
            for (int day = 0; day < 7; day++) {
                decodeDay(codes, start, monday.plusDays(day), into);
            }
        }
    }

    /** Adds every marked session of the year to {@code into}. */
    static void decodeAll(String codes, String academicYear, Map<String, String> into) {
        LocalDate start = start(academicYear);
        for (int day = 0; day * 2 * WIDTH < codes.length(); day++) {
            decodeDay(codes, start, start.plusDays(day), into);
        }
    }

    private static void decodeDay(String codes, LocalDate start, LocalDate date, Map<String, String> into) {
        for (boolean pm : new boolean[] {false, true}) {
            int at = offset(start, date, pm);
            if (at >= 0 && at < codes.length()) {
                String code = codes.substring(at, Math.min(codes.length(), at + WIDTH))
                        .strip();
                if (!code.isEmpty()) {
                    into.put(date + (pm ? ":PM" : ":AM"), code);
                }
            }
        }
    }

    /** 1 September of the academic year ("2025-26" starts on 2025-09-01). */
    private static LocalDate start(String academicYear) {
        return LocalDate.of(Integer.parseInt(academicYear, 0, 4, 10), 9, 1);
    }

    /** Where a session's code starts in the string (negative: before the year). */
    private static int offset(LocalDate start, LocalDate date, boolean pm) {
        return (int) (ChronoUnit.DAYS.between(start, date) * 2 + (pm ? 1 : 0)) * WIDTH;
    }
}
