package uk.portsmouth.cfe.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives every call on a channel a deadline unless its caller set one: a call still running
 * {@code deadline} after it started is cancelled and ends as {@code DEADLINE_EXCEEDED}, so a service
 * that does not answer fails the request rather than hanging it.
 *
 * <p>Kept by one watchdog for every channel, which looks at the calls in flight every {@link #ROUND}
 * (so a call ends at most a round after its deadline), not by gRPC's own deadline: that arms a timer
 * for each call on the client, sends the time left so the service arms another, and cancels both
 * when the call ends, which cost a signed-in search a twelfth of its throughput (#28). A service
 * learns that a call was given up by its cancellation, as with gRPC's deadline; what it no longer
 * learns is the time left, so the calls it makes in turn are bounded by its own channels' deadlines.
 * A caller that sets its own deadline ({@code withDeadlineAfter}) gets gRPC's.
 */
final class CallDeadlines implements ClientInterceptor {

    /** How often the watchdog looks: the most a call can outlive its deadline. */
    static final Duration ROUND = Duration.ofMillis(100);

    /** Every watched call in flight, on every channel. */
    private static final Set<Watched<?, ?>> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "grpc-call-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    static {
        WATCHDOG.scheduleWithFixedDelay(
                CallDeadlines::cancelOverdue, ROUND.toMillis(), ROUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    private final long deadlineNanos;

    CallDeadlines(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (options.getDeadline() != null) {
            return next.newCall(method, options);
        }
        return new Watched<>(next.newCall(method, options), deadlineNanos);
    }

    /** How many watched calls are in flight (for tests: none once every call has ended). */
    static int watching() {
        return IN_FLIGHT.size();
    }

    private static void cancelOverdue() {
        long now = System.nanoTime();
        for (Watched<?, ?> call : IN_FLIGHT) {
            if (now - call.dueAt >= 0) {
                call.expire();
            }
        }
    }

    /**
     * A call watched from its start to its end. Its methods hold its lock, so the watchdog's cancel
     * never runs beside the caller's own use of the call (a call is not safe for two threads).
     */
    private static final class Watched<Q, R> extends ForwardingClientCall.SimpleForwardingClientCall<Q, R> {

        private final long deadlineNanos;
        private long dueAt;
        private boolean expired;

        Watched(ClientCall<Q, R> call, long deadlineNanos) {
            super(call);
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public synchronized void start(Listener<R> listener, Metadata headers) {
            dueAt = System.nanoTime() + deadlineNanos;
            IN_FLIGHT.add(this);
            try {
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                IN_FLIGHT.remove(Watched.this);
                                super.onClose(expired(status), trailers);
                            }
                        },
                        headers);
            } catch (RuntimeException | Error e) {
                IN_FLIGHT.remove(this);
                throw e;
            }
        }

        @Override
        public synchronized void request(int numMessages) {
            super.request(numMessages);
        }

        @Override
        public synchronized void sendMessage(Q message) {
            super.sendMessage(message);
        }

        @Override
        public synchronized void halfClose() {
            super.halfClose();
        }

        @Override
        public synchronized void cancel(String message, Throwable cause) {
            super.cancel(message, cause);
        }

        synchronized void expire() {
            if (!expired) {
                expired = true;
                super.cancel("Deadline exceeded after " + Duration.ofNanos(deadlineNanos), null);
            }
        }

        /** The watchdog's cancellation as the deadline it is; any other end as it came. */
        private synchronized Status expired(Status status) {
            return expired && status.getCode() == Status.Code.CANCELLED
                    ? Status.DEADLINE_EXCEEDED.withDescription(status.getDescription())
                    : status;
        }
    }
}
