package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.attendance.app.AbsenceReports;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportMarks;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReportPage;
import uk.portsmouth.cfe.proto.attendance.v1.CreateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetIllnessSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessGuidanceList;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessSummary;
import uk.portsmouth.cfe.proto.attendance.v1.ListIllnessGuidanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListOwnAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RecordAbsenceReportMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReviewAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReportPage;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateAbsenceReportRequest;

/** The gRPC face of {@link AbsenceReports}: each call goes to its use case and back, nothing more. */
public final class AbsenceReportGrpcService extends AbsenceReportServiceGrpc.AbsenceReportServiceImplBase {

    private final AbsenceReports reports;

    public AbsenceReportGrpcService(AbsenceReports reports) {
        this.reports = reports;
    }

    @Override
    public void createAbsenceReport(CreateAbsenceReportRequest request, StreamObserver<AppAbsenceReport> response) {
        reply(response, reports.create(request));
    }

    @Override
    public void getOwnAbsenceReport(GetAbsenceReportRequest request, StreamObserver<AppAbsenceReport> response) {
        reply(response, reports.getOwn(request));
    }

    @Override
    public void listOwnAbsenceReports(
            ListOwnAbsenceReportsRequest request, StreamObserver<AppAbsenceReportPage> response) {
        reply(response, reports.listOwn(request));
    }

    @Override
    public void updateAbsenceReport(UpdateAbsenceReportRequest request, StreamObserver<AppAbsenceReport> response) {
        reply(response, reports.update(request));
    }

    @Override
    public void listSchoolAbsenceReports(
            ListSchoolAbsenceReportsRequest request, StreamObserver<SchoolAbsenceReportPage> response) {
        reply(response, reports.listAtSchool(request));
    }

    @Override
    public void getSchoolAbsenceReport(
            GetSchoolAbsenceReportRequest request, StreamObserver<SchoolAbsenceReport> response) {
        reply(response, reports.getAtSchool(request));
    }

    @Override
    public void reviewAbsenceReport(ReviewAbsenceReportRequest request, StreamObserver<SchoolAbsenceReport> response) {
        reply(response, reports.review(request));
    }

    @Override
    public void recordAbsenceReportMarks(
            RecordAbsenceReportMarksRequest request, StreamObserver<AbsenceReportMarks> response) {
        reply(response, reports.recordMarks(request));
    }

    @Override
    public void getIllnessSummary(GetIllnessSummaryRequest request, StreamObserver<IllnessSummary> response) {
        reply(response, reports.illness(request));
    }

    @Override
    public void listIllnessGuidance(ListIllnessGuidanceRequest request, StreamObserver<IllnessGuidanceList> response) {
        reply(response, reports.guidance());
    }
}
