package uk.portsmouth.cfe.attendance.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.Main;
import uk.portsmouth.cfe.attendance.ReferenceData;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.domain.IllnessGuidanceTable;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.OutbreakAlertStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.AsCaller;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReporter;
import uk.portsmouth.cfe.proto.attendance.v1.AbsentChild;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.CreateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListOwnAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReporterRelationship;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The parents' app's use cases on their own (no server; the stores in memory, the clock the test's,
 * Thursday 26 November 2026): an app reads and changes only the reports it sent, another app's are
 * "not found"; no one else reports; a cancelled report takes no update; a change from an old version
 * is refused.
 */
class ParentAbsenceReportsTest {

    private static final CallerContext APP = AsCaller.of("app-a", List.of(Roles.PARENT_APP));
    private static final CallerContext OTHER_APP = AsCaller.of("app-b", List.of(Roles.PARENT_APP));

    private EmbeddedMongo mongo;
    private MongoClient client;
    private ParentAbsenceReports reports;
    private AbsenceReportStore store;
    private OutbreakAlertStore alerts;
    private OutbreakWatch watch;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
        MongoDatabase database = client.getDatabase("attendance");
        SchoolStore schools = new SchoolStore(database);
        schools.insert(
                School.newBuilder().setUrn("116000").setName("Harbour School").build(), "test");
        schools.insert(
                School.newBuilder().setUrn("116037").setName("Hill School").build(), "test");
        store = new AbsenceReportStore(database);
        alerts = new OutbreakAlertStore(database);
        TestClock clock = new TestClock(Instant.parse("2026-11-26T08:00:00Z"));
        watch = new OutbreakWatch(schools, store, alerts, new IllnessSummaries.OutbreakRule(3, 7), clock);
        reports = new ParentAbsenceReports(
                schools,
                store,
                IllnessGuidanceTable.load(),
                ReferenceData.calendar(ServiceConfig.load(Main.NAME, Map.of()).get("academic-calendar")),
                new AbsenceReportLookup(schools, new PupilStore(database), store),
                watch,
                new AuditLog(database, "test", clock),
                clock,
                5);
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    private static CreateAbsenceReportRequest offToday(String urn) {
        return CreateAbsenceReportRequest.newBuilder()
                .setSchoolUrn(urn)
                .setChild(AbsentChild.newBuilder()
                        .setGivenName("Sam")
                        .setFamilyName("Twin")
                        .setDateOfBirth(Dates.of(LocalDate.of(2018, 2, 2))))
                .setReporter(AbsenceReporter.newBuilder()
                        .setName("Alex Parent")
                        .setRelationship(ReporterRelationship.REPORTER_RELATIONSHIP_PARENT)
                        .setPhone("023 9200 0000"))
                .setFirstDay(Dates.of(LocalDate.of(2026, 11, 26)))
                .setExpectedReturn(Dates.of(LocalDate.of(2026, 11, 30)))
                .setReason(AbsenceReportRules.ILLNESS)
                .setSymptomCategory("flu")
                .build();
    }

    private AppAbsenceReport create(CallerContext app) {
        return AsCaller.call(app, () -> reports.create(offToday("116000")));
    }

    @Test
    void eachWriteRecordsItsEventForTheSchoolAndTheAppWithoutTheChildsDetails() {
        AppAbsenceReport sent = create(APP);
        AsCaller.call(
                APP,
                () -> reports.update(UpdateAbsenceReportRequest.newBuilder()
                        .setId(sent.getId())
                        .setExpectedVersion(1)
                        .setReturnedOn(Dates.of(LocalDate.of(2026, 11, 27)))
                        .build()));
        List<uk.portsmouth.cfe.proto.common.v1.PlatformEvent> events =
                store.outbox().pending(10);
        assertThat(
                events.stream().map(e -> e.getId()).toList(),
                is(List.of(
                        "absence-report.created/" + sent.getId() + "/v1",
                        "absence-report.updated/" + sent.getId() + "/v2")));
        uk.portsmouth.cfe.proto.common.v1.PlatformEvent created = events.get(0);
        assertThat(created.getSchoolUrn(), is("116000"));
        assertThat(created.getClientId(), is("app-a"));
        assertThat(created.getService(), is("attendance-service"));
        assertThat(created.getData().getFieldsOrThrow("status").getStringValue(), is("reported"));
        assertThat(created.getData().toString().contains("Twin"), is(false));
        assertThat(created.getData().toString().contains("Alex"), is(false));
    }

    @Test
    void anAppReadsOnlyTheReportsItSent() {
        AppAbsenceReport sent = create(APP);
        assertThat(sent.getStatus(), is(AbsenceReportRules.REPORTED));
        assertThat(sent.getVersion(), is(1L));
        GetAbsenceReportRequest get =
                GetAbsenceReportRequest.newBuilder().setId(sent.getId()).build();
        assertThat(AsCaller.call(APP, () -> reports.getOwn(get)).getId(), is(sent.getId()));
        assertThrows(NotFoundException.class, () -> AsCaller.call(OTHER_APP, () -> reports.getOwn(get)));
        ListOwnAbsenceReportsRequest list = ListOwnAbsenceReportsRequest.getDefaultInstance();
        assertThat(AsCaller.call(OTHER_APP, () -> reports.listOwn(list)).getContentsCount(), is(0));
        assertThat(AsCaller.call(APP, () -> reports.listOwn(list)).getContentsCount(), is(1));
    }

