package uk.portsmouth.cfe.gateway.schools;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.proto.attendance.v1.ListRollRemovalsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NotifyRollRemovalRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalPage;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalServiceGrpc.RollRemovalServiceBlockingStub;

/**
 * {@code /v1/schools/{urn}/roll-removals}: a school notifies the LA of a pupil leaving its roll (the
 * pupil migration return) and lists its notices; the school itself or the LA.
 */
public final class RollRemovalRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/schools/{urn}/roll-removals";

    private final RollRemovalServiceBlockingStub removals;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public RollRemovalRoutes(
            RollRemovalServiceBlockingStub removals, Authenticator authenticator, RequestBodies bodies) {
        this.removals = removals;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::notifyRemoval).get("/", this::listRemovals);
    }

    private void notifyRemoval(ServerRequest req, ServerResponse res) {
        RollRemovalServiceBlockingStub stub = authenticator.forSchool(
                removals, req, req.path().pathParameters().get("urn"));
        NotifyRollRemovalRequest notice = Json.toProto(
                        bodies.read(req, "RollRemovalInput"), NotifyRollRemovalRequest.newBuilder())
                .setUrn(req.path().pathParameters().get("urn"))
                .build();
        // a notice has no page of its own: it is listed with the school's removals
        Json.created(
                req,
                res,
                "/v1/schools/" + notice.getUrn() + "/roll-removals",
                Json.proto(stub.notifyRollRemoval(notice)),
                null);
    }

    private void listRemovals(ServerRequest req, ServerResponse res) {
        RollRemovalPage page = authenticator
                .forSchool(removals, req, req.path().pathParameters().get("urn"))
                .listRollRemovals(ListRollRemovalsRequest.newBuilder()
                        .setUrn(req.path().pathParameters().get("urn"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }
}
