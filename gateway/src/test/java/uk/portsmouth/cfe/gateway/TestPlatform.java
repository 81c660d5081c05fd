package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.gateway.auth.ClientRegistry;
import uk.portsmouth.cfe.gateway.auth.SecretHasher;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.service.FreePorts;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.platform.trust.Trust;

/**
 * The real directory, FSP, safeguarding-contacts and attendance services (embedded Mongo, demo data) and the
 * real gateway on free ports,
 * reached over real HTTP; one test client per role.
 */
final class TestPlatform implements AutoCloseable {

    static final String SECRET = "test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The demo meetings are in the 2026-27 academic year: the contacts service's "now" is fixed inside it. */
    static final java.time.Clock DEMO_NOW =
            java.time.Clock.fixed(java.time.Instant.parse("2026-11-28T10:00:00Z"), java.time.ZoneOffset.UTC);

    final ServiceHost directory;
    final ServiceHost contacts;
    final ServiceHost attendance;
    final ServiceHost fsp;
    final Gateway gateway;
    final Path signingKey;
    private final Map<String, String> gatewayConfig;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestPlatform(
            ServiceHost directory,
            ServiceHost contacts,
            ServiceHost attendance,
            ServiceHost fsp,
            Gateway gateway,
            Path signingKey,
            Map<String, String> gatewayConfig) {
        this.gatewayConfig = Map.copyOf(gatewayConfig);
        this.directory = directory;
        this.contacts = contacts;
        this.attendance = attendance;
        this.fsp = fsp;
        this.gateway = gateway;
        this.signingKey = signingKey;
    }

    static TestPlatform start(OpenTelemetry telemetry) {
        return start(telemetry, Map.of());
    }

    /** As {@link #start(OpenTelemetry)}, with more gateway configuration. */
    static TestPlatform start(OpenTelemetry telemetry, Map<String, String> extraGatewayConfig) {
        return start(telemetry, extraGatewayConfig, "");
    }

