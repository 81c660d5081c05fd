package uk.portsmouth.cfe.platform.mongo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's own look-ups (by {@code _id} and by secondary indexes): every filter answers
 * exactly what mongo-java-server's plain in-memory store answers (which reads the whole collection),
 * in the same order, through the real driver, after the same random inserts, updates, replaces,
 * upserts and deletes; and the look-ups offer only the documents that can match.
 */
class IndexedMemoryBackendTest {

    private static final List<String> URNS = List.of("100001", "100002", "100003", "100004");
    private static final List<String> YEARS = List.of("2024/25", "2025/26");

    private MongoServer plainServer;
    private MongoServer indexedServer;
    private MongoClient plainClient;
    private MongoClient indexedClient;
    private MongoCollection<Document> plain;
    private MongoCollection<Document> indexed;

    @BeforeEach
    void start() {
        plainServer = new MongoServer(new MemoryBackend());
        indexedServer = new MongoServer(new IndexedMemoryBackend());
        plainClient = MongoClients.create("mongodb://" + address(plainServer.bind()));
        indexedClient = MongoClients.create("mongodb://" + address(indexedServer.bind()));
        plain = plainClient.getDatabase("test").getCollection("enrolments");
        indexed = indexedClient.getDatabase("test").getCollection("enrolments");
    }

    @AfterEach
    void stop() {
        plainClient.close();
        indexedClient.close();
        plainServer.shutdownNow();
        indexedServer.shutdownNow();
    }

