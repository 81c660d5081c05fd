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
import uk.portsmouth.cfe.proto.attendance.v1.CmeCaseStatus;
import uk.portsmouth.cfe.proto.attendance.v1.GetCmeCaseRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListCmeCasesRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalServiceGrpc.RollRemovalServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateCmeCaseRequest;

/** {@code /v1/attendance/cme-cases}: Children Missing Education, the LA's cases opened by removals from roll. */
public final class CmeCaseRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/attendance/cme-cases";

    private final RollRemovalServiceBlockingStub removals;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public CmeCaseRoutes(RollRemovalServiceBlockingStub removals, Authenticator authenticator, RequestBodies bodies) {
        this.removals = removals;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::listCases).get("/{id}", this::getCase).patch("/{id}", this::updateCase);
    }

    private void listCases(ServerRequest req, ServerResponse res) {
        CmeCasePage page = authenticator
                .onBehalfOf(removals, req, Roles.LA)
                .listCmeCases(ListCmeCasesRequest.newBuilder()
                        .setStatusValue(QueryParams.closedSet(req, "status", CmeCaseStatus.getDescriptor())
                                .getNumber())
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
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
