package uk.portsmouth.cfe.platform.grpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;

/**
 * Client channels to a service: plaintext on the internal network, traced (W3C context rides in
 * the metadata), and every call gets a deadline so a missing service fails fast, never hangs.
 */
public final class GrpcChannels {

    private GrpcChannels() {
    }

    /** A channel to {@code target} ("host:port") whose calls time out after {@code deadline}. */
    public static ManagedChannel open(String target, Duration deadline, OpenTelemetry telemetry) {
        return NettyChannelBuilder.forTarget(target)
                .usePlaintext()
                .intercept(defaultDeadline(deadline), GrpcTelemetry.create(telemetry).createClientInterceptor())
                .build();
    }

    /**
     * A channel to the service {@code name} as {@code config} says: {@code services.<name>.target}
     * (default {@code defaultTarget}) and {@code services.deadline} (default 5 s).
     */
    public static ManagedChannel open(Config config, String name, String defaultTarget, OpenTelemetry telemetry) {
        return open(config.get("services." + name + ".target").asString().orElse(defaultTarget),
                    config.get("services.deadline").as(Duration.class).orElse(Duration.ofSeconds(5)), telemetry);
    }

    /** Gives a call {@code deadline} unless the caller set a shorter one. */
    public static ClientInterceptor defaultDeadline(Duration deadline) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
                                                         CallOptions options,
                                                         Channel next) {
                CallOptions withDeadline = options.getDeadline() == null
                        ? options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        : options;
                return next.newCall(method, withDeadline);
            }
        };
    }
}
