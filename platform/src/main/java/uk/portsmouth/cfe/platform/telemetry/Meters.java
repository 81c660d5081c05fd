package uk.portsmouth.cfe.platform.telemetry;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's own metrics, in the global registry every component serves on its metrics
 * endpoint (Prometheus/OpenMetrics): OpenTelemetry semantic-convention names where one exists.
 * Tags are name/value pairs and must be few-valued (a route, a method, a status): never an id.
 *
 * <p>Each meter is looked up in the registry once and then kept here by name and tags: building
 * and looking one up at every request was about a twentieth of a gateway request's time (#28). The
 * registry keeps every meter it made anyway, so this holds no more than it does.
 */
public final class Meters {

    private static final Map<List<String>, Counter> COUNTERS = new ConcurrentHashMap<>();
    private static final Map<List<String>, Timer> TIMERS = new ConcurrentHashMap<>();

    private Meters() {}

    /** Adds {@code amount} to the counter {@code name} with these tags. */
    public static void count(String name, String description, long amount, String... tags) {
        COUNTERS.computeIfAbsent(
                        key(name, tags),
                        key -> Metrics.getOrCreate(
                                Counter.builder(name).description(description).tags(Metrics.tags(tags))))
                .increment(amount);
    }

    /** Records {@code took} in the timer (a latency histogram) {@code name} with these tags. */
    public static void time(String name, String description, Duration took, String... tags) {
        timer(name, description, tags).record(took);
    }

    /**
     * The timer {@code name} with these tags, for a caller that records into it many times: a
     * Prometheus histogram (its buckets, from which the monitoring works out any percentile), without
     * the percentiles Helidon otherwise works out in the process, in sliding HdrHistograms updated at
     * every record (#28: timing both ends of each gRPC call cost about 6% of a signed-in search's
     * throughput).
     */
    public static Timer timer(String name, String description, String... tags) {
        return TIMERS.computeIfAbsent(
                key(name, tags),
                key -> Metrics.getOrCreate(Timer.builder(name)
                        .description(description)
                        .tags(Metrics.tags(tags))
                        .percentiles(new double[0])
                        .publishPercentileHistogram(true)));
    }

    private static List<String> key(String name, String... tags) {
        String[] key = new String[tags.length + 1];
        key[0] = name;
        System.arraycopy(tags, 0, key, 1, tags.length);
        return List.of(key);
    }
}
