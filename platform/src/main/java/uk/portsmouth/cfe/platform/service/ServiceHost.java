package uk.portsmouth.cfe.platform.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;

/**
 * Runs one service: its gRPC services on {@code grpc.port} (traced, caller context installed,
 * exceptions mapped to statuses) and {@code /observe/health} + {@code /observe/metrics} on
 * {@code server.port}. Port 0 picks a free port (tests, launcher).
 */
public final class ServiceHost implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ServiceHost.class.getName());

    private final Server grpcServer;
    private final WebServer observeServer;
    private final List<AutoCloseable> resources;

    private ServiceHost(Server grpcServer, WebServer observeServer, List<AutoCloseable> resources) {
        this.grpcServer = grpcServer;
        this.observeServer = observeServer;
        this.resources = resources;
    }

    public static Builder builder(String name, Config config, OpenTelemetry telemetry) {
        return new Builder(name, config, telemetry);
    }

    public int grpcPort() {
        return grpcServer.getPort();
    }

    public int observePort() {
        return observeServer.port();
    }

    /** "host:port" for a client on this machine. */
    public String grpcTarget() {
        return "127.0.0.1:" + grpcPort();
    }

    @Override
    public void close() {
        observeServer.stop();
        grpcServer.shutdown();
        try {
            if (!grpcServer.awaitTermination(5, TimeUnit.SECONDS)) {
                grpcServer.shutdownNow();
            }
        } catch (InterruptedException e) {
            grpcServer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOGGER.warning(() -> "Closing " + resource + " failed: " + e);
            }
        }
    }

    public static final class Builder {
        private final String name;
        private final Config config;
        private final OpenTelemetry telemetry;
        private final List<BindableService> services = new ArrayList<>();
        private final List<HealthCheck> readinessChecks = new ArrayList<>();
        private final List<AutoCloseable> resources = new ArrayList<>();

        private Builder(String name, Config config, OpenTelemetry telemetry) {
            this.name = name;
            this.config = config;
            this.telemetry = telemetry;
        }

        public Builder addService(BindableService service) {
            services.add(service);
            return this;
        }

        /** A dependency the service cannot serve without (e.g. its database). */
        public Builder readiness(String checkName, BooleanSupplier check) {
            readinessChecks.add(readinessCheck(checkName, check));
            return this;
        }

        /** Something the service owns (e.g. its database connection), closed when the host stops. */
        public Builder closeOnStop(AutoCloseable resource) {
            resources.add(resource);
            return this;
        }

        public ServiceHost start() {
            GrpcTelemetry grpcTelemetry = GrpcTelemetry.create(telemetry);
            String host = config.get("grpc.host").asString().orElse("127.0.0.1");
            NettyServerBuilder builder = NettyServerBuilder.forAddress(
                    new InetSocketAddress(host, config.get("grpc.port").asInt().orElse(0)));
            for (BindableService service : services) {
                // Last listed runs first: tracing wraps everything, errors are mapped innermost.
                builder.addService(ServerInterceptors.intercept(service,
                                                                GrpcErrors.serverInterceptor(),
                                                                CallerContexts.serverInterceptor(),
                                                                grpcTelemetry.createServerInterceptor()));
            }
            Server grpcServer;
            try {
                grpcServer = builder.build().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the gRPC server of " + name, e);
            }
            WebServer observeServer = WebServer.builder()
                    .config(config.get("server"))
                    .featuresDiscoverServices(false)
                    .addFeature(observeFeature(readinessChecks))
                    .build()
                    .start();
            LOGGER.info(() -> name + " serving gRPC on " + grpcServer.getPort()
                    + ", health and metrics on " + observeServer.port());
            return new ServiceHost(grpcServer, observeServer, List.copyOf(resources));
        }
    }

    /** A readiness check: ready while {@code check} answers true. */
    public static HealthCheck readinessCheck(String name, BooleanSupplier check) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return HealthCheckResponse.builder().status(check.getAsBoolean()).build();
            }
        };
    }

    /** {@code /observe/health} (liveness + readiness) and {@code /observe/metrics} (Prometheus). */
    public static ObserveFeature observeFeature(List<HealthCheck> readinessChecks) {
        io.helidon.webserver.observe.health.HealthObserverConfig.Builder health = HealthObserver.builder().details(true).useSystemServices(false);
        readinessChecks.forEach(health::addCheck);
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .addObserver(health.build())
                .addObserver(MetricsObserver.create())
                .build();
    }
}
