package uk.portsmouth.cfe.launcher;

import java.util.HashMap;
import java.util.Map;
import uk.portsmouth.cfe.platform.config.ServiceConfig;

/**
 * The platform a benchmark measures: every service on free ports, the in-memory store, no rate limit, no demo
 * rolls.
 */
final class BenchmarkPlatform {

    private BenchmarkPlatform() {}

    static Launcher start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with launcher {@code settings} of the benchmark's own. */
    static Launcher start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "cfe.store",
                "memory",
                "gateway.port",
                "0",
                "gateway.rate-limit",
                "false",
                "attendance.demo-roll-size",
                "0"));
        for (String service : new String[] {"directory", "contacts", "attendance", "fsp"}) {
            settings.put(service + ".grpc-port", "0");
            settings.put(service + ".observe-port", "0");
        }
        settings.putAll(extra);
        return Launcher.start(ServiceConfig.load("launcher", settings));
    }
}
