package uk.portsmouth.cfe.contacts.app;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.portsmouth.cfe.contacts.domain.MeetingRequests;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.domain.MeetingVisibility;
import uk.portsmouth.cfe.contacts.domain.SlotBookings;
import uk.portsmouth.cfe.contacts.outbound.SchoolDirectory;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore.MeetingRecord;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.BookSlotRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitations;
import uk.portsmouth.cfe.proto.contacts.v1.InviteRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitee;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.Minutes;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactEntry;
import uk.portsmouth.cfe.proto.contacts.v1.RecordMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Slot;

/**
 * What a meeting leaves on record, the use cases: the LA's invitations (a targeted list of schools'
 * named contacts, or people) and minutes (distributed after the meeting); child-focused slots booked
 * by the workers invited. Audited.
 */
public final class MeetingRecords {
    private static final List<String> LA = CallerContexts.LA_ROLES;

    private final RegistrationStore registrations;
    private final MeetingRecordStore records;
    private final SchoolDirectory schools;
    private final MeetingLookup lookup;
    private final AuditLog audit;
    private final Clock clock;

    public MeetingRecords(
            RegistrationStore registrations,
            MeetingRecordStore records,
            SchoolDirectory schools,
            MeetingLookup lookup,
            AuditLog audit,
            Clock clock) {
        this.registrations = registrations;
        this.records = records;
        this.schools = schools;
        this.lookup = lookup;
        this.audit = audit;
        this.clock = clock;
    }

    public Invitations invite(InviteRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA sends invitations");
        lookup.meetingSeries(request.getMeetingId(), caller);
        MeetingRequests.validate(request.getPeopleList());
        boolean targeted =
                request.getRolesCount() > 0 || request.getLocalityValue() != 0 || request.getPhaseValue() != 0;
        if (!targeted && request.getPeopleCount() == 0) {
            throw InvalidInputException.of(
                    "/roles", "say whom to invite: roles, locality or phase of a targeted list, or people");
        }
        List<Invitee> invitees = new ArrayList<>();
        if (targeted) {
            for (NamedContactEntry entry :
                    schools.list(request.getRolesList(), request.getLocality(), request.getPhase(), false)) {
                if (!entry.getContact().getEmail().isEmpty()) {
                    invitees.add(Invitee.newBuilder()
                            .setName(entry.getContact().getName())
                            .setEmail(entry.getContact().getEmail())
                            .setRole(entry.getContact().getRole())
                            .setUrn(entry.getUrn())
                            .setSchoolName(entry.getSchoolName())
                            .build());
                }
            }
        }
        request.getPeopleList()
                .forEach(p -> invitees.add(p.toBuilder()
                        .setName(p.getName().strip())
                        .setEmail(p.getEmail().strip())
                        .setProfessionalId(p.getProfessionalId().strip())
                        .build()));
        int added = records.invite(request.getMeetingId(), invitees);
        audit.record(caller, "invite", "invited " + added, AuditSubjects.meeting(request.getMeetingId()));
        return Invitations.newBuilder()
                .setMeetingId(request.getMeetingId())
                .addAllInvitees(records.find(request.getMeetingId()).invitees())
                .setAdded(added)
                .build();
    }

    public Minutes recordMinutes(RecordMinutesRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA records minutes");
        lookup.meetingSeries(request.getMeetingId(), caller);
        MeetingRequests.validate(request);
        if (MeetingSchedule.start(request.getMeetingId()).toInstant().isAfter(clock.instant())) {
            throw InvalidInputException.of(
                    "/meeting_id", "This meeting has not taken place yet: minutes come after it");
        }
        String to = request.getDistributeTo().isEmpty() ? "registered_and_invited" : request.getDistributeTo();
        Map<String, Invitee> recipients = new LinkedHashMap<>();
        if (!to.equals("invited")) {
            registrations
                    .list(request.getMeetingId())
                    .registered()
                    .forEach(r -> recipients.putIfAbsent(
                            r.getEmail().toLowerCase(Locale.ROOT),
                            Invitee.newBuilder()
                                    .setName(r.getName())
                                    .setEmail(r.getEmail())
                                    .build()));
        }
        if (!to.equals("registered")) {
            records.find(request.getMeetingId())
                    .invitees()
                    .forEach(i -> recipients.putIfAbsent(i.getEmail().toLowerCase(Locale.ROOT), i));
        }
        Minutes minutes = Minutes.newBuilder()
                .setMeetingId(request.getMeetingId())
                .setText(request.getText())
                .setRecordedBy(caller.getSubject())
                .setRecordedAt(lookup.now())
                .addAllDistributedTo(recipients.values())
                .build();
        if (!records.recordMinutes(minutes)) {
            throw new ConflictException("/meeting_id", "This meeting's minutes are recorded already");
        }
        audit.record(
                caller,
                "record-minutes",
                "distributed to " + recipients.size(),
                AuditSubjects.meeting(request.getMeetingId()));
        return minutes;
    }

