package uk.portsmouth.cfe.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Directory figures through the real gateway over loopback HTTP ({@code ./cfe bench}): latency
 * percentiles and throughput of a single client for the common reads, with the demo directory and
 * then with {@code extra} more services (default 2,000) added through the editor API. Prints
 * figures; asserts nothing. Bounded: a fixed number of requests per scenario.
 */
public final class Benchmark {

    private static final int WARM_UP = 200;
    private static final int MEASURED = 1_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        int extra = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        try (Launcher launcher = BenchmarkPlatform.start()) {
            String base = "http://127.0.0.1:" + launcher.gatewayPort();
            System.out.printf(
                    "%nCFE directory benchmark (%d measured requests each, one client, loopback)%n", MEASURED);
            scenarios(base, "demo directory (75 services)");
            addServices(base, launcher, extra);
            scenarios(base, "demo + " + extra + " services");
        }
    }

    private static void scenarios(String base, String label) throws Exception {
        System.out.printf("%n%s%n%-44s %8s %8s %8s %10s%n", label, "scenario", "p50 ms", "p95 ms", "p99 ms", "req/s");
        String id = firstId(get(base + "/v1/directory/services?search=kooth").body());
        measure("text search ?search=mental health", base + "/v1/directory/services?search=mental%20health");
        measure(
                "filters ?aspect_of_life&age&locality",
                base + "/v1/directory/services?aspect_of_life=good-family-relationships&age=8&locality=north");
        measure("one service by id", base + "/v1/directory/services/" + id);
        measure("ORUK page ?per_page=50", base + "/oruk/services?per_page=50");
    }

    private static void measure(String name, String url) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            get(url);
        }
        long[] nanos = new long[MEASURED];
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = get(url);
            nanos[i] = System.nanoTime() - t;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        System.out.printf(
                "%-44s %8.2f %8.2f %8.2f %10.0f%n",
                name, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), MEASURED / seconds);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private static void addServices(String base, Launcher launcher, int count) throws Exception {
        Launcher.DemoClient editor = launcher.demoClients().stream()
                .filter(c -> c.roles().contains("directory_editor"))
                .findFirst()
                .orElseThrow();
        String token = field(
                HTTP.send(
                                HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials&client_id=" + editor.id()
                                                        + "&client_secret=" + editor.secret()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body(),
                "access_token");
        String organization =
                firstId(get(base + "/v1/directory/organizations?per_page=1").body());
        List<String> words = List.of(
                "family",
                "support",
                "youth",
                "health",
                "advice",
                "housing",
                "school",
                "mental",
                "club",
                "group",
                "parents",
                "money",
                "safety",
                "learning",
                "wellbeing");
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String name = words.get(i % words.size()) + " " + words.get((i * 7 + 3) % words.size()) + " " + i;
            String body = "{\"name\":\"" + name + "\",\"organization_id\":\"" + organization + "\","
                    + "\"description\":\"Benchmark service " + i + " offering " + words.get((i * 3) % words.size())
                    + "\","
                    + "\"minimum_age\":" + (i % 10) + ",\"maximum_age\":" + (10 + i % 15) + "}";
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/directory/services"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("create -> " + created.statusCode() + " " + created.body());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%nadded %d services through POST /v1/directory/services: %.0f creates/s%n", count, count / seconds);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String firstId(String json) {
        return field(json, "id");
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
