package uk.portsmouth.cfe.directory.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.grpc.ManagedChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.directory.Main;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.Eventually;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;

/**
 * A stop (SIGTERM in a cluster) drains: the host says it is not ready at once, so the orchestrator
 * sends no more, yet answers every call for the drain delay; only then does it stop.
 */
class GracefulStopTest {

    @Test
    void notReadyAtOnceButServingThroughTheDrainDelay() throws Exception {
        ServiceHost host = Main.start(
                TestTrust.serviceConfig(Main.NAME, true, Map.of("shutdown.drain-delay", "PT2S")), Telemetry.noop());
        ManagedChannel channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + host.observePort() + "/observe/health/ready"))
                .build();
        try {
            assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode(), is(200));
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(host::close);
            // not ready while the stop is still draining (the drain lasts 2 s: the stop cannot have ended)
            Eventually.holds("not ready", () -> status(http, health) == 503);
            assertThat(stopping.isDone(), is(false));
            // still answering while the load balancers catch up
            assertThat(
                    DirectoryServiceGrpc.newBlockingStub(channel)
                            .searchServices(SearchServicesRequest.getDefaultInstance())
                            .getPage()
                            .getTotalItems(),
                    greaterThan(0));
            assertThat(stopping.isDone(), is(false));
            stopping.join();
        } finally {
            channel.shutdownNow();
        }
    }

    private static int status(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
