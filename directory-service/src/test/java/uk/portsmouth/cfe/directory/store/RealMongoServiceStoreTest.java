package uk.portsmouth.cfe.directory.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same store contract against a real MongoDB; skipped where there is no Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoServiceStoreTest extends ServiceStoreContract {

    @Container
    private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(MONGO.getConnectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected MongoDatabase database() {
        return client.getDatabase("directory_test");
    }
}
