package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.attendance.app.PupilOverviews;
import uk.portsmouth.cfe.attendance.app.SchoolAttendance;
import uk.portsmouth.cfe.attendance.app.SchoolRolls;
import uk.portsmouth.cfe.attendance.app.SevereAbsenceMeetingRequests;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceCodeList;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListAttendanceCodesRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListPupilsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSevereAbsenceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.PupilOverview;
import uk.portsmouth.cfe.proto.attendance.v1.PupilPage;
import uk.portsmouth.cfe.proto.attendance.v1.RequestSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceList;
import uk.portsmouth.cfe.proto.attendance.v1.SevereAbsenceMeetingReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsReply;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;

/** The gRPC face of rolls, marks, measures and overviews: each call goes to its use case and back, nothing more. */
public final class AttendanceGrpcService extends AttendanceServiceGrpc.AttendanceServiceImplBase {

    private final SchoolRolls rolls;
    private final SchoolAttendance attendance;
    private final SevereAbsenceMeetingRequests severeAbsenceMeetings;
    private final PupilOverviews overviews;

    public AttendanceGrpcService(
            SchoolRolls rolls,
            SchoolAttendance attendance,
            SevereAbsenceMeetingRequests severeAbsenceMeetings,
            PupilOverviews overviews) {
        this.rolls = rolls;
        this.attendance = attendance;
        this.severeAbsenceMeetings = severeAbsenceMeetings;
        this.overviews = overviews;
    }

    @Override
    public void getPupilOverview(GetPupilAttendanceRequest request, StreamObserver<PupilOverview> response) {
        reply(response, overviews.getPupilOverview(request));
    }

    @Override
    public void listAttendanceCodes(ListAttendanceCodesRequest request, StreamObserver<AttendanceCodeList> response) {
        reply(response, attendance.listAttendanceCodes(request));
    }

    @Override
    public void upsertPupils(UpsertPupilsRequest request, StreamObserver<UpsertPupilsReply> response) {
        reply(response, rolls.upsertPupils(request));
    }

    @Override
    public void listPupils(ListPupilsRequest request, StreamObserver<PupilPage> response) {
        reply(response, rolls.listPupils(request));
    }

    @Override
    public void submitMarks(SubmitMarksRequest request, StreamObserver<SubmitMarksReply> response) {
        reply(response, attendance.submitMarks(request));
    }

    @Override
    public void getPupilAttendance(GetPupilAttendanceRequest request, StreamObserver<PupilAttendance> response) {
        reply(response, attendance.getPupilAttendance(request));
    }

    @Override
    public void getAttendanceSummary(GetAttendanceSummaryRequest request, StreamObserver<AttendanceSummary> response) {
        reply(response, attendance.getAttendanceSummary(request));
    }

    @Override
    public void listSevereAbsence(ListSevereAbsenceRequest request, StreamObserver<SevereAbsenceList> response) {
        reply(response, attendance.listSevereAbsence(request));
    }

    @Override
    public void requestSevereAbsenceMeeting(
            RequestSevereAbsenceMeetingRequest request, StreamObserver<SevereAbsenceMeetingReply> response) {
        reply(response, severeAbsenceMeetings.requestSevereAbsenceMeeting(request));
    }
}
