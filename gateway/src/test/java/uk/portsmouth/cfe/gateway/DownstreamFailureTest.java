package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.platform.trust.Trust;

/** With the directory-service gone, the gateway fails fast with 503 problem+json and reports not ready. */
class DownstreamFailureTest {

    /** A gateway whose directory-service is (to be) at {@code directoryPort}; the others are never called. */
    private static Gateway gatewayTo(int directoryPort) {
        return Gateway.start(
                ServiceConfig.load(
                        "gateway",
                        TestTrust.config(
                                Trust.GATEWAY,
                                Map.of(
                                        "server.port",
                                        "0",
                                        "server.sockets.0.port",
                                        "0",
                                        "services.directory.target",
                                        "127.0.0.1:" + directoryPort,
                                        "services.deadline",
                                        "PT2S"))),
                Telemetry.noop(),
                TestPlatform.clients());
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aMissingServiceIsA503NotAHang() throws Exception {
        try (Gateway gateway = gatewayTo(freePort())) {
            HttpClient http = HttpClient.newHttpClient();
            Instant start = Instant.now();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/directory/services"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Duration.between(start, Instant.now()).toSeconds(), lessThan(10L));
            assertThat(response.statusCode(), is(503));
            assertThat(response.headers().firstValue("Content-Type").orElse(""), is("application/problem+json"));
            assertThat(response.headers().firstValue("Retry-After").orElse(""), is("5"));
            assertThat(response.body(), containsString("did not answer"));

            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + gateway.managementPort() + "/observe/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode(), is(503));
        }
    }

    /**
     * A service that comes back (a restart, a new pod) is used at once: the gateway's first success
     * comes within 2 s of the service being ready, not after gRPC's reconnect back-off (#18).
     */
    @Test
    void aServiceThatComesBackIsUsedAtOnce() throws Exception {
        int directoryPort = freePort();
        try (Gateway gateway = gatewayTo(directoryPort)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest search = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.port() + "/v1/directory/services?per_page=1"))
                    .build();
            // the service is away long enough for gRPC's back-off to grow past several seconds
            Instant away = Instant.now();
            while (Duration.between(away, Instant.now()).toSeconds() < 6) {
                assertThat(
                        http.send(search, HttpResponse.BodyHandlers.ofString()).statusCode(), is(503));
                Thread.sleep(300);
            }
            try (uk.portsmouth.cfe.platform.service.ServiceHost directory = uk.portsmouth.cfe.directory.Main.start(
                    ServiceConfig.load(
                            "directory-service",
                            TestTrust.config(
                                    "directory-service",
                                    Map.of(
                                            "grpc.port",
                                            String.valueOf(directoryPort),
                                            "server.port",
                                            "0",
                                            "demo-data.load",
                                            "true"))),
                    Telemetry.noop())) {
                Instant ready = Instant.now();
                int status = 0;
                while (status != 200) {
                    assertThat(
                            "the first success within 2 s of the service being ready",
                            Duration.between(ready, Instant.now()).toMillis() < 2_000,
                            is(true));
                    status = http.send(search, HttpResponse.BodyHandlers.ofString())
                            .statusCode();
                    Thread.sleep(status == 200 ? 0 : 100);
                }
            }
        }
    }
}
