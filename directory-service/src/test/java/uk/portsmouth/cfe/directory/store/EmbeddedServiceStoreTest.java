package uk.portsmouth.cfe.directory.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;

/** The store contract through the real driver against the embedded MongoDB-wire store. */
class EmbeddedServiceStoreTest extends ServiceStoreContract {

    private static EmbeddedMongo mongo;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Override
    protected MongoDatabase database() {
        return client.getDatabase("directory_test");
    }
}
