package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.util.List;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.CaseEvent;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Who reads a school's cases (penalty-notice requests, panel referrals, returns to the LA): the
 * school itself or the LA; to anyone else a case does not exist. The pupil a case is about, and a
 * case's timeline entry.
 */
final class SchoolCases {

    private static final List<String> LA = CallerContexts.LA_ROLES;

    private SchoolCases() {}

    /** A list of one school's cases (that school or the LA), or of every school's (the LA). */
    static CallerContext listCaller(String urn, String what) {
        return urn.isEmpty()
                ? CallerContexts.requireAnyRole(LA, "Only the LA lists every school's " + what)
                : CallerContexts.requireOwnSchoolOrRole(
                        urn, LA, "Only the school itself or the LA sees a school's " + what);
    }

    /** The reader of one case of school {@code urn}: the LA, or its own school; to anyone else it does not exist. */
    static CallerContext readCaller(String urn, String kind, String id) {
        try {
            return CallerContexts.requireOwnSchoolOrRole(
                    urn, LA, "Only the school itself or the LA sees a school's " + kind);
        } catch (ForbiddenException e) {
            throw new NotFoundException(kind, id);
        }
    }

    /** The pupil {@code upn} on school {@code urn}'s roll, or the request names no pupil of the school. */
    static Pupil pupilOnRoll(PupilStore pupils, String urn, String upn) {
        return pupils.find(urn, upn)
                .orElseThrow(() -> InvalidInputException.of("/upn", "the pupil is not on this school's roll"));
    }

    /** A step in a case's timeline: when, who, what, and the note they gave. */
    static CaseEvent event(Clock clock, CallerContext caller, String action, String note) {
        return CaseEvent.newBuilder()
                .setAt(CityTime.timestamp(clock))
                .setBy(caller.getSubject())
                .setAction(action)
                .setNote(note.strip())
                .build();
    }
}
