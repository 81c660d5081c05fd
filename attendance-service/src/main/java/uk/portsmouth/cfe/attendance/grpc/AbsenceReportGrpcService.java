package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.attendance.app.IllnessSummaries;
import uk.portsmouth.cfe.attendance.app.MarksFromAbsenceReports;
import uk.portsmouth.cfe.attendance.app.ParentAbsenceReports;
import uk.portsmouth.cfe.attendance.app.SchoolAbsenceReviews;
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

    private final ParentAbsenceReports parents;
    private final SchoolAbsenceReviews schools;
    private final MarksFromAbsenceReports marks;
    private final IllnessSummaries illness;

    public AbsenceReportGrpcService(
            ParentAbsenceReports parents,
            SchoolAbsenceReviews schools,
            MarksFromAbsenceReports marks,
            IllnessSummaries illness) {
        this.parents = parents;
        this.schools = schools;
        this.marks = marks;
        this.illness = illness;
    }

    @Override
    public void createAbsenceReport(CreateAbsenceReportRequest request, StreamObserver<AppAbsenceReport> response) {
        reply(response, parents.create(request));
    }

    @Override
    public void getOwnAbsenceReport(GetAbsenceReportRequest request, StreamObserver<AppAbsenceReport> response) {
        reply(response, parents.getOwn(request));
    }

    @Override
    public void listOwnAbsenceReports(
            ListOwnAbsenceReportsRequest request, StreamObserver<AppAbsenceReportPage> response) {
        reply(response, parents.listOwn(request));
    }

    @Override
    public void updateAbsenceReport(UpdateAbsenceReportRequest request, StreamObserver<AppAbsenceReport> response) {
        reply(response, parents.update(request));
    }

    @Override
    public void listSchoolAbsenceReports(
            ListSchoolAbsenceReportsRequest request, StreamObserver<SchoolAbsenceReportPage> response) {
        reply(response, schools.listAtSchool(request));
    }

    @Override
    public void getSchoolAbsenceReport(
            GetSchoolAbsenceReportRequest request, StreamObserver<SchoolAbsenceReport> response) {
        reply(response, schools.getAtSchool(request));
    }

    @Override
    public void reviewAbsenceReport(ReviewAbsenceReportRequest request, StreamObserver<SchoolAbsenceReport> response) {
        reply(response, schools.review(request));
    }

    @Override
    public void recordAbsenceReportMarks(
            RecordAbsenceReportMarksRequest request, StreamObserver<AbsenceReportMarks> response) {
        reply(response, marks.recordMarks(request));
    }

    @Override
    public void getIllnessSummary(GetIllnessSummaryRequest request, StreamObserver<IllnessSummary> response) {
        reply(response, illness.illness(request));
    }

    @Override
    public void listIllnessGuidance(ListIllnessGuidanceRequest request, StreamObserver<IllnessGuidanceList> response) {
        reply(response, parents.guidance());
    }
}
