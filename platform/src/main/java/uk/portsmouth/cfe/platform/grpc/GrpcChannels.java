package uk.portsmouth.cfe.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.trust.CallerAssertions;
import uk.portsmouth.cfe.platform.trust.Trust;

/**
 * Client channels to a service: every call signed by this component for that service
 * ({@link CallerSigner}), over mutual TLS when this component has TLS material (plaintext otherwise,
 * for loopback only), traced (W3C context rides in the metadata), and with a deadline ({@link CallDeadlines}) so a
 * missing service fails fast, never hangs. A target may name several instances ({@code dns:///} a headless
 * Service, or {@code list:///host:port,host:port}): calls are balanced across them and reads retried
 * on another ({@link ChannelServiceConfig}); keep-alive pings find a dead connection (a node gone
 * without a goodbye) within {@link #KEEP_ALIVE_TIME} + {@link #KEEP_ALIVE_TIMEOUT}.
 */
public final class GrpcChannels {

    /** How often an idle connection is pinged; services permit it ({@code ServiceHost}). */
    public static final Duration KEEP_ALIVE_TIME = Duration.ofSeconds(30);

    static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(10);

    static {
        AddressListResolver.register();
    }

    private GrpcChannels() {}

    /** A channel to {@code service} at {@code target} ("host:port", "dns:///…", "list:///…") whose calls time out after {@code deadline}. */
    public static ManagedChannel open(
            String target, String service, Duration deadline, Trust trust, OpenTelemetry telemetry) {
        return open(target, service, deadline, RECONNECT_INTERVAL, trust, telemetry);
    }

    /** The least time between two resets of the reconnect back-off (see {@link ReconnectAtOnce}). */
    public static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);

    /**
     * As {@link #open(String, String, Duration, Trust, OpenTelemetry)}, with the least time between two
     * resets of the reconnect back-off (zero: at every call that found no instance).
     */
    public static ManagedChannel open(
            String target,
            String service,
            Duration deadline,
            Duration reconnectInterval,
            Trust trust,
            OpenTelemetry telemetry) {
        NettyChannelBuilder builder = trust.tls()
                .map(tls -> NettyChannelBuilder.forTarget(target, credentials(tls)))
                .orElseGet(() -> NettyChannelBuilder.forTarget(target).usePlaintext());
        ReconnectAtOnce reconnect = new ReconnectAtOnce(reconnectInterval);
        ManagedChannel channel = builder.defaultServiceConfig(ChannelServiceConfig.serviceConfig())
                .enableRetry()
                .keepAliveTime(KEEP_ALIVE_TIME.toSeconds(), TimeUnit.SECONDS)
                .keepAliveTimeout(KEEP_ALIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .intercept(interceptors(deadline, trust, service, reconnect, telemetry))
                .build();
        reconnect.channel = channel;
        reconnect.watch();
        return channel;
    }

    /** Last listed runs first: tracing (when spans are made) wraps everything, then the reconnect watch. */
    private static List<ClientInterceptor> interceptors(
            Duration deadline, Trust trust, String service, ReconnectAtOnce reconnect, OpenTelemetry telemetry) {
        List<ClientInterceptor> interceptors = new ArrayList<>(List.of(
                new CallDeadlines(deadline),
                new CallerSigner(new CallerAssertions(trust, Clock.systemUTC()), service),
                GrpcMetrics.client(),
                reconnect));
        if (Telemetry.records(telemetry)) {
            interceptors.add(GrpcTelemetry.create(telemetry).createClientInterceptor());
        }
        return interceptors;
    }

    /**
     * After a call finds the service unreachable, or the channel finds no instance it can use, the
     * next attempt to connect is made at once rather than after gRPC's growing back-off (at most once
     * a {@link #RECONNECT_INTERVAL} by default, so a service that is down is not dialled in a loop): a service that comes back (a
     * restart, a new pod) is used by the next call, not seconds later, and when the instance in use
     * leaves, one that came back meanwhile is found while the call retries.
     */
    private static final class ReconnectAtOnce implements ClientInterceptor {

        private final long minNanosBetweenResets;
        private final AtomicLong lastReset;
        private volatile ManagedChannel channel;

        ReconnectAtOnce(Duration minBetweenResets) {
            this.minNanosBetweenResets = minBetweenResets.toNanos();
            this.lastReset = new AtomicLong(System.nanoTime() - minNanosBetweenResets);
        }

        /** Resets the back-off whenever the channel as a whole has no instance to use. */
        void watch() {
            ConnectivityState state = channel.getState(false);
            if (state == ConnectivityState.TRANSIENT_FAILURE) {
                reset();
            }
            if (state != ConnectivityState.SHUTDOWN) {
                channel.notifyWhenStateChanged(state, this::watch);
            }
        }

        private void reset() {
            long now = System.nanoTime();
            long last = lastReset.get();
            ManagedChannel reconnecting = channel;
            if (reconnecting != null && now - last >= minNanosBetweenResets && lastReset.compareAndSet(last, now)) {
                reconnecting.resetConnectBackoff();
            }
        }

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    super.start(
                            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                                @Override
                                public void onClose(Status status, Metadata trailers) {
                                    if (status.getCode() == Status.Code.UNAVAILABLE) {
                                        reset();
                                    }
                                    super.onClose(status, trailers);
                                }
                            },
                            headers);
                }
            };
        }
    }

    /**
     * A channel to {@code service} as {@code config} says: {@code services.<key>.target} (default
     * its usual local port) and {@code services.deadline} (default 5 s).
     */
    public static ManagedChannel open(Config config, PlatformServices service, Trust trust, OpenTelemetry telemetry) {
        return open(
                config.get("services." + service.configKey() + ".target")
                        .asString()
                        .orElse(service.defaultTarget()),
                service.serviceName(),
                config.get("services.deadline").as(Duration.class).orElse(Duration.ofSeconds(5)),
                config.get("services.reconnect-interval").as(Duration.class).orElse(RECONNECT_INTERVAL),
                trust,
                telemetry);
    }

    /** This component's certificate for the server to check, and the CA the server's must chain to. */
    private static ChannelCredentials credentials(Trust.Tls tls) {
        try {
            return TlsChannelCredentials.newBuilder()
                    .keyManager(tls.certificate().toFile(), tls.privateKey().toFile())
                    .trustManager(tls.ca().toFile())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the TLS files " + tls, e);
        }
    }
}
