package uk.portsmouth.cfe.gateway.contacts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.auth.Roles;
import uk.portsmouth.cfe.gateway.http.AllPages;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc.ContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesPage;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;

/**
 * {@code /v1/meetings}: series, meetings in a date range, iCalendar feeds (public; restricted series
 * such as MARAC and MET child-focused appear only for LA callers, never in a public feed), and
 * registrations (any signed-in caller registers; the LA sees who).
 */
public final class MeetingsRoutes implements HttpService {

    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);

    private final ContactsServiceBlockingStub contacts;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public MeetingsRoutes(ContactsServiceBlockingStub contacts, Authenticator authenticator, RequestBodies bodies) {
        this.contacts = contacts;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/series", this::listSeries)
                .get("/series/{id}", this::getSeries)
                .get("/calendar.ics", this::calendar)
                .get("/", this::listMeetings)
                .post("/{id}/registrations", this::register)
                .get("/{id}/registrations", this::registrations)
                .any("/{id}/registrations", Problems.allowOnly("GET, POST"));
    }


    /** Any signed-in caller registers themselves: a place while there is room, else the waiting list. */
    private void register(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, Roles.ALL);
        JsonNode body = bodies.read(req, "RegistrationInput");
        Registration registration = authenticator.on(contacts, req, Optional.of(caller))
                .register(RegisterRequest.newBuilder()
                                  .setMeetingId(req.path().pathParameters().get("id"))
                                  .setName(body.path("name").asText(""))
                                  .setEmail(body.path("email").asText(""))
                                  .setOrganisation(body.path("organisation").asText(""))
                                  .build());
        res.status(Status.CREATED_201).header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.proto(registration));
    }

    /** Who is registered and waiting: personal data, the LA only (audited in the service). */
    private void registrations(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        Json.ok(req, res, Json.proto(authenticator.on(contacts, req, Optional.of(caller))
                                             .listRegistrations(ListRegistrationsRequest.newBuilder()
                                                                        .setMeetingId(req.path().pathParameters().get("id"))
                                                                        .build())));
    }

    private void listSeries(ServerRequest req, ServerResponse res) {
        MeetingSeriesPage page = authenticator.on(contacts, req, authenticator.caller(req)).listMeetingSeries(ListMeetingSeriesRequest.newBuilder()
                .setLocality(QueryParams.text(req, "locality"))
                .setPage(QueryParams.page(req))
                .build());
        Json.ok(req, res, Json.page(page.getPage(), page.getContentsList()));
    }

    private void getSeries(ServerRequest req, ServerResponse res) {
        Json.ok(req, res, Json.proto(authenticator.on(contacts, req, authenticator.caller(req)).getMeetingSeries(
                GetMeetingSeriesRequest.newBuilder().setId(req.path().pathParameters().get("id")).build())));
    }

    private void listMeetings(ServerRequest req, ServerResponse res) {
        MeetingPage page = authenticator.on(contacts, req, authenticator.caller(req)).listMeetings(range(req).setPage(QueryParams.page(req)).build());
        Json.ok(req, res, Json.page(page.getPage(), page.getContentsList()));
    }

    /** {@code ?series=ID} or {@code ?locality=north}, or every meeting the caller may see; a year ahead by default. */
    private void calendar(ServerRequest req, ServerResponse res) {
        ListMeetingsRequest.Builder range = range(req);
        if (QueryParams.text(req, "to").isEmpty()) {
            range.setTo(java.time.LocalDate.parse(range.getFrom().isEmpty()
                    ? java.time.LocalDate.now().toString() : range.getFrom()).plusDays(365).toString());
        }
        ContactsServiceBlockingStub stub = authenticator.on(contacts, req, authenticator.caller(req));
        List<Meeting> meetings = AllPages.of(page -> stub.listMeetings(range.setPage(page).build()),
                                             MeetingPage::getPage, MeetingPage::getContentsList);
        String name = "Portsmouth CFE meetings" + (range.getSeriesId().isEmpty() ? "" : ": " + range.getSeriesId())
                + (range.getLocality().isEmpty() ? "" : " (" + range.getLocality() + ")");
        res.header(HeaderNames.CONTENT_TYPE, "text/calendar; charset=utf-8").send(CalendarFeed.of(name, meetings));
    }

    private static ListMeetingsRequest.Builder range(ServerRequest req) {
        return ListMeetingsRequest.newBuilder()
                .setFrom(QueryParams.text(req, "from"))
                .setTo(QueryParams.text(req, "to"))
                .setSeriesId(QueryParams.text(req, "series"))
                .setLocality(QueryParams.text(req, "locality"));
    }
}
