package uk.portsmouth.cfe.contacts.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import uk.portsmouth.cfe.contacts.domain.MeetingRequests;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.domain.MeetingVisibility;
import uk.portsmouth.cfe.contacts.domain.SlotBookings;
import uk.portsmouth.cfe.contacts.domain.TeamRules;
import uk.portsmouth.cfe.contacts.outbound.SchoolDirectory;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore.MeetingRecord;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.grpc.RequestFields;
import uk.portsmouth.cfe.platform.mongo.RequestFingerprints;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.contacts.v1.BookSlotRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CalendarFeed;
import uk.portsmouth.cfe.proto.contacts.v1.CalendarFeedRevoked;
import uk.portsmouth.cfe.proto.contacts.v1.CancelRegistrationRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRoute;
import uk.portsmouth.cfe.proto.contacts.v1.CreateCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CreateMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitations;
import uk.portsmouth.cfe.proto.contacts.v1.InviteRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitee;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMyMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListPupilMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesRecord;
import uk.portsmouth.cfe.proto.contacts.v1.Minutes;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactEntry;
import uk.portsmouth.cfe.proto.contacts.v1.RecordMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationList;
import uk.portsmouth.cfe.proto.contacts.v1.RevokeCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Slot;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateMeetingSeriesRequest;

/**
 * Multi-agency meetings. Who may know what: public series are public; a restricted series (MARAC)
 * exists only for the LA; a school's Severely Absent Meetings exist only for that school and the
 * LA. Child-level detail (SAM pupil lists, MET slots) is the LA's, and a booking worker's own
 * booking. Reads and writes of personal data are audited.
 */
public final class Meetings {

    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String SAM_SERIES = "severely-absent-meetings-";

    private final MeetingStore meetings;
    private final RegistrationStore registrations;
    private final MeetingRecordStore records;
    private final CalendarFeeds calendarFeeds;
    private final SchoolDirectory schools;
    private final AuditLog audit;
    private final Clock clock;

    public Meetings(
            MeetingStore meetings,
            RegistrationStore registrations,
            MeetingRecordStore records,
            CalendarFeeds calendarFeeds,
            SchoolDirectory schools,
            AuditLog audit,
            Clock clock) {
        this.meetings = meetings;
        this.registrations = registrations;
        this.records = records;
        this.calendarFeeds = calendarFeeds;
        this.schools = schools;
        this.audit = audit;
        this.clock = clock;
    }

    // --- series -------------------------------------------------------------------------------

    public MeetingSeriesPage listMeetingSeries(ListMeetingSeriesRequest request) {
        Paging paging = Paging.of(request.getPage());
        List<MeetingSeries> visible = visibleSeries(locality(request.getLocality()));
        List<MeetingSeries> page = paging.slice(visible);
        return MeetingSeriesPage.newBuilder()
                .setPage(paging.info(visible.size(), page.size()))
                .addAllContents(page)
                .build();
    }

    public MeetingSeriesRecord getMeetingSeries(GetMeetingSeriesRequest request) {
        StoredRecord<MeetingSeries> stored = meetings.findRecord(request.getId())
                .filter(s -> MeetingVisibility.mayKnow(s.body(), CallerContexts.current()))
                .orElseThrow(() -> new NotFoundException("meeting series", request.getId()));
        return MeetingSeriesRecord.newBuilder()
                .setSeries(stored.body())
                .setVersion(stored.version())
                .build();
    }

