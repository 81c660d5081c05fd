package uk.portsmouth.cfe.attendance;

import java.time.Clock;

import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import uk.portsmouth.cfe.attendance.demo.AttendanceDemoData;
import uk.portsmouth.cfe.attendance.grpc.SchoolRegistryGrpcService;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** Wiring only: config -> stores -> gRPC services -> host. */
public final class Main {

    public static final String NAME = "attendance-service";

    private Main() {
    }

    public static void main(String[] args) {
        Config config = ServiceConfig.load(NAME);
        start(config, Telemetry.create(NAME, config));
    }

    /** Starts the service with {@code config}; the tests and the launcher call this too. */
    public static ServiceHost start(Config config, OpenTelemetry telemetry) {
        return start(config, telemetry, Clock.systemUTC());
    }

    /** As {@link #start(Config, OpenTelemetry)}, on {@code clock} (tests fix "now"). */
    public static ServiceHost start(Config config, OpenTelemetry telemetry, Clock clock) {
        MongoConnection mongo = MongoConnection.open(config.get("mongodb"), "cfe_attendance", telemetry);
        SchoolStore schools = new SchoolStore(mongo.database());
        if (config.get("demo-data.load").asBoolean().orElse(false)) {
            AttendanceDemoData.load(schools);
        }
        return ServiceHost.builder(NAME, config, telemetry)
                .addService(new SchoolRegistryGrpcService(schools, clock))
                .readiness("mongodb", mongo::ping)
                .closeOnStop(mongo)
                .start();
    }
}
