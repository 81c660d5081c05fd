package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.service.FreePorts;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.Eventually;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.platform.trust.Trust;

/**
 * With the directory-service gone, the gateway fails fast with 503 problem+json and reports not ready;
 * one that comes back is used at once; with two instances, one leaving costs no request.
 */
class DownstreamFailureTest {

    /** A gateway whose directory-service is (to be) at {@code directoryTarget}; the others are never called. */
    private static Gateway gatewayTo(String directoryTarget) {
        return gatewayTo(directoryTarget, Map.of());
    }

    private static Gateway gatewayTo(String directoryTarget, Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "server.port",
                "0",
                "server.sockets.0.port",
                "0",
                "services.directory.target",
                directoryTarget,
                "services.deadline",
                "PT2S",
                // every read goes to the service: no kept answers, no budget to run out
                "public-read-cache.ttl",
                "PT0S",
                "rate-limit.enabled",
                "false"));
        settings.putAll(more);
        return Gateway.start(
                ServiceConfig.load("gateway", TestTrust.config(Trust.GATEWAY, settings)),
                Telemetry.noop(),
                TestPlatform.clients());
    }

    @Test
    void aMissingServiceIsA503NotAHang() throws Exception {
        try (Gateway gateway = gatewayTo("127.0.0.1:" + FreePorts.next())) {
            HttpClient http = HttpClient.newHttpClient();
            // a hang fails the request (HttpTimeoutException) long before the test's own limit
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/directory/services"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
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
     * A service that comes back (a restart, a new pod) is used at once: the first request after the
     * service is ready succeeds (or the one after it), not a run of 503s for gRPC's reconnect back-off
     * (#18). Counted in requests, not seconds: the back-off is reset at every request that found no
     * instance here ({@code services.reconnect-interval} zero), so no wait on the clock decides it.
     */
    @Test
    void aServiceThatComesBackIsUsedAtOnce() throws Exception {
        int directoryPort = FreePorts.next();
        try (Gateway gateway = gatewayTo("127.0.0.1:" + directoryPort, Map.of("services.reconnect-interval", "PT0S"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest search = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.port() + "/v1/directory/services?per_page=1"))
                    .build();
            // the service is away for many failed attempts, so that gRPC's back-off grows
            for (int i = 0; i < 20; i++) {
                assertThat(
                        http.send(search, HttpResponse.BodyHandlers.ofString()).statusCode(), is(503));
            }
            try (ServiceHost directory = directoryOn(directoryPort, "", true)) {
                int failedAfterReady = 0;
                while (http.send(search, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                    failedAfterReady++;
                    assertThat("requests that failed after the service was ready", failedAfterReady, lessThan(2));
                }
            }
        }
    }

    /** A directory-service instance on {@code port} over {@code storeUri} (empty: its own store). */
    private static ServiceHost directoryOn(int port, String storeUri, boolean demoData) {
        return uk.portsmouth.cfe.directory.Main.start(
                ServiceConfig.load(
                        "directory-service",
                        TestTrust.config(
                                "directory-service",
                                Map.of(
                                        "grpc.port",
                                        String.valueOf(port),
                                        "server.port",
                                        "0",
                                        "mongodb.uri",
                                        storeUri,
                                        "demo-data.load",
                                        String.valueOf(demoData)))),
                Telemetry.noop());
    }

    /**
     * Two directory-service instances behind one target ({@code list:///}, as a headless Service's
     * addresses), each over its own store here so that an answer shows which instance gave it (the
     * first holds the demo directory, the second nothing): calls are spread over both, and reads
     * keep succeeding while one instance stops, and while the other stops after the first came back.
     */
    @Test
    void twoInstancesShareTheCallsAndOneLeavingCostsNoRequest() throws Exception {
        int portA = FreePorts.next();
        int portB = FreePorts.next();
        try (EmbeddedMongo storeA = EmbeddedMongo.inMemory();
                EmbeddedMongo storeB = EmbeddedMongo.inMemory();
                Gateway gateway = gatewayTo("list:///127.0.0.1:" + portA + ",127.0.0.1:" + portB)) {
            ServiceHost first = directoryOn(portA, storeA.uri(), true);
            ServiceHost second = directoryOn(portB, storeB.uri(), false);
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest search = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.port() + "/v1/directory/services?per_page=1"))
                    .build();
            AtomicBoolean reading = new AtomicBoolean(true);
            List<Integer> failures = new CopyOnWriteArrayList<>();
            AtomicInteger reads = new AtomicInteger();
            // which instance answered: the first finds services, the second none
            Set<Boolean> answeredByFirst = ConcurrentHashMap.newKeySet();
            Thread reader = Thread.ofPlatform().start(() -> {
                while (reading.get()) {
                    try {
                        HttpResponse<String> answer = http.send(search, HttpResponse.BodyHandlers.ofString());
                        reads.incrementAndGet();
                        if (answer.statusCode() != 200) {
                            failures.add(answer.statusCode());
                        } else {
                            answeredByFirst.add(!answer.body().contains("\"total_items\":0"));
                        }
                    } catch (Exception e) {
                        failures.add(-1);
                    }
                }
            });
            try {
                waitForReads(reads, 50);
                assertThat("both instances answered", answeredByFirst, is(Set.of(true, false)));
                first.close(); // only the second serves now
                waitForReads(reads, 100);
                first = directoryOn(portA, storeA.uri(), false);
                waitForReads(reads, 100);
                second.close(); // only the first, back again, serves now
                answeredByFirst.clear();
                waitForReads(reads, 100);
                assertThat("the first, back, answered", answeredByFirst.contains(true), is(true));
            } finally {
                reading.set(false);
                reader.join();
                first.close();
                second.close();
            }
            assertThat("statuses other than 200: " + failures, failures.isEmpty(), is(true));
        }
    }

    private static void waitForReads(AtomicInteger reads, int more) {
        int target = reads.get() + more;
        Eventually.holds(more + " more reads", () -> reads.get() >= target);
    }
}
