package uk.portsmouth.cfe.contacts.app;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.domain.MeetingVisibility;
import uk.portsmouth.cfe.contacts.domain.TeamRules;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.RequestFields;
import uk.portsmouth.cfe.platform.mongo.RequestFingerprints;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.CreateMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateMeetingSeriesRequest;

/**
 * Meeting series and the meetings they hold, the use cases: anyone lists the series and meetings
 * they may know of (a restricted series exists only for the LA, a school's Severely Absent Meetings
 * only for that school and the LA); the LA maintains series.
 */
public final class MeetingSeriesAdmin {
    private static final List<String> LA = CallerContexts.LA_ROLES;

    private final MeetingStore meetings;
    private final MeetingLookup lookup;

    public MeetingSeriesAdmin(MeetingStore meetings, MeetingLookup lookup) {
        this.meetings = meetings;
        this.lookup = lookup;
    }

    public MeetingSeriesPage listMeetingSeries(ListMeetingSeriesRequest request) {
        Paging paging = Paging.of(request.getPage());
        List<MeetingSeries> visible = lookup.visibleSeries(MeetingLookup.locality(request.getLocality()));
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
                .setLastModified(lookup.now())
                .build();
        MeetingSchedule.validate(series);
        Supplier<RuntimeException> taken = () -> new ConflictException(
                "/name", "A meeting series called " + series.getName() + " exists already (" + series.getId() + ")");
        if (series.getId().startsWith(SevereAbsenceMeetings.SERIES_PREFIX)) {
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
                .setLastModified(lookup.now())
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
        LocalDate from = RequestFields.date(request.getFrom(), "from", lookup.today());
        LocalDate to = RequestFields.date(request.getTo(), "to", from.plusDays(request.getYearAhead() ? 365 : 90));
        MeetingLookup.checkWindow(from, to);
        List<MeetingSeries> series = lookup.visibleSeries(MeetingLookup.locality(request.getLocality())).stream()
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
        MeetingSeries series = lookup.meetingSeries(request.getMeetingId(), caller);
        return lookup.detail(series, request.getMeetingId(), caller);
    }
}
