package uk.portsmouth.cfe.platform.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;

/**
 * The stores a store contract runs on, through the real driver: the embedded MongoDB-wire store
 * (always) and a real MongoDB in Testcontainers (where a Docker engine answers). A contract test is
 * {@code @ParameterizedTest @MethodSource(StoreBackends.ALL)} taking a {@link Backend}; each test asks
 * for a database of its own. Each backend starts once a JVM and stops with it.
 */
public final class StoreBackends {

    /** For {@code @MethodSource}: every backend this machine can run. */
    public static final String ALL = "uk.portsmouth.cfe.platform.testing.StoreBackends#all";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Backend embedded;
    private static Backend real;

    private StoreBackends() {}

    /** One store to run a contract on. */
    public record Backend(String name, MongoClient client) {

        /** A database no other test writes. */
        public MongoDatabase freshDatabase() {
            return client.getDatabase("contract_" + DATABASES.incrementAndGet());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static Stream<Backend> all() {
        List<Backend> backends = new ArrayList<>(List.of(embedded()));
        if (DockerClientFactory.instance().isDockerAvailable()) {
            backends.add(real());
        }
        return backends.stream();
    }

    private static synchronized Backend embedded() {
        if (embedded == null) {
            EmbeddedMongo mongo = EmbeddedMongo.inMemory();
            MongoClient client = MongoClients.create(mongo.uri());
            embedded = new Backend("embedded store", client);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                mongo.close();
            }));
        }
        return embedded;
    }

    private static synchronized Backend real() {
        if (real == null) {
            MongoDBContainer mongo = new MongoDBContainer("mongo:7.0");
            mongo.start();
            MongoClient client = MongoClients.create(mongo.getConnectionString());
            real = new Backend("MongoDB 7.0", client);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                mongo.stop();
            }));
        }
        return real;
    }
}
