package uk.portsmouth.cfe.attendance.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.Main;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.ServiceCalls;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.DateRange;
import uk.portsmouth.cfe.proto.attendance.v1.FamilyHasFsp;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GroupMeasures;
import uk.portsmouth.cfe.proto.attendance.v1.Intervention;
import uk.portsmouth.cfe.proto.attendance.v1.InterventionKind;
import uk.portsmouth.cfe.proto.attendance.v1.ListPupilsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSevereAbsenceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.MarkError;
import uk.portsmouth.cfe.proto.attendance.v1.Measures;
import uk.portsmouth.cfe.proto.attendance.v1.PanelEvidence;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RequestSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SenStatus;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingDetail;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.ScheduleSevereAbsenceMeetingRequest;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlanLookupGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.HasOpenPlanReply;
import uk.portsmouth.cfe.proto.fsp.v1.HasOpenPlanRequest;

/**
 * Rolls, marks and measures over a real gRPC channel on the embedded store, "today" fixed at
 * 2026-11-28; Severely Absent Meetings and FSP lookups go to fakes of the contacts and FSP services' contracts.
 */
class AttendanceGrpcServiceTest {

    private static final String SCHOOL_A = "116000";
    private static final String SCHOOL_B = "116037";
    private static final CallerContext MIS_A = CallerContext.newBuilder()
            .setSubject("mis-a")
            .addRoles("school")
            .addSchoolUrns(SCHOOL_A)
            .build();
    private static final CallerContext MIS_B = CallerContext.newBuilder()
            .setSubject("mis-b")
            .addRoles("school")
            .addSchoolUrns(SCHOOL_B)
            .build();
    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer")
            .addRoles("la_officer")
            .build();
    private static final CallerContext PARTNER =
            CallerContext.newBuilder().setSubject("nhs").addRoles("partner").build();

    private static final List<ScheduleSevereAbsenceMeetingRequest> SCHEDULED = new CopyOnWriteArrayList<>();
    private static final List<String> FSP_CALLERS = new CopyOnWriteArrayList<>();
    private static Server contacts;
    private static Server fsp;
    private static ServiceHost host;
    private static ManagedChannel channel;
    private static AttendanceServiceBlockingStub attendance;