    @Test
    void onlyAParentsAppReportsAndOnlyToASchoolInTheRegister() {
        for (CallerContext other : List.of(
                AsCaller.of("school", List.of(Roles.SCHOOL), "116000"),
                AsCaller.of("officer", List.of(Roles.LA_OFFICER)))) {
            assertThrows(ForbiddenException.class, () -> create(other));
        }
        InvalidInputException unknown = assertThrows(
                InvalidInputException.class, () -> AsCaller.call(APP, () -> reports.create(offToday("999999"))));
        assertThat(unknown.errors().get(0).field(), is("/school_urn"));
    }

    @Test
    void aCancelledReportTakesNoUpdateAndAnOldVersionIsRefused() {
        AppAbsenceReport sent = create(APP);
        UpdateAbsenceReportRequest cancel = UpdateAbsenceReportRequest.newBuilder()
                .setId(sent.getId())
                .setExpectedVersion(1)
                .setCancelled(true)
                .build();
        AppAbsenceReport cancelled = AsCaller.call(APP, () -> reports.update(cancel));
        assertThat(cancelled.getStatus(), is(AbsenceReportRules.CANCELLED));
        assertThrows(
                uk.portsmouth.cfe.platform.errors.VersionConflictException.class,
                () -> AsCaller.call(APP, () -> reports.update(cancel)));
        UpdateAbsenceReportRequest back = UpdateAbsenceReportRequest.newBuilder()
                .setId(sent.getId())
                .setExpectedVersion(cancelled.getVersion())
                .setReturnedOn(Dates.of(LocalDate.of(2026, 11, 27)))
                .build();
        assertThrows(ConflictException.class, () -> AsCaller.call(APP, () -> reports.update(back)));
        assertThrows(NotFoundException.class, () -> AsCaller.call(OTHER_APP, () -> reports.update(back)));
    }

    private List<uk.portsmouth.cfe.proto.common.v1.PlatformEvent> outbreakEvents() {
        return alerts.outbox().pending(100);
    }

    @Test
    void theReportThatReachesTheThresholdRaisesOneOutbreakAlertForTheLaWithoutAChild() {
        create(APP);
        create(APP);
        AsCaller.call(APP, () -> reports.create(offToday("116037")));
        assertThat(outbreakEvents().size(), is(0));
        create(OTHER_APP);
        create(APP); // a fourth the same week raises nothing more
        List<uk.portsmouth.cfe.proto.common.v1.PlatformEvent> events = outbreakEvents();
        assertThat(events.size(), is(1));
        uk.portsmouth.cfe.proto.common.v1.PlatformEvent alert = events.get(0);
        assertThat(alert.getType(), is("attendance.outbreak-alert"));
        assertThat(alert.getSchoolUrn(), is("116000"));
        assertThat(alert.getClientId(), is(""));
        assertThat(alert.getData().getFieldsOrThrow("school_name").getStringValue(), is("Harbour School"));
        assertThat(alert.getData().getFieldsOrThrow("symptom_category").getStringValue(), is("flu"));
        assertThat(alert.getData().getFieldsOrThrow("reports").getNumberValue(), is(3.0));
        assertThat(alert.getData().getFieldsOrThrow("window_to").getStringValue(), is("2026-11-26"));
        assertThat(alert.getData().toString().contains("Twin"), is(false));
        assertThat(watch.sweep(), is(0));
    }

    @Test
    void reportsRacingRaiseTheAlertExactlyOnce() throws Exception {
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<AppAbsenceReport>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            CallerContext app = i % 2 == 0 ? APP : OTHER_APP;
            sent.add(pool.submit(() -> {
                go.await();
                return create(app);
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<AppAbsenceReport> report : sent) {
            report.get();
        }
        pool.shutdown();
        // the recount: eight reports, one school, one category, one week
        assertThat(
                store.illnessesStarting(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 26))
                        .size(),
                is(writers));
        assertThat(outbreakEvents().size(), is(1));
        assertThat(alerts.all().size(), is(1));
    }

    @Test
    void theSweepRaisesAnAlertACheckMissedAndOnlyOnce() {
        for (int i = 0; i < 3; i++) {
            // written as an instance that stopped before its check would leave them
            AppAbsenceReport report = AppAbsenceReport.newBuilder()
                    .setId("ar-missed-" + i)
                    .setSchoolUrn("116037")
                    .setFirstDay(Dates.of(LocalDate.of(2026, 11, 23 + i)))
                    .setReason(AbsenceReportRules.ILLNESS)
                    .setSymptomCategory("vomiting")
                    .setStatus(AbsenceReportRules.REPORTED)
                    .setUpdatedAt("2026-11-26T08:00:00Z")
                    .build();
            store.seed(uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord.newBuilder()
                    .setReport(report)
                    .build());
        }
        assertThat(outbreakEvents().size(), is(0));
        assertThat(watch.sweep(), is(1));
        assertThat(watch.sweep(), is(0));
        assertThat(
                outbreakEvents().get(0).getId(),
                is("attendance.outbreak-alert/" + alerts.all().get(0).getId() + "/v1"));
    }
}
