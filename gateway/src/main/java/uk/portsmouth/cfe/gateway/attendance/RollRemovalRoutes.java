package uk.portsmouth.cfe.gateway.attendance;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCasePage;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCaseRecord;
import uk.portsmouth.cfe.proto.attendance.v1.GetCmeCaseRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListCmeCasesRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListRollRemovalsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NotifyRollRemovalRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalPage;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalServiceGrpc.RollRemovalServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateCmeCaseRequest;

/**
 * {@code /v1/schools/{urn}/roll-removals} (a school for its own roll, or the LA) and
 * {@code /v1/attendance/cme-cases} (the LA): the pupil migration return and Children Missing Education.
 */
public final class RollRemovalRoutes implements HttpService {

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
        rules.post("/schools/{urn}/roll-removals", this::notifyRemoval)
                .get("/schools/{urn}/roll-removals", this::listRemovals)
                .get("/attendance/cme-cases", this::listCases)
                .get("/attendance/cme-cases/{id}", this::getCase)
                .patch("/attendance/cme-cases/{id}", this::updateCase);
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
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    private void listCases(ServerRequest req, ServerResponse res) {
        CmeCasePage page = authenticator
                .onBehalfOf(removals, req, Roles.LA)
                .listCmeCases(ListCmeCasesRequest.newBuilder()
                        .setStatus(QueryParams.text(req, "status"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    private void getCase(ServerRequest req, ServerResponse res) {
        CmeCaseRecord record = authenticator
                .onBehalfOf(removals, req, Roles.LA)
                .getCmeCase(GetCmeCaseRequest.newBuilder()
                        .setId(req.path().pathParameters().get("id"))
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getCmeCase()), ETags.ofVersion(record.getVersion()));
    }

    /** The LA moves a case on (found, placed, closed) with a note; If-Match keeps two officers from crossing. */
    private void updateCase(ServerRequest req, ServerResponse res) {
        RollRemovalServiceBlockingStub stub = authenticator.onBehalfOf(removals, req, Roles.LA);
        long version = ETags.requiredVersion(req);
        UpdateCmeCaseRequest update = Json.toProto(
                        bodies.read(req, "CmeCaseUpdateInput"), UpdateCmeCaseRequest.newBuilder())
                .setId(req.path().pathParameters().get("id"))
                .setExpectedVersion(version)
                .build();
        CmeCaseRecord record = stub.updateCmeCase(update);
        Json.send(req, res, Status.OK_200, Json.proto(record.getCmeCase()), ETags.ofVersion(record.getVersion()));
    }
}
