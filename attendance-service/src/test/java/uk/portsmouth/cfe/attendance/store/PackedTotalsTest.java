package uk.portsmouth.cfe.attendance.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.domain.GroupTotals;
import uk.portsmouth.cfe.attendance.domain.SchoolTotals;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;

/**
 * A school-year's totals as one string and back (worked examples); totals in the layout before it
 * read as they were and moved by the next write; and many writers adding to the same school-years
 * at once, from two instances (each with its own last-written sums) and past a recount, ending at
 * exactly the sum of what they added.
 */
class PackedTotalsTest {

    private static final String URN = "116000";
    private static final String YEAR = "2026-27";

    private static GroupTotals group(long possible, long present, long unauthorised, long pupils) {
        return new GroupTotals(
                new SessionCounts(possible, present, 0, possible - present - unauthorised, unauthorised, 0),
                pupils,
                unauthorised > 0 ? 1 : 0,
                0);
    }

    @Test
    void workedExamples() {
        Map<String, GroupTotals> year = new TreeMap<>(Map.of("7|sen_support", group(380, 350, 8, 1)));
        Map<String, Map<String, GroupTotals>> terms = new TreeMap<>(Map.of(
                "Autumn 2026", new TreeMap<>(Map.of("7|sen_support", group(140, 130, 4, 1))),
                "Spring 2027 odd name", new TreeMap<>(Map.of("unknown|unknown", group(10, 10, 0, 1)))));
        Map<LocalDate, SessionCounts> weeks =
                new TreeMap<>(Map.of(LocalDate.parse("2026-09-07"), new SessionCounts(10, 9, 0, 1, 0, 0)));
        SchoolTotals totals = new SchoolTotals(year, terms, weeks);

        String packed = PackedTotals.pack(totals);
        assertThat(
                packed,
                is("y 7%7Csen_support 380,350,0,22,8,0,1,1,0\n"
                        + "t Autumn+2026 7%7Csen_support 140,130,0,6,4,0,1,1,0\n"
                        + "t Spring+2027+odd+name unknown%7Cunknown 10,10,0,0,0,0,1,0,0\n"
                        + "w 2026-09-07 10,9,0,1,0,0"));
        assertThat(PackedTotals.unpack(packed), is(totals));
        SchoolTotals none = new SchoolTotals(Map.of(), Map.of(), Map.of());
        assertThat(PackedTotals.pack(none), is(""));
        assertThat(PackedTotals.unpack(""), is(none));
    }

    @Test
    void totalsInTheOlderLayoutAreReadAndMovedByTheNextWrite() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.uri())) {
            MongoDatabase database = client.getDatabase("older");
            MongoCollection<Document> documents = database.getCollection("school_attendance_totals");
            // as an instance before the packed totals wrote them: each number a field
            documents.insertOne(new Document("_id", URN + ":" + YEAR)
                    .append("urn", URN)
                    .append("year", YEAR)
                    .append("_version", 3L)
                    .append("year_groups", new Document("7|none", older(group(20, 18, 2, 2))))
                    .append("terms", new Document("Autumn 2026", new Document("7|none", older(group(20, 18, 2, 2)))))
                    .append("weeks", new Document("2026-09-07", older(new SessionCounts(20, 18, 0, 0, 2, 0)))));
            SchoolTotalsStore store = new SchoolTotalsStore(database);
            SchoolTotals before = store.find(URN, YEAR).orElseThrow();
            assertThat(before.year().get("7|none"), is(group(20, 18, 2, 2)));

            SchoolTotals difference = new SchoolTotals(
                    Map.of("7|none", group(10, 10, 0, 0)),
                    Map.of("Autumn 2026", Map.of("7|none", group(10, 10, 0, 0))),
                    Map.of(LocalDate.parse("2026-09-14"), new SessionCounts(10, 10, 0, 0, 0, 0)));
            store.add(URN, YEAR, difference);

            Document moved = documents.find().first();
            assertThat(moved.get("year_groups"), is(nullValue()));
            assertThat(moved.get("terms"), is(nullValue()));
            assertThat(moved.get("weeks"), is(nullValue()));
            assertThat(moved.get("_version", Number.class).longValue(), is(4L));
            assertThat(
                    store.find(URN, YEAR).orElseThrow(),
                    is(new SchoolTotals.Sum().add(before).add(difference).total()));
        }
    }

    @Test
    void writersAddingAtOnceFromTwoInstancesAndPastARecountEndAtTheirSum() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.uri())) {
            MongoDatabase database = client.getDatabase("racing");
            List<SchoolTotalsStore> instances =
                    List.of(new SchoolTotalsStore(database), new SchoolTotalsStore(database));
            List<String> years = List.of("2025-26", YEAR);
            int writers = 8;
            int each = 150;
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            List<Future<Map<String, SchoolTotals.Sum>>> added = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int seed = w;
                added.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    Map<String, SchoolTotals.Sum> sums = new TreeMap<>();
                    for (int i = 0; i < each; i++) {
                        String year = years.get(random.nextInt(years.size()));
                        String group = (7 + random.nextInt(3)) + "|none";
                        int possible = 2 + random.nextInt(8);
                        SchoolTotals difference = new SchoolTotals(
                                Map.of(group, group(possible, possible - 1, 1, random.nextInt(2))),
                                Map.of("Autumn 2026", Map.of(group, group(possible, possible - 1, 1, 0))),
                                Map.of(
                                        LocalDate.parse("2026-09-07").plusWeeks(random.nextInt(3)),
                                        new SessionCounts(possible, possible - 1, 0, 0, 1, 0)));
                        instances.get(random.nextInt(2)).add(URN, year, difference);
                        sums.computeIfAbsent(year, y -> new SchoolTotals.Sum()).add(difference);
                    }
                    return sums;
                }));
            }
            // a recount that finds what is there and writes it back, while the writers add
            Future<?> recounts = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    try {
                        instances.get(0).rebuild(URN, () -> {
                            Map<SchoolTotalsStore.SchoolYear, SchoolTotals> now =
                                    new TreeMap<>(java.util.Comparator.comparing(SchoolTotalsStore.SchoolYear::year));
                            years.forEach(year -> instances
                                    .get(1)
                                    .find(URN, year)
                                    .ifPresent(t -> now.put(new SchoolTotalsStore.SchoolYear(URN, year), t)));
                            return now;
                        });
                    } catch (IllegalStateException keptChanging) {
                        // the writers moved it at every try (a real recount holds the school's lock)
                    }
                }
                return null;
            });
            Map<String, SchoolTotals.Sum> expected = new TreeMap<>();
            for (Future<Map<String, SchoolTotals.Sum>> f : added) {
                f.get()
                        .forEach((year, sum) -> expected.computeIfAbsent(year, y -> new SchoolTotals.Sum())
                                .add(sum.total()));
            }
            recounts.get();
            pool.shutdown();
            for (String year : years) {
                assertThat(
                        year,
                        instances.get(0).find(URN, year).orElseThrow(),
                        is(expected.get(year).total()));
            }
            assertThat(
                    database.getCollection("school_attendance_totals").countDocuments(Filters.exists("totals")),
                    is(2L));
        }
    }

    /** One group's numbers as the layout before the packed totals held them. */
    private static Document older(GroupTotals g) {
        return older(g.counts())
                .append("pupils", g.pupils())
                .append("persistent", g.persistent())
                .append("severe", g.severe());
    }

    private static Document older(SessionCounts c) {
        return PackedCountersTest.olderCounts(c);
    }
}