    public MeetingSeriesRecord createMeetingSeries(CreateMeetingSeriesRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA maintains meeting series");
        MeetingSeries series = request.getSeries().toBuilder()
                .setId(TeamRules.slug(request.getSeries().getName()))
                .setLastModified(now())
                .build();
        MeetingSchedule.validate(series);
        Supplier<RuntimeException> taken = () -> new ConflictException(
                "/name", "A meeting series called " + series.getName() + " exists already (" + series.getId() + ")");
        if (series.getId().startsWith(SAM_SERIES)) {
            throw taken.get();
        }
        String fingerprint = RequestFingerprints.of(request);
        if (!meetings.insert(series, caller.getSubject(), fingerprint)) {
            StoredRecord<MeetingSeries> made = RequestFingerprints.madeBySameRequest(
                    fingerprint,
                    meetings.requestHash(series.getId()),
                    () -> meetings.findRecord(series.getId()),
                    taken);
            return MeetingSeriesRecord.newBuilder()
                    .setSeries(made.body())
                    .setVersion(made.version())
                    .build();
        }
        return MeetingSeriesRecord.newBuilder().setSeries(series).setVersion(1).build();
    }

    public MeetingSeriesRecord updateMeetingSeries(UpdateMeetingSeriesRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA maintains meeting series");
        MeetingSeries current = meetings.find(request.getSeries().getId())
                .orElseThrow(() -> new NotFoundException(
                        "meeting series", request.getSeries().getId()));
        // a school's own series stays that school's
        MeetingSeries series = request.getSeries().toBuilder()
                .setSchoolUrn(current.getSchoolUrn())
                .setLastModified(now())
                .build();
        MeetingSchedule.validate(series);
        long version = meetings.replace(series, request.getExpectedVersion(), caller.getSubject());
        return MeetingSeriesRecord.newBuilder()
                .setSeries(series)
                .setVersion(version)
                .build();
    }

    // --- meetings -----------------------------------------------------------------------------

    public MeetingPage listMeetings(ListMeetingsRequest request) {
        Paging paging = Paging.of(request.getPage());
        LocalDate from = RequestFields.date(request.getFrom(), "from", today());
        LocalDate to = RequestFields.date(request.getTo(), "to", from.plusDays(request.getYearAhead() ? 365 : 90));
        checkWindow(from, to);
        List<MeetingSeries> series = visibleSeries(locality(request.getLocality())).stream()
                .filter(s -> request.getSeriesId().isEmpty() || s.getId().equals(request.getSeriesId()))
                .toList();
        if (!request.getSeriesId().isEmpty() && series.isEmpty()) {
            throw new NotFoundException("meeting series", request.getSeriesId());
        }
        List<Meeting> all = MeetingSchedule.inStartOrder(series.stream()
                .flatMap(s -> MeetingSchedule.occurrences(s, from, to).stream())
                .toList());
        List<Meeting> page = paging.slice(all);
        return MeetingPage.newBuilder()
                .setPage(paging.info(all.size(), page.size()))
                .addAllContents(page)
                .build();
    }

    public MeetingDetail getMeeting(GetMeetingRequest request) {
        CallerContext caller = CallerContexts.current();
        MeetingSeries series = meetingSeries(request.getMeetingId(), caller);
        return detail(series, request.getMeetingId(), caller);
    }

    // --- registration -------------------------------------------------------------------------

    public Registration register(RegisterRequest request) {
        CallerContext caller = signedIn("Sign in to register for a meeting");
        MeetingSeries series = meetingSeries(request.getMeetingId(), caller);
        MeetingRequests.validate(request);
        requireFuture(request.getMeetingId());
        Registration registration = Registration.newBuilder()
                .setMeetingId(request.getMeetingId())
                .setSubject(caller.getSubject())
                .setName(request.getName().strip())
                .setEmail(request.getEmail().strip())
                .setOrganisation(request.getOrganisation().strip())
                .setRegisteredAt(now())
                .build();
        Optional<Registration> result =
                registrations.register(request.getMeetingId(), series.getCapacity(), registration);
        audit.record(
                caller,
                "register",
                result.map(Registration::getStatus).orElse("already-registered"),
                AuditSubjects.meeting(request.getMeetingId()),
                AuditSubjects.of("user", caller.getSubject()));
        return result.orElseThrow(() -> new ConflictException(
                "/meeting_id", "You are already registered or on the waiting list for this meeting"));
    }

