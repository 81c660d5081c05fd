package uk.portsmouth.cfe.attendance.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isIn;

import io.grpc.ManagedChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.portsmouth.cfe.attendance.Main;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.DateRange;
import uk.portsmouth.cfe.proto.attendance.v1.GetAttendanceSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetPupilAttendanceRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.PupilAttendance;
import uk.portsmouth.cfe.proto.attendance.v1.SenStatus;
import uk.portsmouth.cfe.proto.attendance.v1.SessionMark;
import uk.portsmouth.cfe.proto.attendance.v1.SessionTotals;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpsertPupilsRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Many batches for one school from many threads, in an order a seed decides: new weeks, the same
 * weeks, exact replays and corrections of each other. Afterwards every stored code is one that was
 * sent for its session, every session was reported "recorded" exactly once, every mark got exactly
 * one answer, and each pupil's kept counters, the school's kept totals and the city's equal a
 * recount from the codes. No batch fails. {@code -Drace.rounds=N} runs N more random seeds.
 */
class MarksRaceTest {

    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer")
            .addRoles("la_officer")
            .build();
    private static final String[] CODES = {"/", "\\", "L", "I", "M", "O", "G", "U", "N", "B", "P"};
    private static final List<LocalDate> DAYS = Stream.iterate(LocalDate.parse("2026-10-05"), d -> d.plusDays(1))
            .limit(46)
            .filter(d -> d.getDayOfWeek().getValue() <= 5)
            .filter(d -> d.isBefore(LocalDate.parse("2026-10-26")) || d.isAfter(LocalDate.parse("2026-10-30")))
            .toList();
    private static final int PUPILS = 12;
    private static final int THREADS = 8;

    private static ServiceHost host;
    private static ManagedChannel channel;
    private static int school;
    /** Each raced school's measures counted afresh from its codes. */
    private static final Map<String, SessionTotals> RACED = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        host = Main.start(
                TestTrust.serviceConfig(
                        Main.NAME,
                        true,
                        Map.of(
                                "demo-data.roll-size",
                                "0",
                                "services.contacts.target",
                                "127.0.0.1:1",
                                "services.fsp.target",
                                "127.0.0.1:1")),
                Telemetry.noop(),
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
    }

    static Stream<Long> seeds() {
        long random = new Random().nextLong();
        return Stream.concat(
                Stream.of(1L, 2L, 3L, random),
                LongStream.range(0, Long.getLong("race.rounds", 0)).mapToObj(i -> new Random().nextLong()));
    }

    private static AttendanceServiceBlockingStub attendance() {
        return CallerContexts.attach(AttendanceServiceGrpc.newBlockingStub(channel), OFFICER);
    }

