package uk.portsmouth.cfe.contacts.app;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.portsmouth.cfe.contacts.domain.MeetingRequests;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRoute;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRouteKind;
import uk.portsmouth.cfe.proto.contacts.v1.ListPupilMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingFormat;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;

/**
 * Severely Absent Meetings, the use cases: the attendance service schedules one for a school (the
 * school itself or the LA asked, the pupils came from its records) as a date of the school's own
 * restricted series; the school and the LA list a pupil's upcoming ones. Audited.
 */
public final class SevereAbsenceMeetings {
    private static final List<String> LA = CallerContexts.LA_ROLES;
    /** The id of a school's own series is this and its URN. */
    static final String SERIES_PREFIX = "severely-absent-meetings-";

    private final MeetingStore meetings;
    private final MeetingRecordStore records;
    private final MeetingLookup lookup;
    private final AuditLog audit;
    private final Clock clock;

    public SevereAbsenceMeetings(
            MeetingStore meetings, MeetingRecordStore records, MeetingLookup lookup, AuditLog audit, Clock clock) {
        this.meetings = meetings;
        this.records = records;
        this.lookup = lookup;
        this.audit = audit;
        this.clock = clock;
    }

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
        return lookup.detail(series, meetingId, caller);
    }

    /** The school's upcoming Severely Absent Meetings that will discuss the pupil (the school itself or the LA). */
    public MeetingPage listPupilMeetings(ListPupilMeetingsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(
                request.getUrn(), LA, "Only the LA or the school itself sees a pupil's Severely Absent Meetings");
        String series = SERIES_PREFIX + request.getUrn();
        List<Meeting> upcoming = new ArrayList<>();
        for (String meetingId : records.meetingsAbout(request.getUpn()).keySet()) {
            if (meetingId.startsWith(series + "@")
                    && MeetingSchedule.start(meetingId).toInstant().isAfter(clock.instant())) {
                meetings.find(series)
                        .map(s -> MeetingLookup.occurrenceOrNull(s, meetingId))
                        .ifPresent(upcoming::add);
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
        String id = SERIES_PREFIX + school.getUrn();
        for (int attempt = 0; ; attempt++) {
            Optional<StoredRecord<MeetingSeries>> stored = meetings.findRecord(id);
            if (stored.isEmpty()) {
                MeetingSeries created = MeetingSeries.newBuilder()
                        .setId(id)
                        .setName("Severely Absent Meeting: " + school.getName())
                        .setPurpose("The termly meeting of the school and the LA about its severely absent pupils")
                        .setAudience("The school's attendance lead and DSL; the LA's School Attendance Team")
                        .setCadence("termly")
                        .setFormat(MeetingFormat.MEETING_FORMAT_TEAMS)
                        .setLocality(school.getLocality())
                        .setRestricted(true)
                        .setSchoolUrn(school.getUrn())
                        .setDurationMinutes(durationMinutes)
                        .addDates(start.toString())
                        .setOrganiser(ContactRoute.newBuilder()
                                .setKind(ContactRouteKind.CONTACT_ROUTE_KIND_EMAIL)
                                .setUnknown(true)
                                .setDescription("School Attendance Team"))
                        .setLastModified(lookup.now())
                        .build();
                if (meetings.insert(created, caller.getSubject())) {
                    return created;
                }
            } else if (stored.get().body().getDatesList().contains(start.toString())) {
                return stored.get().body();
            } else {
                MeetingSeries updated = stored.get().body().toBuilder()
                        .addDates(start.toString())
                        .setLastModified(lookup.now())
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
}
