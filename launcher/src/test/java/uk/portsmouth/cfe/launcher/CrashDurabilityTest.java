package uk.portsmouth.cfe.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.service.FreePorts;

/**
 * Acknowledged means durable: the embedded default runs as a child process; acknowledged writes go
 * to every service and the gateway's own store; the process is killed with SIGKILL straight after
 * the last answer; started again over the same data folder, every write is there.
 */
class CrashDurabilityTest {

    private static final int EACH = 8;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        Path dataDir = Files.createTempDirectory("cfe-crash");
        int port = FreePorts.next();
        List<String> written = new ArrayList<>();
        Process first = start(dataDir, port);
        try {
            waitUntilUp(port);
            String editor = token(port, "demo-directory-editor");
            String officer = token(port, "demo-la-officer");
            String admin = token(port, "demo-la-admin");
            String school = token(port, "demo-school");
            String lead = token(port, "demo-professional");
            for (int i = 0; i < EACH; i++) {
                written.add(created(post(
                        port,
                        "/v1/directory/organizations",
                        editor,
                        "{\"name\":\"Crash test org " + i + "\",\"description\":\"Made before a kill\"}")));
                written.add(created(post(
                        port,
                        "/v1/contacts/teams",
                        officer,
                        "{\"name\":\"Crash test team " + i + "\",\"purpose\":\"Made before a kill\",\"tiers\":[2],"
                                + "\"contact_routes\":[{\"kind\":\"email\",\"unknown\":true}]}")));
                written.add(created(post(
                        port,
                        "/v1/fsps",
                        lead,
                        "{\"family\":{\"family_name\":\"Crash" + i + "\",\"address\":"
                                + "{\"lines\":[\"1 Test Road\"],\"postcode\":\"PO4 0AA\",\"locality\":\"south\"},\"children\":[{\"given_name\":\"Kim\","
                                + "\"family_name\":\"Crash" + i
                                + "\",\"date_of_birth\":\"2017-03-04\"}],\"adults\":[]},\"tier\":2}")));
                written.add(created(post(
                        port,
                        "/v1/clients",
                        admin,
                        "{\"client_id\":\"crash-client-" + i + "\",\"name\":\"Crash " + i
                                + "\",\"roles\":[\"partner\"],\"contact_email\":\"it@crash.example\"}")));
                String upn = upn(i);
                HttpResponse<String> pupils = post(
                        port,
                        "/v1/schools/116000/pupils",
                        school,
                        "{\"pupils\":[{\"upn\":\"" + upn
                                + "\",\"given_name\":\"Crash\",\"family_name\":\"Pupil" + i
                                + "\",\"date_of_birth\":\"2017-03-04\",\"year_group\":4,"
                                + "\"sen_status\":\"none\"}]}");
                assertThat(pupils.body(), pupils.statusCode(), is(200));
                written.add("/v1/schools/116000/attendance/pupils/" + upn);
            }
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            first.waitFor();
        }

