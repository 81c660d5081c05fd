package uk.portsmouth.cfe.platform.service;

import com.mongodb.client.MongoDatabase;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditTrailGrpcService;
import uk.portsmouth.cfe.platform.audit.AuditedRefusals;
import uk.portsmouth.cfe.platform.audit.SubjectAccessGrpcService;
import uk.portsmouth.cfe.platform.events.EventOutbox;
import uk.portsmouth.cfe.platform.events.EventOutboxGrpcService;
import uk.portsmouth.cfe.platform.grpc.CallerVerifier;
import uk.portsmouth.cfe.platform.grpc.GrpcChannels;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;
import uk.portsmouth.cfe.platform.grpc.GrpcMetrics;
import uk.portsmouth.cfe.platform.grpc.RepeatedReplies;
import uk.portsmouth.cfe.platform.grpc.ServiceCalls;
import uk.portsmouth.cfe.platform.retention.Retention;
import uk.portsmouth.cfe.platform.retention.RetentionGrpcService;
import uk.portsmouth.cfe.platform.retention.RetentionRule;
import uk.portsmouth.cfe.platform.telemetry.Logs;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.trust.CallerAssertions;
import uk.portsmouth.cfe.platform.trust.Trust;

/**
 * Runs one service: its gRPC services on {@code grpc.port} (traced, every caller verified,
 * exceptions mapped to statuses; mutual TLS when the service has TLS material) and {@code /observe/health} +
 * {@code /observe/metrics} on
 * {@code server.port}. Port 0 picks a free port (tests, launcher).
 */