    private static String upn(int school, int serial) {
        String rest = "85120" + String.format("%04d%03d", school, serial);
        return Upns.checkLetter(rest) + rest;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void racingBatchesForOneSchoolEqualARecount(long seed) throws Exception {
        // the seeds take turns over eight of the demo city's schools, each round with pupils of its own
        String urn = List.of("116069", "116099", "116102", "116124", "116156", "116165", "116187", "116211")
                .get(school++ % 8);
        Random random = new Random(seed);
        UpsertPupilsRequest.Builder roll = UpsertPupilsRequest.newBuilder().setUrn(urn);
        for (int p = 0; p < PUPILS; p++) {
            roll.addPupils(Pupil.newBuilder()
                    .setUpn(upn(school, p))
                    .setGivenName("Race")
                    .setFamilyName("Pupil " + p)
                    .setDateOfBirth(Dates.of(LocalDate.of(2015, 5, 1)))
                    .setYearGroup(3 + p % 4)
                    .setSenStatus(p % 5 == 0 ? SenStatus.SEN_STATUS_SEN_SUPPORT : SenStatus.SEN_STATUS_NONE));
        }
        attendance().upsertPupils(roll.build());

        List<List<Mark>> batches = new ArrayList<>();
        for (int b = 0; b < 60; b++) {
            int kind = random.nextInt(4);
            if (kind == 0 && !batches.isEmpty()) {
                batches.add(batches.get(random.nextInt(batches.size()))); // a replay
            } else if (kind == 1 && !batches.isEmpty()) {
                List<Mark> earlier = batches.get(random.nextInt(batches.size())); // a correction of an earlier batch
                batches.add(earlier.stream()
                        .map(m -> m.toBuilder()
                                .setCode(CODES[random.nextInt(CODES.length)])
                                .build())
                        .toList());
            } else {
                batches.add(newBatch(random));
            }
        }
        Map<String, Set<String>> sent = new HashMap<>();
        int marksSent = 0;
        for (List<Mark> batch : batches) {
            marksSent += batch.size();
            batch.forEach(m -> sent.computeIfAbsent(
                            m.getUpn() + " " + m.getDate() + " " + m.getSession(), k -> new HashSet<>())
                    .add(m.getCode()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long recorded = 0;
        long answered = 0;
        try {
            List<Callable<SubmitMarksReply>> calls = batches.stream()
                    .<Callable<SubmitMarksReply>>map(batch -> () -> attendance()
                            .submitMarks(SubmitMarksRequest.newBuilder()
                                    .setUrn(urn)
                                    .addAllMarks(batch)
                                    .build()))
                    .toList();
            for (Future<SubmitMarksReply> reply : pool.invokeAll(calls)) {
                SubmitMarksReply answer = reply.get();
                assertThat("seed " + seed, answer.getAccepted(), is(true));
                recorded += answer.getRecorded();
                answered += answer.getRecorded() + answer.getCorrected() + answer.getUnchanged();
            }
        } finally {
            pool.shutdown();
        }
        assertThat("seed " + seed + ": every session recorded once", recorded, is((long) sent.size()));
        assertThat("seed " + seed + ": every mark answered once", answered, is((long) marksSent));

        int held = 0;
        for (int p = 0; p < PUPILS; p++) {
            GetPupilAttendanceRequest.Builder ask =
                    GetPupilAttendanceRequest.newBuilder().setUrn(urn).setUpn(upn(school, p));
            PupilAttendance kept = attendance().getPupilAttendance(ask.build());
            for (SessionMark mark : kept.getMarksList()) {
                String session = upn(school, p) + " " + mark.getDate() + " " + mark.getSession();
                assertThat("seed " + seed + ": " + session, mark.getCode(), isIn(sent.getOrDefault(session, Set.of())));
                held++;
            }
            PupilAttendance recounted = attendance()
                    .getPupilAttendance(ask.setRange(DateRange.newBuilder().setFrom(Dates.of(LocalDate.of(2026, 9, 3))))
                            .build());
            assertThat("seed " + seed + ": pupil " + p, kept.getMeasures(), is(recounted.getMeasures()));
        }
        assertThat("seed " + seed + ": every session held", held, is(sent.size()));
        GetAttendanceSummaryRequest kept =
                GetAttendanceSummaryRequest.newBuilder().setUrn(urn).build();
        AttendanceSummary fromTotals = attendance().getAttendanceSummary(kept);
        AttendanceSummary recounted = attendance()
                .getAttendanceSummary(kept.toBuilder()
                        .setRange(DateRange.newBuilder().setFrom(Dates.of(LocalDate.of(2026, 9, 3))))
                        .build());
        assertThat("seed " + seed + ": the school's totals", fromTotals.getOverall(), is(recounted.getOverall()));
        assertThat(fromTotals.getByYearGroupList(), is(recounted.getByYearGroupList()));
        assertThat(fromTotals.getBySenStatusList(), is(recounted.getBySenStatusList()));
        // the city (only the raced schools have marks) is the sum of the schools counted afresh
        RACED.put(urn, recounted.getOverall().getMeasures());
        SessionTotals city = attendance()
                .getAttendanceSummary(GetAttendanceSummaryRequest.getDefaultInstance())
                .getOverall()
                .getMeasures();
        assertThat(
                "seed " + seed + ": the city",
                List.of(
                        city.getPossibleSessions(),
                        city.getPresent(),
                        city.getAuthorisedAbsence(),
                        city.getUnauthorisedAbsence(),
                        city.getApprovedActivity()),
                is(List.of(
                        sum(SessionTotals::getPossibleSessions),
                        sum(SessionTotals::getPresent),
                        sum(SessionTotals::getAuthorisedAbsence),
                        sum(SessionTotals::getUnauthorisedAbsence),
                        sum(SessionTotals::getApprovedActivity))));
    }

    private static long sum(java.util.function.ToLongFunction<SessionTotals> field) {
        return RACED.values().stream().mapToLong(field).sum();
    }

    /** Some pupils, some days of a few weeks, both sessions or one. */
    private static List<Mark> newBatch(Random random) {
        List<Mark> batch = new ArrayList<>();
        int firstDay = random.nextInt(DAYS.size() - 5);
        int days = 1 + random.nextInt(5);
        for (int p = 0; p < PUPILS; p++) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            for (int d = firstDay; d < firstDay + days; d++) {
                for (String session : List.of("AM", "PM")) {
                    if (random.nextInt(4) > 0) {
                        batch.add(Mark.newBuilder()
                                .setUpn(upn(school, p))
                                .setDate(DAYS.get(d).toString())
                                .setSession(session)
                                .setCode(CODES[random.nextInt(CODES.length)])
                                .build());
                    }
                }
            }
        }
        return batch.isEmpty()
                ? List.of(Mark.newBuilder()
                        .setUpn(upn(school, 0))
                        .setDate(DAYS.get(firstDay).toString())
                        .setSession("AM")
                        .setCode("/")
                        .build())
                : batch;
    }
}
