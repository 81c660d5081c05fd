package uk.portsmouth.cfe.contacts.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.contacts.app.CalendarFeeds;
import uk.portsmouth.cfe.contacts.app.MeetingRecords;
import uk.portsmouth.cfe.contacts.app.MeetingRegistrations;
import uk.portsmouth.cfe.contacts.app.MeetingSeriesAdmin;
import uk.portsmouth.cfe.contacts.app.SevereAbsenceMeetings;
import uk.portsmouth.cfe.proto.contacts.v1.BookSlotRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CalendarFeed;
import uk.portsmouth.cfe.proto.contacts.v1.CalendarFeedRevoked;
import uk.portsmouth.cfe.proto.contacts.v1.CancelRegistrationRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CreateCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CreateMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitations;
import uk.portsmouth.cfe.proto.contacts.v1.InviteRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMyMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListPupilMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesPage;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesRecord;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.Minutes;
import uk.portsmouth.cfe.proto.contacts.v1.RecordMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationList;
import uk.portsmouth.cfe.proto.contacts.v1.RevokeCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Slot;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateMeetingSeriesRequest;

/** The gRPC face of the meeting use cases: each call goes to its use case and back, nothing more. */
public final class MeetingsGrpcService extends MeetingsServiceGrpc.MeetingsServiceImplBase {

    private final MeetingSeriesAdmin series;
    private final MeetingRegistrations registrations;
    private final MeetingRecords records;
    private final SevereAbsenceMeetings severeAbsence;
    private final CalendarFeeds calendarFeeds;

    public MeetingsGrpcService(
            MeetingSeriesAdmin series,
            MeetingRegistrations registrations,
            MeetingRecords records,
            SevereAbsenceMeetings severeAbsence,
            CalendarFeeds calendarFeeds) {
        this.series = series;
        this.registrations = registrations;
        this.records = records;
        this.severeAbsence = severeAbsence;
        this.calendarFeeds = calendarFeeds;
    }

    @Override
    public void listPupilMeetings(ListPupilMeetingsRequest request, StreamObserver<MeetingPage> response) {
        reply(response, severeAbsence.listPupilMeetings(request));
    }

    @Override
    public void listMeetingSeries(ListMeetingSeriesRequest request, StreamObserver<MeetingSeriesPage> response) {
        reply(response, series.listMeetingSeries(request));
    }

    @Override
    public void getMeetingSeries(GetMeetingSeriesRequest request, StreamObserver<MeetingSeriesRecord> response) {
        reply(response, series.getMeetingSeries(request));
    }

    @Override
    public void createMeetingSeries(CreateMeetingSeriesRequest request, StreamObserver<MeetingSeriesRecord> response) {
        reply(response, series.createMeetingSeries(request));
    }

    @Override
    public void updateMeetingSeries(UpdateMeetingSeriesRequest request, StreamObserver<MeetingSeriesRecord> response) {
        reply(response, series.updateMeetingSeries(request));
    }

    @Override
    public void listMeetings(ListMeetingsRequest request, StreamObserver<MeetingPage> response) {
        reply(response, series.listMeetings(request));
    }

    @Override
    public void getMeeting(GetMeetingRequest request, StreamObserver<MeetingDetail> response) {
        reply(response, series.getMeeting(request));
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<Registration> response) {
        reply(response, registrations.register(request));
    }

    @Override
    public void cancelRegistration(CancelRegistrationRequest request, StreamObserver<RegistrationList> response) {
        reply(response, registrations.cancelRegistration(request));
    }

    @Override
    public void listRegistrations(ListRegistrationsRequest request, StreamObserver<RegistrationList> response) {
        reply(response, registrations.listRegistrations(request));
    }

    @Override
    public void invite(InviteRequest request, StreamObserver<Invitations> response) {
        reply(response, records.invite(request));
    }

    @Override
    public void recordMinutes(RecordMinutesRequest request, StreamObserver<Minutes> response) {
        reply(response, records.recordMinutes(request));
    }

    @Override
    public void getMinutes(GetMinutesRequest request, StreamObserver<Minutes> response) {
        reply(response, records.getMinutes(request));
    }

    @Override
    public void bookSlot(BookSlotRequest request, StreamObserver<Slot> response) {
        reply(response, records.bookSlot(request));
    }

    @Override
    public void scheduleSevereAbsenceMeeting(
            ScheduleSevereAbsenceMeetingRequest request, StreamObserver<MeetingDetail> response) {
        reply(response, severeAbsence.scheduleSevereAbsenceMeeting(request));
    }

    @Override
    public void createCalendarFeed(CreateCalendarFeedRequest request, StreamObserver<CalendarFeed> response) {
        reply(response, calendarFeeds.createCalendarFeed(request));
    }

    @Override
    public void revokeCalendarFeed(RevokeCalendarFeedRequest request, StreamObserver<CalendarFeedRevoked> response) {
        reply(response, calendarFeeds.revokeCalendarFeed(request));
    }

    @Override
    public void listMyMeetings(ListMyMeetingsRequest request, StreamObserver<MeetingPage> response) {
        reply(response, calendarFeeds.listMyMeetings(request));
    }
}
