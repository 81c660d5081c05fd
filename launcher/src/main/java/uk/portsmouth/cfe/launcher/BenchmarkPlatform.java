package uk.portsmouth.cfe.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.config.ServiceConfig;

/**
 * The platform a benchmark measures: every service on free ports, the in-memory store, no rate limit, no demo
 * rolls.
 */
final class BenchmarkPlatform {

    private BenchmarkPlatform() {}

    static Launcher start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with launcher {@code settings} of the benchmark's own. */
    static Launcher start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "cfe.store",
                "memory",
                "gateway.port",
                "0",
                "gateway.rate-limit",
                "false",
                "attendance.demo-roll-size",
                "0",
                "demo-sign-in.enabled",
                "false"));
        for (String service : new String[] {"directory", "contacts", "attendance", "fsp"}) {
            settings.put(service + ".grpc-port", "0");
            settings.put(service + ".observe-port", "0");
        }
        settings.putAll(extra);
        return Launcher.start(ServiceConfig.load("launcher", settings));
    }

    /** An access token of the first demo client holding {@code role}, from the gateway at {@code base}. */
    static String token(String base, Launcher launcher, String role) throws Exception {
        Launcher.DemoClient client = launcher.demoClients().stream()
                .filter(c -> c.roles().contains(role))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no demo client with role " + role));
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                                        + client.id() + "&client_secret=" + client.secret()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no token: " + body);
        }
        return matcher.group(1);
    }

    /** POSTs {@code body} as JSON with {@code token} to {@code base + path}; the answer's body, which must be {@code expected}. */
    static String post(HttpClient http, String base, String path, String token, String body, int expected)
            throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