    @BeforeAll
    static void start() throws IOException {
        contacts = TestTrust.standIn(
                "safeguarding-contacts-service",
                new ServiceCalls().forItsUsers(Main.NAME, MeetingsServiceGrpc.getScheduleSevereAbsenceMeetingMethod()),
                new MeetingsServiceGrpc.MeetingsServiceImplBase() {
                    @Override
                    public void scheduleSevereAbsenceMeeting(
                            ScheduleSevereAbsenceMeetingRequest request, StreamObserver<MeetingDetail> response) {
                        SCHEDULED.add(request);
                        response.onNext(MeetingDetail.newBuilder()
                                .setMeeting(Meeting.newBuilder()
                                        .setId("severely-absent-meetings-" + request.getUrn() + "@"
                                                + request.getStart()))
                                .build());
                        response.onCompleted();
                    }
                });
        fsp = TestTrust.standIn(
                "fsp-service",
                new ServiceCalls().asItself(Main.NAME, FamilySupportPlanLookupGrpc.getHasOpenPlanMethod()),
                new FamilySupportPlanLookupGrpc.FamilySupportPlanLookupImplBase() {
                    @Override
                    public void hasOpenPlan(HasOpenPlanRequest request, StreamObserver<HasOpenPlanReply> response) {
                        FSP_CALLERS.add(CallerContexts.current().getSubject());
                        response.onNext(HasOpenPlanReply.newBuilder()
                                .setOpenPlan(request.getUpn().equals(upn(30)))
                                .build());
                        response.onCompleted();
                    }
                });
        host = Main.start(
                TestTrust.serviceConfig(
                        Main.NAME,
                        true,
                        Map.of(
                                "demo-data.roll-size",
                                "0",
                                "services.contacts.target",
                                "127.0.0.1:" + contacts.getPort(),
                                "services.fsp.target",
                                "127.0.0.1:" + fsp.getPort())),
                Telemetry.noop(),
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
        attendance = AttendanceServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
        contacts.shutdownNow();
        fsp.shutdownNow();
    }

    private static AttendanceServiceBlockingStub as(CallerContext caller) {
        return CallerContexts.attach(attendance, caller);
    }

    private static String upn(int serial) {
        String rest = "851200026" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private static Pupil pupil(String urn, int serial, int yearGroup, SenStatus sen) {
        return Pupil.newBuilder()
                .setUpn(upn(serial))
                .setGivenName("Pupil")
                .setFamilyName("No " + serial)
                .setDateOfBirth(Dates.of(LocalDate.of(2019, 5, 1)))
                .setYearGroup(yearGroup)
                .setUrn(urn)
                .setSenStatus(sen)
                .build();
    }

    private static Mark mark(int serial, String date, String session, String code) {
        return Mark.newBuilder()
                .setUpn(upn(serial))
                .setDate(date)
                .setSession(session)
                .setCode(code)
                .build();
    }

    private static SubmitMarksReply submit(CallerContext caller, String urn, List<Mark> marks) {
        return as(caller)
                .submitMarks(SubmitMarksRequest.newBuilder()
                        .setUrn(urn)
                        .addAllMarks(marks)
                        .build());
    }

    /** The week of 2-6 November 2026: 10 sessions. */
    private static List<Mark> week(int serial, String... codes) {
        List<Mark> marks = new ArrayList<>();
        String[] days = {"2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"};
        for (int i = 0; i < 10; i++) {
            marks.add(mark(serial, days[i / 2], i % 2 == 0 ? "AM" : "PM", codes[i]));
        }
        return marks;
    }

    private static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    private static Measures pupilMeasures(CallerContext caller, String urn, int serial) {
        return as(caller)
                .getPupilAttendance(GetPupilAttendanceRequest.newBuilder()
                        .setUrn(urn)
                        .setUpn(upn(serial))
                        .build())
                .getMeasures();
    }

    @Test
    void marksAreIdempotentCorrectionsKeepHistoryAndMeasuresAreRight() {
        as(MIS_A)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .addPupils(pupil(SCHOOL_A, 1, 3, SenStatus.SEN_STATUS_NONE))
                        .build());
        List<Mark> week = week(1, "/", "\\", "/", "\\", "I", "I", "/", "N", "#", "#");
        SubmitMarksReply first = submit(MIS_A, SCHOOL_A, week);
        assertThat(first.getAccepted(), is(true));
        assertThat(first.getRecorded(), is(10));
        SubmitMarksReply replay = submit(MIS_A, SCHOOL_A, week);
        assertThat(replay.getUnchanged(), is(10));
        assertThat(replay.getRecorded() + replay.getCorrected(), is(0));

        // 8 possible (the two # are not), present 5, authorised 2, unauthorised 1: 37.5% absent
        Measures measures = pupilMeasures(MIS_A, SCHOOL_A, 1);
        assertThat(measures.getPossibleSessions(), is(8L));
        assertThat(measures.getAuthorisedAbsence(), is(2L));
        assertThat(measures.getUnauthorisedAbsence(), is(1L));
        assertThat(measures.getAbsencePercent(), closeTo(37.5, 1e-9));
        assertThat(measures.getPersistentlyAbsent(), is(true));
        assertThat(measures.getSeverelyAbsent(), is(false));

        // the N becomes an M (medical): a correction, the N kept
        SubmitMarksReply corrected = submit(MIS_A, SCHOOL_A, List.of(mark(1, "2026-11-05", "PM", "M")));
        assertThat(corrected.getCorrected(), is(1));
        PupilAttendance after = as(OFFICER)
                .getPupilAttendance(GetPupilAttendanceRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .setUpn(upn(1))
                        .build());
        assertThat(after.getMeasures().getUnauthorisedAbsence(), is(0L));
        assertThat(after.getMeasures().getAuthorisedAbsence(), is(3L));
        assertThat(
                after.getMarksList().stream()
                        .filter(m -> m.getDate().equals("2026-11-05")
                                && m.getSession().equals("PM"))
                        .findFirst()
                        .orElseThrow()
                        .getEarlierCodesList(),
                contains("N"));
        assertThat(after.getWeeksCount(), is(1));

        // a comment is kept with its session, and goes when the session is sent again without one
        submit(
                MIS_A,
                SCHOOL_A,
                List.of(mark(1, "2026-11-06", "AM", "#").toBuilder()
                        .setComment("INSET day")
                        .build()));
        assertThat(commentOf(SCHOOL_A, 1, "2026-11-06", "AM"), is("INSET day"));
        submit(MIS_A, SCHOOL_A, List.of(mark(1, "2026-11-06", "AM", "#")));
        assertThat(commentOf(SCHOOL_A, 1, "2026-11-06", "AM"), is(""));
    }

    private static String commentOf(String urn, int serial, String date, String session) {
        return as(OFFICER)
                .getPupilAttendance(GetPupilAttendanceRequest.newBuilder()
                        .setUrn(urn)
                        .setUpn(upn(serial))
                        .build())
                .getMarksList()
                .stream()
                .filter(m -> m.getDate().equals(date) && m.getSession().equals(session))
                .findFirst()
                .orElseThrow()
                .getComment();
    }

    @Test
    void aBadBatchIsRefusedWholeWithEveryBadMarkListed() {
        as(MIS_A)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .addPupils(pupil(SCHOOL_A, 2, 4, SenStatus.SEN_STATUS_NONE))
                        .build());
        List<Mark> batch = List.of(
                mark(2, "2026-11-09", "AM", "/"), mark(2, "2026-11-09", "PM", "H"),
                mark(99, "2026-11-10", "AM", "/"), mark(2, "2026-12-01", "AM", "/"));
        SubmitMarksReply refused = submit(MIS_A, SCHOOL_A, batch);
        assertThat(refused.getAccepted(), is(false));
        assertThat(refused.getErrorsList().stream().map(MarkError::getIndex).toList(), contains(1, 2, 3));
        assertThat(pupilMeasures(OFFICER, SCHOOL_A, 2).getNoPossibleSessions(), is(true)); // nothing written
    }

