package uk.portsmouth.cfe.gateway.attendance;

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
import uk.portsmouth.cfe.proto.attendance.v1.GetIllnessSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListIllnessGuidanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListOwnAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RecordAbsenceReportMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReviewAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReportPage;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateAbsenceReportRequest;

/**
 * Parents' absence reports: {@code /v1/absence-reports} for a parents' app (its own reports only),
 * {@code /v1/schools/{urn}/absence-reports} for the school (its own) and the LA, and
 * {@code /v1/attendance/illness} for the LA. A report's version is its ETag too.
 */
public final class AbsenceReportRoutes implements HttpService {

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
        rules.get("/absence-reports/guidance", this::guidance)
                .post("/absence-reports", this::create)
                .get("/absence-reports", this::listOwn)
                .get("/absence-reports/{id}", this::getOwn)
                .patch("/absence-reports/{id}", this::update)
                .get("/schools/{urn}/absence-reports", this::listAtSchool)
                .get("/schools/{urn}/absence-reports/{id}", this::getAtSchool)
                .post("/schools/{urn}/absence-reports/{id}/review", this::review)
                .post("/schools/{urn}/absence-reports/{id}/marks", this::recordMarks)
                .get("/attendance/illness", this::illness);
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
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
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

    private void listAtSchool(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        SchoolAbsenceReportPage page = authenticator
                .forSchool(reports, req, urn)
                .listSchoolAbsenceReports(ListSchoolAbsenceReportsRequest.newBuilder()
                        .setUrn(urn)
                        .setFrom(QueryParams.text(req, "from"))
                        .setTo(QueryParams.text(req, "to"))
                        .setStatus(QueryParams.text(req, "status"))
                        .setModifiedAfter(QueryParams.text(req, "modified_after"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    private void getAtSchool(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        SchoolAbsenceReport report = authenticator
                .forSchool(reports, req, urn)
                .getSchoolAbsenceReport(GetSchoolAbsenceReportRequest.newBuilder()
                        .setUrn(urn)
                        .setId(req.path().pathParameters().get("id"))
                        .build());
        send(req, res, report);
    }

    private void review(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        AbsenceReportServiceBlockingStub stub = authenticator.forSchool(reports, req, urn);
        long version = ETags.requiredVersion(req);
        ReviewAbsenceReportRequest review = Json.toProto(
                        bodies.read(req, "AbsenceReportReviewInput"), ReviewAbsenceReportRequest.newBuilder())
                .setUrn(urn)
                .setId(req.path().pathParameters().get("id"))
                .setExpectedVersion(version)
                .build();
        send(req, res, stub.reviewAbsenceReport(review));
    }

    private void recordMarks(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        AbsenceReportServiceBlockingStub stub = authenticator.forSchool(reports, req, urn);
        RecordAbsenceReportMarksRequest request = Json.toProto(
                        bodies.read(req, "AbsenceReportMarksInput"), RecordAbsenceReportMarksRequest.newBuilder())
                .setUrn(urn)
                .setId(req.path().pathParameters().get("id"))
                .build();
        Json.ok(req, res, Json.proto(stub.recordAbsenceReportMarks(request)));
    }

    private void illness(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.proto(authenticator
                        .onBehalfOf(reports, req, Roles.LA)
                        .getIllnessSummary(GetIllnessSummaryRequest.newBuilder()
                                .setFrom(QueryParams.text(req, "from"))
                                .setTo(QueryParams.text(req, "to"))
                                .build())));
    }

    private static void send(ServerRequest req, ServerResponse res, AppAbsenceReport report) {
        Json.send(req, res, Status.OK_200, Json.proto(report), ETags.ofVersion(report.getVersion()));
    }

    private static void send(ServerRequest req, ServerResponse res, SchoolAbsenceReport report) {
        Json.send(
                req,
                res,
                Status.OK_200,
                Json.proto(report),
                ETags.ofVersion(report.getReport().getVersion()));
    }
}