    /**
     * As {@link #start(OpenTelemetry, Map)}, with every service and the gateway over the MongoDB at
     * {@code storeUri} (each in its own database; empty: each its own embedded store).
     */
    static TestPlatform start(OpenTelemetry telemetry, Map<String, String> extraGatewayConfig, String storeUri) {
        java.util.function.UnaryOperator<Map<String, String>> store = settings -> {
            Map<String, String> withStore = new HashMap<>(settings);
            withStore.put("mongodb.uri", storeUri);
            return withStore;
        };
        try {
            Path keyDir = Files.createTempDirectory("cfe-gateway-test");
            Path signingKey = keyDir.resolve("signing-key.json");
            ServiceHost directory = uk.portsmouth.cfe.directory.Main.start(
                    TestTrust.serviceConfig("directory-service", true, store.apply(Map.of())), telemetry);
            // plans are dated by the same fixed "now" as the meetings (demo plans are relative to it)
            ServiceHost fsp = uk.portsmouth.cfe.fsp.Main.start(
                    TestTrust.serviceConfig(
                            "fsp-service",
                            true,
                            store.apply(Map.of(
                                    "services.directory.target",
                                    directory.grpcTarget(),
                                    // review reminders are looked for every half second (the webhook tests)
                                    "fsp.review-reminders-every",
                                    "PT0.5S"))),
                    telemetry,
                    DEMO_NOW);
            // attendance and contacts call each other: the contacts service's port is chosen first
            int contactsPort = FreePorts.next();
            ServiceHost attendance = uk.portsmouth.cfe.attendance.Main.start(
                    TestTrust.serviceConfig(
                            "attendance-service",
                            true,
                            store.apply(Map.of(
                                    "demo-data.roll-size",
                                    "4",
                                    "services.contacts.target",
                                    "127.0.0.1:" + contactsPort,
                                    "services.fsp.target",
                                    fsp.grpcTarget()))),
                    telemetry,
                    DEMO_NOW);
            ServiceHost contacts = uk.portsmouth.cfe.contacts.Main.start(
                    ServiceConfig.load(
                            "safeguarding-contacts-service",
                            TestTrust.config(
                                    "safeguarding-contacts-service",
                                    store.apply(Map.of(
                                            "grpc.port",
                                            String.valueOf(contactsPort),
                                            "server.port",
                                            "0",
                                            "demo-data.load",
                                            "true",
                                            "services.attendance.target",
                                            attendance.grpcTarget())))),
                    telemetry,
                    DEMO_NOW);
            Map<String, String> gatewayConfig = new HashMap<>(Map.of(
                    "services.fsp.target",
                    fsp.grpcTarget(),
                    "services.contacts.target",
                    contacts.grpcTarget(),
                    "services.attendance.target",
                    attendance.grpcTarget(),
                    "server.port",
                    "0",
                    "services.directory.target",
                    directory.grpcTarget(),
                    "services.deadline",
                    "PT5S",
                    "auth.signing-key-file",
                    signingKey.toString(),
                    "http.max-body-bytes",
                    "65536",
                    "cors.allowed-origins",
                    "https://portal.example",
                    "rate-limit.requests-per-minute",
                    "100000"));
            gatewayConfig.put("rate-limit.expensive-requests-per-minute", "100000");
            gatewayConfig.put("server.sockets.0.port", "0");
            gatewayConfig.put("mongodb.uri", storeUri);
            // the tests' webhook receivers listen on loopback
            gatewayConfig.put("webhooks.allow-loopback", "true");
            gatewayConfig.putAll(extraGatewayConfig);
            Gateway gateway = Gateway.start(
                    ServiceConfig.load("gateway", TestTrust.config(Trust.GATEWAY, gatewayConfig)),
                    telemetry,
                    clients());
            return new TestPlatform(directory, contacts, attendance, fsp, gateway, signingKey, gatewayConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another gateway instance over the same services, signing key and settings (the caller closes it). */
    Gateway anotherGateway() {
        return Gateway.start(
                ServiceConfig.load("gateway", TestTrust.config(Trust.GATEWAY, gatewayConfig)),
                uk.portsmouth.cfe.platform.telemetry.Telemetry.noop(),
                clients());
    }

    static ClientRegistry clients() {
        String hash = SecretHasher.hash(SECRET, 1_000);
        return new ClientRegistry(List.of(
                new ClientRegistry.Client(
                        "editor", hash, "Directory editor", List.of("directory_editor"), List.of(), ""),
                new ClientRegistry.Client("admin", hash, "LA admin", List.of("la_admin"), List.of(), ""),
                new ClientRegistry.Client("officer", hash, "LA officer", List.of("la_officer"), List.of(), ""),
                new ClientRegistry.Client("partner", hash, "NHS partner", List.of("partner"), List.of(), ""),
                new ClientRegistry.Client("school", hash, "A school MIS", List.of("school"), List.of("116000"), ""),
                new ClientRegistry.Client(
                        "professional", hash, "A professional", List.of("professional"), List.of(), "p-1"),
                new ClientRegistry.Client(
                        "lead", hash, "Sam Patel", List.of("professional"), List.of(), "prof-demo-001"),
                new ClientRegistry.Client(
                        "nurse", hash, "Jo Carter", List.of("professional"), List.of(), "prof-demo-002"),
                new ClientRegistry.Client(
                        "worker", hash, "Alex Morgan", List.of("professional"), List.of(), "prof-demo-003"),
                new ClientRegistry.Client(
                        "manager", hash, "Early help manager", List.of("early_help_manager"), List.of(), ""),
                new ClientRegistry.Client("dpo", hash, "Data protection officer", List.of("dpo"), List.of(), ""),
                new ClientRegistry.Client("parent-app", hash, "A parents' app", List.of("parent_app"), List.of(), ""),
                new ClientRegistry.Client(
                        "other-parent-app", hash, "Another parents' app", List.of("parent_app"), List.of(), "")));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    String token(String clientId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&client_secret=" + SECRET)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token for " + clientId + ": " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path))
                .headers(headers.length == 0 ? new String[] {"Accept", "*/*"} : headers)
                .GET());
    }

    /** {@code method path} with a JSON body, as {@code token} (none when null), with {@code If-Match} when given. */
    HttpResponse<String> write(String method, String path, String token, String ifMatch, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    /** A GET as {@code token}. */
    HttpResponse<String> getAs(String token, String path) {
        return get(path, "Authorization", "Bearer " + token);
    }

    /** An RFC 9457 problem with {@code status}, naming {@code field} (pointer, parameter or header) unless null. */
    static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.body(), response.statusCode(), is(status));
        assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt(), is(status));
        assertThat(problem.get("title").asText(), not(""));
        assertThat(problem.get("instance").asText(), is(response.uri().getPath()));
        assertThat(response.body(), not(containsString("Exception")));
        if (field != null) {
            List<String> fields = new ArrayList<>();
            problem.get("errors")
                    .forEach(e -> e.properties().forEach(p -> {
                        if (!p.getKey().equals("detail")) {
                            fields.add(p.getValue().asText());
                        }
                    }));
            assertThat(response.body(), fields, hasItem(field));
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.uri().getPort() == gateway.port()) {
                ResponseContract.check(response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #send}, for a binary body (PDF). */
    HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        attendance.close();
        fsp.close();
        contacts.close();
        directory.close();
    }
}
