package uk.portsmouth.cfe.contacts.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.contacts.Main;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.contacts.v1.BookSlotRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CancelRegistrationRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CreateCalendarFeedRequest;
import uk.portsmouth.cfe.proto.contacts.v1.CreateMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitations;
import uk.portsmouth.cfe.proto.contacts.v1.InviteRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Invitee;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMyMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingFormat;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeriesRecord;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.Minutes;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContact;
import uk.portsmouth.cfe.proto.contacts.v1.RecordMinutesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationList;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationStatus;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.SeverelyAbsentPupil;
import uk.portsmouth.cfe.proto.contacts.v1.Slot;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateSchoolContactsRequest;

/** Multi-agency meetings over a real gRPC channel, seeded from the guide, "now" fixed at 2026-11-28. */
class MeetingsGrpcServiceTest {

    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer-1")
            .addRoles("la_officer")
            .build();
    private static final CallerContext SCHOOL = CallerContext.newBuilder()
            .setSubject("school-1")
            .addRoles("school")
            .addSchoolUrns("100001")
            .build();
    private static final CallerContext OTHER_SCHOOL = CallerContext.newBuilder()
            .setSubject("school-2")
            .addRoles("school")
            .addSchoolUrns("100002")
            .build();
    private static final CallerContext WORKER = CallerContext.newBuilder()
            .setSubject("worker-1")
            .addRoles("professional")
            .setProfessionalId("yj-wyn")
            .build();
    private static final CallerContext OTHER_WORKER = CallerContext.newBuilder()
            .setSubject("worker-2")
            .addRoles("professional")
            .setProfessionalId("yj-other")
            .build();
    private static final String MET = "met-weekly@2026-12-03T10:00";
    private static final String SAN = "school-attendance-network@2027-02-03T13:30";

    private static FakeSchoolRegister register;
    private static ServiceHost host;
    private static ManagedChannel channel;
    private static ManagedChannel asAttendance;
    private static MeetingsServiceBlockingStub anonymous;

