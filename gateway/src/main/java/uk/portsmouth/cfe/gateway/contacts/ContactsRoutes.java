package uk.portsmouth.cfe.gateway.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.AllPages;
import uk.portsmouth.cfe.gateway.http.Compression;
import uk.portsmouth.cfe.gateway.http.CsvCells;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc.ContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.CreateTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListNamedContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListTeamsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContact;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactEntry;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactPage;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc.SchoolContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.Team;
import uk.portsmouth.cfe.proto.contacts.v1.TeamPage;
import uk.portsmouth.cfe.proto.contacts.v1.TeamRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateTeamRequest;

/**
 * {@code /v1/contacts}: the key teams (public; maintained by the LA) and the LA's lists of schools'
 * named contacts by role, locality and phase, as JSON or a CSV export.
 */
public final class ContactsRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/contacts";

    private static final Set<String> MAINTAINERS = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);
    /** A client may send these back as read; the server sets them. */
    private static final List<String> SERVER_FIELDS = List.of("id", "last_modified");

    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final String[] CSV_COLUMNS = {
        "urn", "school_name", "phase", "locality", "role", "vacant", "name", "email", "phone", "organisation"
    };

    private final ContactsServiceBlockingStub contacts;
    private final SchoolContactsServiceBlockingStub tracker;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public ContactsRoutes(
            ContactsServiceBlockingStub contacts,
            SchoolContactsServiceBlockingStub tracker,
            Authenticator authenticator,
            RequestBodies bodies) {
        this.contacts = contacts;
        this.tracker = tracker;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/teams", this::listTeams)
                .post("/teams", this::createTeam)
                .get("/teams/{id}", this::getTeam)
                .put("/teams/{id}", this::updateTeam)
                .get("/lists", this::list)
                .get("/export.csv", this::export);
    }

    private void listTeams(ServerRequest req, ServerResponse res) {
        ListTeamsRequest.Builder list = ListTeamsRequest.newBuilder()
                .setText(QueryParams.text(req, "search"))
                .setPage(QueryParams.page(req));
        QueryParams.integer(req, "tier").ifPresent(list::setTier);
        TeamPage page =
                authenticator.on(contacts, req, authenticator.caller(req)).listTeams(list.build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void getTeam(ServerRequest req, ServerResponse res) {
        TeamRecord record = authenticator
                .on(contacts, req, authenticator.caller(req))
                .getTeam(GetTeamRequest.newBuilder()
                        .setId(req.path().pathParameters().get("id"))
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getTeam()), ETags.ofVersion(record.getVersion()));
    }

    private void createTeam(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, MAINTAINERS);
        Team team = Json.toProto(
                        RequestBodies.withoutServerFields(bodies.read(req, "TeamInput"), SERVER_FIELDS),
                        Team.newBuilder())
                .build();
        TeamRecord created = authenticator
                .on(contacts, req, Optional.of(caller))
                .createTeam(CreateTeamRequest.newBuilder().setTeam(team).build());
        res.header(
                HeaderNames.LOCATION, "/v1/contacts/teams/" + created.getTeam().getId());
        Json.send(req, res, Status.CREATED_201, Json.proto(created.getTeam()), ETags.ofVersion(created.getVersion()));
    }

    private void updateTeam(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, MAINTAINERS);
        String id = req.path().pathParameters().get("id");
        long version = ETags.requiredVersion(req);
        JsonNode body = bodies.read(req, "TeamInput");
        RequestBodies.requireIdOfPath(body, id);
        Team team = Json.toProto(RequestBodies.withoutServerFields(body, SERVER_FIELDS), Team.newBuilder())
                .setId(id)
                .build();
        TeamRecord updated = authenticator
                .on(contacts, req, Optional.of(caller))
                .updateTeam(UpdateTeamRequest.newBuilder()
                        .setTeam(team)
                        .setExpectedVersion(version)
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(updated.getTeam()), ETags.ofVersion(updated.getVersion()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        NamedContactPage page = authenticator
                .on(tracker, req, Optional.of(caller))
                .listNamedContacts(filters(req, QueryParams.bool(req, "include_vacant"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    /** The tracker as a spreadsheet: one row a role a school, vacant roles included, same filters as lists. */
    private void export(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        ListNamedContactsRequest.Builder filters = filters(req, true);
        SchoolContactsServiceBlockingStub stub = authenticator.on(tracker, req, Optional.of(caller));
        List<NamedContactEntry> entries = AllPages.of(
                page -> stub.listNamedContacts(filters.setPage(page).build()),
                NamedContactPage::getPage,
                NamedContactPage::getContentsList);
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(
                csv, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS).get())) {
            for (NamedContactEntry entry : entries) {
                NamedContact contact = entry.getContact();
                printer.printRecord(
                        cell(entry.getUrn()),
                        cell(entry.getSchoolName()),
                        ClosedSets.jsonName(entry.getPhase()),
                        ClosedSets.jsonName(entry.getLocality()),
                        contact.getRole(),
                        contact.getVacant() ? "yes" : "no",
                        cell(contact.getName()),
                        cell(contact.getEmail()),
                        cell(contact.getPhone()),
                        cell(contact.getOrganisation()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8")
                .header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"school-contacts.csv\"");
        Compression.send(req, res, csv.toString());
    }

    private static ListNamedContactsRequest.Builder filters(ServerRequest req, boolean includeVacant) {
        return ListNamedContactsRequest.newBuilder()
                .addAllRoles(QueryParams.all(req, "role"))
                .setLocalityValue(QueryParams.closedSet(req, "locality", Locality.getDescriptor())
                        .getNumber())
                .setPhaseValue(QueryParams.closedSet(req, "phase", SchoolPhase.getDescriptor())
                        .getNumber())
                .setIncludeVacant(includeVacant);
    }

    private static String cell(String value) {
        return CsvCells.safe(value);
    }
}
