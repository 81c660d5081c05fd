package uk.portsmouth.cfe.platform.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.mongo.v3_1.MongoTelemetry;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * A service's database: {@code mongodb.uri} (env {@code MONGODB_URI}) when set, otherwise an
 * in-memory embedded store on loopback owned by this connection. Every command is traced.
 */
public final class MongoConnection implements AutoCloseable {

    /**
     * The batch size for reads of a whole school's or the city's documents: without one, the
     * embedded store answers a find in one reply, and a city's year of attendance (over 48 MB)
     * passes the driver's message limit.
     */
    public static final int SCAN_BATCH_SIZE = 1_000;

    private final MongoClient client;
    private final MongoDatabase database;
    private final EmbeddedMongo ownedEmbedded;

    private MongoConnection(MongoClient client, MongoDatabase database, EmbeddedMongo ownedEmbedded) {
        this.client = client;
        this.database = database;
        this.ownedEmbedded = ownedEmbedded;
    }

    /**
     * Connects as {@code mongodb} config says: {@code uri} (empty = embedded in memory) and
     * {@code database} (each service owns its own database).
     */
    public static MongoConnection open(Config mongoConfig, String defaultDatabase, OpenTelemetry telemetry) {
        String uri = mongoConfig.get("uri").asString().orElse("");
        EmbeddedMongo embedded = null;
        if (uri.isBlank()) {
            embedded = EmbeddedMongo.inMemory();
            uri = embedded.uri();
        }
        ConnectionString connection = new ConnectionString(uri);
        String databaseName = mongoConfig
                .get("database")
                .asString()
                .orElse(connection.getDatabase() != null ? connection.getDatabase() : defaultDatabase);
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                // a write is acknowledged to a caller only once a majority of the replica set has it
                // in its journal, and reads go to the primary (read-your-writes); a URI may say otherwise
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readPreference(ReadPreference.primary())
                .applyConnectionString(connection)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(
                        mongoConfig.get("server-selection-timeout-ms").asLong().orElse(5000L), TimeUnit.MILLISECONDS))
                .addCommandListener(new StoreMetrics());
        if (Telemetry.records(telemetry)) {
            // spans keep a short, sanitised statement: no personal data, little cost per command
            settings.addCommandListener(MongoTelemetry.builder(telemetry)
                    .setQuerySanitizationEnabled(true)
                    .setMaxNormalizedQueryLength(256)
                    .build()
                    .createCommandListener());
        }
        MongoClient client = MongoClients.create(settings.build());
        return new MongoConnection(client, client.getDatabase(databaseName), embedded);
    }

    public MongoDatabase database() {
        return database;
    }

    /** True when the database answers a ping (readiness). */
    public boolean ping() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
        if (ownedEmbedded != null) {
            ownedEmbedded.close();
        }
    }
}
