package uk.portsmouth.cfe.gateway.attendance;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListAttendanceCodesRequest;

/**
 * {@code /v1/attendance}: the DfE attendance codes (public) and the city's attendance summary (the
 * LA). The rest of {@code /v1/attendance/**} is served by the routes classes of its longer prefixes.
 */
public final class AttendanceRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/attendance";

    private final AttendanceServiceBlockingStub attendance;
    private final Authenticator authenticator;

    public AttendanceRoutes(AttendanceServiceBlockingStub attendance, Authenticator authenticator) {
        this.attendance = attendance;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/codes", this::codes).get("/summary", this::citySummary);
    }

    private void codes(ServerRequest req, ServerResponse res) {
        Json.ok(req, res, Json.proto(attendance.listAttendanceCodes(ListAttendanceCodesRequest.getDefaultInstance())));
    }

    private void citySummary(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.report(authenticator
                        .onBehalfOf(attendance, req, Roles.LA)
                        .getAttendanceSummary(GetAttendanceSummaryRequest.newBuilder()
                                .setRange(QueryParams.dateRange(req))
                                .build())));
    }
}
