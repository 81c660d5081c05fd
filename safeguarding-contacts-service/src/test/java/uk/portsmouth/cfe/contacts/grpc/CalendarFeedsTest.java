package uk.portsmouth.cfe.contacts.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.contacts.Main;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.CreateCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMyMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesRecord;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RevokeCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateMeetingSeriesRequest;

/**
 * Personal calendar feeds: one live link a person, re-checked at every fetch against what its
 * owner may see now, revocable at once, and dead after the configured lifetime.
 */
class CalendarFeedsTest {

    private static final CallerContext WORKER = CallerContext.newBuilder()
            .setSubject("worker-9")
            .addRoles("professional")
            .setProfessionalId("p-9")
            .build();
    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer-1")
            .addRoles("la_officer")
            .build();
    private static final String SERIES = "senco-network";

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-28T10:00:00Z"));
    private static ServiceHost host;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        host = Main.start(
                TestTrust.serviceConfig(
                        Main.NAME,
                        true,
                        Map.of("services.attendance.target", "127.0.0.1:1", "calendar-feeds.lifetime", "PT24H")),
                Telemetry.noop(),
                CLOCK);
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
    }

    private static MeetingsServiceBlockingStub as(CallerContext caller) {
        return CallerContexts.attach(MeetingsServiceGrpc.newBlockingStub(channel), caller);
    }

    private static List<String> feed(String token) {
        return MeetingsServiceGrpc.newBlockingStub(channel)
                .listMyMeetings(ListMyMeetingsRequest.newBuilder()
                        .setFeedToken(token)
                        .setFrom(Dates.of(LocalDate.of(2026, 11, 28)))
                        .setTo(Dates.of(LocalDate.of(2027, 8, 31)))
                        .build())
                .getContentsList()
                .stream()
                .map(Meeting::getId)
                .toList();
    }

    private static Status.Code fetchFails(String token) {
        return assertThrows(StatusRuntimeException.class, () -> feed(token))
                .getStatus()
                .getCode();
    }

    @Test
    void aFeedIsReplacedRevokedExpiredAndRecheckedAtEveryFetch() {
        String meeting = as(WORKER)
                .listMeetings(uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest.newBuilder()
                        .setSeriesId(SERIES)
                        .setFrom(Dates.of(LocalDate.of(2026, 11, 28)))
                        .setTo(Dates.of(LocalDate.of(2027, 8, 31)))
                        .build())
                .getContents(0)
                .getId();
        as(WORKER)
                .register(RegisterRequest.newBuilder()
                        .setMeetingId(meeting)
                        .setName("Wren")
                        .setEmail("wren@school.example")
                        .build());

        String first = as(WORKER)
                .createCalendarFeed(CreateCalendarFeedRequest.getDefaultInstance())
                .getFeedToken();
        assertThat(feed(first), contains(meeting));
        // a new link replaces the old one
        String second = as(WORKER)
                .createCalendarFeed(CreateCalendarFeedRequest.getDefaultInstance())
                .getFeedToken();
        assertThat(fetchFails(first), is(Status.Code.NOT_FOUND));
        assertThat(feed(second), contains(meeting));

        // the series is made restricted: its meetings leave the feed of someone who may no longer see them
        MeetingSeriesRecord series = as(OFFICER)
                .getMeetingSeries(
                        GetMeetingSeriesRequest.newBuilder().setId(SERIES).build());
        as(OFFICER)
                .updateMeetingSeries(UpdateMeetingSeriesRequest.newBuilder()
                        .setSeries(series.getSeries().toBuilder().setRestricted(true))
                        .setExpectedVersion(series.getVersion())
                        .build());
        assertThat(feed(second), is(empty()));
        MeetingSeriesRecord restricted = as(OFFICER)
                .getMeetingSeries(
                        GetMeetingSeriesRequest.newBuilder().setId(SERIES).build());
        as(OFFICER)
                .updateMeetingSeries(UpdateMeetingSeriesRequest.newBuilder()
                        .setSeries(restricted.getSeries().toBuilder().setRestricted(false))
                        .setExpectedVersion(restricted.getVersion())
                        .build());
        assertThat(feed(second), contains(meeting));

        // revoked: dead at once; revoking again finds nothing
        assertThat(
                as(WORKER)
                        .revokeCalendarFeed(RevokeCalendarFeedRequest.getDefaultInstance())
                        .getRevoked(),
                is(true));
        assertThat(fetchFails(second), is(Status.Code.NOT_FOUND));
        assertThat(
                as(WORKER)
                        .revokeCalendarFeed(RevokeCalendarFeedRequest.getDefaultInstance())
                        .getRevoked(),
                is(false));

        // a link lives for the configured time only
        String third = as(WORKER)
                .createCalendarFeed(CreateCalendarFeedRequest.getDefaultInstance())
                .getFeedToken();
        CLOCK.advance(Duration.ofHours(23));
        assertThat(feed(third), contains(meeting));
        CLOCK.advance(Duration.ofHours(2));
        assertThat(fetchFails(third), is(Status.Code.NOT_FOUND));
    }
}
