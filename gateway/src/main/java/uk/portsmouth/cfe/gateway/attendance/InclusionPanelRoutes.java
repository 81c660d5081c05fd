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
import uk.portsmouth.cfe.proto.attendance.v1.ActOnIspReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.InclusionPanelServiceGrpc.InclusionPanelServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralPage;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralRecord;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralStatus;
import uk.portsmouth.cfe.proto.attendance.v1.ListIspReferralsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToInclusionPanelRequest;

/**
 * {@code /v1/attendance/isp-referrals}: the Inclusion Support Panel. A school refers and reads its
 * own; the LA reads every school's and acts for the panel ({@code If-Match} on every action).
 */
public final class InclusionPanelRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/attendance/isp-referrals";

    private static final Set<String> SCHOOL_OR_LA = Set.of(Roles.SCHOOL, Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final String REFERRALS = "/v1/attendance/isp-referrals/";

    private final InclusionPanelServiceBlockingStub panel;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public InclusionPanelRoutes(
            InclusionPanelServiceBlockingStub panel, Authenticator authenticator, RequestBodies bodies) {
        this.panel = panel;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::refer)
                .get("/", this::list)
                .get("/{id}", this::get)
                .post("/{id}/actions", this::act);
    }

    private void refer(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        ReferToInclusionPanelRequest referral = Json.toProto(
                        bodies.read(req, "IspReferralInput"), ReferToInclusionPanelRequest.newBuilder())
                .build();
        IspReferralRecord record = stub(req, caller).referToInclusionPanel(referral);
        Json.created(
                req,
                res,
                REFERRALS + record.getReferral().getId(),
                Json.proto(record.getReferral()),
                ETags.ofVersion(record.getVersion()));
    }

    /** {@code ?urn=} and {@code ?status=}; a school's MIS acting for one school lists that school's by default. */
    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        IspReferralPage page = stub(req, caller)
                .listIspReferrals(ListIspReferralsRequest.newBuilder()
                        .setUrn(caller.schoolToList(QueryParams.text(req, "urn"), LA))
                        .setStatusValue(QueryParams.closedSet(req, "status", IspReferralStatus.getDescriptor())
                                .getNumber())
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        IspReferralRecord record = stub(req, caller)
                .getIspReferral(GetCaseworkRequest.newBuilder().setId(id(req)).build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getReferral()), ETags.ofVersion(record.getVersion()));
    }

    private void act(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, LA);
        long version = ETags.requiredVersion(req);
        ActOnIspReferralRequest action = Json.toProto(
                        bodies.read(req, "IspReferralActionInput"), ActOnIspReferralRequest.newBuilder())
                .setId(id(req))
                .setExpectedVersion(version)
                .build();
        IspReferralRecord record = stub(req, caller).actOnIspReferral(action);
        Json.send(req, res, Status.OK_200, Json.proto(record.getReferral()), ETags.ofVersion(record.getVersion()));
    }

    private InclusionPanelServiceBlockingStub stub(ServerRequest req, Caller caller) {
        return authenticator.on(panel, req, Optional.of(caller));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
