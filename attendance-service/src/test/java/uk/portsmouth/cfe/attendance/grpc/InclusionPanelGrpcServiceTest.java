package uk.portsmouth.cfe.attendance.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.Main;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnIspReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.DateRange;
import uk.portsmouth.cfe.proto.attendance.v1.DualRegistration;
import uk.portsmouth.cfe.proto.attendance.v1.FairAccessPlacement;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.InclusionPanelServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.InclusionPanelServiceGrpc.InclusionPanelServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.Intervention;
import uk.portsmouth.cfe.proto.attendance.v1.InterventionKind;
import uk.portsmouth.cfe.proto.attendance.v1.IspAction;
import uk.portsmouth.cfe.proto.attendance.v1.IspDecision;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralRecord;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralStatus;
import uk.portsmouth.cfe.proto.attendance.v1.ListNewPupilReturnsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturn;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToInclusionPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RequestedChange;
import uk.portsmouth.cfe.proto.attendance.v1.SenStatus;
import uk.portsmouth.cfe.proto.attendance.v1.SessionMark;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.WeeklySession;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The Inclusion Support Panel over a real gRPC channel and the embedded store, on a clock the test
 * moves: a school refers, the LA decides, and the decision reaches both registers (the pupil on the
 * other setting's roll with its new pupil's return; the main school's sessions there coded D, added
 * to the days its batches record, a contradicting mark refused, D not counted as a possible session).
 */
class InclusionPanelGrpcServiceTest {

    private static final String SCHOOL_URN = "116000";
    private static final String SPECIAL_SCHOOL = "117070";
    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer-1")
            .addRoles("la_officer")
            .build();
    private static final CallerContext SCHOOL = CallerContext.newBuilder()
            .setSubject("school-1")
            .addRoles("school")
            .addSchoolUrns(SCHOOL_URN)
            .build();
    private static final CallerContext OTHER_SCHOOL = CallerContext.newBuilder()
            .setSubject("school-2")
            .addRoles("school")
            .addSchoolUrns("116037")
            .build();
    /** Friday 27 November 2026, 10:00. */
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-27T10:00:00Z"));