    public Minutes getMinutes(GetMinutesRequest request) {
        CallerContext caller = MeetingLookup.signedIn("Sign in to read minutes");
        MeetingSeries series = lookup.meetingSeries(request.getMeetingId(), caller);
        Minutes minutes = records.find(request.getMeetingId())
                .minutes()
                .orElseThrow(() -> new NotFoundException("minutes", request.getMeetingId()));
        boolean attended = registrations.list(request.getMeetingId()).registered().stream()
                .anyMatch(r -> r.getSubject().equals(caller.getSubject()));
        if (!MeetingVisibility.isLa(caller) && !attended && !MeetingVisibility.ownSchool(series, caller)) {
            throw new ForbiddenException("Minutes go to the LA and to those registered for the meeting");
        }
        audit.record(caller, "read-minutes", "read", AuditSubjects.meeting(request.getMeetingId()));
        return MeetingVisibility.isLa(caller)
                ? minutes
                : minutes.toBuilder().clearDistributedTo().build();
    }

    public Slot bookSlot(BookSlotRequest request) {
        CallerContext caller = MeetingLookup.signedIn("Sign in to book a slot");
        MeetingSeries series = lookup.meetingSeries(request.getMeetingId(), caller);
        if (series.getSlotMinutes() == 0) {
            throw InvalidInputException.of("/meeting_id", "This meeting has no child-focused slots to book");
        }
        MeetingRequests.validate(request, lookup.today());
        lookup.requireFuture(request.getMeetingId());
        MeetingRecord record = records.find(request.getMeetingId());
        Invitee worker = SlotBookings.workerFor(
                record.invitees(), caller, MeetingVisibility.isLa(caller), request.getWorkerEmail());
        Meeting meeting = MeetingLookup.occurrence(series, request.getMeetingId());
        List<OffsetDateTime> starts = MeetingSchedule.slotStarts(meeting, series.getSlotMinutes());
        List<String> booked = record.slots().stream().map(Slot::getStart).toList();
        OffsetDateTime start = request.getSlotStart().isEmpty()
                ? starts.stream()
                        .filter(s -> !booked.contains(CityTime.dateTime(s)))
                        .findFirst()
                        .orElseThrow(() -> new ConflictException("/slot_start", "Every slot at this meeting is booked"))
                : starts.stream()
                        .filter(s -> s.toLocalTime().toString().equals(request.getSlotStart()))
                        .findFirst()
                        .orElseThrow(() -> InvalidInputException.of(
                                "/slot_start",
                                "slot_start must be one of the meeting's slots, e.g. "
                                        + starts.get(0).toLocalTime()));
        Slot slot = Slot.newBuilder()
                .setMeetingId(request.getMeetingId())
                .setStart(CityTime.dateTime(start))
                .setBooked(true)
                .setWorkerName(worker.getName())
                .setWorkerEmail(worker.getEmail())
                .setBookedByLa(MeetingVisibility.isLa(caller))
                .setChildName(request.getChildName().strip())
                .setChildDateOfBirth(request.getChildDateOfBirth())
                .setConcern(request.getConcern().strip())
                .setBookedBy(caller.getSubject())
                .setBookedByIssuer(caller.getIssuer())
                .build();
        if (!records.book(slot)) {
            throw new ConflictException("/slot_start", "The " + start.toLocalTime() + " slot is booked already");
        }
        audit.record(
                caller,
                "book-slot",
                "booked " + start.toLocalTime() + (MeetingVisibility.isLa(caller) ? " for " + worker.getEmail() : ""),
                AuditSubjects.meeting(request.getMeetingId()));
        return slot;
    }
}
