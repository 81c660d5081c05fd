package uk.portsmouth.cfe.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;

/**
 * What durable writes cost on the embedded default's file store ({@code ./cfe bench-durability}):
 * single-document inserts through the real driver, one writer and then 16 at once, against the
 * durable store (answered once committed and synced) and, in the same run, the plain H2 store it
 * replaced (committed about a second later, so a crash lost acknowledged writes). Prints figures.
 */
public final class DurabilityBenchmark {

    private static final int WRITES = 2_000;
    private static final int WRITERS = 16;

    private DurabilityBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("cfe-durability");
        System.out.printf(
                "%nEmbedded file store, %d single-document inserts per scenario%n%-36s %10s %10s %10s%n",
                WRITES, "scenario", "writes/s", "p50 ms", "p99 ms");
        MongoServer plain =
                new MongoServer(new H2Backend(dir.resolve("plain.mv").toString()));
        String plainUri = plain.bindAndGetConnectionString();
        try (EmbeddedMongo durable = EmbeddedMongo.persistent(dir.resolve("durable.mv"))) {
            for (int writers : List.of(1, WRITERS)) {
                run("not synced (before), " + writers + " writer(s)", plainUri, writers);
                run("durable (now), " + writers + " writer(s)", durable.uri(), writers);
            }
        } finally {
            plain.shutdownNow();
        }
    }

    private static void run(String label, String uri, int writers) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> collection =
                    client.getDatabase("bench").getCollection(label.replaceAll("\\W", "-"));
            collection.insertOne(new Document("warm", true));
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = writer; i < WRITES; i += writers) {
                        long t = System.nanoTime();
                        collection.insertOne(new Document("_id", i).append("payload", "x".repeat(200)));
                        latencies.add(System.nanoTime() - t);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(
                    "%-36s %10.0f %10.2f %10.2f%n",
                    label,
                    WRITES / seconds,
                    sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get((int) (sorted.size() * 0.99)) / 1e6);
        }
    }
}
