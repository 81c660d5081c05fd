package uk.portsmouth.cfe.gateway.schools;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportServiceGrpc.AbsenceReportServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportStatus;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RecordAbsenceReportMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReviewAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReportPage;

/**
 * {@code /v1/schools/{urn}/absence-reports}: the reports parents' apps sent about a school's pupils,
 * matched to the roll; the school itself (or the LA) reads, acknowledges or queries them and has
 * their marks recorded.
 */
public final class SchoolAbsenceReportRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/schools/{urn}/absence-reports";

    private final AbsenceReportServiceBlockingStub reports;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public SchoolAbsenceReportRoutes(
            AbsenceReportServiceBlockingStub reports, Authenticator authenticator, RequestBodies bodies) {
        this.reports = reports;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::listAtSchool)
                .get("/{id}", this::getAtSchool)
                .post("/{id}/review", this::review)
                .post("/{id}/marks", this::recordMarks);
    }

    private void listAtSchool(ServerRequest req, ServerResponse res) {
        String urn = req.path().pathParameters().get("urn");
        SchoolAbsenceReportPage page = authenticator
                .forSchool(reports, req, urn)
                .listSchoolAbsenceReports(ListSchoolAbsenceReportsRequest.newBuilder()
                        .setUrn(urn)
                        .setFrom(QueryParams.date(req, "from"))
                        .setTo(QueryParams.date(req, "to"))
                        .setStatusValue(QueryParams.closedSet(req, "status", AbsenceReportStatus.getDescriptor())
                                .getNumber())
                        .setModifiedAfter(QueryParams.text(req, "modified_after"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
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

    private static void send(ServerRequest req, ServerResponse res, SchoolAbsenceReport report) {
        Json.send(
                req,
                res,
                Status.OK_200,
                Json.proto(report),
                ETags.ofVersion(report.getReport().getVersion()));
    }
}
