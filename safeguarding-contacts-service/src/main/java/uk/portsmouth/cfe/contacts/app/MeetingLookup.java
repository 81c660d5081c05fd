package uk.portsmouth.cfe.contacts.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.domain.MeetingVisibility;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore.MeetingRecord;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.Slot;

/**
 * What the meeting use cases share: finding a meeting or series the caller may know of (not found
 * otherwise), what the caller may see of a meeting (child-level detail audited), and the checks of a
 * request's dates and locality.
 */
public final class MeetingLookup {

    private final MeetingStore meetings;
    private final RegistrationStore registrations;
    private final MeetingRecordStore records;
    private final AuditLog audit;
    private final Clock clock;

    public MeetingLookup(
            MeetingStore meetings,
            RegistrationStore registrations,
            MeetingRecordStore records,
            AuditLog audit,
            Clock clock) {
        this.meetings = meetings;
        this.registrations = registrations;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
    }

    /** One meeting with what the caller may see of it; child-level detail is audited. */
    MeetingDetail detail(MeetingSeries series, String meetingId, CallerContext caller) {
        Meeting meeting = occurrence(series, meetingId);
        RegistrationStore.Places places = registrations.list(meetingId);
        MeetingRecord record = records.find(meetingId);
        MeetingDetail.Builder detail = MeetingDetail.newBuilder()
                .setMeeting(meeting)
                .setCapacity(series.getCapacity())
                .setPlacesTaken(places.registered().size())
                .setWaiting(places.waiting().size())
                .setHasMinutes(record.minutes().isPresent())
                .setInvited(record.invitees().size());
        if (MeetingVisibility.maySeePupils(series, caller)) {
            detail.addAllPupils(record.pupils());
            audit.record(
                    caller,
                    "read-severe-absence-pupils",
                    record.pupils().size() + " pupils",
                    AuditSubjects.with(
                            AuditSubjects.meeting(meetingId),
                            AuditSubjects.upns(record.pupils().stream()
                                    .map(p -> p.getUpn())
                                    .toList())));
        }
        if (series.getSlotMinutes() > 0) {
            Map<String, Slot> booked = new LinkedHashMap<>();
            record.slots().forEach(s -> booked.put(s.getStart(), s));
            for (OffsetDateTime start : MeetingSchedule.slotStarts(meeting, series.getSlotMinutes())) {
                Slot slot = booked.get(CityTime.dateTime(start));
                detail.addSlots(
                        slot == null
                                ? Slot.newBuilder()
                                        .setMeetingId(meetingId)
                                        .setStart(CityTime.dateTime(start))
                                        .build()
                                : MeetingVisibility.slotAsSeenBy(slot, caller));
            }
            if (!record.slots().isEmpty() && MeetingVisibility.isLa(caller)) {
                audit.record(caller, "read-slots", record.slots().size() + " booked", AuditSubjects.meeting(meetingId));
            }
        }
        return detail.build();
    }

    /** The series of a real meeting "<series>@<local start>" the caller may know of; not found otherwise. */
    MeetingSeries meetingSeries(String meetingId, CallerContext caller) {
        int at = meetingId.indexOf('@');
        Optional<MeetingSeries> series = at <= 0
                ? Optional.empty()
                : meetings.find(meetingId.substring(0, at)).filter(s -> MeetingVisibility.mayKnow(s, caller));
        try {
            return series.filter(s -> occurrenceOrNull(s, meetingId) != null)
                    .orElseThrow(() -> new NotFoundException("meeting", meetingId));
        } catch (DateTimeParseException e) {
            throw new NotFoundException("meeting", meetingId);
        }
    }

    static Meeting occurrence(MeetingSeries series, String meetingId) {
        Meeting meeting = occurrenceOrNull(series, meetingId);
        if (meeting == null) {
            throw new NotFoundException("meeting", meetingId);
        }
        return meeting;
    }

    static Meeting occurrenceOrNull(MeetingSeries series, String meetingId) {
        LocalDate day = MeetingSchedule.start(meetingId).toLocalDate();
        return MeetingSchedule.occurrences(series, day, day).stream()
                .filter(m -> m.getId().equals(meetingId))
                .findFirst()
                .orElse(null);
    }

    /** Series the caller may know exist, in the locality asked for (city-wide ones always). */
    List<MeetingSeries> visibleSeries(Locality locality) {
        CallerContext caller = CallerContexts.current();
        return meetings.all().stream()
                .filter(s -> MeetingVisibility.mayKnow(s, caller))
                .filter(s -> !ClosedSets.given(locality)
                        || s.getLocality() == locality
                        || s.getLocality() == Locality.LOCALITY_CITY_WIDE)
                .toList();
    }

    static CallerContext signedIn(String why) {
        CallerContext caller = CallerContexts.current();
        if (caller.getRolesList().isEmpty()) {
            throw new ForbiddenException(why);
        }
        return caller;
    }

    void requireFuture(String meetingId) {
        if (MeetingSchedule.start(meetingId).toInstant().isBefore(clock.instant())) {
            throw InvalidInputException.of("/meeting_id", "This meeting has already taken place");
        }
    }

    static void checkWindow(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MeetingSchedule.MAX_DAYS) {
            throw InvalidInputException.of(
                    "to", "to must be on or after from, at most " + MeetingSchedule.MAX_DAYS + " days later");
        }
    }

    static Locality locality(Locality locality) {
        if (locality.getNumber() != 0 && !Localities.isAreaOrCityWide(locality)) {
            throw InvalidInputException.of("locality", Localities.AREA_OR_CITY_WIDE_RULE);
        }
        return locality;
    }

    LocalDate today() {
        return CityTime.today(clock);
    }

    String now() {
        return CityTime.timestamp(clock);
    }
}
