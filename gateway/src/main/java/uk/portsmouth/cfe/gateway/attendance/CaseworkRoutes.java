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
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnSapReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc.CaseworkServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.DecideLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionPage;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionRecord;
import uk.portsmouth.cfe.proto.attendance.v1.ListCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RequestLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralPage;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralRecord;

/**
 * {@code /v1/attendance/legal-action-requests} and {@code /v1/attendance/sap-referrals}: a school
 * raises and reads its own; the LA reads all and decides ({@code If-Match} on every decision).
 */
public final class CaseworkRoutes implements HttpService {

    private static final Set<String> SCHOOL_OR_LA = Set.of(Roles.SCHOOL, Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);

    private final CaseworkServiceBlockingStub casework;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public CaseworkRoutes(CaseworkServiceBlockingStub casework, Authenticator authenticator, RequestBodies bodies) {
        this.casework = casework;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/legal-action-requests", this::requestLegalAction)
                .get("/legal-action-requests", this::listLegalActions)
                .get("/legal-action-requests/{id}", this::getLegalAction)
                .post("/legal-action-requests/{id}/decision", this::decideLegalAction)
                .post("/sap-referrals", this::refer)
                .get("/sap-referrals", this::listReferrals)
                .get("/sap-referrals/{id}", this::getReferral)
                .post("/sap-referrals/{id}/actions", this::actOnReferral);
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
        LegalActionPage page = stub(req, caller).listLegalActions(list(req, caller));
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    private void getLegalAction(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        LegalActionRecord record = stub(req, caller)
                .getLegalAction(GetCaseworkRequest.newBuilder().setId(id(req)).build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getLegalAction()), ETags.ofVersion(record.getVersion()));
    }

    private void decideLegalAction(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        long version = ETags.requiredVersion(req);
        DecideLegalActionRequest decision = Json.toProto(
                        bodies.read(req, "LegalActionDecisionInput"), DecideLegalActionRequest.newBuilder())
                .setId(id(req))
                .setExpectedVersion(version)
                .build();
        LegalActionRecord record = stub(req, caller).decideLegalAction(decision);
        Json.send(req, res, Status.OK_200, Json.proto(record.getLegalAction()), ETags.ofVersion(record.getVersion()));
    }

    private void refer(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        ReferToPanelRequest referral = Json.toProto(
                        bodies.read(req, "SapReferralInput"), ReferToPanelRequest.newBuilder())
                .build();
        SapReferralRecord record = stub(req, caller).referToPanel(referral);
        Json.created(
                req,
                res,
                "/v1/attendance/sap-referrals/" + record.getReferral().getId(),
                Json.proto(record.getReferral()),
                ETags.ofVersion(record.getVersion()));
    }

    private void listReferrals(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        SapReferralPage page = stub(req, caller).listSapReferrals(list(req, caller));
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    private void getReferral(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        SapReferralRecord record = stub(req, caller)
                .getSapReferral(GetCaseworkRequest.newBuilder().setId(id(req)).build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getReferral()), ETags.ofVersion(record.getVersion()));
    }

    private void actOnReferral(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        long version = ETags.requiredVersion(req);
        ActOnSapReferralRequest action = Json.toProto(
                        bodies.read(req, "SapReferralActionInput"), ActOnSapReferralRequest.newBuilder())
                .setId(id(req))
                .setExpectedVersion(version)
                .build();
        SapReferralRecord record = stub(req, caller).actOnSapReferral(action);
        Json.send(req, res, Status.OK_200, Json.proto(record.getReferral()), ETags.ofVersion(record.getVersion()));
    }

    /** {@code ?urn=} and {@code ?status=}; a school's MIS acting for one school lists that school's by default. */
    private static ListCaseworkRequest list(ServerRequest req, Caller caller) {
        return ListCaseworkRequest.newBuilder()
                .setUrn(caller.schoolToList(QueryParams.text(req, "urn"), LA))
                .setStatus(QueryParams.text(req, "status"))
                .setPage(QueryParams.page(req))
                .build();
    }

    private CaseworkServiceBlockingStub stub(ServerRequest req, Caller caller) {
        return authenticator.on(casework, req, Optional.of(caller));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
