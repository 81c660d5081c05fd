package uk.portsmouth.cfe.gateway.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.AllPages;
import uk.portsmouth.cfe.gateway.http.Compression;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.contacts.v1.BookSlotRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CalendarFeed;
import uk.portsmouth.cfe.proto.contacts.v1.CancelRegistrationRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CreateCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CreateMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.InviteRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMyMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesRecord;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.RecordMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RevokeCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateMeetingSeriesRequest;

/**
 * {@code /v1/meetings}: series (public reads, the LA maintains), meetings in a date range and one
 * meeting in detail, iCalendar feeds (public ones never hold restricted meetings; a personal one
 * behind a secret link), registrations, invitations, minutes and MET slots. Who may see what of a
 * meeting is the contacts service's decision.
 */
public final class MeetingsRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/meetings";

    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final List<String> SERVER_FIELDS = List.of("id", "last_modified", "school_urn");

    private final MeetingsServiceBlockingStub meetings;
    private final Authenticator authenticator;
    private final RequestBodies bodies;
    private final String publicUrl;
    private final String calendarOrganizer;

    public MeetingsRoutes(
            MeetingsServiceBlockingStub meetings,
            Authenticator authenticator,
            RequestBodies bodies,
            String publicUrl,
            String calendarOrganizer) {
        this.meetings = meetings;
        this.authenticator = authenticator;
        this.bodies = bodies;
        this.publicUrl = publicUrl;
        this.calendarOrganizer = calendarOrganizer;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/series", this::listSeries)
                .post("/series", this::createSeries)
                .get("/series/{id}", this::getSeries)
                .put("/series/{id}", this::updateSeries)
                .get("/calendar.ics", this::calendar)
                .post("/calendar-feeds", this::createCalendarFeed)
                .delete("/calendar-feeds", this::revokeCalendarFeed)
                .get("/", this::listMeetings)
                .get("/{id}", this::getMeeting)
                .post("/{id}/registrations", this::register)
                .get("/{id}/registrations", this::registrations)
                .delete("/{id}/registrations", this::cancelRegistration)
                .post("/{id}/invitations", this::invite)
                .get("/{id}/minutes", this::minutes)
                .post("/{id}/minutes", this::recordMinutes)
                .post("/{id}/slots", this::bookSlot);
    }

    // --- series -------------------------------------------------------------------------------

    private void listSeries(ServerRequest req, ServerResponse res) {
        MeetingSeriesPage page = asCaller(req)
                .listMeetingSeries(ListMeetingSeriesRequest.newBuilder()
                        .setLocalityValue(QueryParams.closedSet(req, "locality", Locality.getDescriptor())
                                .getNumber())
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void getSeries(ServerRequest req, ServerResponse res) {
        MeetingSeriesRecord record = asCaller(req)
                .getMeetingSeries(
                        GetMeetingSeriesRequest.newBuilder().setId(id(req)).build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getSeries()), ETags.ofVersion(record.getVersion()));
    }

    private void createSeries(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        MeetingSeries series = Json.toProto(
                        RequestBodies.withoutServerFields(bodies.read(req, "MeetingSeriesInput"), SERVER_FIELDS),
                        MeetingSeries.newBuilder())
                .build();
        MeetingSeriesRecord created = as(req, caller)
                .createMeetingSeries(CreateMeetingSeriesRequest.newBuilder()
                        .setSeries(series)
                        .build());
        res.header(
                HeaderNames.LOCATION,
                "/v1/meetings/series/" + created.getSeries().getId());
        Json.send(req, res, Status.CREATED_201, Json.proto(created.getSeries()), ETags.ofVersion(created.getVersion()));
    }

    private void updateSeries(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        long version = ETags.requiredVersion(req);
        JsonNode body = bodies.read(req, "MeetingSeriesInput");
        RequestBodies.requireIdOfPath(body, id(req));
        MeetingSeries series = Json.toProto(
                        RequestBodies.withoutServerFields(body, SERVER_FIELDS), MeetingSeries.newBuilder())
                .setId(id(req))
                .build();
        MeetingSeriesRecord updated = as(req, caller)
                .updateMeetingSeries(UpdateMeetingSeriesRequest.newBuilder()
                        .setSeries(series)
                        .setExpectedVersion(version)
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(updated.getSeries()), ETags.ofVersion(updated.getVersion()));
    }

    // --- meetings -----------------------------------------------------------------------------

    private void listMeetings(ServerRequest req, ServerResponse res) {
        MeetingPage page = asCaller(req)
                .listMeetings(range(req).setPage(QueryParams.page(req)).build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void getMeeting(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.proto(asCaller(req)
                        .getMeeting(GetMeetingRequest.newBuilder()
                                .setMeetingId(id(req))
                                .build())));
    }

    /**
     * {@code ?series=ID}, {@code ?locality=north}, or every meeting the caller may see, a year
     * ahead by default; {@code ?feed=SECRET} is the secret link's owner's own meetings.
     */
    private void calendar(ServerRequest req, ServerResponse res) {
        String feed = QueryParams.text(req, "feed");
        List<Meeting> found;
        String name;
        if (!feed.isEmpty()) {
            ListMyMeetingsRequest.Builder mine = ListMyMeetingsRequest.newBuilder()
                    .setFeedToken(feed)
                    .setFrom(QueryParams.date(req, "from"))
                    .setTo(QueryParams.date(req, "to"));
            found = AllPages.of(
                    page -> meetings.listMyMeetings(mine.setPage(page).build()),
                    MeetingPage::getPage,
                    MeetingPage::getContentsList);
            name = "My Portsmouth CFE meetings";
        } else {
            // a year ahead by default, from the service's today
            ListMeetingsRequest.Builder range = range(req).setYearAhead(true);
            MeetingsServiceBlockingStub stub = asCaller(req);
            found = AllPages.of(
                    page -> stub.listMeetings(range.setPage(page).build()),
                    MeetingPage::getPage,
                    MeetingPage::getContentsList);
            name = "Portsmouth CFE meetings" + (range.getSeriesId().isEmpty() ? "" : ": " + range.getSeriesId())
                    + (ClosedSets.given(range.getLocality())
                            ? " (" + ClosedSets.jsonName(range.getLocality()) + ")"
                            : "");
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/calendar; charset=utf-8");
        Compression.send(req, res, MeetingCalendar.of(name, calendarOrganizer, found));
    }

    /** A secret link to the caller's own meetings, for a calendar app (which cannot send a token). */
    private void createCalendarFeed(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, Roles.ALL);
        CalendarFeed feed = as(req, caller).createCalendarFeed(CreateCalendarFeedRequest.getDefaultInstance());
        String url = publicUrl + "/v1/meetings/calendar.ics?feed=" + feed.getFeedToken();
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.created(
                req,
                res,
                url,
                Json.write(Json.map("url", url, "feed_token", feed.getFeedToken(), "expires_at", feed.getExpiresAt())),
                null);
    }

    /** The caller's secret link stops working at once. */
    private void revokeCalendarFeed(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, Roles.ALL);
        if (!as(req, caller)
                .revokeCalendarFeed(RevokeCalendarFeedRequest.getDefaultInstance())
                .getRevoked()) {
            throw Problems.notFound("You have no calendar feed link");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    // --- registrations ------------------------------------------------------------------------

    /** Any signed-in caller registers themselves: a place while there is room, else the waiting list. */
    private void register(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, Roles.ALL);
        JsonNode body = bodies.read(req, "RegistrationInput");
        RegisterRequest register = Json.toProto(body, RegisterRequest.newBuilder())
                .setMeetingId(id(req))
                .build();
        Json.created(
                req,
                res,
                "/v1/meetings/" + id(req) + "/registrations",
                Json.proto(as(req, caller).register(register)),
                null);
    }

    /** Who is registered and waiting: personal data, the LA only (audited in the service). */
    private void registrations(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        Json.ok(
                req,
                res,
                Json.proto(as(req, caller)
                        .listRegistrations(ListRegistrationsRequest.newBuilder()
                                .setMeetingId(id(req))
                                .build())));
    }

    /** Gives up the caller's place ({@code ?subject=} someone else's: the LA only); the first waiting takes it. */
    private void cancelRegistration(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, Roles.ALL);
        as(req, caller)
                .cancelRegistration(CancelRegistrationRequest.newBuilder()
                        .setMeetingId(id(req))
                        .setSubject(QueryParams.text(req, "subject"))
                        .build());
        res.status(Status.NO_CONTENT_204).send();
    }

    // --- invitations, minutes, slots ------------------------------------------------------------

    private void invite(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        InviteRequest invite = Json.toProto(bodies.read(req, "InvitationInput"), InviteRequest.newBuilder())
                .setMeetingId(id(req))
                .build();
        Json.send(req, res, Status.OK_200, Json.proto(as(req, caller).invite(invite)), null);
    }

    private void minutes(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, Roles.ALL);
        Json.ok(
                req,
                res,
                Json.proto(as(req, caller)
                        .getMinutes(GetMinutesRequest.newBuilder()
                                .setMeetingId(id(req))
                                .build())));
    }

    private void recordMinutes(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        RecordMinutesRequest minutes = Json.toProto(bodies.read(req, "MinutesInput"), RecordMinutesRequest.newBuilder())
                .setMeetingId(id(req))
                .build();
        Json.created(
                req,
                res,
                "/v1/meetings/" + id(req) + "/minutes",
                Json.proto(as(req, caller).recordMinutes(minutes)),
                null);
    }

    private void bookSlot(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, Roles.ALL);
        BookSlotRequest booking = Json.toProto(bodies.read(req, "SlotBookingInput"), BookSlotRequest.newBuilder())
                .setMeetingId(id(req))
                .build();
        // a slot is shown with its meeting
        Json.created(
                req, res, "/v1/meetings/" + id(req), Json.proto(as(req, caller).bookSlot(booking)), null);
    }

    private MeetingsServiceBlockingStub asCaller(ServerRequest req) {
        return authenticator.on(meetings, req, authenticator.caller(req));
    }

    private MeetingsServiceBlockingStub as(ServerRequest req, Caller caller) {
        return authenticator.on(meetings, req, Optional.of(caller));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static ListMeetingsRequest.Builder range(ServerRequest req) {
        return ListMeetingsRequest.newBuilder()
                .setFrom(QueryParams.date(req, "from"))
                .setTo(QueryParams.date(req, "to"))
                .setSeriesId(QueryParams.text(req, "series"))
                .setLocalityValue(QueryParams.closedSet(req, "locality", Locality.getDescriptor())
                        .getNumber());
    }
}