public final class ServiceHost implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ServiceHost.class.getName());

    private final Server grpcServer;
    private final WebServer observeServer;
    private final List<AutoCloseable> resources;
    private final Draining draining;

    private ServiceHost(Server grpcServer, WebServer observeServer, List<AutoCloseable> resources, Draining draining) {
        this.draining = draining;
        this.grpcServer = grpcServer;
        this.observeServer = observeServer;
        this.resources = resources;
    }

    /** A host for the service {@code trust.component()}, which believes only callers {@code trust} verifies. */
    public static Builder builder(Config config, Trust trust, OpenTelemetry telemetry) {
        return new Builder(trust.component(), config, trust, telemetry);
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

    /**
     * Stops gracefully: says it is not ready (so the orchestrator and the load balancers stop sending)
     * while still serving for {@code shutdown.drain-delay}, then takes no new calls, finishes the
     * ones in flight (up to 5 s) and exits.
     */
    @Override
    public void close() {
        draining.begin();
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

    /**
     * Stops a component's process when the JVM is asked to stop (SIGTERM from the orchestrator):
     * {@code stop} (a host's or the gateway's graceful close), then sends the spans its {@code
     * telemetry} still holds ({@link Telemetry#close}).
     */
    public static void stopOnExit(Runnable stop, OpenTelemetry telemetry) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.run();
                            Telemetry.close(telemetry);
                        },
                        "graceful-stop"));
    }

    /** Not ready from the moment a stop begins (never a kept answer); serving on for the drain delay. */
    private static final class Draining implements HealthCheck {
        private final Duration delay;
        private volatile boolean stopping;

        Draining(Duration delay) {
            this.delay = delay;
        }

        @Override
        public HealthCheckType type() {
            return HealthCheckType.READINESS;
        }

        @Override
        public String name() {
            return "accepting-requests";
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.builder().status(!stopping).build();
        }

        void begin() {
            stopping = true;
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class Builder {
        private final String name;
        private final Config config;
        private final Trust trust;
        private final OpenTelemetry telemetry;
        private final ServiceCalls serviceCalls = new ServiceCalls();
        private final List<BindableService> services = new ArrayList<>();
        private boolean repeatedRepliesEncodedOnce;
        private final List<HealthCheck> readinessChecks = new ArrayList<>();
        private final List<AutoCloseable> resources = new ArrayList<>();
        private AuditLog audit;

        private Builder(String name, Config config, Trust trust, OpenTelemetry telemetry) {
            this.name = name;
            this.config = config;
            this.trust = trust;
            this.telemetry = telemetry;
        }

        /** {@code service} may call {@code methods} of this one as itself. */
        public Builder acceptAsItself(String service, MethodDescriptor<?, ?>... methods) {
            serviceCalls.asItself(service, methods);
            return this;
        }

        /** {@code service} may call {@code methods} of this one for the end user it serves. */
        public Builder acceptForItsUsers(String service, MethodDescriptor<?, ?>... methods) {
            serviceCalls.forItsUsers(service, methods);
            return this;
        }

        /**
         * The service's audit trail: the data protection officer may read it (through the gateway),
         * and every call the access rules refuse is recorded in it.
         */
        public Builder audit(AuditLog audit) {
            this.audit = audit;
            services.add(new AuditTrailGrpcService(audit));
            return this;
        }

        /** What the service holds about one child or person, for subject access requests (after {@link #audit}). */
        public Builder subjectAccess(SubjectAccessGrpcService.Source records) {
            services.add(new SubjectAccessGrpcService(records, audit));
            return this;
        }

        /**
         * The service's retention job over its {@code rules} (after {@link #audit}), periods from
         * {@code retention.*}, its schedule in {@code database}: started with the host, stopped
         * with it; its dry run open to the DPO.
         */
        public Builder retention(MongoDatabase database, Clock clock, RetentionRule... rules) {
            Retention retention = Retention.of(name, config.get("retention"), database, audit, clock, rules);
            services.add(new RetentionGrpcService(retention));
            resources.add(retention.start());
            return this;
        }

        /** The events the service's records hold in their outboxes, for the gateway's webhook dispatcher. */
        public Builder events(EventOutbox outbox) {
            services.add(new EventOutboxGrpcService(outbox));
            return this;
        }

        /**
         * {@code task} every {@code period} while the host runs (see {@link PeriodicTask}: every
         * instance runs it, so it must be idempotent).
         */
        public Builder every(String what, java.time.Duration period, Runnable task) {
            resources.add(PeriodicTask.start(name + "-" + what, period, task));
            return this;
        }

        /**
         * The services' read replies encoded once when a service sends the same message object again
         * ({@link RepeatedReplies}): for a service that keeps its answers and holds no personal data.
         */
        public Builder repeatedRepliesEncodedOnce() {
            this.repeatedRepliesEncodedOnce = true;
            return this;
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
            String host = config.get("grpc.host").asString().orElse("127.0.0.1");
            InetSocketAddress address =
                    new InetSocketAddress(host, config.get("grpc.port").asInt().orElse(0));
            NettyServerBuilder builder = trust.tls()
                    .map(tls -> NettyServerBuilder.forAddress(address, credentials(tls)))
                    .orElseGet(() -> NettyServerBuilder.forAddress(address));
            // the gateway's and services' channels ping idle connections; a connection is closed
            // after 5 minutes (calls in flight get 30 s) so clients look the service up again and
            // spread over instances added since (a scaled-up Deployment)
            builder.permitKeepAliveTime(GrpcChannels.KEEP_ALIVE_TIME.toSeconds() / 2, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .maxConnectionAge(5, TimeUnit.MINUTES)
                    .maxConnectionAgeGrace(30, TimeUnit.SECONDS);
            // each call on a virtual thread of its own, not on gRPC's pool of platform threads: handing
            // a call to a new virtual thread is cheaper than waking a pooled thread, and a call waiting
            // on the store holds no platform thread (#28: the gRPC hop alone +40%, a signed-in search
            // +20%); stopped once the server has finished its calls (resources close after it)
            ExecutorService calls = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name(name + "-call-", 0).factory());
            builder.executor(calls);
            resources.add(calls::shutdownNow);
            CallerVerifier callers = new CallerVerifier(new CallerAssertions(trust, Clock.systemUTC()), serviceCalls);
            if (audit == null) {
                throw new IllegalStateException(name + " keeps personal data: give the host its audit log");
            }
            ServerInterceptor refusals = AuditedRefusals.interceptor(audit);
            for (BindableService service : services) {
                // Last listed runs first: tracing (when spans are made) wraps everything, callers are
                // verified before any handler runs, refusals are audited, errors are mapped innermost.
                List<ServerInterceptor> interceptors = new ArrayList<>(
                        List.of(GrpcErrors.serverInterceptor(), refusals, callers, GrpcMetrics.server()));
                if (Telemetry.records(telemetry)) {
                    interceptors.add(GrpcTelemetry.create(telemetry).createServerInterceptor());
                }
                ServerServiceDefinition bound = service.bindService();
                builder.addService(ServerInterceptors.intercept(
                        repeatedRepliesEncodedOnce ? RepeatedReplies.encodedOnce(bound) : bound, interceptors));
            }
            Server grpcServer;
            try {
                grpcServer = builder.build().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the gRPC server of " + name, e);
            }
            Logs.configure(config);
            Draining draining = new Draining(
                    config.get("shutdown.drain-delay").as(Duration.class).orElse(Duration.ZERO));
            readinessChecks.add(draining);
            WebServer observeServer = WebServer.builder()
                    .config(config.get("server"))
                    .featuresDiscoverServices(false)
                    .addFeature(observeFeature(readinessChecks))
                    .build()
                    .start();
            LOGGER.info(() -> name + " serving gRPC on " + grpcServer.getPort() + ", health and metrics on "
                    + observeServer.port());
            return new ServiceHost(grpcServer, observeServer, List.copyOf(resources), draining);
        }
    }

    /** This service's certificate, and the CA every client's certificate must chain to (required). */
    private static ServerCredentials credentials(Trust.Tls tls) {
        try {
            return TlsServerCredentials.newBuilder()
                    .keyManager(tls.certificate().toFile(), tls.privateKey().toFile())
                    .trustManager(tls.ca().toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the TLS files " + tls, e);
        }
    }

    /** How long a readiness answer stands: probes ask often, and each look costs a store or service round trip. */
    static final Duration READINESS_TTL = Duration.ofSeconds(1);

    /**
     * A readiness check: ready while {@code check} answers true. The answer is kept for
     * {@link #READINESS_TTL}, and one caller at a time looks again, so a burst of probes costs one
     * round trip, not one each.
     */
    public static HealthCheck readinessCheck(String name, BooleanSupplier check) {
        return readinessCheck(name, check, System::nanoTime);
    }

    /** As {@link #readinessCheck(String, BooleanSupplier)}, its answer's age read from {@code nanoTime}. */
    static HealthCheck readinessCheck(String name, BooleanSupplier check, java.util.function.LongSupplier nanoTime) {
        return new HealthCheck() {
            private final java.util.concurrent.locks.ReentrantLock looking =
                    new java.util.concurrent.locks.ReentrantLock();
            private volatile boolean ready;
            private volatile long lookedAt = Long.MIN_VALUE;

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
                boolean stale = nanoTime.getAsLong() - lookedAt > READINESS_TTL.toNanos() || lookedAt == Long.MIN_VALUE;
                // the first look waits; later ones answer the last result while one caller looks again
                if (stale && (lookedAt == Long.MIN_VALUE ? lock() : looking.tryLock())) {
                    try {
                        ready = check.getAsBoolean();
                        lookedAt = nanoTime.getAsLong();
                    } finally {
                        looking.unlock();
                    }
                }
                return HealthCheckResponse.builder().status(ready).build();
            }

            private boolean lock() {
                looking.lock();
                return true;
            }
        };
    }

    /** {@code /observe/health} (liveness + readiness, with details) and {@code /observe/metrics} (Prometheus). */
    public static ObserveFeature observeFeature(List<HealthCheck> readinessChecks) {
        return observeFeature(readinessChecks, List.of());
    }

    /**
     * As {@link #observeFeature(List)}, served only on the named {@code sockets} (a management
     * port), never on a server's public one.
     */
    public static ObserveFeature observeFeature(List<HealthCheck> readinessChecks, List<String> sockets) {
        io.helidon.webserver.observe.health.HealthObserverConfig.Builder health =
                HealthObserver.builder().details(true).useSystemServices(false);
        readinessChecks.forEach(health::addCheck);
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .sockets(sockets)
                .addObserver(health.build())
                .addObserver(MetricsObserver.create())
                .build();
    }
}
