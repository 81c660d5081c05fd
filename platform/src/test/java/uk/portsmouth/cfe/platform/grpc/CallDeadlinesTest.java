package uk.portsmouth.cfe.platform.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.ServicePage;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;

/**
 * A call a service never answers ends as DEADLINE_EXCEEDED and the service hears it was given up; a
 * caller's own deadline is gRPC's; calls that end are no longer watched, however many run at once.
 * Over a real gRPC socket.
 */
class CallDeadlinesTest {

    /** Searches are answered at once; a look-up by id never is (and counts its cancellation). */
    private static final class Directory extends DirectoryServiceGrpc.DirectoryServiceImplBase {
        final CountDownLatch givenUp = new CountDownLatch(1);

        @Override
        public void searchServices(SearchServicesRequest request, StreamObserver<ServicePage> response) {
            response.onNext(ServicePage.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void getService(GetByIdRequest request, StreamObserver<ServiceRecord> response) {
            Context.current().addListener(context -> givenUp.countDown(), Runnable::run);
        }
    }

    private final Directory directory = new Directory();
    private Server server;
    private ManagedChannel channel;

    private DirectoryServiceGrpc.DirectoryServiceBlockingStub stub(Duration deadline) throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(directory)
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .intercept(new CallDeadlines(deadline))
                .build();
        return DirectoryServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aCallNeverAnsweredEndsAsDeadlineExceededAndTheServiceHearsIt() throws Exception {
        var stub = stub(Duration.ofMillis(300));

        long started = System.nanoTime();
        StatusRuntimeException failed =
                assertThrows(StatusRuntimeException.class, () -> stub.getService(GetByIdRequest.getDefaultInstance()));

        assertThat(failed.getStatus().getCode(), is(Status.Code.DEADLINE_EXCEEDED));
        assertThat(failed.getStatus().getDescription(), is("Deadline exceeded after PT0.3S"));
        // it ended (a hang would not): not before its deadline, and well before anyone's patience
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(tookMillis >= 300, is(true));
        assertThat(tookMillis, lessThan(30_000L));
        assertThat(directory.givenUp.await(10, TimeUnit.SECONDS), is(true));
        assertThat(CallDeadlines.watching(), is(0));
    }

    @Test
    void aCallersOwnDeadlineIsGrpcs() throws Exception {
        var stub = stub(Duration.ofMinutes(10));

        StatusRuntimeException failed = assertThrows(
                StatusRuntimeException.class,
                () -> stub.withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                        .getService(GetByIdRequest.getDefaultInstance()));

        assertThat(failed.getStatus().getCode(), is(Status.Code.DEADLINE_EXCEEDED));
        assertThat(CallDeadlines.watching(), is(0));
    }

    @Test
    void callsThatEndAreNoLongerWatchedHoweverManyRunAtOnce() throws Exception {
        var stub = stub(Duration.ofSeconds(30));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<ServicePage>> answers = new ArrayList<>();
            for (int call = 0; call < 1_000; call++) {
                answers.add(threads.submit(() -> stub.searchServices(SearchServicesRequest.getDefaultInstance())));
            }
            for (Future<ServicePage> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS), is(ServicePage.getDefaultInstance()));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(CallDeadlines.watching(), is(0));
    }

    @Test
    void aCallThatCannotStartIsNotWatched() throws Exception {
        var stub = stub(Duration.ofSeconds(30));
        channel.shutdownNow();

        StatusRuntimeException failed = assertThrows(
                StatusRuntimeException.class, () -> stub.searchServices(SearchServicesRequest.getDefaultInstance()));

        assertThat(failed.getStatus().getCode(), is(Status.Code.UNAVAILABLE));
        assertThat(CallDeadlines.watching(), is(0));
    }
}
