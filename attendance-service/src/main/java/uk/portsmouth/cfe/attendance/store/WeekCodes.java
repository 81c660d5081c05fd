package uk.portsmouth.cfe.attendance.store;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;

/**
 * A week's session codes as one 28-character string: Monday AM, Monday PM ... Sunday PM, two
 * characters each (codes are one or two characters; a one-character code is padded with a space,
 * an unmarked session is two spaces). One field a week instead of one a session keeps an enrolment's
 * document small, which is what a store's update costs grow with.
 */
final class WeekCodes {

    private static final int WIDTH = 2;
    private static final int SESSIONS = 14;

    private WeekCodes() {
    }

    /** The codes of the sessions in the week of {@code monday} (sessions of other weeks are left out). */
    static String encode(LocalDate monday, Map<String, String> codesBySession) {
        char[] week = " ".repeat(SESSIONS * WIDTH).toCharArray();
        codesBySession.forEach((session, code) -> {
            long day = ChronoUnit.DAYS.between(monday, EnrolmentMarks.dayOf(session));
            if (day >= 0 && day < 7) {
                int slot = (int) day * 2 + (session.endsWith("PM") ? 1 : 0);
                String padded = (code + " ").substring(0, WIDTH);
                padded.getChars(0, WIDTH, week, slot * WIDTH);
            }
        });
        return new String(week);
    }

    /** Adds the week's marked sessions to {@code into} ("2026-11-02:AM" -> "/"). */
    static void decode(LocalDate monday, String week, Map<String, String> into) {
        for (int slot = 0; slot < SESSIONS; slot++) {
            String code = week.substring(slot * WIDTH, slot * WIDTH + WIDTH).strip();
            if (!code.isEmpty()) {
                into.put(monday.plusDays(slot / 2) + (slot % 2 == 0 ? ":AM" : ":PM"), code);
            }
        }
    }
}
