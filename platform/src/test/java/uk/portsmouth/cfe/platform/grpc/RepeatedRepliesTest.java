package uk.portsmouth.cfe.platform.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.common.v1.PageInfo;
import uk.portsmouth.cfe.proto.directory.v1.CreateServiceRequest;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServicePage;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;

/**
 * A read's reply object sent again is sent as the bytes it was first encoded to, and every caller
 * still gets exactly its own answer: over a real gRPC socket, kept pages and pages built afresh,
 * writes, a page over the size kept, and many threads at once.
 */
class RepeatedRepliesTest {

    private Server server;
    private ManagedChannel channel;
    private DirectoryServiceGrpc.DirectoryServiceBlockingStub directory;

    /** Answers a search with a kept page for each text (the same object every time), or afresh when asked. */
    private static final class Directory extends DirectoryServiceGrpc.DirectoryServiceImplBase {
        private final Map<String, ServicePage> kept = new ConcurrentHashMap<>();

        @Override
        public void searchServices(SearchServicesRequest request, StreamObserver<ServicePage> response) {
            response.onNext(
                    request.getFull()
                            ? page(request.getText())
                            : kept.computeIfAbsent(request.getText(), t -> page(t)));
            response.onCompleted();
        }

        @Override
        public void createService(CreateServiceRequest request, StreamObserver<ServiceRecord> response) {
            response.onNext(ServiceRecord.newBuilder().setVersion(1).build());
            response.onCompleted();
        }
    }

    private static ServicePage page(String text) {
        ServicePage.Builder page =
                ServicePage.newBuilder().setPage(PageInfo.newBuilder().setTotalItems(text.length()));
        for (int i = 0; i < text.length(); i++) {
            page.addContents(Service.newBuilder().setId("s" + i).setName(text));
        }
        return page.build();
    }

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(RepeatedReplies.encodedOnce(new Directory().bindService()))
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
        directory = DirectoryServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static SearchServicesRequest search(String text, boolean afresh) {
        return SearchServicesRequest.newBuilder().setText(text).setFull(afresh).build();
    }

    @Test
    void aReadsMarshallerSendsAnObjectSentAgainAsItsFirstBytes() throws Exception {
        MethodDescriptor<?, ServicePage> search = searchAsServed();
        MethodDescriptor.Marshaller<ServicePage> marshaller = search.getResponseMarshaller();
        ServicePage kept = page("parenting");

        InputStream first = marshaller.stream(kept);
        InputStream second = marshaller.stream(kept);
        InputStream third = marshaller.stream(kept);
        InputStream other = marshaller.stream(page("parenting")); // equal, but another object

        assertThat(bytes(second), is(kept.toByteArray()));
        assertThat(bytes(third), is(kept.toByteArray()));
        assertThat(kind(third), is(kind(second)));
        assertThat(kind(other), is(kind(first)));
        assertThat(kind(second), not(kind(first))); // the kept bytes, not the message's encoder
        assertThat(second, instanceOf(KnownLength.class));
        assertThat(bytes(first), is(kept.toByteArray()));
        assertThat(marshaller.parse(marshaller.stream(kept)), is(kept));
    }

    @Test
    void writesKeepTheirOwnMarshaller() {
        MethodDescriptor<?, ?> create = RepeatedReplies.encodedOnce(new Directory().bindService())
                .getMethod(DirectoryServiceGrpc.getCreateServiceMethod().getFullMethodName())
                .getMethodDescriptor();

        assertThat(
                create.getResponseMarshaller(),
                is(DirectoryServiceGrpc.getCreateServiceMethod().getResponseMarshaller()));
    }

    @Test
    void keptAndFreshPagesAnswerAlike() {
        for (int round = 0; round < 3; round++) {
            assertThat(directory.searchServices(search("parenting", false)), is(page("parenting")));
            assertThat(directory.searchServices(search("parenting", true)), is(page("parenting")));
            assertThat(directory.searchServices(search("counselling", false)), is(page("counselling")));
        }
        assertThat(
                directory
                        .createService(CreateServiceRequest.getDefaultInstance())
                        .getVersion(),
                is(1L));
    }

    @Test
    void aPageLargerThanTheLimitIsEncodedEachTime() throws Exception {
        String large = "x".repeat(400); // 400 services of 400 letters: far over 64 KB
        ServicePage page = page(large);
        MethodDescriptor.Marshaller<ServicePage> marshaller = searchAsServed().getResponseMarshaller();
        InputStream first = marshaller.stream(page);
        InputStream again = marshaller.stream(page);

        assertThat(page.getSerializedSize() > RepeatedReplies.LARGEST_KEPT_BYTES, is(true));
        assertThat(kind(again), is(kind(first)));
        assertThat(bytes(again), is(page.toByteArray()));
        for (int round = 0; round < 3; round++) {
            assertThat(directory.searchServices(search(large, false)), is(page));
        }
    }

    @Test
    void manyThreadsReadingAtOnceEachGetTheirOwnAnswer() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int call = 0; call < 800; call++) {
                // more kept pages than the marshaller remembers (64): slots taken and retaken under load
                String text = "w".repeat(1 + call % 97);
                boolean afresh = call % 5 == 0;
                answers.add(threads.submit(
                        () -> directory.searchServices(search(text, afresh)).equals(page(text))));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS), is(true));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static MethodDescriptor<?, ServicePage> searchAsServed() {
        return (MethodDescriptor<?, ServicePage>) RepeatedReplies.encodedOnce(new Directory().bindService())
                .getMethod(DirectoryServiceGrpc.getSearchServicesMethod().getFullMethodName())
                .getMethodDescriptor();
    }

    /** What kind of stream sends it: the message's own encoder, or the kept bytes. */
    private static Object kind(InputStream stream) {
        return stream.getClass();
    }

    private static byte[] bytes(InputStream stream) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (stream instanceof Drainable drainable) {
            drainable.drainTo(out);
        } else {
            stream.transferTo(out);
        }
        return out.toByteArray();
    }
}
