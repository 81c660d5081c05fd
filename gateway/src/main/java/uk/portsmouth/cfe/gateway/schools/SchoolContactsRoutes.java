package uk.portsmouth.cfe.gateway.schools;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.proto.contacts.v1.GetSchoolContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContact;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsRecord;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc.SchoolContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateSchoolContactsRequest;

/**
 * {@code /v1/schools/{urn}/contacts}: a school's named contacts (DSL, attendance lead...), read and
 * kept current by the school itself or the LA.
 */
public final class SchoolContactsRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/schools/{urn}/contacts";

    private final SchoolContactsServiceBlockingStub tracker;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public SchoolContactsRoutes(
            SchoolContactsServiceBlockingStub tracker, Authenticator authenticator, RequestBodies bodies) {
        this.tracker = tracker;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::get).put("/", this::update);
    }

    private void get(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        SchoolContactsRecord record = authenticator
                .forSchool(tracker, req, urn)
                .getSchoolContacts(
                        GetSchoolContactsRequest.newBuilder().setUrn(urn).build());
        Json.send(
                req, res, Status.OK_200, Json.proto(record.getSchoolContacts()), ETags.ofVersion(record.getVersion()));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        SchoolContactsServiceBlockingStub stub = authenticator.forSchool(tracker, req, urn);
        long version = ETags.requiredVersion(req);
        JsonNode body = bodies.read(req, "SchoolContactsInput");
        RequestBodies.requireKeyOfPath(body, "urn", urn);
        UpdateSchoolContactsRequest.Builder update =
                UpdateSchoolContactsRequest.newBuilder().setUrn(urn).setExpectedVersion(version);
        body.path("contacts").forEach(contact -> update.addContacts(Json.toProto(contact, NamedContact.newBuilder())));
        SchoolContactsRecord updated = stub.updateSchoolContacts(update.build());
        Json.send(
                req,
                res,
                Status.OK_200,
                Json.proto(updated.getSchoolContacts()),
                ETags.ofVersion(updated.getVersion()));
    }
}
