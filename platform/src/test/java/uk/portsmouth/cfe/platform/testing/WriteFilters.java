package uk.portsmouth.cfe.platform.testing;

import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;

/**
 * Records the filter of every write a client sends (update, delete, findAndModify), so a test can
 * ask whether the embedded store finds each by an index: mongo-java-server uses an index only when
 * a filter names exactly that index's fields, and otherwise scans the whole collection under its lock.
 * Register it with {@code MongoClientSettings.builder().addCommandListener(...)}.
 */
public final class WriteFilters implements CommandListener {

    /** One write's collection and the fields its filter names. */
    public record Filter(String collection, Set<String> fields) {}

    private final ConcurrentLinkedQueue<Filter> seen = new ConcurrentLinkedQueue<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        switch (event.getCommandName()) {
            case "update" -> each(command, "updates", "q");
            case "delete" -> each(command, "deletes", "q");
            case "findAndModify" ->
                seen.add(new Filter(
                        command.getString("findAndModify").getValue(),
                        Set.copyOf(
                                command.getDocument("query", new BsonDocument()).keySet())));
            default -> {}
        }
    }

    private void each(BsonDocument command, String statements, String filter) {
        String collection = command.getString(command.getFirstKey()).getValue();
        BsonArray list = command.getArray(statements, new BsonArray());
        for (BsonValue statement : list) {
            // copied now: the command reads from a buffer the driver reuses once this returns
            seen.add(new Filter(
                    collection,
                    Set.copyOf(statement.asDocument().getDocument(filter).keySet())));
        }
    }

    /**
     * The filters seen that no index of their collection in {@code database} names field for field
     * (the ones the embedded store answers by scanning the collection).
     */
    public List<Filter> unindexed(MongoDatabase database) {
        List<Filter> unindexed = new ArrayList<>();
        for (Filter filter : seen) {
            Set<Set<String>> indexes = new HashSet<>();
            for (Document index : database.getCollection(filter.collection()).listIndexes()) {
                indexes.add(index.get("key", Document.class).keySet());
            }
            if (!indexes.contains(filter.fields())) {
                unindexed.add(filter);
            }
        }
        return unindexed;
    }

    /** How many writes were seen. */
    public int count() {
        return seen.size();
    }
}
