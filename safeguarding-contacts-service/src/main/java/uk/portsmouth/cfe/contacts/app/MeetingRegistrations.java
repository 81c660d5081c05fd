package uk.portsmouth.cfe.contacts.app;

import java.util.List;
import java.util.Optional;
import uk.portsmouth.cfe.contacts.domain.MeetingRequests;
import uk.portsmouth.cfe.contacts.domain.MeetingVisibility;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.CancelRegistrationRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationList;

/**
 * Places at meetings, the use cases: a signed-in person registers (or joins the waiting list) and
 * gives up their place; the LA sees who is registered and gives up anyone's. Audited.
 */
public final class MeetingRegistrations {
    private static final List<String> LA = CallerContexts.LA_ROLES;

    private final RegistrationStore registrations;
    private final MeetingLookup lookup;
    private final AuditLog audit;

    public MeetingRegistrations(RegistrationStore registrations, MeetingLookup lookup, AuditLog audit) {
        this.registrations = registrations;
        this.lookup = lookup;
        this.audit = audit;
    }

    public Registration register(RegisterRequest request) {
        CallerContext caller = MeetingLookup.signedIn("Sign in to register for a meeting");
        MeetingSeries series = lookup.meetingSeries(request.getMeetingId(), caller);
        MeetingRequests.validate(request);
        lookup.requireFuture(request.getMeetingId());
        Registration registration = Registration.newBuilder()
                .setMeetingId(request.getMeetingId())
                .setSubject(caller.getSubject())
                .setIssuer(caller.getIssuer())
                .setName(request.getName().strip())
                .setEmail(request.getEmail().strip())
                .setOrganisation(request.getOrganisation().strip())
                .setRegisteredAt(lookup.now())
                .build();
        Optional<Registration> result =
                registrations.register(request.getMeetingId(), series.getCapacity(), registration);
        audit.record(
                caller,
                "register",
                result.map(r -> ClosedSets.jsonName(r.getStatus())).orElse("already-registered"),
                AuditSubjects.meeting(request.getMeetingId()),
                AuditSubjects.user(caller.getSubject()));
        return result.orElseThrow(() -> new ConflictException(
                "/meeting_id", "You are already registered or on the waiting list for this meeting"));
    }

    public RegistrationList cancelRegistration(CancelRegistrationRequest request) {
        CallerContext caller = MeetingLookup.signedIn("Sign in to give up a place");
        String subject = request.getSubject().isEmpty() ? caller.getSubject() : request.getSubject();
        if (!subject.equals(caller.getSubject()) && !MeetingVisibility.isLa(caller)) {
            throw new ForbiddenException("Only the LA gives up someone else's place");
        }
        MeetingSeries series = lookup.meetingSeries(request.getMeetingId(), caller);
        lookup.requireFuture(request.getMeetingId());
        if (!registrations.cancel(request.getMeetingId(), subject, series.getCapacity())) {
            throw new NotFoundException("registration", subject + " at " + request.getMeetingId());
        }
        audit.record(
                caller,
                "cancel-registration",
                "cancelled " + subject,
                AuditSubjects.meeting(request.getMeetingId()),
                AuditSubjects.user(subject));
        RegistrationStore.Places places = registrations.list(request.getMeetingId());
        // the caller learns only their own standing unless they are the LA
        return MeetingVisibility.isLa(caller)
                ? registrationList(series, request.getMeetingId(), places)
                : RegistrationList.newBuilder()
                        .setMeetingId(request.getMeetingId())
                        .setCapacity(series.getCapacity())
                        .build();
    }

    public RegistrationList listRegistrations(ListRegistrationsRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA sees who is registered");
        MeetingSeries series = lookup.meetingSeries(request.getMeetingId(), caller);
        audit.record(caller, "list-registrations", "read", AuditSubjects.meeting(request.getMeetingId()));
        return registrationList(series, request.getMeetingId(), registrations.list(request.getMeetingId()));
    }

    private static RegistrationList registrationList(
            MeetingSeries series, String meetingId, RegistrationStore.Places places) {
        return RegistrationList.newBuilder()
                .setMeetingId(meetingId)
                .setCapacity(series.getCapacity())
                .addAllRegistered(places.registered())
                .addAllWaiting(places.waiting())
                .build();
    }
}