    @BeforeAll
    static void start() {
        register = new FakeSchoolRegister();
        host = Main.start(
                TestTrust.serviceConfig(Main.NAME, true, Map.of("services.attendance.target", register.target())),
                Telemetry.noop(),
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
        anonymous = MeetingsServiceGrpc.newBlockingStub(channel);
        asAttendance = TestTrust.as("attendance-service", host.grpcTarget(), Main.NAME);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        asAttendance.shutdownNow();
        host.close();
        register.close();
    }

    private static MeetingsServiceBlockingStub as(CallerContext caller) {
        return CallerContexts.attach(anonymous, caller);
    }

    /** What attendance-service sends when it asks for {@code caller}. */
    private static MeetingsServiceBlockingStub viaAttendance(CallerContext caller) {
        return TestTrust.forwarding(MeetingsServiceGrpc.newBlockingStub(asAttendance), "attendance-service", caller);
    }

    private static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    private static List<String> fields(Runnable call) {
        return GrpcErrors.fieldErrors(assertThrows(StatusRuntimeException.class, call::run)).stream()
                .map(FieldError::field)
                .toList();
    }

    private static List<String> meetingIds(CallerContext caller) {
        return as(caller)
                .listMeetings(ListMeetingsRequest.newBuilder()
                        .setFrom(Dates.of(LocalDate.of(2026, 11, 28)))
                        .setTo(Dates.of(LocalDate.of(2027, 8, 31)))
                        .setPage(PageRequest.newBuilder().setPerPage(100))
                        .build())
                .getContentsList()
                .stream()
                .map(Meeting::getId)
                .toList();
    }

    @Test
    void restrictedSeriesExistOnlyForTheLa() {
        List<String> publicSeries = anonymous
                .listMeetingSeries(ListMeetingSeriesRequest.newBuilder()
                        .setPage(PageRequest.newBuilder().setPerPage(100))
                        .build())
                .getContentsList()
                .stream()
                .map(MeetingSeries::getId)
                .toList();
        List<String> laSeries = as(OFFICER)
                .listMeetingSeries(ListMeetingSeriesRequest.newBuilder()
                        .setPage(PageRequest.newBuilder().setPerPage(100))
                        .build())
                .getContentsList()
                .stream()
                .map(MeetingSeries::getId)
                .toList();
        assertThat(publicSeries, not(hasItem("marac")));
        assertThat(publicSeries, hasItem("met-weekly"));
        assertThat(laSeries, hasItem("marac"));
        assertThat(
                code(() -> anonymous.getMeetingSeries(
                        GetMeetingSeriesRequest.newBuilder().setId("marac").build())),
                is(Status.Code.NOT_FOUND));
        assertThat(meetingIds(SCHOOL).stream().noneMatch(id -> id.startsWith("marac@")), is(true));
    }

    @Test
    void meetingsInADateRangeForALocality() {
        var north = anonymous
                .listMeetings(ListMeetingsRequest.newBuilder()
                        .setFrom(Dates.of(LocalDate.of(2026, 9, 1)))
                        .setTo(Dates.of(LocalDate.of(2026, 9, 30)))
                        .setLocality(Locality.LOCALITY_NORTH)
                        .build())
                .getContentsList();
        List<String> series =
                north.stream().map(Meeting::getSeriesId).distinct().toList();
        assertThat(series, hasItem("locality-mat-network-north"));
        assertThat(series.contains("locality-mat-network-south"), is(false));
        for (String[] bad : new String[][] {
            {"2026-09-30", "2026-09-01", "to"}, {"2026-01-01", "2027-06-01", "to"}, {"1850-01-01", "2026-09-01", "from"}
        }) {
            assertThat(
                    fields(() -> anonymous.listMeetings(ListMeetingsRequest.newBuilder()
                            .setFrom(TestDates.date(bad[0]))
                            .setTo(TestDates.date(bad[1]))
                            .build())),
                    contains(bad[2]));
        }
    }

    @Test
    void placesThenTheWaitingListAndAFreedPlaceGoesToTheFirstWaiting() {
        for (int i = 0; i < 60; i++) {
            CallerContext attendee = CallerContext.newBuilder()
                    .setSubject("attendee-" + i)
                    .addRoles("school")
                    .build();
            Registration placed = as(attendee)
                    .register(RegisterRequest.newBuilder()
                            .setMeetingId(SAN)
                            .setName("Attendee " + i)
                            .setEmail("a" + i + "@school.example")
                            .build());
            assertThat(placed.getStatus(), is(RegistrationStatus.REGISTRATION_STATUS_REGISTERED));
        }
        Registration waiting = as(SCHOOL)
                .register(RegisterRequest.newBuilder()
                        .setMeetingId(SAN)
                        .setName("Late")
                        .setEmail("late@school.example")
                        .build());
        assertThat(waiting.getStatus(), is(RegistrationStatus.REGISTRATION_STATUS_WAITING));
        assertThat(waiting.getWaitingPosition(), is(1));
        assertThat(
                code(() -> as(SCHOOL)
                        .register(RegisterRequest.newBuilder()
                                .setMeetingId(SAN)
                                .setName("Late")
                                .setEmail("late@school.example")
                                .build())),
                is(Status.Code.ALREADY_EXISTS));
        assertThat(
                code(() -> as(SCHOOL)
                        .listRegistrations(ListRegistrationsRequest.newBuilder()
                                .setMeetingId(SAN)
                                .build())),
                is(Status.Code.PERMISSION_DENIED));

        CallerContext leaving = CallerContext.newBuilder()
                .setSubject("attendee-7")
                .addRoles("school")
                .build();
        as(leaving)
                .cancelRegistration(
                        CancelRegistrationRequest.newBuilder().setMeetingId(SAN).build());
        RegistrationList after = as(OFFICER)
                .listRegistrations(
                        ListRegistrationsRequest.newBuilder().setMeetingId(SAN).build());
        assertThat(after.getRegisteredCount(), is(60));
        assertThat(after.getWaitingCount(), is(0));
        assertThat(
                after.getRegisteredList().stream().map(Registration::getSubject).toList(), hasItem("school-1"));
        assertThat(
                after.getRegisteredList().stream().map(Registration::getSubject).toList(), not(hasItem("attendee-7")));

        assertThat(
                code(() -> as(leaving)
                        .cancelRegistration(CancelRegistrationRequest.newBuilder()
                                .setMeetingId(SAN)
                                .build())),
                is(Status.Code.NOT_FOUND));
        assertThat(
                code(() -> as(leaving)
                        .cancelRegistration(CancelRegistrationRequest.newBuilder()
                                .setMeetingId(SAN)
                                .setSubject("attendee-8")
                                .build())),
                is(Status.Code.PERMISSION_DENIED));
        as(OFFICER)
                .cancelRegistration(CancelRegistrationRequest.newBuilder()
                        .setMeetingId(SAN)
                        .setSubject("attendee-8")
                        .build());

        // a personal calendar feed lists the meetings its owner holds a place at
        String feed = as(SCHOOL)
                .createCalendarFeed(CreateCalendarFeedRequest.getDefaultInstance())
                .getFeedToken();
        assertThat(
                anonymous
                        .listMyMeetings(ListMyMeetingsRequest.newBuilder()
                                .setFeedToken(feed)
                                .build())
                        .getContentsList()
                        .stream()
                        .map(Meeting::getId)
                        .toList(),
                contains(SAN));
        assertThat(
                code(() -> anonymous.listMyMeetings(
                        ListMyMeetingsRequest.newBuilder().setFeedToken("guess").build())),
                is(Status.Code.NOT_FOUND));
        assertThat(
                code(() -> anonymous.createCalendarFeed(CreateCalendarFeedRequest.getDefaultInstance())),
                is(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void registrationRefusals() {
        RegisterRequest.Builder ok = RegisterRequest.newBuilder().setName("Jo").setEmail("jo@school.example");
        assertThat(
                code(() -> anonymous.register(ok.setMeetingId("mental-health-education-network@2027-03-10T15:45")
                        .build())),
                is(Status.Code.PERMISSION_DENIED));
        for (String missing : List.of(
                "marac@2026-12-15T09:00",
                "school-attendance-network@2027-02-04T13:30",
                "nonsense",
                "school-attendance-network@tuesday")) {
            assertThat(
                    missing,
                    code(() -> as(SCHOOL).register(ok.setMeetingId(missing).build())),
                    is(Status.Code.NOT_FOUND));
        }
        assertThat(
                fields(() -> as(SCHOOL)
                        .register(ok.setMeetingId("school-attendance-network@2026-10-07T13:30")
                                .build())),
                contains("/meeting_id"));
        assertThat(
                fields(() -> as(SCHOOL)
                        .register(ok.setMeetingId("mental-health-education-network@2027-03-10T15:45")
                                .setEmail("jo")
                                .build())),
                contains("/email"));
    }

    @Test
    void theLaMaintainsTheSeries() {
        MeetingSeries series = MeetingSeries.newBuilder()
                .setName("Attendance leads briefing")
                .setPurpose("Briefing")
                .setCadence("termly")
                .setFormat(MeetingFormat.MEETING_FORMAT_TEAMS)
                .setLocality(Locality.LOCALITY_CITY_WIDE)
                .setDurationMinutes(60)
                .addDates("2027-01-12T15:30")
                .setCapacity(80)
                .build();
        assertThat(
                code(() -> as(SCHOOL)
                        .createMeetingSeries(CreateMeetingSeriesRequest.newBuilder()
                                .setSeries(series)
                                .build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                fields(() -> as(OFFICER)
                        .createMeetingSeries(CreateMeetingSeriesRequest.newBuilder()
                                .setSeries(series.toBuilder().clearDates().setFormatValue(99))
                                .build())),
                contains("/dates", "/format"));
        MeetingSeriesRecord created = as(OFFICER)
                .createMeetingSeries(CreateMeetingSeriesRequest.newBuilder()
                        .setSeries(series)
                        .build());
        assertThat(created.getSeries().getId(), is("attendance-leads-briefing"));
        // a retry answers the series it made; another series of that name is refused
        assertThat(
                as(OFFICER)
                        .createMeetingSeries(CreateMeetingSeriesRequest.newBuilder()
                                .setSeries(series)
                                .build()),
                is(created));
        assertThat(
                code(() -> as(OFFICER)
                        .createMeetingSeries(CreateMeetingSeriesRequest.newBuilder()
                                .setSeries(series.toBuilder().setCapacity(series.getCapacity() + 1))
                                .build())),
                is(Status.Code.ALREADY_EXISTS));
        MeetingSeries moved = created.getSeries().toBuilder()
                .clearDates()
                .addDates("2027-01-19T15:30")
                .build();
        assertThat(
                as(OFFICER)
                        .updateMeetingSeries(UpdateMeetingSeriesRequest.newBuilder()
                                .setSeries(moved)
                                .setExpectedVersion(1)
                                .build())
                        .getVersion(),
                is(2L));
        assertThat(
                code(() -> as(OFFICER)
                        .updateMeetingSeries(UpdateMeetingSeriesRequest.newBuilder()
                                .setSeries(moved)
                                .setExpectedVersion(1)
                                .build())),
                is(Status.Code.FAILED_PRECONDITION));
        assertThat(meetingIds(SCHOOL), hasItem("attendance-leads-briefing@2027-01-19T15:30"));
    }

    @Test
    void invitedWorkersBookMetSlotsAndOnlyTheLaSeesEveryChild() {
        SchoolContactsServiceGrpc.SchoolContactsServiceBlockingStub tracker =
                CallerContexts.attach(SchoolContactsServiceGrpc.newBlockingStub(channel), OFFICER);
        tracker.updateSchoolContacts(UpdateSchoolContactsRequest.newBuilder()
                .setUrn("100001")
                .addContacts(NamedContact.newBuilder()
                        .setRole("dsl")
                        .setName("Dee Ess")
                        .setEmail("dsl@alpha.example"))
                .build());
        assertThat(
                code(() -> as(WORKER)
                        .invite(InviteRequest.newBuilder()
                                .setMeetingId(MET)
                                .addRoles("dsl")
                                .build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                fields(() -> as(OFFICER)
                        .invite(InviteRequest.newBuilder().setMeetingId(MET).build())),
                contains("/roles"));
        Invitations invited = as(OFFICER)
                .invite(InviteRequest.newBuilder()
                        .setMeetingId(MET)
                        .addRoles("dsl")
                        .setLocality(Locality.LOCALITY_NORTH)
                        .addPeople(Invitee.newBuilder()
                                .setName("Wyn Worker")
                                .setEmail("wyn@youth-justice.example")
                                .setProfessionalId("yj-wyn"))
                        .build());
        assertThat(
                invited.getInviteesList().stream().map(Invitee::getEmail).toList(),
                contains("dsl@alpha.example", "wyn@youth-justice.example"));
        assertThat(
                as(OFFICER)
                        .invite(InviteRequest.newBuilder()
                                .setMeetingId(MET)
                                .addRoles("dsl")
                                .build())
                        .getAdded(),
                is(0));

        BookSlotRequest.Builder booking = BookSlotRequest.newBuilder()
                .setMeetingId(MET)
                .setChildName("Child A")
                .setChildDateOfBirth(Dates.of(LocalDate.of(2012, 5, 1)))
                .setConcern("Missing episodes");
        Slot first = as(WORKER).bookSlot(booking.build());
        assertThat(first.getStart(), is("2026-12-03T10:00:00Z"));
        assertThat(first.getWorkerName(), is("Wyn Worker"));
        assertThat(first.getBookedByLa(), is(false));
        Slot second = as(WORKER).bookSlot(booking.setChildName("Child B").build());
        assertThat(second.getStart(), is("2026-12-03T10:20:00Z"));
        assertThat(
                code(() -> as(WORKER).bookSlot(booking.setSlotStart("10:00").build())), is(Status.Code.ALREADY_EXISTS));
        assertThat(
                fields(() -> as(WORKER).bookSlot(booking.setSlotStart("10:05").build())), contains("/slot_start"));
        // an uninvited worker typing an invitee's email books nothing; nor does a worker book for another
        assertThat(
                code(() -> as(OTHER_WORKER)
                        .bookSlot(booking.setSlotStart("")
                                .setWorkerEmail("wyn@youth-justice.example")
                                .build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> as(WORKER)
                        .bookSlot(booking.setWorkerEmail("dsl@alpha.example").build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                fields(() -> as(WORKER)
                        .bookSlot(booking.setWorkerEmail("")
                                .setChildDateOfBirth(Dates.of(LocalDate.of(2030, 1, 1)))
                                .build())),
                contains("/child_date_of_birth"));
        // the LA books for an invited worker it names, and is recorded as the booker
        assertThat(
                fields(() -> as(OFFICER)
                        .bookSlot(booking.setChildDateOfBirth(Dates.of(LocalDate.of(2012, 5, 1)))
                                .setWorkerEmail("")
                                .build())),
                contains("/worker_email"));
        assertThat(
                fields(() -> as(OFFICER)
                        .bookSlot(booking.setWorkerEmail("someone@else.example").build())),
                contains("/worker_email"));
        Slot forDsl = as(OFFICER)
                .bookSlot(booking.setWorkerEmail("DSL@alpha.example")
                        .setChildName("Child C")
                        .build());
        assertThat(forDsl.getWorkerName(), is("Dee Ess"));
        assertThat(forDsl.getBookedBy(), is("officer-1"));
        assertThat(forDsl.getBookedByLa(), is(true));
        assertThat(
                fields(() -> as(WORKER)
                        .bookSlot(BookSlotRequest.newBuilder().setMeetingId(SAN).build())),
                contains("/meeting_id"));

        MeetingDetail byOfficer = as(OFFICER)
                .getMeeting(GetMeetingRequest.newBuilder().setMeetingId(MET).build());
        assertThat(byOfficer.getSlotsCount(), is(9));
        assertThat(
                byOfficer.getSlotsList().stream()
                        .map(Slot::getChildName)
                        .filter(n -> !n.isEmpty())
                        .toList(),
                contains("Child A", "Child B", "Child C"));
        MeetingDetail byBooker = as(WORKER)
                .getMeeting(GetMeetingRequest.newBuilder().setMeetingId(MET).build());
        assertThat(
                byBooker.getSlotsList().stream()
                        .map(Slot::getChildName)
                        .filter(n -> !n.isEmpty())
                        .toList(),
                contains("Child A", "Child B"));
        MeetingDetail byOther = as(OTHER_WORKER)
                .getMeeting(GetMeetingRequest.newBuilder().setMeetingId(MET).build());
        assertThat(byOther.getSlotsList().stream().filter(Slot::getBooked).count(), is(3L));
        assertThat(
                byOther.getSlotsList().stream().allMatch(s -> s.getChildName().isEmpty()), is(true));
    }

    @Test
    void minutesComeAfterTheMeetingOnceAndGoToThoseInvited() {
        String past = "locality-mat-network-north@2026-11-10T09:30";
        String future = "locality-mat-network-north@2026-12-08T09:30";
        as(OFFICER)
                .invite(InviteRequest.newBuilder()
                        .setMeetingId(past)
                        .addPeople(Invitee.newBuilder().setName("Pat").setEmail("pat@health.example"))
                        .build());
        RecordMinutesRequest.Builder minutes = RecordMinutesRequest.newBuilder().setText("Actions agreed.");
        assertThat(
                fields(() ->
                        as(OFFICER).recordMinutes(minutes.setMeetingId(future).build())),
                contains("/meeting_id"));
        assertThat(
                code(() -> as(SCHOOL).recordMinutes(minutes.setMeetingId(past).build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                fields(() -> as(OFFICER)
                        .recordMinutes(minutes.setMeetingId(past)
                                .setDistributeTo("everyone")
                                .build())),
                contains("/distribute_to"));
        Minutes recorded = as(OFFICER)
                .recordMinutes(minutes.setMeetingId(past).setDistributeTo("").build());
        assertThat(
                recorded.getDistributedToList().stream().map(Invitee::getEmail).toList(),
                contains("pat@health.example"));
        assertThat(code(() -> as(OFFICER).recordMinutes(minutes.build())), is(Status.Code.ALREADY_EXISTS));
        assertThat(
                as(OFFICER)
                        .getMinutes(GetMinutesRequest.newBuilder()
                                .setMeetingId(past)
                                .build())
                        .getText(),
                is("Actions agreed."));
        assertThat(
                code(() -> as(SCHOOL)
                        .getMinutes(GetMinutesRequest.newBuilder()
                                .setMeetingId(past)
                                .build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> as(OFFICER)
                        .getMinutes(GetMinutesRequest.newBuilder()
                                .setMeetingId(future)
                                .build())),
                is(Status.Code.NOT_FOUND));
    }

    @Test
    void severelyAbsentMeetingsExistOnlyForTheirSchoolAndTheLa() {
        ScheduleSevereAbsenceMeetingRequest.Builder request = ScheduleSevereAbsenceMeetingRequest.newBuilder()
                .setUrn("100001")
                .setSchool(FakeSchoolRegister.SCHOOLS.get(0))
                .setStart("2027-01-20T14:00")
                .setTerm("Spring 2027")
                .addPupils(SeverelyAbsentPupil.newBuilder()
                        .setUpn("A123456789012")
                        .setName("Pupil One")
                        .setYearGroup(9)
                        .setAttendancePercent(41.5)
                        .setPossibleSessions(120)
                        .setSessionsMissed(70))
                .addPupils(SeverelyAbsentPupil.newBuilder()
                        .setUpn("B123456789012")
                        .setName("Pupil Two")
                        .setYearGroup(10)
                        .setAttendancePercent(30)
                        .setPossibleSessions(120)
                        .setSessionsMissed(84));
        String meetingId = "severely-absent-meetings-100001@2027-01-20T14:00";
        assertThat(
                code(() -> viaAttendance(OTHER_SCHOOL).scheduleSevereAbsenceMeeting(request.build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                fields(() -> viaAttendance(OFFICER)
                        .scheduleSevereAbsenceMeeting(request.clone()
                                .setPupils(
                                        0,
                                        SeverelyAbsentPupil.newBuilder()
                                                .setUpn("nope")
                                                .setName("X"))
                                .build())),
                contains("/pupils/0/upn"));
        assertThat(
                fields(() -> viaAttendance(OFFICER)
                        .scheduleSevereAbsenceMeeting(
                                request.clone().setStart("2026-11-01T14:00").build())),
                contains("/start"));
        assertThat(
                fields(() -> viaAttendance(OFFICER)
                        .scheduleSevereAbsenceMeeting(
                                request.clone().setUrn("100002").build())),
                contains("/school"));
        // a client cannot schedule one directly (pupils and school come from the attendance service)
        assertThat(
                code(() -> as(OFFICER).scheduleSevereAbsenceMeeting(request.build())),
                is(Status.Code.PERMISSION_DENIED));

        MeetingDetail scheduled = viaAttendance(OFFICER).scheduleSevereAbsenceMeeting(request.build());
        assertThat(scheduled.getMeeting().getId(), is(meetingId));
        assertThat(scheduled.getPupilsCount(), is(2));
        // asking again with a new list replaces it, still one meeting
        viaAttendance(SCHOOL)
                .scheduleSevereAbsenceMeeting(request.clone().removePupils(1).build());
        assertThat(
                as(SCHOOL)
                        .getMeeting(GetMeetingRequest.newBuilder()
                                .setMeetingId(meetingId)
                                .build())
                        .getPupilsCount(),
                is(1));
        assertThat(meetingIds(SCHOOL).stream().filter(meetingId::equals).count(), is(1L));
        assertThat(meetingIds(OFFICER), hasItem(meetingId));

        for (CallerContext outsider : List.of(OTHER_SCHOOL, WORKER, CallerContexts.ANONYMOUS)) {
            assertThat(meetingIds(outsider), not(hasItem(meetingId)));
            assertThat(
                    code(() -> as(outsider)
                            .getMeeting(GetMeetingRequest.newBuilder()
                                    .setMeetingId(meetingId)
                                    .build())),
                    is(Status.Code.NOT_FOUND));
        }
    }
}
