package uk.portsmouth.cfe.gateway;

import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import uk.portsmouth.cfe.gateway.auth.ClientRegistry;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** Runs the gateway on its own (production); the launcher runs it beside the services. */
public final class Main {

    public static final String NAME = "gateway";

    private Main() {}

    public static void main(String[] args) {
        Config config = ServiceConfig.load(NAME);
        OpenTelemetry telemetry = Telemetry.create(NAME, config);
        Gateway gateway = Gateway.start(config, telemetry, ClientRegistry.fromConfig(config.get("auth.clients")));
        // SIGTERM: stop taking requests, finish the ones in flight, send the last spans, then exit
        ServiceHost.stopOnExit(gateway::close, telemetry);
    }
}