    public RegistrationList cancelRegistration(CancelRegistrationRequest request) {
        CallerContext caller = signedIn("Sign in to give up a place");
        String subject = request.getSubject().isEmpty() ? caller.getSubject() : request.getSubject();
        if (!subject.equals(caller.getSubject()) && !MeetingVisibility.isLa(caller)) {
            throw new ForbiddenException("Only the LA gives up someone else's place");
        }
        MeetingSeries series = meetingSeries(request.getMeetingId(), caller);
        requireFuture(request.getMeetingId());
        if (!registrations.cancel(request.getMeetingId(), subject, series.getCapacity())) {
            throw new NotFoundException("registration", subject + " at " + request.getMeetingId());
        }
        audit.record(
                caller,
                "cancel-registration",
                "cancelled " + subject,
                AuditSubjects.meeting(request.getMeetingId()),
                AuditSubjects.of("user", subject));
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
        MeetingSeries series = meetingSeries(request.getMeetingId(), caller);
        audit.record(caller, "list-registrations", "read", AuditSubjects.meeting(request.getMeetingId()));
        return registrationList(series, request.getMeetingId(), registrations.list(request.getMeetingId()));
    }

    // --- invitations, minutes, slots ------------------------------------------------------------

    public Invitations invite(InviteRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA sends invitations");
        meetingSeries(request.getMeetingId(), caller);
        MeetingRequests.validate(request.getPeopleList());
        boolean targeted = request.getRolesCount() > 0
                || !request.getLocality().isEmpty()
                || !request.getPhase().isEmpty();
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
        meetingSeries(request.getMeetingId(), caller);
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
                .setRecordedAt(now())
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
        CallerContext caller = signedIn("Sign in to read minutes");
        MeetingSeries series = meetingSeries(request.getMeetingId(), caller);
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
        CallerContext caller = signedIn("Sign in to book a slot");
        MeetingSeries series = meetingSeries(request.getMeetingId(), caller);
        if (series.getSlotMinutes() == 0) {
            throw InvalidInputException.of("/meeting_id", "This meeting has no child-focused slots to book");
        }
        MeetingRequests.validate(request, today());
        requireFuture(request.getMeetingId());
        MeetingRecord record = records.find(request.getMeetingId());
        Invitee worker = SlotBookings.workerFor(
                record.invitees(), caller, MeetingVisibility.isLa(caller), request.getWorkerEmail());
        Meeting meeting = occurrence(series, request.getMeetingId());
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

    // --- Severely Absent Meetings ---------------------------------------------------------------

    public MeetingDetail scheduleSevereAbsenceMeeting(ScheduleSevereAbsenceMeetingRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(
                request.getUrn(), LA, "Only the LA or the school itself schedules a school's Severely Absent Meeting");
        if (!PlatformServices.ATTENDANCE.serviceName().equals(caller.getViaService())) {
            // the pupils and the school come from the attendance service, never from a client
            throw new ForbiddenException("Severely Absent Meetings are requested through the attendance service");
        }
        MeetingRequests.validate(request);
        LocalDateTime start = LocalDateTime.parse(request.getStart());
        if (start.atZone(MeetingSchedule.PORTSMOUTH).toInstant().isBefore(clock.instant())) {
            throw InvalidInputException.of("/start", "start must be in the future");
        }
        School school = request.getSchool();
        MeetingSeries series = addSevereAbsenceDate(
                school, start, request.getDurationMinutes() == 0 ? 60 : request.getDurationMinutes(), caller);
        String meetingId = series.getId() + "@" + start;
        records.setPupils(meetingId, request.getPupilsList());
        audit.record(
                caller,
                "schedule-severe-absence-meeting",
                request.getPupilsCount() + " pupils",
                AuditSubjects.with(
                        AuditSubjects.meeting(meetingId),
                        AuditSubjects.upns(request.getPupilsList().stream()
                                .map(p -> p.getUpn())
                                .toList())));
        return detail(series, meetingId, caller);
    }

    /** The school's upcoming Severely Absent Meetings that will discuss the pupil (the school itself or the LA). */
    public MeetingPage listPupilMeetings(ListPupilMeetingsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(
                request.getUrn(), LA, "Only the LA or the school itself sees a pupil's Severely Absent Meetings");
        String series = SAM_SERIES + request.getUrn();
        List<Meeting> upcoming = new ArrayList<>();
        for (String meetingId : records.meetingsAbout(request.getUpn()).keySet()) {
            if (meetingId.startsWith(series + "@")
                    && MeetingSchedule.start(meetingId).toInstant().isAfter(clock.instant())) {
                meetings.find(series).map(s -> occurrenceOrNull(s, meetingId)).ifPresent(upcoming::add);
            }
        }
        audit.record(
                caller,
                "list-pupil-meetings",
                upcoming.size() + " upcoming",
                AuditSubjects.school(request.getUrn()),
                AuditSubjects.upn(request.getUpn()));
        List<Meeting> ordered = MeetingSchedule.inStartOrder(upcoming);
        return MeetingPage.newBuilder()
                .setPage(Paging.of(PageRequest.getDefaultInstance()).info(ordered.size(), ordered.size()))
                .addAllContents(ordered)
                .build();
    }

    /** The school's own series with {@code start} among its dates (made on the first request). */
    private MeetingSeries addSevereAbsenceDate(
            School school, LocalDateTime start, int durationMinutes, CallerContext caller) {
        String id = SAM_SERIES + school.getUrn();
        for (int attempt = 0; ; attempt++) {
            Optional<StoredRecord<MeetingSeries>> stored = meetings.findRecord(id);
            if (stored.isEmpty()) {
                MeetingSeries created = MeetingSeries.newBuilder()
                        .setId(id)
                        .setName("Severely Absent Meeting: " + school.getName())
                        .setPurpose("The termly meeting of the school and the LA about its severely absent pupils")
                        .setAudience("The school's attendance lead and DSL; the LA's School Attendance Team")
                        .setCadence("termly")
                        .setFormat("teams")
                        .setLocality(school.getLocality())
                        .setRestricted(true)
                        .setSchoolUrn(school.getUrn())
                        .setDurationMinutes(durationMinutes)
                        .addDates(start.toString())
                        .setOrganiser(ContactRoute.newBuilder()
                                .setKind("email")
                                .setUnknown(true)
                                .setDescription("School Attendance Team"))
                        .setLastModified(now())
                        .build();
                if (meetings.insert(created, caller.getSubject())) {
                    return created;
                }
            } else if (stored.get().body().getDatesList().contains(start.toString())) {
                return stored.get().body();
            } else {
                MeetingSeries updated = stored.get().body().toBuilder()
                        .addDates(start.toString())
                        .setLastModified(now())
                        .build();
                try {
                    meetings.replace(updated, stored.get().version(), caller.getSubject());
                    return updated;
                } catch (VersionConflictException e) {
                    if (attempt >= 2) {
                        throw e;
                    }
                }
            }
        }
    }

    // --- personal calendar feeds -----------------------------------------------------------------

    public CalendarFeed createCalendarFeed(CreateCalendarFeedRequest request) {
        CallerContext caller = signedIn("Sign in to make a calendar feed of your meetings");
        CalendarFeed feed = calendarFeeds.create(caller);
        audit.record(
                caller,
                "create-calendar-feed",
                "created, replacing any earlier link",
                AuditSubjects.of("user", caller.getSubject()));
        return feed;
    }

    public CalendarFeedRevoked revokeCalendarFeed(RevokeCalendarFeedRequest request) {
        CallerContext caller = signedIn("Sign in to revoke your calendar feed");
        boolean revoked = calendarFeeds.revoke(caller.getSubject());
        audit.record(
                caller,
                "revoke-calendar-feed",
                revoked ? "revoked" : "none",
                AuditSubjects.of("user", caller.getSubject()));
        return CalendarFeedRevoked.newBuilder().setRevoked(revoked).build();
    }

    /** The link owner's meetings, each checked against what the owner may see now. */
    public MeetingPage listMyMeetings(ListMyMeetingsRequest request) {
        Paging paging = Paging.of(request.getPage());
        LocalDate from = RequestFields.date(request.getFrom(), "from", today().minusDays(30));
        LocalDate to = RequestFields.date(request.getTo(), "to", from.plusDays(MeetingSchedule.MAX_DAYS - 1));
        checkWindow(from, to);
        List<Meeting> all = calendarFeeds.meetingsOf(request.getFeedToken(), from, to);
        List<Meeting> page = paging.slice(all);
        return MeetingPage.newBuilder()
                .setPage(paging.info(all.size(), page.size()))
                .addAllContents(page)
                .build();
    }

    // --- rules of visibility ----------------------------------------------------------------------

    /** One meeting with what the caller may see of it; child-level detail is audited. */
    private MeetingDetail detail(MeetingSeries series, String meetingId, CallerContext caller) {
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

    private static RegistrationList registrationList(
            MeetingSeries series, String meetingId, RegistrationStore.Places places) {
        return RegistrationList.newBuilder()
                .setMeetingId(meetingId)
                .setCapacity(series.getCapacity())
                .addAllRegistered(places.registered())
                .addAllWaiting(places.waiting())
                .build();
    }

    /** The series of a real meeting "<series>@<local start>" the caller may know of; not found otherwise. */
    private MeetingSeries meetingSeries(String meetingId, CallerContext caller) {
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

    private static Meeting occurrence(MeetingSeries series, String meetingId) {
        Meeting meeting = occurrenceOrNull(series, meetingId);
        if (meeting == null) {
            throw new NotFoundException("meeting", meetingId);
        }
        return meeting;
    }

    private static Meeting occurrenceOrNull(MeetingSeries series, String meetingId) {
        LocalDate day = MeetingSchedule.start(meetingId).toLocalDate();
        return MeetingSchedule.occurrences(series, day, day).stream()
                .filter(m -> m.getId().equals(meetingId))
                .findFirst()
                .orElse(null);
    }

    /** Series the caller may know exist, in the locality asked for (city-wide ones always). */
    private List<MeetingSeries> visibleSeries(String locality) {
        CallerContext caller = CallerContexts.current();
        return meetings.all().stream()
                .filter(s -> MeetingVisibility.mayKnow(s, caller))
                .filter(s -> locality.isEmpty()
                        || s.getLocality().equals(locality)
                        || s.getLocality().equals(Localities.CITY_WIDE))
                .toList();
    }

    private static CallerContext signedIn(String why) {
        CallerContext caller = CallerContexts.current();
        if (caller.getRolesList().isEmpty()) {
            throw new ForbiddenException(why);
        }
        return caller;
    }

    private void requireFuture(String meetingId) {
        if (MeetingSchedule.start(meetingId).toInstant().isBefore(clock.instant())) {
            throw InvalidInputException.of("/meeting_id", "This meeting has already taken place");
        }
    }

    private static void checkWindow(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MeetingSchedule.MAX_DAYS) {
            throw InvalidInputException.of(
                    "to", "to must be on or after from, at most " + MeetingSchedule.MAX_DAYS + " days later");
        }
    }

    private static String locality(String locality) {
        if (!locality.isEmpty() && !Localities.isAreaOrCityWide(locality)) {
            throw InvalidInputException.of("locality", Localities.AREA_OR_CITY_WIDE_RULE);
        }
        return locality;
    }

    private LocalDate today() {
        return CityTime.today(clock);
    }

    private String now() {
        return CityTime.timestamp(clock);
    }
}
