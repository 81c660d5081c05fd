package uk.portsmouth.cfe.gateway.attendance;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportServiceGrpc.AbsenceReportServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.GetIllnessSummaryRequest;

/** {@code /v1/attendance/illness}: the city's illness reports counted without names, and outbreak alerts (the LA). */
public final class IllnessRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/attendance/illness";

    private final AbsenceReportServiceBlockingStub reports;
    private final Authenticator authenticator;

    public IllnessRoutes(AbsenceReportServiceBlockingStub reports, Authenticator authenticator) {
        this.reports = reports;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::illness);
    }

    private void illness(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.proto(authenticator
                        .onBehalfOf(reports, req, Roles.LA)
                        .getIllnessSummary(GetIllnessSummaryRequest.newBuilder()
                                .setFrom(QueryParams.date(req, "from"))
                                .setTo(QueryParams.date(req, "to"))
                                .build())));
    }
}
