package uk.portsmouth.cfe.gateway.schools;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.ListPupilsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilPage;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;

/**
 * {@code /v1/schools/{urn}/pupils}: a school's roll, synced by its MIS (the school itself, or the
 * LA) and paged through.
 */
public final class PupilRollRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/schools/{urn}/pupils";

    private final AttendanceServiceBlockingStub attendance;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public PupilRollRoutes(
            AttendanceServiceBlockingStub attendance, Authenticator authenticator, RequestBodies bodies) {
        this.attendance = attendance;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::pupils).post("/", this::upsertPupils);
    }

    private void pupils(ServerRequest req, ServerResponse res) {
        ListPupilsRequest.Builder list =
                ListPupilsRequest.newBuilder().setUrn(urn(req)).setPage(QueryParams.page(req));
        QueryParams.integer(req, "year_group")
                .ifPresent(year -> list.setYearGroup(year).setHasYearGroup(true));
        PupilPage page = authenticator.forSchool(attendance, req, urn(req)).listPupils(list.build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void upsertPupils(ServerRequest req, ServerResponse res) {
        AttendanceServiceBlockingStub stub = authenticator.forSchool(attendance, req, urn(req));
        JsonNode body = bodies.read(req, "PupilsInput");
        UpsertPupilsRequest.Builder upsert = UpsertPupilsRequest.newBuilder().setUrn(urn(req));
        body.path("pupils").forEach(p -> upsert.addPupils(Json.toProto(p, Pupil.newBuilder())));
        Json.send(req, res, Status.OK_200, Json.proto(stub.upsertPupils(upsert.build())), null);
    }

    private static String urn(ServerRequest req) {
        return req.path().pathParameters().get("urn");
    }
}
