package uk.portsmouth.cfe.attendance.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.Main;
import uk.portsmouth.cfe.attendance.ReferenceData;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.SchoolTotals;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.attendance.store.SchoolTotalsStore;
import uk.portsmouth.cfe.attendance.testing.MarkFixtures;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.testing.WriteFilters;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceSummary;
import uk.portsmouth.cfe.proto.attendance.v1.DateRange;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolStatus;
import uk.portsmouth.cfe.proto.common.v1.Locality;

/**
 * The marks ingest, and the summaries made from what it keeps, over the real driver and the embedded
 * store: what a batch and its correction write, the school's totals kept equal to a recount, every
 * write's filter one the embedded store finds by an index (a write it must scan for made the city's
 * ingest grow with the square of its roll, #28), and a kept summary answered again only while the
 * totals and localities it was made from are unchanged.
 */
class MarksIngestTest {

    private static final String URN = "116000";
    private static final AttendanceCodes CODES = ReferenceData.codes();
    private static final AcademicCalendar CALENDAR =
            ReferenceData.calendar(ServiceConfig.load(Main.NAME, Map.of()).get("academic-calendar"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    private EmbeddedMongo mongo;
    private MongoClient client;
    private MongoDatabase database;
    private final WriteFilters writes = new WriteFilters();
    private MarksIngest ingest;
    private AttendanceReports reports;
    private SchoolStore schools;
    private SchoolTotalsStore totals;
    private Map<String, Pupil> roll;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.uri()))
                .addCommandListener(writes)
                .build());
        database = client.getDatabase("marks-ingest-test");
        PupilStore pupils = new PupilStore(database);
        totals = new SchoolTotalsStore(database);
        AttendanceStore marks = new AttendanceStore(database);
        ingest = new MarksIngest(pupils, marks, totals, CODES, CALENDAR, CLOCK);
        schools = new SchoolStore(database);
        schools.insert(
                School.newBuilder()
                        .setUrn(URN)
                        .setName("Test Primary")
                        .setLocality(Locality.LOCALITY_NORTH)
                        .setStatus(SchoolStatus.SCHOOL_STATUS_OPEN)
                        .build(),
                "test");
        reports = new AttendanceReports(schools, pupils, marks, totals, CODES, CALENDAR, CLOCK);
        roll = MarkFixtures.roll(URN, 30);
        pupils.upsert(List.copyOf(roll.values()));
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void aWeeksBatchAndItsCorrectionAreWrittenAndCountedOnce() {
        MarksIngest.Outcome first = ingest.write(URN, week(LocalDate.parse("2026-11-02"), "/"), roll);
        assertThat(first.recorded(), is(30 * 10));
        assertThat(first.pupilsNotWritten(), is(empty()));
        MarksIngest.Outcome correction = ingest.write(URN, week(LocalDate.parse("2026-11-02"), "O"), roll);
        assertThat(correction.corrected(), is(30 * 10));
        MarksIngest.Outcome replay = ingest.write(URN, week(LocalDate.parse("2026-11-02"), "O"), roll);
        assertThat(replay.unchanged(), is(30 * 10));

        SchoolTotals kept = totals.find(URN, "2026-27").orElseThrow();
        ingest.recountSchoolTotals(URN);
        assertThat(totals.find(URN, "2026-27").orElseThrow(), is(kept));
    }

    @Test
    void everyWriteOfABatchIsFoundByAnIndexOnTheEmbeddedStore() {
        ingest.write(URN, week(LocalDate.parse("2026-11-02"), "/"), roll);
        ingest.write(URN, week(LocalDate.parse("2026-11-02"), "O"), roll);
        ingest.recountSchoolTotals(URN);
        assertThat(writes.count(), greaterThan(0));
        assertThat(writes.unindexed(database), is(empty()));
    }

    @Test
    void aKeptSummaryIsAnsweredAgainOnlyWhileNothingItWasMadeFromHasMoved() {
        DateRange thisYear = DateRange.getDefaultInstance();
        ingest.write(URN, week(LocalDate.parse("2026-11-02"), "/"), roll);
        AttendanceSummary city = reports.summary(null, thisYear);
        AttendanceSummary school = reports.summary(URN, thisYear);
        assertThat(reports.summary(null, thisYear), is(sameInstance(city)));
        assertThat(reports.summary(URN, thisYear), is(sameInstance(school)));
        assertThat(city.getOverall().getMeasures().getUnauthorisedAbsence(), is(0L));

        // a batch moves the school's totals: both summaries are made afresh, with it
        ingest.write(URN, week(LocalDate.parse("2026-11-09"), "O"), roll);
        AttendanceSummary cityAfter = reports.summary(null, thisYear);
        assertThat(cityAfter.getOverall().getMeasures().getUnauthorisedAbsence(), is(300L));
        assertThat(reports.summary(URN, thisYear).getOverall().getMeasures().getUnauthorisedAbsence(), is(300L));

        // a school moved to another locality: the city's summary says so at once
        School moved = schools.find(URN).orElseThrow().body().toBuilder()
                .setLocality(Locality.LOCALITY_SOUTH)
                .build();
        schools.replace(moved, 0, "test");
        assertThat(
                reports.summary(null, thisYear).getByLocalityList().stream()
                        .map(g -> g.getGroup())
                        .toList(),
                is(List.of("south")));
    }

    @Test
    void keptSummariesReadWhileBatchesRaceEndEqualToAFreshCount() throws Exception {
        DateRange thisYear = DateRange.getDefaultInstance();
        List<LocalDate> mondays = List.of(
                LocalDate.parse("2026-09-07"),
                LocalDate.parse("2026-09-14"),
                LocalDate.parse("2026-09-21"),
                LocalDate.parse("2026-09-28"),
                LocalDate.parse("2026-10-05"),
                LocalDate.parse("2026-10-12"));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            for (int i = 0; i < mondays.size(); i++) {
                LocalDate monday = mondays.get(i);
                String code = i % 2 == 0 ? "/" : "O";
                work.add(threads.submit(() -> ingest.write(URN, week(monday, code), roll)));
                work.add(threads.submit(() -> reports.summary(null, thisYear)));
                work.add(threads.submit(() -> reports.summary(URN, thisYear)));
            }
            for (java.util.concurrent.Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }
        // a fresh instance keeps nothing: it counts from the totals as they are now
        AttendanceReports fresh = new AttendanceReports(
                schools, new PupilStore(database), new AttendanceStore(database), totals, CODES, CALENDAR, CLOCK);
        assertThat(reports.summary(null, thisYear), is(fresh.summary(null, thisYear)));
        assertThat(reports.summary(URN, thisYear), is(fresh.summary(URN, thisYear)));
        assertThat(fresh.summary(URN, thisYear).getOverall().getMeasures().getUnauthorisedAbsence(), is(900L));
    }

    private List<Mark> week(LocalDate monday, String code) {
        return MarkFixtures.week(roll.keySet(), monday, code);
    }
}
