package uk.portsmouth.cfe.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.portsmouth.cfe.platform.telemetry.Meters;

/**
 * Every gRPC call timed per service, method and status, on both sides of the wire
 * ({@code rpc.server.duration} in the service, {@code rpc.client.duration} in its caller): the
 * latency and error rate of each hop between the gateway and the services.
 */
public final class GrpcMetrics {

    private static final Timers SERVED = new Timers("rpc.server.duration", "gRPC calls served");
    private static final Timers MADE = new Timers("rpc.client.duration", "gRPC calls made");

    private GrpcMetrics() {}

    public static ServerInterceptor server() {
        return new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
                long started = System.nanoTime();
                MethodDescriptor<Q, A> method = call.getMethodDescriptor();
                return next.startCall(
                        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                            @Override
                            public void close(Status status, Metadata trailers) {
                                SERVED.record(method, status, started);
                                super.close(status, trailers);
                            }
                        },
                        headers);
            }
        };
    }

    public static ClientInterceptor client() {
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(
                    MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<A> listener, Metadata headers) {
                        long started = System.nanoTime();
                        super.start(
                                new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                                    @Override
                                    public void onClose(Status status, Metadata trailers) {
                                        MADE.record(method, status, started);
                                        super.onClose(status, trailers);
                                    }
                                },
                                headers);
                    }
                };
            }
        };
    }

    /**
     * One side's timers, kept by method and status: every call records into one, and finding it
     * by its name and four tags at each call was a third of the cost of timing it (#28).
     */
    private static final class Timers {

        private final String name;
        private final String description;
        private final Map<MethodDescriptor<?, ?>, Timer[]> byMethod = new ConcurrentHashMap<>();

        Timers(String name, String description) {
            this.name = name;
            this.description = description;
        }

        void record(MethodDescriptor<?, ?> method, Status status, long started) {
            Timer[] byStatus = byMethod.computeIfAbsent(method, m -> new Timer[Status.Code.values().length]);
            int code = status.getCode().ordinal();
            Timer timer = byStatus[code];
            if (timer == null) {
                // two threads may both look it up: the registry gives both the same timer
                timer = Meters.timer(
                        name,
                        description,
                        "rpc.system",
                        "grpc",
                        "rpc.service",
                        String.valueOf(method.getServiceName()),
                        "rpc.method",
                        String.valueOf(method.getBareMethodName()),
                        "rpc.grpc.status_code",
                        status.getCode().name());
                byStatus[code] = timer;
            }
            timer.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
