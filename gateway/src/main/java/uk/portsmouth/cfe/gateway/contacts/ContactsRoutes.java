package uk.portsmouth.cfe.gateway.contacts;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.auth.Roles;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
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
                .any("/contacts/teams", Problems.allowOnly("GET, POST"))
                .get("/contacts/teams/{id}", this::getTeam)
                .put("/contacts/teams/{id}", this::updateTeam)
                .any("/contacts/teams/{id}", Problems.allowOnly("GET, PUT"))
                .get("/glossary", this::glossary)
                .get("/bulletins", this::bulletins);
    }

    private ContactsServiceBlockingStub contacts(ServerRequest req, Optional<Caller> caller) {
        return CallerContexts.attach(contacts, authenticator.context(req, caller));
    }

    private void listTeams(ServerRequest req, ServerResponse res) {
        ListTeamsRequest.Builder list = ListTeamsRequest.newBuilder()
                .setText(QueryParams.text(req, "search"))
                .setPage(QueryParams.page(req));
        QueryParams.integer(req, "tier").ifPresent(list::setTier);
        TeamPage page = contacts(req, authenticator.caller(req)).listTeams(list.build());
        Json.ok(req, res, Json.page(page.getPage(), page.getContentsList()));
    }

    private void getTeam(ServerRequest req, ServerResponse res) {
        TeamRecord record = contacts(req, authenticator.caller(req))
                .getTeam(GetTeamRequest.newBuilder().setId(req.path().pathParameters().get("id")).build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getTeam()), ETags.ofVersion(record.getVersion()));
    }

    private void createTeam(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, MAINTAINERS);
        Team team = Json.toProto(writable(bodies.read(req, "TeamInput")), Team.newBuilder()).build();
        TeamRecord created = contacts(req, Optional.of(caller)).createTeam(CreateTeamRequest.newBuilder().setTeam(team).build());
        res.header(HeaderNames.LOCATION, "/v1/contacts/teams/" + created.getTeam().getId());
        Json.send(req, res, Status.CREATED_201, Json.proto(created.getTeam()), ETags.ofVersion(created.getVersion()));
    }

    private void updateTeam(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, MAINTAINERS);
        String id = req.path().pathParameters().get("id");
        long version = ETags.requiredVersion(req);
        JsonNode body = bodies.read(req, "TeamInput");
        if (body.hasNonNull("id") && !body.get("id").asText().equals(id)) {
            throw Problems.invalidParameter("/id", "id in the body must match the id in the path");
        }
        Team team = Json.toProto(writable(body), Team.newBuilder()).setId(id).build();
        TeamRecord updated = contacts(req, Optional.of(caller)).updateTeam(
                UpdateTeamRequest.newBuilder().setTeam(team).setExpectedVersion(version).build());
        Json.send(req, res, Status.OK_200, Json.proto(updated.getTeam()), ETags.ofVersion(updated.getVersion()));
    }

    private void glossary(ServerRequest req, ServerResponse res) {
        GlossaryPage page = contacts(req, authenticator.caller(req)).searchGlossary(SearchGlossaryRequest.newBuilder()
                .setText(QueryParams.text(req, "search"))
                .setPage(QueryParams.page(req))
                .build());
        Json.ok(req, res, Json.page(page.getPage(), page.getContentsList()));
    }

    private void bulletins(ServerRequest req, ServerResponse res) {
        BulletinPage page = contacts(req, authenticator.caller(req))
                .listBulletins(ListBulletinsRequest.newBuilder().setPage(QueryParams.page(req)).build());
        Json.ok(req, res, Json.page(page.getPage(), page.getContentsList()));
    }

    /** The server owns id and last_modified; a client may send them back as read. */
    private static JsonNode writable(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove(java.util.List.of("id", "last_modified"));
        return copy;
    }
}
