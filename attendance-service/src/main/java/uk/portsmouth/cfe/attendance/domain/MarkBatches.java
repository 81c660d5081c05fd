package uk.portsmouth.cfe.attendance.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.MarkError;

/**
 * Whether a batch of session marks may be written: it is checked as a whole, and every bad mark is
 * named with its index and reason (a bad UPN, a pupil not on the school's roll, a retired or
 * unknown code, a date outside term or in the future, one session given two different codes).
 */
public final class MarkBatches {

    public static final int MAX_MARKS = 10_000;
    public static final Set<String> SESSIONS = Set.of("AM", "PM");
    private static final int MAX_COMMENT = TextLimits.NOTE;

    private MarkBatches() {}

    /** The session a mark is for, as stored: "2026-09-03:AM". */
    public static String sessionKey(Mark mark) {
        return mark.getDate() + ":" + mark.getSession();
    }

    /** Every problem of the batch; empty when it may be written. */
    public static List<MarkError> check(
            List<Mark> marks, Set<String> onRoll, AttendanceCodes codes, AcademicCalendar calendar, LocalDate today) {
        List<MarkError> errors = new ArrayList<>();
        if (marks.isEmpty() || marks.size() > MAX_MARKS) {
            errors.add(error(-1, "marks", "a batch holds 1 to " + MAX_MARKS + " marks"));
            return errors;
        }
        Map<String, String> codeBySession = new HashMap<>();
        // a batch has few distinct dates and pupils (ten marks a pupil a week): each is checked once
        Map<String, Optional<String>> dateProblems = new HashMap<>();
        Map<String, Boolean> validUpns = new HashMap<>();
        for (int i = 0; i < marks.size(); i++) {
            int index = i;
            Mark mark = marks.get(i);
            if (!validUpns.computeIfAbsent(mark.getUpn(), Upns::isValid)) {
                errors.add(error(i, "upn", "not a valid UPN (13 characters with a correct check letter)"));
            } else if (!onRoll.contains(mark.getUpn())) {
                errors.add(error(i, "upn", "the pupil is not on this school's roll"));
            }
            dateProblems
                    .computeIfAbsent(mark.getDate(), date -> dateProblem(date, calendar, today))
                    .ifPresent(reason -> errors.add(error(index, "date", reason)));
            if (!SESSIONS.contains(mark.getSession())) {
                errors.add(error(i, "session", "session must be AM or PM"));
            }
            codes.refusal(mark.getCode()).ifPresent(reason -> errors.add(error(index, "code", reason)));
            if (mark.getComment().length() > MAX_COMMENT) {
                errors.add(error(i, "comment", "comment must be at most " + MAX_COMMENT + " characters"));
            }
            String previous = codeBySession.putIfAbsent(mark.getUpn() + "@" + sessionKey(mark), mark.getCode());
            if (previous != null && !previous.equals(mark.getCode())) {
                errors.add(error(
                        i,
                        "code",
                        "this batch gives the same session two codes (" + previous + " and " + mark.getCode() + ")"));
            }
        }
        return errors;
    }

    private static Optional<String> dateProblem(String date, AcademicCalendar calendar, LocalDate today) {
        try {
            LocalDate day = LocalDate.parse(date);
            if (day.isAfter(today)) {
                return Optional.of("the date is in the future");
            }
            if (!calendar.isSchoolDay(day)) {
                return Optional.of("the date is not a school day in the academic calendar");
            }
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("date must be an ISO date, e.g. 2026-11-27");
        }
    }

    private static MarkError error(int index, String field, String reason) {
        return MarkError.newBuilder()
                .setIndex(index)
                .setField(field)
                .setReason(reason)
                .build();
    }
}
