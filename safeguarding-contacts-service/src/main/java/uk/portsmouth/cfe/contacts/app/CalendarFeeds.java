package uk.portsmouth.cfe.contacts.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.domain.MeetingVisibility;
import uk.portsmouth.cfe.contacts.store.CalendarFeedStore;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.RequestFields;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.platform.trust.RandomSecrets;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.CalendarFeed;
import uk.portsmouth.cfe.proto.contacts.v1.CalendarFeedRevoked;
import uk.portsmouth.cfe.proto.contacts.v1.CreateCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMyMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingPage;
import uk.portsmouth.cfe.proto.contacts.v1.RevokeCalendarFeedRequest;

/**
 * Personal calendar links, the use cases: one secret link a person (a new one replaces the old),
 * kept as a hash with who the owner was when they made it; revoked at once; dead after its
 * lifetime; and, at every fetch, only the meetings the owner holds a place at and may still see.
 */
public final class CalendarFeeds {

    private final CalendarFeedStore feeds;
    private final RegistrationStore registrations;
    private final MeetingStore meetings;
    private final AuditLog audit;
    private final Duration lifetime;
    private final Clock clock;

    public CalendarFeeds(
            CalendarFeedStore feeds,
            RegistrationStore registrations,
            MeetingStore meetings,
            AuditLog audit,
            Duration lifetime,
            Clock clock) {
        this.feeds = feeds;
        this.registrations = registrations;
        this.meetings = meetings;
        this.audit = audit;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public CalendarFeed createCalendarFeed(CreateCalendarFeedRequest request) {
        CallerContext caller = MeetingLookup.signedIn("Sign in to make a calendar feed of your meetings");
        CalendarFeed feed = newLink(caller);
        audit.record(
                caller,
                "create-calendar-feed",
                "created, replacing any earlier link",
                AuditSubjects.user(caller.getSubject()));
        return feed;
    }

    public CalendarFeedRevoked revokeCalendarFeed(RevokeCalendarFeedRequest request) {
        CallerContext caller = MeetingLookup.signedIn("Sign in to revoke your calendar feed");
        boolean revoked = feeds.revoke(caller.getSubject());
        audit.record(
                caller, "revoke-calendar-feed", revoked ? "revoked" : "none", AuditSubjects.user(caller.getSubject()));
        return CalendarFeedRevoked.newBuilder().setRevoked(revoked).build();
    }

    /** The link owner's meetings, each checked against what the owner may see now. */
    public MeetingPage listMyMeetings(ListMyMeetingsRequest request) {
        Paging paging = Paging.of(request.getPage());
        LocalDate from = RequestFields.date(
                request.getFrom(), "from", CityTime.today(clock).minusDays(30));
        LocalDate to = RequestFields.date(request.getTo(), "to", from.plusDays(MeetingSchedule.MAX_DAYS - 1));
        MeetingLookup.checkWindow(from, to);
        List<Meeting> all = meetingsOf(request.getFeedToken(), from, to);
        List<Meeting> page = paging.slice(all);
        return MeetingPage.newBuilder()
                .setPage(paging.info(all.size(), page.size()))
                .addAllContents(page)
                .build();
    }

    /** A new secret link for {@code owner}, replacing any earlier one. */
    private CalendarFeed newLink(CallerContext owner) {
        String token = RandomSecrets.newSecret();
        Instant expires = clock.instant().plus(lifetime);
        feeds.replace(token, owner, clock.instant(), expires);
        return CalendarFeed.newBuilder()
                .setFeedToken(token)
                .setSubject(owner.getSubject())
                .setExpiresAt(expires.toString())
                .build();
    }

    /**
     * The meetings from {@code from} to {@code to} that the link's owner holds a place at and may still see, in
     * start order.
     */
    private List<Meeting> meetingsOf(String feedToken, LocalDate from, LocalDate to) {
        CallerContext owner = feeds.find(feedToken)
                .filter(f -> f.expiresAt().isAfter(clock.instant()))
                .map(CalendarFeedStore.Feed::owner)
                .orElseThrow(() -> new NotFoundException("calendar feed", "(secret)"));
        List<Meeting> mine = new ArrayList<>();
        for (String meetingId : registrations.meetingsOf(owner.getSubject())) {
            int at = meetingId.indexOf('@');
            LocalDate day = MeetingSchedule.start(meetingId).toLocalDate();
            if (!day.isBefore(from) && !day.isAfter(to)) {
                meetings.find(meetingId.substring(0, at))
                        .filter(series -> MeetingVisibility.mayKnow(series, owner))
                        .ifPresent(series -> MeetingSchedule.occurrences(series, day, day).stream()
                                .filter(m -> m.getId().equals(meetingId))
                                .forEach(mine::add));
            }
        }
        return MeetingSchedule.inStartOrder(mine);
    }
}
