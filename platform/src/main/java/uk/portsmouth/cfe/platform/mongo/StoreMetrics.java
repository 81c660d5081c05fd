package uk.portsmouth.cfe.platform.mongo;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import uk.portsmouth.cfe.platform.telemetry.Meters;

/**
 * Every store command timed per operation, collection and outcome
 * ({@code db.client.operation.duration}): a slow or failing store shows before its callers time out.
 */
final class StoreMetrics implements CommandListener {

    /** The collection a command names (find, insert, update, delete, aggregate...), by request id. */
    private final Map<Integer, String> collections = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        var named = event.getCommand().get(event.getCommandName());
        collections.put(
                event.getRequestId(),
                named != null && named.isString() ? named.asString().getValue() : "");
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        record(event.getRequestId(), event.getCommandName(), event.getElapsedTime(TimeUnit.NANOSECONDS), "ok");
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        record(event.getRequestId(), event.getCommandName(), event.getElapsedTime(TimeUnit.NANOSECONDS), "error");
    }

    private void record(int requestId, String command, long nanos, String outcome) {
        String collection = collections.remove(requestId);
        Meters.time(
                "db.client.operation.duration",
                "Store commands",
                Duration.ofNanos(nanos),
                "db.system",
                "mongodb",
                "db.operation.name",
                command,
                "db.collection.name",
                collection == null ? "" : collection,
                "outcome",
                outcome);
    }
}
