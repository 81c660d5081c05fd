package uk.portsmouth.cfe.gateway.attendance;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc.CaseworkServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.DecideLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionPage;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionRecord;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionStatus;
import uk.portsmouth.cfe.proto.attendance.v1.RequestLegalActionRequest;

/**
 * {@code /v1/attendance/legal-action-requests}: penalty-notice requests for unauthorised leave; a
 * school raises and reads its own, the LA reads every school's and decides.
 */
public final class LegalActionRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/attendance/legal-action-requests";

    private static final Set<String> SCHOOL_OR_LA = Set.of(Roles.SCHOOL, Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);

    private final CaseworkServiceBlockingStub casework;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public LegalActionRoutes(CaseworkServiceBlockingStub casework, Authenticator authenticator, RequestBodies bodies) {
        this.casework = casework;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::requestLegalAction)
                .get("/", this::listLegalActions)
                .get("/{id}", this::getLegalAction)
                .post("/{id}/decision", this::decideLegalAction);
    }

    private void requestLegalAction(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        RequestLegalActionRequest request = Json.toProto(
                        bodies.read(req, "LegalActionInput"), RequestLegalActionRequest.newBuilder())
                .build();
        LegalActionRecord record = stub(req, caller).requestLegalAction(request);
        Json.created(
                req,
                res,
                "/v1/attendance/legal-action-requests/"
                        + record.getLegalAction().getId(),
                Json.proto(record.getLegalAction()),
                ETags.ofVersion(record.getVersion()));
    }

    private void listLegalActions(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        LegalActionPage page = stub(req, caller)
                .listLegalActions(CaseworkQueries.list(req, caller)
                        .setLegalActionStatusValue(CaseworkQueries.status(req, LegalActionStatus.getDescriptor()))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void getLegalAction(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        LegalActionRecord record = stub(req, caller)
                .getLegalAction(GetCaseworkRequest.newBuilder()
                        .setId(CaseworkQueries.id(req))
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getLegalAction()), ETags.ofVersion(record.getVersion()));
    }

    private void decideLegalAction(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        long version = ETags.requiredVersion(req);
        DecideLegalActionRequest decision = Json.toProto(
                        bodies.read(req, "LegalActionDecisionInput"), DecideLegalActionRequest.newBuilder())
                .setId(CaseworkQueries.id(req))
                .setExpectedVersion(version)
                .build();
        LegalActionRecord record = stub(req, caller).decideLegalAction(decision);
        Json.send(req, res, Status.OK_200, Json.proto(record.getLegalAction()), ETags.ofVersion(record.getVersion()));
    }

    private CaseworkServiceBlockingStub stub(ServerRequest req, Caller caller) {
        return authenticator.on(casework, req, Optional.of(caller));
    }
}