    @Test
    void aSchoolWorksWithItsOwnPupilsOnly() {
        as(MIS_B)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(SCHOOL_B)
                        .addPupils(pupil(SCHOOL_B, 3, 8, SenStatus.SEN_STATUS_NONE))
                        .build());
        assertThat(code(() -> pupilMeasures(MIS_A, SCHOOL_B, 3)), is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> submit(MIS_A, SCHOOL_B, week(3, "/", "\\", "/", "\\", "/", "\\", "/", "\\", "/", "\\"))),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> as(MIS_A)
                        .listPupils(
                                ListPupilsRequest.newBuilder().setUrn(SCHOOL_B).build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> as(PARTNER)
                        .listPupils(
                                ListPupilsRequest.newBuilder().setUrn(SCHOOL_B).build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> as(MIS_A).getAttendanceSummary(GetAttendanceSummaryRequest.getDefaultInstance())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(code(() -> pupilMeasures(OFFICER, SCHOOL_B, 77)), is(Status.Code.NOT_FOUND));
    }

    @Test
    void aDualRegisteredPupilHasAnEnrolmentAtEachSchool() {
        as(OFFICER)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .addPupils(pupil(SCHOOL_A, 4, 9, SenStatus.SEN_STATUS_EHCP))
                        .build());
        as(OFFICER)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(SCHOOL_B)
                        .addPupils(pupil(SCHOOL_B, 4, 9, SenStatus.SEN_STATUS_EHCP))
                        .build());
        submit(MIS_A, SCHOOL_A, week(4, "/", "\\", "D", "D", "/", "\\", "D", "D", "/", "\\"));
        submit(MIS_B, SCHOOL_B, week(4, "D", "D", "O", "O", "D", "D", "/", "\\", "D", "D"));
        Measures atA = pupilMeasures(OFFICER, SCHOOL_A, 4);
        Measures atB = pupilMeasures(OFFICER, SCHOOL_B, 4);
        assertThat(atA.getPossibleSessions(), is(6L));
        assertThat(atA.getAbsencePercent(), closeTo(0, 1e-9));
        assertThat(atB.getPossibleSessions(), is(4L));
        assertThat(atB.getAbsencePercent(), closeTo(50, 1e-9));
        assertThat(atB.getSeverelyAbsent(), is(true));
    }

    @Test
    void summariesAndTheSevereAbsenceMeeting() {
        as(MIS_A)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .addPupils(pupil(SCHOOL_A, 10, 5, SenStatus.SEN_STATUS_SEN_SUPPORT))
                        .addPupils(pupil(SCHOOL_A, 11, 5, SenStatus.SEN_STATUS_NONE))
                        .build());
        List<Mark> marks =
                new ArrayList<>(week(10, "O", "O", "I", "I", "G", "G", "/", "\\", "O", "O")); // 20% attendance
        marks.addAll(week(11, "/", "\\", "/", "\\", "/", "\\", "/", "\\", "/", "\\"));
        submit(MIS_A, SCHOOL_A, marks);

        AttendanceSummary school = as(MIS_A)
                .getAttendanceSummary(GetAttendanceSummaryRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .build());
        assertThat(Dates.text(school.getRange().getFrom()), is("2026-09-02"));
        assertThat(
                school.getByYearGroupList().stream()
                        .filter(g -> g.getGroup().equals("year 5"))
                        .findFirst()
                        .orElseThrow()
                        .getSeverelyAbsent(),
                is(1L));
        assertThat(
                school.getBySenStatusList().stream()
                        .map(g -> g.getGroup())
                        .toList()
                        .contains("sen_support"),
                is(true));
        AttendanceSummary city = as(OFFICER).getAttendanceSummary(GetAttendanceSummaryRequest.getDefaultInstance());
        assertThat(
                city.getByLocalityList().stream()
                        .map(g -> g.getGroup())
                        .toList()
                        .contains("north"),
                is(true));
        // a range the counters do not cover is counted from the marks
        AttendanceSummary oneDay = as(MIS_A)
                .getAttendanceSummary(GetAttendanceSummaryRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .setRange(DateRange.newBuilder()
                                .setFrom(Dates.of(LocalDate.of(2026, 11, 2)))
                                .setTo(Dates.of(LocalDate.of(2026, 11, 2))))
                        .build());
        assertThat(oneDay.getOverall().getMeasures().getPossibleSessions() > 0, is(true));
        assertThat(
                code(() -> as(OFFICER)
                        .getAttendanceSummary(GetAttendanceSummaryRequest.newBuilder()
                                .setUrn(SCHOOL_A)
                                .setRange(DateRange.newBuilder()
                                        .setFrom(Dates.of(LocalDate.of(2026, 11, 2)))
                                        .setTo(Dates.of(LocalDate.of(2027, 11, 2))))
                                .build())),
                is(Status.Code.INVALID_ARGUMENT));

        var severe = as(MIS_A)
                .listSevereAbsence(
                        ListSevereAbsenceRequest.newBuilder().setUrn(SCHOOL_A).build())
                .getPupilsList();
        assertThat(severe.stream().map(s -> s.getPupil().getUpn()).toList().contains(upn(10)), is(true));
        assertThat(severe.stream().map(s -> s.getPupil().getUpn()).toList().contains(upn(11)), is(false));

        String meeting = as(OFFICER)
                .requestSevereAbsenceMeeting(RequestSevereAbsenceMeetingRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .setStart("2027-01-20T14:00")
                        .build())
                .getMeetingId();
        assertThat(meeting, is("severely-absent-meetings-116000@2027-01-20T14:00"));
        ScheduleSevereAbsenceMeetingRequest sent = SCHEDULED.get(SCHEDULED.size() - 1);
        assertThat(sent.getTerm(), is("Spring 2027"));
        assertThat(sent.getPupilsList().stream().map(p -> p.getUpn()).toList().contains(upn(10)), is(true));
        assertThat(
                code(() -> as(MIS_B)
                        .requestSevereAbsenceMeeting(RequestSevereAbsenceMeetingRequest.newBuilder()
                                .setUrn(SCHOOL_A)
                                .setStart("2027-01-20T14:00")
                                .build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(SCHEDULED.stream().filter(r -> r.getUrn().equals(SCHOOL_B)).toList(), empty());
    }

    private static GroupMeasures groupOf(List<GroupMeasures> groups, String name) {
        return groups.stream()
                .filter(g -> g.getGroup().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The school totals kept at every write agree with counting the marks afresh, through corrections and
     * regrouping.
     */
    @Test
    void schoolTotalsKeptAtIngestMatchTheMarks() {
        String schoolC = "116041";
        as(OFFICER)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(schoolC)
                        .addPupils(pupil(schoolC, 40, 2, SenStatus.SEN_STATUS_NONE))
                        .addPupils(pupil(schoolC, 41, 2, SenStatus.SEN_STATUS_EHCP))
                        .build());
        List<Mark> marks = new ArrayList<>(week(40, "/", "\\", "/", "\\", "/", "\\", "/", "\\", "/", "\\"));
        marks.addAll(week(41, "O", "O", "I", "I", "/", "\\", "/", "\\", "/", "\\")); // 4 of 10 missed
        submit(OFFICER, schoolC, marks);
        GetAttendanceSummaryRequest kept =
                GetAttendanceSummaryRequest.newBuilder().setUrn(schoolC).build();
        // from a day that is neither the year's nor a term's first: counted from the marks, not from the totals
        GetAttendanceSummaryRequest counted = kept.toBuilder()
                .setRange(DateRange.newBuilder().setFrom(Dates.of(LocalDate.of(2026, 9, 3))))
                .build();

        GroupMeasures overall = as(OFFICER).getAttendanceSummary(kept).getOverall();
        assertThat(overall.getPupils(), is(2L));
        assertThat(overall.getPersistentlyAbsent(), is(1L));
        assertThat(overall.getSeverelyAbsent(), is(0L));
        assertThat(overall.getMeasures().getPossibleSessions(), is(20L));
        assertThat(overall.getMeasures().getUnauthorisedAbsence(), is(2L));
        assertThat(overall.getMeasures().getAuthorisedAbsence(), is(2L));
        assertThat(
                groupOf(as(OFFICER).getAttendanceSummary(kept).getBySenStatusList(), "ehcp")
                        .getPersistentlyAbsent(),
                is(1L));

        // corrections: the O and the I become present, so no one is persistently absent any more
        submit(
                OFFICER,
                schoolC,
                List.of(
                        mark(41, "2026-11-02", "AM", "/"), mark(41, "2026-11-02", "PM", "\\"),
                        mark(41, "2026-11-03", "AM", "/"), mark(41, "2026-11-03", "PM", "\\")));
        overall = as(OFFICER).getAttendanceSummary(kept).getOverall();
        assertThat(overall.getPersistentlyAbsent(), is(0L));
        assertThat(overall.getMeasures().getPresent(), is(20L));

        // a roll sync moves pupil 41 to year 3 and SEN support: the totals follow
        as(OFFICER)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(schoolC)
                        .addPupils(pupil(schoolC, 41, 3, SenStatus.SEN_STATUS_SEN_SUPPORT))
                        .build());
        AttendanceSummary after = as(OFFICER).getAttendanceSummary(kept);
        assertThat(groupOf(after.getByYearGroupList(), "year 3").getPupils(), is(1L));
        assertThat(groupOf(after.getByYearGroupList(), "year 2").getPupils(), is(1L));
        assertThat(
                after.getBySenStatusList().stream().map(GroupMeasures::getGroup).toList(),
                contains("none", "sen_support"));

        AttendanceSummary fromMarks = as(OFFICER).getAttendanceSummary(counted);
        assertThat(after.getOverall(), is(fromMarks.getOverall()));
        assertThat(after.getByYearGroupList(), is(fromMarks.getByYearGroupList()));
        assertThat(after.getBySenStatusList(), is(fromMarks.getBySenStatusList()));
        assertThat(after.getWeeksList(), is(fromMarks.getWeeksList()));
    }

    /** Batches racing for one pupil (the same marks twice, and other days) lose nothing and count nothing twice. */
    @Test
    void racingBatchesLoseNothingAndCountNothingTwice() throws Exception {
        String schoolD = "116052";
        as(OFFICER)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(schoolD)
                        .addPupils(pupil(schoolD, 50, 6, SenStatus.SEN_STATUS_NONE))
                        .build());
        String[] days = {"2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"};
        List<Callable<SubmitMarksReply>> batches = new ArrayList<>();
        for (String day : days) {
            List<Mark> marks = List.of(mark(50, day, "AM", "/"), mark(50, day, "PM", "O"));
            batches.add(() -> submit(OFFICER, schoolD, marks));
            batches.add(() -> submit(OFFICER, schoolD, marks));
        }
        ExecutorService pool = Executors.newFixedThreadPool(batches.size());
        try {
            int recorded = 0;
            int unchanged = 0;
            for (Future<SubmitMarksReply> reply : pool.invokeAll(batches)) {
                recorded += reply.get().getRecorded();
                unchanged += reply.get().getUnchanged();
            }
            assertThat(recorded, is(10));
            assertThat(unchanged, is(10));
        } finally {
            pool.shutdown();
        }
        Measures measures = pupilMeasures(OFFICER, schoolD, 50);
        assertThat(measures.getPossibleSessions(), is(10L));
        assertThat(measures.getUnauthorisedAbsence(), is(5L));
        GetAttendanceSummaryRequest kept =
                GetAttendanceSummaryRequest.newBuilder().setUrn(schoolD).build();
        GroupMeasures overall = as(OFFICER).getAttendanceSummary(kept).getOverall();
        assertThat(overall.getMeasures().getPossibleSessions(), is(10L));
        assertThat(overall.getPupils(), is(1L));
        assertThat(
                overall,
                is(as(OFFICER)
                        .getAttendanceSummary(kept.toBuilder()
                                .setRange(DateRange.newBuilder().setFrom(Dates.of(LocalDate.of(2026, 9, 3))))
                                .build())
                        .getOverall()));
    }

    @Test
    void aPanelReferralSaysWhetherTheFamilyHasAnOpenFsp() {
        as(MIS_A)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(SCHOOL_A)
                        .addPupils(pupil(SCHOOL_A, 30, 6, SenStatus.SEN_STATUS_NONE))
                        .addPupils(pupil(SCHOOL_A, 31, 6, SenStatus.SEN_STATUS_NONE))
                        .build());
        PanelEvidence evidence = PanelEvidence.newBuilder()
                .setIrregularAttendanceHistory("Since Year 3")
                .setParentalEngagement("Some")
                .addInterventions(Intervention.newBuilder()
                        .setKind(InterventionKind.INTERVENTION_KIND_FSP)
                        .setEffect("Improved for a month"))
                .build();
        CaseworkServiceGrpc.CaseworkServiceBlockingStub casework =
                CallerContexts.attach(CaseworkServiceGrpc.newBlockingStub(channel), MIS_A);
        var withPlan = casework.referToPanel(ReferToPanelRequest.newBuilder()
                .setUrn(SCHOOL_A)
                .setUpn(upn(30))
                .setEvidence(evidence)
                .build());
        var without = casework.referToPanel(ReferToPanelRequest.newBuilder()
                .setUrn(SCHOOL_A)
                .setUpn(upn(31))
                .setEvidence(evidence)
                .build());
        assertThat(withPlan.getReferral().getFamilyHasFsp(), is(FamilyHasFsp.FAMILY_HAS_FSP_YES));
        assertThat(without.getReferral().getFamilyHasFsp(), is(FamilyHasFsp.FAMILY_HAS_FSP_NO));
        // asked as the attendance service, not as the school (which may not know of a plan)
        assertThat(FSP_CALLERS.get(0), is("attendance-service"));
        assertThat(
                code(() -> CallerContexts.attach(CaseworkServiceGrpc.newBlockingStub(channel), MIS_B)
                        .getSapReferral(GetCaseworkRequest.newBuilder()
                                .setId(withPlan.getReferral().getId())
                                .build())),
                is(Status.Code.NOT_FOUND));
    }
}
