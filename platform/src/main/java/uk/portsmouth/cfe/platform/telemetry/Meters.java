package uk.portsmouth.cfe.platform.telemetry;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import java.time.Duration;

/**
 * The platform's own metrics, in the global registry every component serves on its metrics
 * endpoint (Prometheus/OpenMetrics): OpenTelemetry semantic-convention names where one exists.
 * Tags are name/value pairs and must be few-valued (a route, a method, a status): never an id.
 */
public final class Meters {

    private Meters() {}

    /** Adds {@code amount} to the counter {@code name} with these tags. */
    public static void count(String name, String description, long amount, String... tags) {
        Metrics.getOrCreate(Counter.builder(name).description(description).tags(Metrics.tags(tags)))
                .increment(amount);
    }

    /** Records {@code took} in the timer (a latency histogram) {@code name} with these tags. */
    public static void time(String name, String description, Duration took, String... tags) {
        Metrics.getOrCreate(Timer.builder(name)
                        .description(description)
                        .tags(Metrics.tags(tags))
                        .publishPercentileHistogram(true))
                .record(took);
    }
}
