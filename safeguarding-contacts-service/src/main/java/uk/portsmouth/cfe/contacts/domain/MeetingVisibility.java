package uk.portsmouth.cfe.contacts.domain;

import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.Slot;

/**
 * Who may know a meeting series exists: a school's own series (its Severely Absent Meetings) that
 * school and the LA; a restricted series (MARAC) the LA; every other series everyone. A series the
 * caller may not know of answers exactly as a missing one.
 */
public final class MeetingVisibility {

    private MeetingVisibility() {}

    public static boolean mayKnow(MeetingSeries series, CallerContext caller) {
        if (!series.getSchoolUrn().isEmpty()) {
            return isLa(caller) || ownSchool(series, caller);
        }
        return !series.getRestricted() || isLa(caller);
    }

    /** The series is a school's, and the caller acts for that school. */
    public static boolean ownSchool(MeetingSeries series, CallerContext caller) {
        return !series.getSchoolUrn().isEmpty()
                && caller.getRolesList().contains(Roles.SCHOOL)
                && caller.getSchoolUrnsList().contains(series.getSchoolUrn());
    }

    /** A school's Severely Absent Meeting shows its pupil list to that school and the LA only. */
    public static boolean maySeePupils(MeetingSeries series, CallerContext caller) {
        return !series.getSchoolUrn().isEmpty() && (isLa(caller) || ownSchool(series, caller));
    }

    /**
     * A MET slot as {@code caller} may see it: whole to the LA and to whoever booked it; to anyone
     * else only that it is taken (the child stays with those working on them).
     */
    public static Slot slotAsSeenBy(Slot booked, CallerContext caller) {
        if (isLa(caller) || booked.getBookedBy().equals(caller.getSubject())) {
            return booked;
        }
        return Slot.newBuilder()
                .setMeetingId(booked.getMeetingId())
                .setStart(booked.getStart())
                .setBooked(true)
                .build();
    }

    /** The LA sees child-level detail (pupil lists, every MET slot, registrations, minutes' recipients). */
    public static boolean isLa(CallerContext caller) {
        return caller.getRolesList().stream().anyMatch(Roles.LA::contains);
    }
}
