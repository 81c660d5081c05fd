package uk.portsmouth.cfe.attendance.domain;

import uk.portsmouth.cfe.attendance.domain.AttendanceCodes.Code;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCategory;

/**
 * Sessions counted by what their codes mean, and the DfE measures over them (docs/domain-reference.md 3):
 * absence = authorised + unauthorised; absence rate = absence / possible x 100; attendance rate =
 * 100 - absence rate; persistent absence at 10% or more missed, severe absence at 50% or more.
 * An enrolment with no possible sessions has no rates and no flags.
 */
public record SessionCounts(
        long possible, long present, long approvedActivity, long authorised, long unauthorised, long notPossible) {

    public static final SessionCounts NONE = new SessionCounts(0, 0, 0, 0, 0, 0);
    public static final double PERSISTENT_ABSENCE = 10.0;
    public static final double SEVERE_ABSENCE = 50.0;
    /** Portsmouth: a child below 30% attendance with anxiety may be referred to Wellbeing in Education. */
    public static final double LOW_ATTENDANCE = 30.0;

    /** One session with {@code code}. */
    public static SessionCounts of(Code code) {
        if (!code.possibleSession()) {
            return new SessionCounts(0, 0, 0, 0, 0, 1);
        }
        AttendanceCategory category = code.category();
        return new SessionCounts(
                1,
                category == AttendanceCategory.ATTENDANCE_CATEGORY_PRESENT ? 1 : 0,
                category == AttendanceCategory.ATTENDANCE_CATEGORY_APPROVED_ACTIVITY ? 1 : 0,
                category == AttendanceCategory.ATTENDANCE_CATEGORY_AUTHORISED ? 1 : 0,
                category == AttendanceCategory.ATTENDANCE_CATEGORY_UNAUTHORISED ? 1 : 0,
                0);
    }

    public SessionCounts plus(SessionCounts other) {
        return new SessionCounts(
                possible + other.possible,
                present + other.present,
                approvedActivity + other.approvedActivity,
                authorised + other.authorised,
                unauthorised + other.unauthorised,
                notPossible + other.notPossible);
    }

    /** The difference (what a changed enrolment adds to its school's totals). */
    public SessionCounts minus(SessionCounts other) {
        return new SessionCounts(
                possible - other.possible,
                present - other.present,
                approvedActivity - other.approvedActivity,
                authorised - other.authorised,
                unauthorised - other.unauthorised,
                notPossible - other.notPossible);
    }

    public long absence() {
        return authorised + unauthorised;
    }

    /** Whether the rates mean anything (no possible sessions: excluded from rates). */
    public boolean hasRates() {
        return possible > 0;
    }

    public double absenceRate() {
        return hasRates() ? 100.0 * absence() / possible : 0;
    }

    public double attendanceRate() {
        return hasRates() ? 100.0 - absenceRate() : 0;
    }

    public boolean persistentlyAbsent() {
        return hasRates() && absenceRate() >= PERSISTENT_ABSENCE;
    }

    public boolean severelyAbsent() {
        return hasRates() && absenceRate() >= SEVERE_ABSENCE;
    }

    public boolean belowLowAttendance() {
        return hasRates() && attendanceRate() < LOW_ATTENDANCE;
    }
}
