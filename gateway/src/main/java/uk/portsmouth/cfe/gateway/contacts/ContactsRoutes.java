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
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.contacts.v1.BulletinPage;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc.ContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.CreateTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryPage;
import uk.portsmouth.cfe.proto.contacts.v1.ListBulletinsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListTeamsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SearchGlossaryRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Team;
import uk.portsmouth.cfe.proto.contacts.v1.TeamPage;
import uk.portsmouth.cfe.proto.contacts.v1.TeamRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateTeamRequest;

/**
 * {@code /v1/contacts/teams} (public reads; the LA maintains), {@code /v1/glossary} and
 * {@code /v1/bulletins} (public).
 */
public final class ContactsRoutes implements HttpService {

    private static final Set<String> MAINTAINERS = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);
    /** A client may send these back as read; the server sets them. */
    private static final List<String> SERVER_FIELDS = List.of("id", "last_modified");

    private final ContactsServiceBlockingStub contacts;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public ContactsRoutes(ContactsServiceBlockingStub contacts, Authenticator authenticator, RequestBodies bodies) {
        this.contacts = contacts;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/contacts/teams", this::listTeams)
                .post("/contacts/teams", this::createTeam)
                .get("/contacts/teams/{id}", this::getTeam)
                .put("/contacts/teams/{id}", this::updateTeam)
                .get("/glossary", this::glossary)
                .get("/bulletins", this::bulletins);
    }

    private void listTeams(ServerRequest req, ServerResponse res) {
        ListTeamsRequest.Builder list = ListTeamsRequest.newBuilder()
                .setText(QueryParams.text(req, "search"))
                .setPage(QueryParams.page(req));
        QueryParams.integer(req, "tier").ifPresent(list::setTier);
        TeamPage page =
                authenticator.on(contacts, req, authenticator.caller(req)).listTeams(list.build());
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
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

    private void glossary(ServerRequest req, ServerResponse res) {
        GlossaryPage page = authenticator
                .on(contacts, req, authenticator.caller(req))
                .searchGlossary(SearchGlossaryRequest.newBuilder()
                        .setText(QueryParams.text(req, "search"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    private void bulletins(ServerRequest req, ServerResponse res) {
        BulletinPage page = authenticator
                .on(contacts, req, authenticator.caller(req))
                .listBulletins(ListBulletinsRequest.newBuilder()
                        .setPage(QueryParams.page(req))
                        .build());
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }
}