    private static String address(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** The same operation on both stores: both do it, or both refuse it alike. */
    private void both(java.util.function.Consumer<MongoCollection<Document>> operation) {
        String plainRefused = refusal(operation, plain);
        assertThat(refusal(operation, indexed), is(plainRefused));
        List<Document> a = indexed.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        List<Document> b = plain.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        List<Document> onlyA = new ArrayList<>(a);
        onlyA.removeAll(b);
        List<Document> onlyB = new ArrayList<>(b);
        onlyB.removeAll(a);
        assertThat("indexed only " + onlyA + " plain only " + onlyB, onlyA.isEmpty() && onlyB.isEmpty(), is(true));
    }

    private static String refusal(
            java.util.function.Consumer<MongoCollection<Document>> operation, MongoCollection<Document> collection) {
        try {
            operation.accept(collection);
            return "done";
        } catch (com.mongodb.MongoException e) {
            return e.getClass().getSimpleName() + " " + e.getCode();
        }
    }

    private void indexes() {
        both(c -> {
            c.createIndex(Indexes.ascending("urn", "year"));
            c.createIndex(Indexes.ascending("year"));
            c.createIndex(Indexes.ascending("n"));
            c.createIndex(Indexes.ascending("tags"));
            c.createIndex(Indexes.ascending("sub.k"));
            c.createIndex(
                    Indexes.ascending("upn"), new IndexOptions().unique(true).sparse(true));
        });
    }

    private static Document randomDocument(Random random, int id) {
        Document d = new Document("_id", "e" + id).append("v", random.nextLong());
        if (random.nextInt(10) > 0) {
            d.append("urn", URNS.get(random.nextInt(URNS.size())));
        }
        switch (random.nextInt(12)) {
            case 0 -> {} // no year
            case 1 -> d.append("year", 2025); // not text: offered to every range
            default -> d.append("year", YEARS.get(random.nextInt(YEARS.size())));
        }
        switch (random.nextInt(4)) {
            case 0 -> d.append("n", random.nextInt(5));
            case 1 -> d.append("n", (long) random.nextInt(5));
            case 2 -> d.append("n", (double) random.nextInt(5));
            default -> {} // no n
        }
        if (random.nextBoolean()) {
            d.append("tags", List.of("t" + random.nextInt(3), "t" + random.nextInt(3)));
        } else if (random.nextBoolean()) {
            d.append("tags", "t" + random.nextInt(3));
        }
        if (random.nextBoolean()) {
            d.append("sub", new Document("k", "k" + random.nextInt(3)));
        }
        if (random.nextInt(3) == 0) {
            d.append("upn", "U" + id);
        }
        return d;
    }

    /** Filters of every shape a service sends: pinned, partly pinned, by operator, on arrays, missing. */
    private static List<Bson> filters(Random random) {
        List<Bson> filters = new ArrayList<>();
        for (String urn : URNS) {
            filters.add(Filters.eq("urn", urn));
            for (String year : YEARS) {
                filters.add(Filters.and(Filters.eq("urn", urn), Filters.eq("year", year)));
                filters.add(Filters.and(Filters.eq("urn", urn), Filters.eq("year", year), Filters.gt("n", 1)));
            }
            filters.add(Filters.and(Filters.eq("urn", urn), Filters.in("year", YEARS)));
        }
        YEARS.forEach(year -> filters.add(Filters.eq("year", year)));
        for (int n = 0; n < 5; n++) {
            filters.add(Filters.eq("n", n));
            filters.add(Filters.eq("n", (long) n));
            filters.add(Filters.eq("n", (double) n));
        }
        for (int t = 0; t < 3; t++) {
            filters.add(Filters.eq("tags", "t" + t));
            filters.add(Filters.eq("sub.k", "k" + t));
        }
        filters.add(Filters.eq("tags", List.of("t0", "t1")));
        filters.add(Filters.eq("urn", null));
        filters.add(Filters.exists("year", false));
        filters.add(Filters.eq("sub", new Document("k", "k1")));
        filters.add(Filters.regex("urn", "^10000[12]"));
        for (int i = 0; i < 20; i++) {
            String id = "e" + random.nextInt(300);
            filters.add(Filters.and(Filters.eq("_id", id), Filters.eq("urn", URNS.get(random.nextInt(URNS.size())))));
            filters.add(Filters.and(Filters.eq("_id", id), Filters.exists("v")));
            filters.add(Filters.eq("_id", id));
        }
        filters.add(Filters.in("_id", List.of("e1", "e2", "e3")));
        filters.add(Filters.in("_id", List.of("e3", "e1", "e1", "e999", "e" + random.nextInt(300))));
        filters.add(Filters.in("_id", List.of()));
        filters.add(Filters.in("_id", List.of("e1", 7)));
        // ranges of text on an index's first field
        filters.add(Filters.gte("year", "2025"));
        filters.add(Filters.gt("year", "2024/25"));
        filters.add(Filters.lte("year", "2024/25"));
        filters.add(Filters.and(Filters.gt("urn", "100001"), Filters.lte("urn", "100003")));
        filters.add(new Document("urn", new Document("$gte", "100002").append("$lt", "100004")));
        filters.add(new Document("urn", new Document("$gte", "100003").append("$lt", "100002")));
        filters.add(Filters.and(Filters.lt("urn", "100003"), Filters.eq("n", 2)));
        filters.add(Filters.gte("year", 2000));
        filters.add(new Document("urn", new Document("$gte", "100002").append("$ne", "100003")));
        filters.add(new Document());
        return filters;
    }

    private void assertAnswersAlike(Random random) {
        for (Bson filter : filters(random)) {
            assertThat(
                    filter.toString(),
                    indexed.find(filter).into(new ArrayList<>()),
                    is(plain.find(filter).into(new ArrayList<>())));
            assertThat(
                    filter + " sorted",
                    indexed.find(filter).sort(Sorts.descending("v")).limit(7).into(new ArrayList<>()),
                    is(plain.find(filter).sort(Sorts.descending("v")).limit(7).into(new ArrayList<>())));
            assertThat(filter + " counted", indexed.countDocuments(filter), is(plain.countDocuments(filter)));
        }
    }

    @Test
    void everyFilterAnswersAsTheStoreThatReadsEveryDocumentAfterRandomWrites() {
        Random random = new Random(28);
        // documents written before the indexes exist are indexed when they are made
        for (int i = 0; i < 150; i++) {
            Document d = randomDocument(random, i);
            both(c -> c.insertOne(d));
        }
        indexes();
        for (int i = 150; i < 300; i++) {
            Document d = randomDocument(random, i);
            both(c -> c.insertOne(d));
        }
        assertAnswersAlike(random);
        for (int round = 0; round < 600; round++) {
            String id = "e" + random.nextInt(320);
            Document replacement = randomDocument(random, random.nextInt(320)).append("_id", id);
            Bson change = switch (random.nextInt(4)) {
                case 0 -> Updates.set("urn", URNS.get(random.nextInt(URNS.size())));
                case 1 -> Updates.unset("year");
                case 2 -> Updates.set("tags", List.of("t" + random.nextInt(3)));
                default -> Updates.combine(Updates.set("v", random.nextLong()), Updates.set("n", random.nextInt(5)));
            };
            String urn = URNS.get(random.nextInt(URNS.size()));
            int n = random.nextInt(9);
            switch (random.nextInt(6)) {
                case 0 -> both(c -> c.updateOne(Filters.eq("_id", id), change));
                case 1 ->
                    both(c -> c.updateOne(
                            Filters.and(Filters.eq("_id", id), Filters.eq("urn", urn)),
                            change,
                            new UpdateOptions().upsert(false)));
                case 2 ->
                    both(c -> c.replaceOne(Filters.eq("_id", id), replacement, new ReplaceOptions().upsert(true)));
                case 3 -> both(c -> c.deleteOne(Filters.and(Filters.eq("urn", urn), Filters.eq("_id", id))));
                case 4 ->
                    both(c -> c.updateMany(
                            Filters.and(Filters.eq("urn", urn), Filters.eq("year", YEARS.get(0))),
                            Updates.inc("n", 1)));
                default -> both(c -> c.deleteMany(Filters.and(Filters.eq("n", n), Filters.eq("urn", urn))));
            }
        }
        assertAnswersAlike(random);
    }

    @Test
    void aSecondaryIndexOffersOnlyTheDocumentsItsPinnedFieldsCanMatch() {
        SecondaryIndex index =
                new SecondaryIndex("urn_year", List.of(new IndexKey("urn", true), new IndexKey("year", true)), false);
        index.add(new de.bwaldvogel.mongo.bson.Document("urn", "A").append("year", "1"), 0, null);
        index.add(new de.bwaldvogel.mongo.bson.Document("urn", "A").append("year", "2"), 1, null);
        index.add(new de.bwaldvogel.mongo.bson.Document("urn", "B").append("year", "1"), 2, null);
        index.add(new de.bwaldvogel.mongo.bson.Document("urn", "A"), 3, null);

        assertThat(index.positions(new de.bwaldvogel.mongo.bson.Document("urn", "A")), contains(0, 1, 3));
        assertThat(index.positions(new de.bwaldvogel.mongo.bson.Document("urn", "A").append("year", "1")), contains(0));
        assertThat(index.positions(new de.bwaldvogel.mongo.bson.Document("urn", "C")), is(empty()));
        // the first field not pinned: the index cannot say
        assertThat(index.positions(new de.bwaldvogel.mongo.bson.Document("year", "1")), is(nullValue()));
        assertThat(
                index.positions(new de.bwaldvogel.mongo.bson.Document(
                        "urn", new de.bwaldvogel.mongo.bson.Document("$in", List.of("A")))),
                is(nullValue()));

        index.updateInPlace(
                new de.bwaldvogel.mongo.bson.Document("urn", "A").append("year", "2"),
                new de.bwaldvogel.mongo.bson.Document("urn", "B").append("year", "2"),
                1,
                null);
        index.removePosition(0);
        assertThat(index.positions(new de.bwaldvogel.mongo.bson.Document("urn", "A")), contains(3));
        assertThat(index.positions(new de.bwaldvogel.mongo.bson.Document("urn", "B")), contains(1, 2));
        // an array is kept aside and offered to every look-up
        index.add(new de.bwaldvogel.mongo.bson.Document("urn", List.of("A", "B")), 4, null);
        assertThat(index.positions(new de.bwaldvogel.mongo.bson.Document("urn", "C")), contains(4));
        // a text range on the first field: the values in it, and whatever is kept aside
        assertThat(
                index.positions(new de.bwaldvogel.mongo.bson.Document(
                        "urn", new de.bwaldvogel.mongo.bson.Document("$gte", "B"))),
                contains(1, 2, 4));
        assertThat(
                index.positions(new de.bwaldvogel.mongo.bson.Document(
                        "urn", new de.bwaldvogel.mongo.bson.Document("$lt", "B"))),
                contains(3, 4));
    }

    @Test
    void aFilterPinsAFieldAtItsTopLevelOrInAnAndAndOnlyToAPlainValue() {
        de.bwaldvogel.mongo.bson.Document and = new de.bwaldvogel.mongo.bson.Document(
                "$and",
                List.of(
                        new de.bwaldvogel.mongo.bson.Document("urn", "A"),
                        new de.bwaldvogel.mongo.bson.Document("_id", "e1")));
        assertThat(StoreLookups.pinned(and, "urn"), is("A"));
        assertThat(StoreLookups.pinned(and, "_id"), is("e1"));
        assertThat(StoreLookups.pinned(new de.bwaldvogel.mongo.bson.Document("n", 1), "n"), is(1.0));
        assertThat(StoreLookups.pinned(new de.bwaldvogel.mongo.bson.Document("n", 1L), "n"), is(1.0));
        assertThat(
                StoreLookups.pinned(new de.bwaldvogel.mongo.bson.Document("n", Long.MAX_VALUE), "n"), is(nullValue()));
        assertThat(StoreLookups.pinned(new de.bwaldvogel.mongo.bson.Document("urn", null), "urn"), is(nullValue()));
        assertThat(
                StoreLookups.pinned(new de.bwaldvogel.mongo.bson.Document("urn", List.of("A")), "urn"),
                is(nullValue()));
        assertThat(
                StoreLookups.pinned(
                        new de.bwaldvogel.mongo.bson.Document("urn", new de.bwaldvogel.mongo.bson.Document("$gt", "A")),
                        "urn"),
                is(nullValue()));
        assertThat(
                StoreLookups.pinned(
                        new de.bwaldvogel.mongo.bson.Document(
                                "$or", List.of(new de.bwaldvogel.mongo.bson.Document("urn", "A"))),
                        "urn"),
                is(nullValue()));
    }

    @Test
    void racingConditionalWritesByIdAndSecondaryFieldsStayExact() throws Exception {
        indexes();
        int documents = 40;
        for (int i = 0; i < documents; i++) {
            indexed.insertOne(new Document("_id", "e" + i)
                    .append("v", 0L)
                    .append("urn", URNS.get(i % 4))
                    .append("n", 0));
        }
        int threads = 8;
        int perThread = 300;
        AtomicLong won = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            running.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < perThread; i++) {
                    String id = "e" + random.nextInt(documents);
                    Document read = indexed.find(Filters.eq("_id", id)).first();
                    long version = read.getLong("v");
                    // a compare-and-set on {_id, v, urn}, moving the document to another school
                    long matched = indexed.updateOne(
                                    Filters.and(
                                            Filters.eq("_id", id),
                                            Filters.eq("v", version),
                                            Filters.eq("urn", read.getString("urn"))),
                                    Updates.combine(
                                            Updates.set("v", version + 1),
                                            Updates.set("urn", URNS.get(random.nextInt(URNS.size()))),
                                            Updates.inc("n", 1)))
                            .getModifiedCount();
                    won.addAndGet(matched);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        long counted = 0;
        long onRolls = 0;
        for (Document d : indexed.find()) {
            counted += d.getInteger("n");
            assertThat(d.getLong("v"), is((long) d.getInteger("n")));
        }
        for (String urn : URNS) {
            onRolls += indexed.countDocuments(Filters.eq("urn", urn));
        }
        assertThat("every write that won counted once", counted, is(won.get()));
        assertThat("each document under exactly one school", onRolls, is((long) documents));
        assertThat(indexed.countDocuments(), is((long) documents));
        List<Document> listed = indexed.listIndexes().into(new ArrayList<>());
        listed.forEach(index -> index.remove("ns"));
        List<Document> declared = plain.listIndexes().into(new ArrayList<>());
        declared.forEach(index -> index.remove("ns"));
        assertThat("indexes listed as declared", listed, is(declared));
    }
}
