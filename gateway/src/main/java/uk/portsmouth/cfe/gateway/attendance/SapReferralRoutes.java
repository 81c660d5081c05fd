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
import uk.portsmouth.cfe.proto.attendance.v1.ActOnSapReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc.CaseworkServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralPage;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralRecord;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralStatus;

/**
 * {@code /v1/attendance/sap-referrals}: School Attendance Panel referrals; a school refers its
 * pupils and reads its own, the LA schedules panels and records outcomes.
 */
public final class SapReferralRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/attendance/sap-referrals";

    private static final Set<String> SCHOOL_OR_LA = Set.of(Roles.SCHOOL, Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);

    private final CaseworkServiceBlockingStub casework;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public SapReferralRoutes(CaseworkServiceBlockingStub casework, Authenticator authenticator, RequestBodies bodies) {
        this.casework = casework;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::refer)
                .get("/", this::listReferrals)
                .get("/{id}", this::getReferral)
                .post("/{id}/actions", this::actOnReferral);
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
        SapReferralPage page = stub(req, caller)
                .listSapReferrals(CaseworkQueries.list(req, caller)
                        .setSapReferralStatusValue(CaseworkQueries.status(req, SapReferralStatus.getDescriptor()))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void getReferral(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        SapReferralRecord record = stub(req, caller)
                .getSapReferral(GetCaseworkRequest.newBuilder()
                        .setId(CaseworkQueries.id(req))
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getReferral()), ETags.ofVersion(record.getVersion()));
    }

    private void actOnReferral(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        long version = ETags.requiredVersion(req);
        ActOnSapReferralRequest action = Json.toProto(
                        bodies.read(req, "SapReferralActionInput"), ActOnSapReferralRequest.newBuilder())
                .setId(CaseworkQueries.id(req))
                .setExpectedVersion(version)
                .build();
        SapReferralRecord record = stub(req, caller).actOnSapReferral(action);
        Json.send(req, res, Status.OK_200, Json.proto(record.getReferral()), ETags.ofVersion(record.getVersion()));
    }

    private CaseworkServiceBlockingStub stub(ServerRequest req, Caller caller) {
        return authenticator.on(casework, req, Optional.of(caller));
    }
}