        Process second = start(dataDir, port);
        try {
            waitUntilUp(port);
            String reader = token(port, "demo-la-admin");
            String lead = token(port, "demo-professional");
            for (String path : written) {
                String as = path.startsWith("/v1/fsps/") ? lead : reader;
                if (path.startsWith("/v1/contacts/teams") || path.startsWith("/v1/schools")) {
                    as = token(port, "demo-la-officer");
                }
                HttpResponse<String> read = get(port, path, as);
                assertThat(path + ": " + read.body(), read.statusCode(), is(200));
            }
        } finally {
            second.destroyForcibly();
            second.waitFor();
        }
    }

    private static String upn(int serial) {
        String rest = "851700099" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    /**
     * A webhook delivery in flight when the platform is killed is made again after the restart
     * (its lease runs out), and an event caused just before the kill is delivered after it, whether
     * it was still in its record's outbox or already queued: at least once, nothing lost. The
     * events are removals from the roll (dated today: nothing depends on the school calendar).
     */
    @Test
    void aWebhookDeliveryInFlightAtAKillIsMadeAfterTheRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("cfe-crash-webhooks");
        int port = FreePorts.next();
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch firstArrived = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/mis", exchange -> {
            heard.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.getRequestBody().readAllBytes();
            if (heard.size() == 1) {
                firstArrived.countDown();
                try {
                    Thread.sleep(60_000); // the first attempt never gets its answer: the platform is killed meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String[] webhooks = {"-Dwebhooks.lease=PT2S", "-Dwebhooks.timeout=PT30S"};
        String first = upn(90);
        String second = upn(91);
        Process running = start(dataDir, port, webhooks);
        try {
            waitUntilUp(port);
            HttpResponse<String> subscribed = post(
                    port,
                    "/v1/webhooks",
                    token(port, "demo-la-officer"),
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                            + "/mis\",\"events\":[\"roll-removal.notified\"]}");
            assertThat(subscribed.body(), subscribed.statusCode(), is(201));
            String school = token(port, "demo-school");
            HttpResponse<String> pupils = post(
                    port,
                    "/v1/schools/116000/pupils",
                    school,
                    "{\"pupils\":[" + pupil(first) + "," + pupil(second) + "]}");
            assertThat(pupils.body(), pupils.statusCode(), is(200));
            created(post(port, "/v1/schools/116000/roll-removals", school, removal(first)));
            assertThat("the first delivery is in flight", firstArrived.await(30, TimeUnit.SECONDS), is(true));
            created(post(port, "/v1/schools/116000/roll-removals", school, removal(second)));
        } finally {
            running.destroyForcibly(); // SIGKILL mid-delivery
            running.waitFor();
        }
        Process restarted = start(dataDir, port, webhooks);
        try {
            waitUntilUp(port);
            String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
            String inFlight = "roll-removal.notified/116000:" + first + ":" + today + "/v1";
            String after = "roll-removal.notified/116000:" + second + ":" + today + "/v1";
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)
                    && !(heard.stream().filter(inFlight::equals).count() >= 2 && heard.contains(after))) {
                Thread.sleep(250);
            }
            // the one in flight came again (the receiver dedupes by webhook-id); the one after the first arrived
            assertThat(heard.toString(), heard.stream().filter(inFlight::equals).count() >= 2, is(true));
            assertThat(heard.toString(), heard.contains(after), is(true));
        } finally {
            restarted.destroyForcibly();
            restarted.waitFor();
            receiver.stop(0);
        }
    }

    private static String pupil(String upn) {
        return "{\"upn\":\"" + upn + "\",\"given_name\":\"Crash\",\"family_name\":\"Hook\","
                + "\"date_of_birth\":\"2017-03-04\",\"year_group\":4,\"sen_status\":\"none\"}";
    }

    /** A removal from the roll today (ground g). */
    private static String removal(String upn) {
        return "{\"upn\":\"" + upn + "\",\"deletion_date\":\"" + LocalDate.now(ZoneId.of("Europe/London"))
                + "\",\"ground\":\"g\"}";
    }

    private static Process start(Path dataDir, int port, String... settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dcfe.data-dir=" + dataDir,
                "-Dgateway.port=" + port,
                "-Dgateway.management-port=0",
                "-Dgateway.rate-limit=false",
                "-Dattendance.demo-roll-size=2",
                "-Ddemo-sign-in.port=0"));
        command.addAll(List.of(settings));
        for (String service : List.of("directory", "contacts", "attendance", "fsp")) {
            command.add("-D" + service + ".grpc-port=0");
            command.add("-D" + service + ".observe-port=0");
        }
        command.add(Launcher.class.getName());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("launcher-" + Instant.now().toEpochMilli() + ".log")
                        .toFile())
                .start();
    }

    private void waitUntilUp(int port) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (get(port, "/v1/directory/aspects-of-life", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the platform did not start within 2 minutes on port " + port);
    }

    private String token(int port, String client) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + client
                                + "&client_secret=" + client + "-secret"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(response.body(), token.find(), is(true));
        return token.group(1);
    }

    private HttpResponse<String> post(int port, String path, String token, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Location of a 201 Created. */
    private static String created(HttpResponse<String> response) {
        assertThat(response.uri() + ": " + response.body(), response.statusCode(), is(201));
        return response.headers().firstValue("Location").orElseThrow();
    }
}
