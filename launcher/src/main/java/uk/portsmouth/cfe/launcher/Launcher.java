package uk.portsmouth.cfe.launcher;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.gateway.Gateway;
import uk.portsmouth.cfe.gateway.auth.ClientRegistry;
import uk.portsmouth.cfe.gateway.auth.SecretHasher;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.service.FreePorts;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.platform.trust.TrustKeys;

/**
 * The embedded default: one embedded MongoDB-wire store (an H2 file under {@code ./data}, or in
 * memory), every service (directory, safeguarding contacts, attendance) on its own local ports over it (each
 * with its own database), the gateway
 * in front, demo data loaded on first start, demo clients for every role.
 */
public final class Launcher implements AutoCloseable {

    private final List<AutoCloseable> running;
    private final Gateway gateway;
    private final List<DemoClient> demoClients;
    private final String mongoUri;
    /** The demo sign-in's issuer; empty when it is off. */
    private final String signInIssuer;

    private Launcher(
            List<AutoCloseable> running,
            Gateway gateway,
            List<DemoClient> demoClients,
            String mongoUri,
            String signInIssuer) {
        this.mongoUri = mongoUri;
        this.signInIssuer = signInIssuer;
        this.running = running;
        this.gateway = gateway;
        this.demoClients = demoClients;
    }

    /** A demo client with its secret in clear (printed for the developer). */
    public record DemoClient(
            String id,
            String secret,
            String name,
            List<String> roles,
            List<String> schoolUrns,
            String professionalId) {}

    /** A port the embedded default listens on: what it is for, its setting and the variable that moves it. */
    record Port(String what, String key, int fallback) {
        String variable() {
            return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        }

        int in(Config config) {
            return config.get(key).asInt().orElse(fallback);
        }
    }

    /** Every port of the embedded default (0: any free one). */
    static final List<Port> PORTS = List.of(
            new Port("the gateway's public port", "gateway.port", 8080),
            new Port("the gateway's management port (health, metrics)", "gateway.management-port", 9180),
            new Port("the directory-service's gRPC port", "directory.grpc-port", 9081),
            new Port("the directory-service's health port", "directory.observe-port", 9181),
            new Port("the safeguarding-contacts-service's gRPC port", "contacts.grpc-port", 9082),
            new Port("the safeguarding-contacts-service's health port", "contacts.observe-port", 9182),
            new Port("the attendance-service's gRPC port", "attendance.grpc-port", 9083),
            new Port("the attendance-service's health port", "attendance.observe-port", 9183),
            new Port("the fsp-service's gRPC port", "fsp.grpc-port", 9084),
            new Port("the fsp-service's health port", "fsp.observe-port", 9184),
            new Port("the demo sign-in (an OpenID provider for front ends)", "demo-sign-in.port", 8085));

