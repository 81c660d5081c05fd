package uk.portsmouth.cfe.gateway;

import io.helidon.config.Config;
import uk.portsmouth.cfe.gateway.auth.ClientRegistry;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** Runs the gateway on its own (production); the launcher runs it beside the services. */
public final class Main {

    public static final String NAME = "gateway";

    private Main() {}

    public static void main(String[] args) {
        Config config = ServiceConfig.load(NAME);
        Gateway gateway = Gateway.start(
                config, Telemetry.create(NAME, config), ClientRegistry.fromConfig(config.get("auth.clients")));
        // SIGTERM: stop taking requests, finish the ones in flight, then exit
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "graceful-stop"));
    }
}
