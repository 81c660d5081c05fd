package uk.portsmouth.cfe.attendance.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.Main;
import uk.portsmouth.cfe.attendance.ReferenceData;
import uk.portsmouth.cfe.attendance.app.MarksIngest;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;
import uk.portsmouth.cfe.attendance.testing.MarkFixtures;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;

/**
 * An enrolment-year's counters as one string and back (worked examples), and documents written in
 * the layout before it (four documents of six numbers) read as they were and moved to the string by
 * their next write, ending where a store that never held the older layout ends.
 */
class PackedCountersTest {

    private static final String URN = "116000";
    private static final String YEAR = "2026-27";
    private static final AcademicCalendar CALENDAR =
            ReferenceData.calendar(ServiceConfig.load(Main.NAME, Map.of()).get("academic-calendar"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void workedExamples() {
        Map<String, SessionCounts> terms = new TreeMap<>();
        terms.put("Autumn 2026", new SessionCounts(140, 130, 1, 6, 3, 2));
        terms.put("Spring|2027=odd", new SessionCounts(0, 0, 0, 0, 0, 0));
        EnrolmentMarks.Counters counters =
                new EnrolmentMarks.Counters(new SessionCounts(380, 350, 2, 20, 8, 0), terms, Map.of());
        String packed = PackedCounters.pack(counters);
        assertThat(packed, is("380,350,2,20,8,0|Autumn+2026=140,130,1,6,3,2|Spring%7C2027%3Dodd=0,0,0,0,0,0"));
        assertThat(PackedCounters.unpack(packed), is(counters));
        assertThat(PackedCounters.unpack("0,0,0,0,0,0"), is(EnrolmentMarks.Counters.NONE));
        assertThat(
                PackedCounters.unpack(PackedCounters.pack(EnrolmentMarks.Counters.NONE)),
                is(EnrolmentMarks.Counters.NONE));
    }

    @Test
    void countersInTheOlderLayoutAreReadAndMovedByTheNextWrite() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.uri())) {
            Ingest older = new Ingest(client.getDatabase("older"));
            Ingest control = new Ingest(client.getDatabase("control"));
            older.week(LocalDate.parse("2026-11-02"), "/");
            control.week(LocalDate.parse("2026-11-02"), "/");
            List<AttendanceStore.Counters> written = older.counters();

            // as an instance before the packed counters wrote them
            MongoCollection<Document> documents = older.database.getCollection("enrolment_marks");
            for (Document document : documents.find()) {
                EnrolmentMarks.Counters counters = PackedCounters.unpack(document.getString("counters"));
                Document terms = new Document();
                counters.terms().forEach((term, counts) -> terms.append(term, olderCounts(counts)));
                document.remove("counters");
                document.append("counts", olderCounts(counters.year())).append("terms", terms);
                documents.replaceOne(Filters.eq("_id", document.get("_id")), document);
            }
            assertThat(documents.find(Filters.exists("counters")).first(), is((Document) null));
            assertThat(older.counters(), is(written));

            // the next batch (marks of another week, and a correction of the first) writes the string
            older.week(LocalDate.parse("2026-11-09"), "O");
            control.week(LocalDate.parse("2026-11-09"), "O");
            older.week(LocalDate.parse("2026-11-02"), "M");
            control.week(LocalDate.parse("2026-11-02"), "M");
            assertThat(documents.find(Filters.exists("counts")).into(new ArrayList<>()), is(empty()));
            assertThat(documents.find(Filters.exists("terms")).into(new ArrayList<>()), is(empty()));
            assertThat(older.counters(), is(control.counters()));
            assertThat(older.counters(), is(not(written)));
        }
    }

    /** The marks ingest over one database, with a roll of ten. */
    private static final class Ingest {

        private final MongoDatabase database;
        private final AttendanceStore marks;
        private final MarksIngest ingest;
        private final Map<String, Pupil> roll = MarkFixtures.roll(URN, 10);

        Ingest(MongoDatabase database) {
            this.database = database;
            PupilStore pupils = new PupilStore(database);
            marks = new AttendanceStore(database);
            ingest = new MarksIngest(
                    pupils, marks, new SchoolTotalsStore(database), ReferenceData.codes(), CALENDAR, CLOCK);
            pupils.upsert(List.copyOf(roll.values()));
        }

        void week(LocalDate monday, String code) {
            assertThat(
                    ingest.write(URN, MarkFixtures.week(roll.keySet(), monday, code), roll)
                            .pupilsNotWritten(),
                    is(empty()));
        }

        List<AttendanceStore.Counters> counters() {
            List<AttendanceStore.Counters> counters = new ArrayList<>(marks.counters(URN, YEAR));
            counters.sort(Comparator.comparing(AttendanceStore.Counters::upn));
            return counters;
        }
    }

    /** Six session counts as the layout before the packed counters (and totals) held them. */
    static Document olderCounts(SessionCounts c) {
        return new Document("possible", c.possible())
                .append("present", c.present())
                .append("approved", c.approvedActivity())
                .append("authorised", c.authorised())
                .append("unauthorised", c.unauthorised())
                .append("not_possible", c.notPossible());
    }
}