    public static void main(String[] args) {
        Config config = ServiceConfig.load("launcher");
        busyPort(config).ifPresent(problem -> {
            System.err.println(problem);
            System.exit(2);
        });
        Launcher launcher;
        try {
            launcher = start(config);
        } catch (RuntimeException e) {
            // one line, and out: the parts already started must not keep the process alive
            System.err.println("cfe: the platform could not start: " + rootCause(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close));
        launcher.printWelcome();
    }

    /** The first configured port something else listens on, said as how to move it. */
    static java.util.Optional<String> busyPort(Config config) {
        for (Port port : PORTS) {
            int number = port.in(config);
            if (number != 0 && !FreePorts.isFree(number)) {
                return java.util.Optional.of("cfe: port " + number + " (" + port.what() + ") is in use by another"
                        + " program: stop it, or move this one, e.g. " + port.variable() + "=" + (number + 100)
                        + " ./cfe run");
            }
        }
        return java.util.Optional.empty();
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Starts everything as {@code config} (launcher.yaml with overrides) says. */
    public static Launcher start(Config config) {
        List<AutoCloseable> running = new ArrayList<>();
        OpenTelemetry telemetry = Telemetry.create("cfe-platform", config);
        running.add(() -> Telemetry.close(telemetry)); // after every component (each is added before it)

        boolean memory = config.get("cfe.store").asString().orElse("persistent").equals("memory");
        Path dataDir = Path.of(config.get("cfe.data-dir").asString().orElse("./data"));
        EmbeddedMongo mongo =
                memory ? EmbeddedMongo.inMemory() : EmbeddedMongo.persistent(dataDir.resolve("cfe-store.mv"));
        running.add(mongo);

        // identities for this run: each component signs its calls, every service verifies them
        TrustKeys keys = TrustKeys.generate(List.of(
                Trust.GATEWAY,
                uk.portsmouth.cfe.directory.Main.NAME,
                uk.portsmouth.cfe.contacts.Main.NAME,
                uk.portsmouth.cfe.attendance.Main.NAME,
                uk.portsmouth.cfe.fsp.Main.NAME));

        ServiceHost directory = uk.portsmouth.cfe.directory.Main.start(
                load(
                        keys,
                        "directory-service",
                        Map.of(
                                "mongodb.uri", mongo.uri(),
                                "grpc.port",
                                        config.get("directory.grpc-port")
                                                .asString()
                                                .orElse("9081"),
                                "server.port",
                                        config.get("directory.observe-port")
                                                .asString()
                                                .orElse("9181"),
                                "demo-data.load", "true")),
                telemetry);
        running.add(0, directory);

        ServiceHost fsp = uk.portsmouth.cfe.fsp.Main.start(
                load(
                        keys,
                        "fsp-service",
                        Map.of(
                                "mongodb.uri", mongo.uri(),
                                "grpc.port",
                                        config.get("fsp.grpc-port").asString().orElse("9084"),
                                "server.port",
                                        config.get("fsp.observe-port")
                                                .asString()
                                                .orElse("9184"),
                                "services.directory.target", directory.grpcTarget(),
                                "demo-data.load", "true")),
                telemetry);
        running.add(0, fsp);

        // attendance and contacts call each other: the contacts service's port is settled first
        int contactsPort = port(config.get("contacts.grpc-port").asInt().orElse(9082));
        ServiceHost attendance = uk.portsmouth.cfe.attendance.Main.start(
                load(
                        keys,
                        "attendance-service",
                        Map.of(
                                "mongodb.uri", mongo.uri(),
                                "grpc.port",
                                        config.get("attendance.grpc-port")
                                                .asString()
                                                .orElse("9083"),
                                "server.port",
                                        config.get("attendance.observe-port")
                                                .asString()
                                                .orElse("9183"),
                                "services.contacts.target", "127.0.0.1:" + contactsPort,
                                "services.fsp.target", fsp.grpcTarget(),
                                "demo-data.load", "true",
                                "demo-data.roll-size",
                                        config.get("attendance.demo-roll-size")
                                                .asString()
                                                .orElse("30"))),
                telemetry);
        running.add(0, attendance);

        ServiceHost contacts = uk.portsmouth.cfe.contacts.Main.start(
                load(
                        keys,
                        "safeguarding-contacts-service",
                        Map.of(
                                "mongodb.uri", mongo.uri(),
                                "grpc.port", String.valueOf(contactsPort),
                                "server.port",
                                        config.get("contacts.observe-port")
                                                .asString()
                                                .orElse("9182"),
                                "services.attendance.target", attendance.grpcTarget(),
                                "demo-data.load", "true")),
                telemetry);
        running.add(0, contacts);

        // the demo people's sign-in, which the gateway trusts as it would the council's provider
        Map<String, String> signIn = Map.of();
        String signInIssuer = "";
        if (config.get("demo-sign-in.enabled").asBoolean().orElse(true)) {
            DemoSignIn demoSignIn =
                    DemoSignIn.start(config.get("demo-sign-in.port").asInt().orElse(8085));
            running.add(0, demoSignIn);
            signIn = demoSignIn.gatewayConfig();
            signInIssuer = demoSignIn.issuer();
        }

        List<DemoClient> demoClients = loadDemoClients();
        String gatewayPort = config.get("gateway.port").asString().orElse("8080");
        String publicUrl = config.get("gateway.public-url")
                .asString()
                .filter(s -> !s.isBlank())
                .orElse("http://localhost:" + gatewayPort);
        Map<String, String> gatewaySettings = new HashMap<>(signIn);
        gatewaySettings.putAll(Map.ofEntries(
                Map.entry("server.port", gatewayPort),
                Map.entry(
                        "server.sockets.0.port",
                        config.get("gateway.management-port").asString().orElse("9180")),
                Map.entry("public-url", publicUrl),
                Map.entry("services.directory.target", directory.grpcTarget()),
                Map.entry("services.contacts.target", contacts.grpcTarget()),
                Map.entry("services.attendance.target", attendance.grpcTarget()),
                Map.entry("services.fsp.target", fsp.grpcTarget()),
                Map.entry(
                        "rate-limit.enabled",
                        config.get("gateway.rate-limit").asString().orElse("true")),
                Map.entry("mongodb.uri", mongo.uri()),
                // a developer's own webhook receiver on this machine
                Map.entry("webhooks.allow-loopback", "true"),
                // one gateway: its budgets stay in its memory (no store round trip a request)
                Map.entry(
                        "rate-limit.shared",
                        config.get("gateway.rate-limit-shared").asString().orElse("false")),
                Map.entry(
                        "auth.signing-key-file",
                        memory
                                ? ""
                                : dataDir.resolve("gateway-signing-key.json").toString())));
        Gateway gateway = Gateway.start(load(keys, Trust.GATEWAY, gatewaySettings), telemetry, registry(demoClients));
        running.add(0, gateway);
        return new Launcher(running, gateway, demoClients, mongo.uri(), signInIssuer);
    }

    public int gatewayPort() {
        return gateway.port();
    }

    public int gatewayManagementPort() {
        return gateway.managementPort();
    }

    /** Where the embedded store listens (benchmarks compare the API with the raw driver). */
    public String mongoUri() {
        return mongoUri;
    }

    /** The demo sign-in's issuer (an OpenID provider's), empty when it is off. */
    public String signInIssuer() {
        return signInIssuer;
    }

    public List<DemoClient> demoClients() {
        return demoClients;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : running) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Stopping " + resource + " failed: " + e);
            }
        }
        running.clear();
    }

    private void printWelcome() {
        String base = "http://localhost:" + gateway.port();
        StringBuilder out = new StringBuilder()
                .append("\nCFE Platform is running (embedded default)\n")
                .append("  API base URL : ")
                .append(base)
                .append('\n')
                .append("  OpenAPI      : ")
                .append(base)
                .append("/openapi\n")
                .append("  ORUK feed    : ")
                .append(base)
                .append("/oruk/\n")
                .append("  Health       : http://localhost:")
                .append(gateway.managementPort())
                .append("/observe/health")
                .append(" (management port: health details and metrics are never on the public port)\n")
                .append("\nDemo clients (POST ")
                .append(base)
                .append("/v1/oauth/token, grant_type=client_credentials):\n");
        for (DemoClient client : demoClients) {
            out.append(String.format(
                    "  %-20s client_id=%-24s client_secret=%s%n",
                    String.join(",", client.roles()), client.id(), client.secret()));
        }
        if (!signInIssuer.isEmpty()) {
            out.append(
                            "\nDemo sign-in (an OpenID provider standing in for the council's; Authorization Code + PKCE):\n")
                    .append("  issuer       : ")
                    .append(signInIssuer)
                    .append(" (audience cfe-api; any client_id; redirect to your front end)\n")
                    .append("  people       : ");
            out.append(String.join(
                            ", ",
                            DemoSignIn.PEOPLE.stream()
                                    .map(DemoSignIn.Person::name)
                                    .toList()))
                    .append("\n  front end    : ./cfe front-end, then http://localhost:3000 (docs/front-end.md)\n");
        }
        out.append("\nStop with Ctrl+C.\n");
        System.out.println(out);
    }

    /** {@code component}'s configuration: its YAML, {@code settings}, and its identity keys. */
    static Config load(TrustKeys keys, String component, Map<String, String> settings) {
        Map<String, String> overrides = new HashMap<>(settings);
        overrides.putAll(keys.configFor(component));
        return ServiceConfig.load(component, overrides);
    }

    /** {@code configured}, or a free port when it is 0. */
    private static int port(int configured) {
        if (configured != 0) {
            return configured;
        }
        return FreePorts.next();
    }

    private static List<DemoClient> loadDemoClients() {
        Config clients = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.classpath("demo-clients.yaml"))
                .build()
                .get("clients");
        return clients.asNodeList().orElse(List.of()).stream()
                .map(c -> new DemoClient(
                        c.get("id").asString().get(),
                        c.get("secret").asString().get(),
                        c.get("name").asString().get(),
                        c.get("roles").asList(String.class).get(),
                        c.get("school-urns").asList(String.class).orElse(List.of()),
                        c.get("professional-id").asString().orElse("")))
                .toList();
    }

    /** The demo clients as the gateway holds them: secrets hashed, as in production. */
    private static ClientRegistry registry(List<DemoClient> demoClients) {
        return new ClientRegistry(demoClients.stream()
                .map(c -> new ClientRegistry.Client(
                        c.id(), SecretHasher.hash(c.secret()), c.name(), c.roles(), c.schoolUrns(), c.professionalId()))
                .toList());
    }
}
