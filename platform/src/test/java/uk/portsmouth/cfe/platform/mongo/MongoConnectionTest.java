package uk.portsmouth.cfe.platform.mongo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The store settings every service writes and reads with, unless its MONGODB_URI says otherwise. */
class MongoConnectionTest {

    private static Config mongo(Map<String, String> settings) {
        return Config.just(ConfigSources.create(settings)).get("mongodb");
    }

    @Test
    void writesWaitForAJournaledMajorityAndReadsGoToThePrimary() throws Exception {
        try (MongoConnection connection = MongoConnection.open(mongo(Map.of()), "settings", OpenTelemetry.noop())) {
            assertThat(connection.database().getWriteConcern(), is(WriteConcern.MAJORITY.withJournal(true)));
            assertThat(connection.database().getReadPreference(), is(ReadPreference.primary()));
            // the embedded store takes those settings
            connection.database().getCollection("probe").insertOne(new Document("_id", 1));
            assertThat(connection.database().getCollection("probe").countDocuments(), is(1L));
        }
    }

    @Test
    void theUriMayChooseOtherwise() throws Exception {
        try (EmbeddedMongo embedded = EmbeddedMongo.inMemory();
                MongoConnection connection = MongoConnection.open(
                        mongo(Map.of("mongodb.uri", embedded.uri() + "/?w=1&readPreference=primaryPreferred")),
                        "settings",
                        OpenTelemetry.noop())) {
            assertThat(connection.database().getWriteConcern().getW(), is(1));
            assertThat(connection.database().getReadPreference(), is(ReadPreference.primaryPreferred()));
        }
    }
}
