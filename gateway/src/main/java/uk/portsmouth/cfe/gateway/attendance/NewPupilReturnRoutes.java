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
import uk.portsmouth.cfe.proto.attendance.v1.GetNewPupilReturnRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListNewPupilReturnsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilDetails;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnPage;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnRecord;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnServiceGrpc.NewPupilReturnServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnStatus;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitNewPupilReturnRequest;

/**
 * {@code /v1/attendance/new-pupil-returns}: the returns a roll sync's new pupils owe the LA (reg 13).
 * A school lists, reads and submits its own; the LA every school's, overdue ones city-wide.
 */
public final class NewPupilReturnRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/attendance/new-pupil-returns";

    private static final Set<String> SCHOOL_OR_LA = Set.of(Roles.SCHOOL, Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final Set<String> LA = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);

    private final NewPupilReturnServiceBlockingStub returns;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public NewPupilReturnRoutes(
            NewPupilReturnServiceBlockingStub returns, Authenticator authenticator, RequestBodies bodies) {
        this.returns = returns;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/{id}", this::get).post("/{id}/submission", this::submit);
    }

    /** {@code ?urn=}, {@code ?status=}, {@code ?overdue=true}; a school's MIS acting for one school lists its own by default. */
    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        NewPupilReturnPage page = stub(req, caller)
                .listNewPupilReturns(ListNewPupilReturnsRequest.newBuilder()
                        .setUrn(caller.schoolToList(QueryParams.text(req, "urn"), LA))
                        .setStatusValue(QueryParams.closedSet(req, "status", NewPupilReturnStatus.getDescriptor())
                                .getNumber())
                        .setOverdueOnly(QueryParams.bool(req, "overdue"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        NewPupilReturnRecord record = stub(req, caller)
                .getNewPupilReturn(
                        GetNewPupilReturnRequest.newBuilder().setId(id(req)).build());
        send(req, res, record);
    }

    /** The school completes the return ({@code If-Match}: two staff never both send one). */
    private void submit(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, SCHOOL_OR_LA);
        long version = ETags.requiredVersion(req);
        NewPupilDetails details = Json.toProto(bodies.read(req, "NewPupilReturnInput"), NewPupilDetails.newBuilder())
                .build();
        NewPupilReturnRecord record = stub(req, caller)
                .submitNewPupilReturn(SubmitNewPupilReturnRequest.newBuilder()
                        .setId(id(req))
                        .setDetails(details)
                        .setExpectedVersion(version)
                        .build());
        send(req, res, record);
    }

    private static void send(ServerRequest req, ServerResponse res, NewPupilReturnRecord record) {
        Json.send(
                req, res, Status.OK_200, Json.proto(record.getNewPupilReturn()), ETags.ofVersion(record.getVersion()));
    }

    private NewPupilReturnServiceBlockingStub stub(ServerRequest req, Caller caller) {
        return authenticator.on(returns, req, Optional.of(caller));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
