package uk.portsmouth.cfe.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.config.ServiceConfig;

/** The embedded default starts, serves the demo directory, and keeps data across restarts. */
class LauncherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getAs(int port, String path, String authorization) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(int port, Launcher.DemoClient client) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                                + client.id() + "&client_secret=" + client.secret()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String bearer(int port, Launcher launcher, String clientId) throws Exception {
        Launcher.DemoClient client = launcher.demoClients().stream()
                .filter(c -> c.id().equals(clientId))
                .findFirst()
                .orElseThrow();
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"")
                .matcher(token(port, client).body());
        assertThat(token.find(), is(true));
        return "Bearer " + token.group(1);
    }

    /**
     * A front end's sign-in through the demo provider: discovery, its sign-in page with a PKCE
     * challenge, the demo person's button (the form the page holds for them), the code for tokens.
     */
    private String signIn(Launcher launcher, String person) throws Exception {
        JsonNode discovery = JSON.readTree(http.send(
                        HttpRequest.newBuilder(
                                        URI.create(launcher.signInIssuer() + "/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        String verifier = "a-verifier-of-at-least-forty-three-characters-" + person;
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = URI.create(discovery.get("authorization_endpoint").asText()
                + "?response_type=code&client_id=reference-front-end&scope=openid&state=s1"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F&code_challenge=" + challenge
                + "&code_challenge_method=S256");
        String page = http.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher form = Pattern.compile("name=\"username\" value=\"" + person
                        + "\"><input type=\"hidden\" name=\"claims\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(page, form.find(), is(true));
        String claims = form.group(1).replace("&quot;", "\"").replace("&amp;", "&");
        HttpResponse<String> back = http.send(
                HttpRequest.newBuilder(authorize)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=" + person + "&claims=" + URLEncoder.encode(claims, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.body(), back.statusCode(), is(302));
        Matcher code = Pattern.compile("[?&]code=([^&]+)")
                .matcher(back.headers().firstValue("Location").orElseThrow());
        assertThat(code.find(), is(true));
        HttpResponse<String> tokens = http.send(
                HttpRequest.newBuilder(
                                URI.create(discovery.get("token_endpoint").asText()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code.group(1)
                                + "&client_id=reference-front-end&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F"
                                + "&code_verifier=" + verifier))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.body(), tokens.statusCode(), is(200));
        return JSON.readTree(tokens.body()).get("access_token").asText();
    }

    private static Map<String, String> ports(Path dataDir) {
        return Map.ofEntries(
                Map.entry("cfe.store", "persistent"),
                Map.entry("cfe.data-dir", dataDir.toString()),
                Map.entry("gateway.port", "0"),
                Map.entry("gateway.management-port", "0"),
                Map.entry("directory.grpc-port", "0"),
                Map.entry("directory.observe-port", "0"),
                Map.entry("contacts.grpc-port", "0"),
                Map.entry("contacts.observe-port", "0"),
                Map.entry("attendance.grpc-port", "0"),
                Map.entry("attendance.observe-port", "0"),
                Map.entry("fsp.grpc-port", "0"),
                Map.entry("fsp.observe-port", "0"),
                Map.entry("demo-sign-in.port", "0"));
    }

    @Test
    void startsEverythingWithDemoDataAndEveryDemoClientGetsAToken() throws Exception {
        Path dataDir = Files.createTempDirectory("cfe-launcher");
        try (Launcher launcher = Launcher.start(ServiceConfig.load("launcher", ports(dataDir)))) {
            int port = launcher.gatewayPort();
            assertThat(get(launcher.gatewayManagementPort(), "/observe/health").statusCode(), is(200));
            assertThat(get(port, "/observe/health").statusCode(), is(404));
            assertThat(get(port, "/v1/directory/services?per_page=1").body(), containsString("\"total_items\":7"));
            assertThat(get(port, "/v1/glossary?search=MASH").body(), containsString("Multi-Agency Safeguarding Hub"));
            for (Launcher.DemoClient client : launcher.demoClients()) {
                assertThat(client.id(), token(port, client).statusCode(), is(200));
            }
            assertThat(launcher.demoClients().size(), is(11));
            // every service is wired: the school register, the demo roll and marks, named contacts through the register
            String bearer = bearer(port, launcher, "demo-la-officer");
            assertThat(getAs(port, "/v1/schools?per_page=1", bearer).body(), containsString("\"total_items\":67"));
            assertThat(
                    getAs(port, "/v1/schools/116000/pupils?per_page=1", bearer).body(),
                    containsString("\"total_items\":30"));
            assertThat(
                    getAs(port, "/v1/schools/116000/contacts", bearer).body(),
                    containsString("Anchorage Park Sandpiper Primary Academy"));
            // the demo parents' reports: an outbreak of diarrhoea and vomiting at the second school
            assertThat(getAs(port, "/v1/attendance/illness", bearer).body(), containsString("\"alerts\":[{\"urn\""));
            // the demo Family Support Plans: the first demo professional co-ordinates four of the five (one closed
            // seven years ago, due for retention)
            assertThat(
                    getAs(port, "/v1/fsps", bearer(port, launcher, "demo-professional"))
                            .body(),
                    containsString("\"total_items\":4"));
            assertThat(
                    getAs(port, "/v1/fsps", bearer(port, launcher, "demo-early-help-manager"))
                            .body(),
                    containsString("\"total_items\":5"));
            // the demo people sign in through the demo provider's page and are who the demo data knows
            String sam = "Bearer " + signIn(launcher, "oid-sam-patel");
            assertThat(getAs(port, "/v1/fsps", sam).body(), containsString("\"total_items\":4"));
            String dee = "Bearer " + signIn(launcher, "oid-dee-lead");
            assertThat(
                    getAs(port, "/v1/schools/116156/absence-reports", dee).body(), containsString("\"total_items\":4"));
            assertThat(getAs(port, "/v1/schools/116000/absence-reports", dee).statusCode(), is(403));
            String ola = "Bearer " + signIn(launcher, "oid-ola-officer");
            assertThat(getAs(port, "/v1/attendance/summary", ola).statusCode(), is(200));
        }
        // a second start over the same files finds the data and adds nothing twice
        try (Launcher again = Launcher.start(ServiceConfig.load("launcher", ports(dataDir)))) {
            int port = again.gatewayPort();
            assertThat(get(port, "/v1/directory/services?per_page=1").body(), containsString("\"total_items\":7"));
            // the school totals counted at start-up agree with the demo marks counted afresh (a range ending yesterday)
            String bearer = bearer(port, again, "demo-la-officer");
            JsonNode kept = JSON.readTree(
                    getAs(port, "/v1/schools/116000/attendance/summary", bearer).body());
            String yesterday =
                    LocalDate.now(ZoneId.of("Europe/London")).minusDays(1).toString();
            JsonNode counted =
                    JSON.readTree(getAs(port, "/v1/schools/116000/attendance/summary?to=" + yesterday, bearer)
                            .body());
            assertThat(kept.at("/overall/measures/possible_sessions").asInt() > 0, is(true));
            assertThat(kept.get("overall"), is(counted.get("overall")));
            assertThat(kept.get("by_year_group"), is(counted.get("by_year_group")));
        }
        assertThat(Files.exists(dataDir.resolve("cfe-store.mv")), is(true));
    }
}
