package uk.portsmouth.cfe.platform.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServicePage;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;

/**
 * A read's reply is parsed once while its bytes are the same, over a real gRPC socket: the same
 * bytes give the same message, other bytes a message of their own, writes and large replies are
 * parsed each time, and replies of two types with the same bytes never stand for each other.
 */
class RememberedRepliesTest {

    private Server server;
    private ManagedChannel channel;
    private DirectoryServiceGrpc.DirectoryServiceBlockingStub directory;

    /** Answers a search with as many services as the text's length, each named by the text. */
    private static final class Directory extends DirectoryServiceGrpc.DirectoryServiceImplBase {
        @Override
        public void searchServices(SearchServicesRequest request, StreamObserver<ServicePage> response) {
            ServicePage.Builder page = ServicePage.newBuilder();
            if (!request.getText().isEmpty()) {
                page.setPage(
                        PageInfo.newBuilder().setTotalItems(request.getText().length()));
            }
            for (int i = 0; i < request.getText().length(); i++) {
                page.addContents(Service.newBuilder().setId("s" + i).setName(request.getText()));
            }
            response.onNext(page.build());
            response.onCompleted();
        }

        @Override
        public void getService(GetByIdRequest request, StreamObserver<ServiceRecord> response) {
            response.onNext(ServiceRecord.getDefaultInstance()); // no bytes at all
            response.onCompleted();
        }

        @Override
        public void createService(CreateServiceRequest request, StreamObserver<ServiceRecord> response) {
            response.onNext(ServiceRecord.newBuilder().setVersion(1).build());
            response.onCompleted();
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Directory())
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
        directory = DirectoryServiceGrpc.newBlockingStub(channel).withInterceptors(new RememberedReplies(100));
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static SearchServicesRequest search(String text) {
        return SearchServicesRequest.newBuilder().setText(text).build();
    }

    @Test
    void theSameBytesGiveTheSameMessageAndOtherBytesTheirOwn() {
        ServicePage first = directory.searchServices(search("parenting"));
        ServicePage again = directory.searchServices(search("parenting"));
        ServicePage other = directory.searchServices(search("counselling"));

        assertThat(again, sameInstance(first));
        assertThat(first.getContentsCount(), is(9));
        assertThat(first.getContents(0).getName(), is("parenting"));
        assertThat(other, not(sameInstance(first)));
        assertThat(other.getContents(0).getName(), is("counselling"));
        assertThat(other.getContentsCount(), is(11));
    }

    @Test
    void aWriteIsParsedEachTime() {
        CreateServiceRequest create = CreateServiceRequest.newBuilder().build();
        ServiceRecord first = directory.createService(create);
        ServiceRecord again = directory.createService(create);

        assertThat(again, is(first));
        assertThat(again, not(sameInstance(first)));
    }

    @Test
    void aReplyLargerThanTheLimitIsParsedEachTime() {
        String large = "x".repeat(400); // 400 services of 400 letters: far over 64 KB
        ServicePage first = directory.searchServices(search(large));
        ServicePage again = directory.searchServices(search(large));

        assertThat(first.getSerializedSize() > RememberedReplies.LARGEST_KEPT_BYTES, is(true));
        assertThat(again, is(first));
        assertThat(again, not(sameInstance(first)));
    }

    @Test
    void twoTypesWithTheSameBytesNeverStandForEachOther() {
        ServicePage emptyPage = directory.searchServices(search(""));
        ServiceRecord emptyRecord = directory.getService(GetByIdRequest.getDefaultInstance());

        assertThat(emptyPage, is(ServicePage.getDefaultInstance()));
        assertThat(emptyRecord, is(ServiceRecord.getDefaultInstance()));
    }

    @Test
    void manyThreadsReadingAtOnceEachGetTheirOwnAnswer() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int call = 0; call < 800; call++) {
                String text = "w".repeat(1 + call % 13);
                answers.add(threads.submit(() -> {
                    ServicePage page = directory.searchServices(search(text));
                    return page.getContentsCount() == text.length()
                            && page.getContents(0).getName().equals(text);
                }));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS), is(true));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
