package uk.portsmouth.cfe.gateway.absencereports;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportServiceGrpc.AbsenceReportServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReportPage;
import uk.portsmouth.cfe.proto.attendance.v1.CreateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListIllnessGuidanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListOwnAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateAbsenceReportRequest;

/**
 * {@code /v1/absence-reports}: a parents' app reports a child off school and reads back, updates
 * and cancels the reports it sent (role {@code parent_app}); the illness guidance is public.
 */
public final class AbsenceReportRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/absence-reports";

    private static final Set<String> APP = Set.of(Roles.PARENT_APP);

    private final AbsenceReportServiceBlockingStub reports;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public AbsenceReportRoutes(
            AbsenceReportServiceBlockingStub reports, Authenticator authenticator, RequestBodies bodies) {
        this.reports = reports;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/guidance", this::guidance)
                .post("/", this::create)
                .get("/", this::listOwn)
                .get("/{id}", this::getOwn)
                .patch("/{id}", this::update);
    }

    private void guidance(ServerRequest req, ServerResponse res) {
        Json.ok(req, res, Json.proto(reports.listIllnessGuidance(ListIllnessGuidanceRequest.getDefaultInstance())));
    }

    private void create(ServerRequest req, ServerResponse res) {
        AbsenceReportServiceBlockingStub stub = authenticator.onBehalfOf(reports, req, APP);
        CreateAbsenceReportRequest request = Json.toProto(
                        bodies.read(req, "AbsenceReportInput"), CreateAbsenceReportRequest.newBuilder())
                .build();
        AppAbsenceReport report = stub.createAbsenceReport(request);
        Json.created(
                req,
                res,
                "/v1/absence-reports/" + report.getId(),
                Json.proto(report),
                ETags.ofVersion(report.getVersion()));
    }

    private void listOwn(ServerRequest req, ServerResponse res) {
        AppAbsenceReportPage page = authenticator
                .onBehalfOf(reports, req, APP)
                .listOwnAbsenceReports(ListOwnAbsenceReportsRequest.newBuilder()
                        .setModifiedAfter(QueryParams.text(req, "modified_after"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void getOwn(ServerRequest req, ServerResponse res) {
        AppAbsenceReport report = authenticator
                .onBehalfOf(reports, req, APP)
                .getOwnAbsenceReport(GetAbsenceReportRequest.newBuilder()
                        .setId(req.path().pathParameters().get("id"))
                        .build());
        send(req, res, report);
    }

    private void update(ServerRequest req, ServerResponse res) {
        AbsenceReportServiceBlockingStub stub = authenticator.onBehalfOf(reports, req, APP);
        long version = ETags.requiredVersion(req);
        UpdateAbsenceReportRequest update = Json.toProto(
                        bodies.read(req, "AbsenceReportUpdate"), UpdateAbsenceReportRequest.newBuilder())
                .setId(req.path().pathParameters().get("id"))
                .setExpectedVersion(version)
                .build();
        send(req, res, stub.updateAbsenceReport(update));
    }

    private static void send(ServerRequest req, ServerResponse res, AppAbsenceReport report) {
        Json.send(req, res, Status.OK_200, Json.proto(report), ETags.ofVersion(report.getVersion()));
    }
}
