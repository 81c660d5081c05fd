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
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.trust.RandomSecrets;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.CalendarFeed;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;

/**
 * Personal calendar links, the use cases: one secret link a person (a new one replaces the old),
 * kept as a hash with who the owner was when they made it; revoked at once; dead after its
 * lifetime; and, at every fetch, only the meetings the owner holds a place at and may still see.
 */
public final class CalendarFeeds {

    private final CalendarFeedStore feeds;
    private final RegistrationStore registrations;
    private final MeetingStore meetings;
    private final Duration lifetime;
    private final Clock clock;

    public CalendarFeeds(
            CalendarFeedStore feeds,
            RegistrationStore registrations,
            MeetingStore meetings,
            Duration lifetime,
            Clock clock) {
        this.feeds = feeds;
        this.registrations = registrations;
        this.meetings = meetings;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A new secret link for {@code owner}, replacing any earlier one. */
    public CalendarFeed create(CallerContext owner) {
        String token = RandomSecrets.newSecret();
        Instant expires = clock.instant().plus(lifetime);
        feeds.replace(token, owner, clock.instant(), expires);
        return CalendarFeed.newBuilder()
                .setFeedToken(token)
                .setSubject(owner.getSubject())
                .setExpiresAt(expires.toString())
                .build();
    }

    /** Ends {@code subject}'s link; false when there was none. */
    public boolean revoke(String subject) {
        return feeds.revoke(subject);
    }

    /**
     * The meetings from {@code from} to {@code to} that the link's owner holds a place at and may still see, in
     * start order.
     */
    public List<Meeting> meetingsOf(String feedToken, LocalDate from, LocalDate to) {
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