    private static ServiceHost host;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        host = Main.start(
                TestTrust.serviceConfig(
                        Main.NAME,
                        true,
                        Map.of(
                                "demo-data.roll-size", "0",
                                "services.contacts.target", "127.0.0.1:1",
                                "services.fsp.target", "127.0.0.1:1")),
                Telemetry.noop(),
                CLOCK);
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
    }

    private static InclusionPanelServiceBlockingStub panel(CallerContext caller) {
        return CallerContexts.attach(InclusionPanelServiceGrpc.newBlockingStub(channel), caller);
    }

    private static AttendanceServiceBlockingStub attendance(CallerContext caller) {
        return CallerContexts.attach(AttendanceServiceGrpc.newBlockingStub(channel), caller);
    }

    private static String upn(int serial) {
        String rest = "851200029" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private static IspReferralRecord referred(int serial) {
        attendance(SCHOOL)
                .upsertPupils(UpsertPupilsRequest.newBuilder()
                        .setUrn(SCHOOL_URN)
                        .addPupils(Pupil.newBuilder()
                                .setUpn(upn(serial))
                                .setGivenName("Rory")
                                .setFamilyName("Panel" + serial)
                                .setDateOfBirth(Dates.of(LocalDate.of(2016, 4, 5)))
                                .setYearGroup(5)
                                .setSenStatus(SenStatus.SEN_STATUS_SEN_SUPPORT)
                                .setAdmissionDate(Dates.of(LocalDate.of(2022, 9, 5))))
                        .build());
        return panel(SCHOOL)
                .referToInclusionPanel(ReferToInclusionPanelRequest.newBuilder()
                        .setUrn(SCHOOL_URN)
                        .setUpn(upn(serial))
                        .setRequestedChange(RequestedChange.REQUESTED_CHANGE_DUAL_REGISTRATION)
                        .setReasons("Finds the full timetable overwhelming; three suspensions this term")
                        .addTried(Intervention.newBuilder()
                                .setKind(InterventionKind.INTERVENTION_KIND_PSP)
                                .setDescription("Pastoral support plan")
                                .setEffect("Fewer incidents for two weeks"))
                        .build());
    }

    private static IspReferralRecord act(IspReferralRecord record, ActOnIspReferralRequest.Builder action) {
        return panel(OFFICER)
                .actOnIspReferral(action.setId(record.getReferral().getId())
                        .setExpectedVersion(record.getVersion())
                        .build());
    }

    private static IspReferralRecord scheduled(IspReferralRecord referred) {
        // the panel sits today (the tests share a clock one of them moves on)
        String today = CityTime.today(CLOCK).toString();
        return act(
                referred,
                ActOnIspReferralRequest.newBuilder()
                        .setAction(IspAction.ISP_ACTION_SCHEDULE_PANEL)
                        .setPanelDate(TestDates.date(today)));
    }

    private static Mark mark(int serial, String date, String session, String code) {
        return Mark.newBuilder()
                .setUpn(upn(serial))
                .setDate(date)
                .setSession(session)
                .setCode(code)
                .build();
    }

    private static WeeklySession weekly(String day, String session) {
        return WeeklySession.newBuilder().setDay(day).setSession(session).build();
    }

    @Test
    void aDualRegistrationReachesBothRegisters() {
        IspReferralRecord referred = referred(1);
        assertThat(referred.getReferral().getStatus(), is(IspReferralStatus.ISP_REFERRAL_STATUS_REFERRED));
        // a school cannot act for the panel; another school cannot see the referral
        StatusRuntimeException refused = assertThrows(
                StatusRuntimeException.class,
                () -> panel(SCHOOL)
                        .actOnIspReferral(ActOnIspReferralRequest.newBuilder()
                                .setId(referred.getReferral().getId())
                                .setAction(IspAction.ISP_ACTION_DECLINE)
                                .setNote("no")
                                .build()));
        assertThat(refused.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
        StatusRuntimeException hidden = assertThrows(
                StatusRuntimeException.class,
                () -> panel(OTHER_SCHOOL)
                        .getIspReferral(GetCaseworkRequest.newBuilder()
                                .setId(referred.getReferral().getId())
                                .build()));
        assertThat(hidden.getStatus().getCode(), is(Status.Code.NOT_FOUND));

        IspReferralRecord scheduled = scheduled(referred);
        DualRegistration dual = DualRegistration.newBuilder()
                .setProviderUrn(SPECIAL_SCHOOL)
                .setStartDate(Dates.of(LocalDate.of(2026, 11, 30)))
                .setEndDate(Dates.of(LocalDate.of(2027, 3, 31)))
                .addSessions(weekly("monday", "AM"))
                .addSessions(weekly("monday", "PM"))
                .addSessions(weekly("wednesday", "AM"))
                .build();
        IspReferralRecord decided = act(
                scheduled,
                ActOnIspReferralRequest.newBuilder()
                        .setAction(IspAction.ISP_ACTION_RECORD_DECISION)
                        .setDecision(IspDecision.ISP_DECISION_DUAL_REGISTRATION)
                        .setDualRegistration(dual));
        assertThat(decided.getReferral().getStatus(), is(IspReferralStatus.ISP_REFERRAL_STATUS_DECIDED));
        assertThat(decided.getReferral().getDualRegistration().getProviderName(), is("Clipper Special School"));

        // the other setting's register: the pupil on roll from the start, its new pupil's return owed
        Pupil atProvider = onRoll(SPECIAL_SCHOOL, upn(1)).orElseThrow();
        assertThat(Dates.text(atProvider.getAdmissionDate()), is("2026-11-30"));
        assertThat(atProvider.getOnRoll(), is(true));
        List<NewPupilReturn> returns = CallerContexts.attach(
                        NewPupilReturnServiceGrpc.newBlockingStub(channel), OFFICER)
                .listNewPupilReturns(ListNewPupilReturnsRequest.newBuilder()
                        .setUrn(SPECIAL_SCHOOL)
                        .build())
                .getContentsList();
        assertThat(returns.stream().map(r -> Dates.text(r.getDueBy())).toList(), contains("2026-12-05"));

        // on Wednesday the main school records the week: a mark that contradicts the arrangement is refused
        CLOCK.advance(Duration.ofDays(5));
        SubmitMarksReply contradiction = attendance(SCHOOL)
                .submitMarks(SubmitMarksRequest.newBuilder()
                        .setUrn(SCHOOL_URN)
                        .addMarks(mark(1, "2026-11-30", "AM", "/"))
                        .build());
        assertThat(contradiction.getAccepted(), is(false));
        assertThat(contradiction.getErrors(0).getField(), is("code"));

        // its sessions at the other setting are D: sent, or added on the days the batch records
        SubmitMarksReply week = attendance(SCHOOL)
                .submitMarks(SubmitMarksRequest.newBuilder()
                        .setUrn(SCHOOL_URN)
                        .addMarks(mark(1, "2026-11-30", "AM", "D"))
                        .addMarks(mark(1, "2026-12-01", "AM", "/"))
                        .addMarks(mark(1, "2026-12-01", "PM", "/"))
                        .addMarks(mark(1, "2026-12-02", "PM", "I"))
                        .build());
        assertThat(week.getAccepted(), is(true));
        assertThat(week.getDualRegistrationSessions(), is(2)); // Monday PM, Wednesday AM
        PupilAttendance register = attendance(SCHOOL)
                .getPupilAttendance(GetPupilAttendanceRequest.newBuilder()
                        .setUrn(SCHOOL_URN)
                        .setUpn(upn(1))
                        .setRange(DateRange.newBuilder()
                                .setFrom(Dates.of(LocalDate.of(2026, 11, 30)))
                                .setTo(Dates.of(LocalDate.of(2026, 12, 2))))
                        .build());
        assertThat(
                register.getMarksList().stream()
                        .map(m -> m.getDate() + ":" + m.getSession() + "=" + m.getCode())
                        .toList(),
                contains(
                        "2026-11-30:AM=D",
                        "2026-11-30:PM=D",
                        "2026-12-01:AM=/",
                        "2026-12-01:PM=/",
                        "2026-12-02:AM=D",
                        "2026-12-02:PM=I"));
        // D is not a possible session at the main school: three possible, one of them missed
        assertThat(register.getMeasures().getPossibleSessions(), is(3L));
        assertThat(register.getMeasures().getAuthorisedAbsence(), is(1L));
        assertThat(
                register.getMarksList().stream()
                        .filter(m -> m.getCode().equals("D"))
                        .map(SessionMark::getComment)
                        .toList(),
                contains(
                        "",
                        "At Clipper Special School (dual registration)",
                        "At Clipper Special School (dual registration)"));

        // the pupil overview shows the decision
        assertThat(
                attendance(SCHOOL)
                        .getPupilOverview(GetPupilAttendanceRequest.newBuilder()
                                .setUrn(SCHOOL_URN)
                                .setUpn(upn(1))
                                .build())
                        .getIspReferral()
                        .getDetail(),
                is("dual_registration"));
    }

    @Test
    void aFairAccessPlacementEntersThePupilAtTheOtherSchoolAndNoChangeChangesNothing() {
        IspReferralRecord placed = act(
                scheduled(referred(2)),
                ActOnIspReferralRequest.newBuilder()
                        .setAction(IspAction.ISP_ACTION_RECORD_DECISION)
                        .setDecision(IspDecision.ISP_DECISION_FAIR_ACCESS_PLACEMENT)
                        .setPlacement(FairAccessPlacement.newBuilder()
                                .setUrn("116037")
                                .setStartDate(Dates.of(LocalDate.of(2026, 12, 7)))));
        assertThat(placed.getReferral().getPlacement().getSchoolName(), is("Stamshaw Sandpiper Junior School"));
        assertThat(
                attendance(OTHER_SCHOOL)
                        .listPupils(uk.portsmouth.cfe.proto.attendance.v1.ListPupilsRequest.newBuilder()
                                .setUrn("116037")
                                .build())
                        .getContentsList()
                        .stream()
                        .anyMatch(p -> p.getUpn().equals(upn(2))
                                && Dates.text(p.getAdmissionDate()).equals("2026-12-07")),
                is(true));

        IspReferralRecord unchanged = act(
                scheduled(referred(3)),
                ActOnIspReferralRequest.newBuilder()
                        .setAction(IspAction.ISP_ACTION_RECORD_DECISION)
                        .setDecision(IspDecision.ISP_DECISION_NO_CHANGE));
        assertThat(unchanged.getReferral().getDecision(), is(IspDecision.ISP_DECISION_NO_CHANGE));
        assertThat(unchanged.getReferral().hasDualRegistration(), is(false));
    }

    /**
     * Officers deciding one referral at once, each placing the pupil at a different school: one
     * decision wins, the rest are stale, and only the winner's school has the pupil on its roll.
     * The same decision sent again at the new version changes nothing.
     */
    @Test
    void racingDecisionsPlaceThePupilOnce() throws Exception {
        IspReferralRecord scheduled = scheduled(referred(5));
        List<String> schools = List.of("116037", "116041", "116052", "116069", "116099", "116102", "116124", "116156");
        java.util.concurrent.ExecutorService threads =
                java.util.concurrent.Executors.newFixedThreadPool(schools.size());
        List<java.util.concurrent.Future<IspReferralRecord>> answers = new java.util.ArrayList<>();
        for (String urn : schools) {
            answers.add(threads.submit(() -> act(
                    scheduled,
                    ActOnIspReferralRequest.newBuilder()
                            .setAction(IspAction.ISP_ACTION_RECORD_DECISION)
                            .setDecision(IspDecision.ISP_DECISION_FAIR_ACCESS_PLACEMENT)
                            .setPlacement(FairAccessPlacement.newBuilder()
                                    .setUrn(urn)
                                    .setStartDate(Dates.of(LocalDate.of(2026, 12, 14)))))));
        }
        List<IspReferralRecord> won = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<IspReferralRecord> answer : answers) {
            try {
                won.add(answer.get());
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(
                        ((StatusRuntimeException) e.getCause()).getStatus().getCode(),
                        is(Status.Code.FAILED_PRECONDITION));
            }
        }
        threads.shutdown();
        assertThat(won.size(), is(1));
        String winner = won.get(0).getReferral().getPlacement().getUrn();
        // recounted from the registers: the pupil is on exactly one other roll, the winner's
        List<String> enrolledAt = new java.util.ArrayList<>();
        for (String urn : schools) {
            boolean onRoll = onRoll(urn, upn(5)).isPresent();
            if (onRoll) {
                enrolledAt.add(urn);
            }
        }
        assertThat(enrolledAt, contains(winner));
        IspReferralRecord again = act(
                won.get(0),
                ActOnIspReferralRequest.newBuilder()
                        .setAction(IspAction.ISP_ACTION_RECORD_DECISION)
                        .setDecision(IspDecision.ISP_DECISION_FAIR_ACCESS_PLACEMENT)
                        .setPlacement(won.get(0).getReferral().getPlacement()));
        assertThat(again.getVersion(), is(won.get(0).getVersion()));
    }

    @Test
    void aDecisionNamesEveryBadFieldAndASchoolNotInTheRegister() {
        IspReferralRecord scheduled = scheduled(referred(4));
        StatusRuntimeException bad = assertThrows(
                StatusRuntimeException.class,
                () -> act(
                        scheduled,
                        ActOnIspReferralRequest.newBuilder()
                                .setAction(IspAction.ISP_ACTION_RECORD_DECISION)
                                .setDecision(IspDecision.ISP_DECISION_DUAL_REGISTRATION)
                                .setDualRegistration(DualRegistration.newBuilder()
                                        .setProviderUrn(SCHOOL_URN)
                                        .setStartDate(Dates.of(LocalDate.of(2026, 11, 1)))
                                        .setEndDate(Dates.of(LocalDate.of(2028, 1, 1)))
                                        .addSessions(weekly("saturday", "AM")))));
        assertThat(bad.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(
                GrpcErrors.fieldErrors(bad).stream().map(FieldError::field).toList(),
                containsInAnyOrder(
                        "/dual_registration/provider_urn",
                        "/dual_registration/start_date",
                        "/dual_registration/end_date",
                        "/dual_registration/sessions/0"));
        StatusRuntimeException unknown = assertThrows(
                StatusRuntimeException.class,
                () -> act(
                        scheduled,
                        ActOnIspReferralRequest.newBuilder()
                                .setAction(IspAction.ISP_ACTION_RECORD_DECISION)
                                .setDecision(IspDecision.ISP_DECISION_FAIR_ACCESS_PLACEMENT)
                                .setPlacement(FairAccessPlacement.newBuilder()
                                        .setUrn("999999")
                                        .setStartDate(Dates.of(LocalDate.of(2026, 12, 7))))));
        assertThat(unknown.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        // nothing was written: the referral is still waiting for its decision
        assertThat(
                panel(OFFICER)
                        .getIspReferral(GetCaseworkRequest.newBuilder()
                                .setId(scheduled.getReferral().getId())
                                .build())
                        .getReferral()
                        .getStatus(),
                is(IspReferralStatus.ISP_REFERRAL_STATUS_PANEL_SCHEDULED));
    }

    /** The pupil {@code upn} on school {@code urn}'s roll, as the LA reads it. */
    private static java.util.Optional<Pupil> onRoll(String urn, String upn) {
        return attendance(OFFICER)
                .listPupils(uk.portsmouth.cfe.proto.attendance.v1.ListPupilsRequest.newBuilder()
                        .setUrn(urn)
                        .build())
                .getContentsList()
                .stream()
                .filter(p -> p.getUpn().equals(upn))
                .findFirst();
    }
}
