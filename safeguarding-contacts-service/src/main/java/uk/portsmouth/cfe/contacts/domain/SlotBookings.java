package uk.portsmouth.cfe.contacts.domain;

import java.util.List;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.Invitee;

/**
 * Whom a MET slot is booked for. A worker books as themselves: the professional id they signed in
 * with must be on the meeting's invitation list (an email typed into the booking proves nothing).
 * The LA books for any invited worker, named by email, and is recorded as the booker.
 */
public final class SlotBookings {

    private SlotBookings() {}

    /** The invitee the slot is for, given who is booking ({@code byLa}: an LA officer or admin). */
    public static Invitee workerFor(List<Invitee> invitees, CallerContext caller, boolean byLa, String namedEmail) {
        String email = namedEmail.strip();
        if (byLa) {
            if (email.isEmpty()) {
                throw InvalidInputException.of("/worker_email", "the LA names the invited worker it books for");
            }
            return invitees.stream()
                    .filter(i -> i.getEmail().equalsIgnoreCase(email))
                    .findFirst()
                    .orElseThrow(
                            () -> InvalidInputException.of("/worker_email", "not on this meeting's invitation list"));
        }
        String professionalId = caller.getRolesList().contains(Roles.PROFESSIONAL) ? caller.getProfessionalId() : "";
        Invitee self = invitees.stream()
                .filter(i -> !professionalId.isEmpty() && i.getProfessionalId().equals(professionalId))
                .findFirst()
                .orElseThrow(() -> new ForbiddenException(
                        "Only a worker invited to this meeting (by their professional id) books a slot at it"));
        if (!email.isEmpty() && !email.equalsIgnoreCase(self.getEmail())) {
            throw new ForbiddenException("A worker books a slot for themselves; the LA books for others");
        }
        return self;
    }
}
