package uk.portsmouth.cfe.platform.grpc;

import java.util.concurrent.atomic.AtomicReference;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The caller travels in metadata and is what the service sees; no metadata means anonymous. */
class CallerContextsTest {

    @Test
    void theServiceSeesTheCallerTheClientAttached() throws Exception {
        AtomicReference<CallerContext> seen = new AtomicReference<>();
        HealthGrpc.HealthImplBase service = new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
                seen.set(CallerContexts.current());
                response.onNext(HealthCheckResponse.getDefaultInstance());
                response.onCompleted();
            }
        };
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(service, CallerContexts.serverInterceptor()))
                .build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        try {
            CallerContext caller = CallerContext.newBuilder().setSubject("school-1").addRoles("school")
                    .addSchoolUrns("116000").setCorrelationId("c-1").build();
            CallerContexts.attach(HealthGrpc.newBlockingStub(channel), caller).check(HealthCheckRequest.getDefaultInstance());
            assertThat(seen.get(), is(caller));

            HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
            assertThat(seen.get(), is(CallerContexts.ANONYMOUS));
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }
}
