package uk.portsmouth.cfe.launcher;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./cfe bench-web [seconds] [warm-up seconds]}: the directory's read path under load (wrk,
 * from Debian's package), side by side with a bare Helidon SE server answering the very same bytes
 * in the same JVM, so each figure has its ratio to what the web server alone does here. Prints the
 * warm-up curve first (the JIT takes a minute or two on two cores), then the headline: searches the
 * gateway's public copy does not answer (signed in, or a new address each time; the directory keeps
 * what its latest searches matched, so a row of new words each time shows a search made afresh) at 4
 * and 16 connections; then the public
 * copy's answers at 4, 16 and 64, the ORUK page and the rest: requests a second, p50 and p99.
 */
public final class WebBenchmark {

    private static final String SEARCH = "/v1/directory/services?search=counselling&per_page=5";
    private static final String ORUK_PAGE = "/oruk/services?per_page=50";
    /** The search's page, its words added by {@link #wrkNewWords}. */
    private static final String NEW_WORDS = "/v1/directory/services?per_page=5";

    private record Figures(double perSecond, String p50, String p99) {}

    private WebBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        try (Launcher platform = BenchmarkPlatform.start()) {
            String gateway = "http://127.0.0.1:" + platform.gatewayPort();
            String management = "http://127.0.0.1:" + platform.gatewayManagementPort();
            byte[] searchBytes = get(gateway + SEARCH);
            byte[] orukBytes = get(gateway + ORUK_PAGE);
            // configured as the gateway's listener is (no Nagle delay), so the comparison is fair
            WebServer bare = WebServer.builder()
                    .port(0)
                    .connectionOptions(options -> options.tcpNoDelay(true))
                    .routing(routing -> routing.get("/search", (req, res) -> {
                                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                                res.send(searchBytes);
                            })
                            .get("/oruk", (req, res) -> {
                                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                                res.send(orukBytes);
                            }))
                    .build()
                    .start();
            try {
                String plain = "http://127.0.0.1:" + bare.port();
                System.out.printf(
                        Locale.ROOT,
                        "Directory read path: %d cores, search answer %d bytes, ORUK page of 50 %d bytes%n",
                        Runtime.getRuntime().availableProcessors(),
                        searchBytes.length,
                        orukBytes.length);
                String signedIn = "Authorization: Bearer " + BenchmarkPlatform.token(gateway, platform, "partner");
                System.out.println("\nwarm-up (gateway search signed in as a partner, 16 connections, 10 s a step):");
                for (int step = 0; step < Math.max(1, warmUp / 10); step++) {
                    Figures f = wrk(gateway + SEARCH, 16, 10, "-H", signedIn);
                    System.out.printf(
                            Locale.ROOT, "  %3d s  %,9.0f req/s  p99 %s%n", (step + 1) * 10, f.perSecond(), f.p99());
                    wrk(gateway + SEARCH, 16, 2); // the public copy's path warms up too
                    wrk(plain + "/search", 16, 2); // and the bare server
                }
                System.out.println(
                        "\nThe headline: what the public copy does not answer (signed-in callers never use it)");
                System.out.println("\n| target | connections | req/s | p50 | p99 | ratio to bare |");
                System.out.println("|---|---|---|---|---|---|");
                for (int connections : List.of(4, 16)) {
                    Figures bareSearchAt = wrk(plain + "/search", connections, seconds);
                    row("bare server: the search answer", connections, bareSearchAt, bareSearchAt);
                    row(
                            "gateway: search signed in (a partner's token)",
                            connections,
                            wrk(gateway + SEARCH, connections, seconds, "-H", signedIn),
                            bareSearchAt);
                    row(
                            "gateway: search, a new address each time (anonymous)",
                            connections,
                            wrkUncached(gateway + SEARCH, connections, seconds),
                            bareSearchAt);
                    row(
                            "gateway: search signed in, a new address each time",
                            connections,
                            wrkUncached(gateway + SEARCH, connections, seconds, "-H", signedIn),
                            bareSearchAt);
                    row(
                            "gateway: search signed in, new words each time (no search kept)",
                            connections,
                            wrkNewWords(gateway + NEW_WORDS, connections, seconds, "-H", signedIn),
                            bareSearchAt);
                }
                System.out.println("\nWhat the public copy answers (anonymous, repeated addresses), and the rest");
                System.out.println("\n| target | connections | req/s | p50 | p99 | ratio to bare |");
                System.out.println("|---|---|---|---|---|---|");
                for (int connections : List.of(4, 16, 64)) {
                    compare("search", plain + "/search", gateway + SEARCH, connections, seconds);
                }
                compare("ORUK page of 50", plain + "/oruk", gateway + ORUK_PAGE, 16, seconds);
                // every request a different address: none is answered from the gateway's public copy
                row(
                        "gateway: ORUK page of 50, never from the public copy",
                        16,
                        wrkUncached(gateway + ORUK_PAGE, 16, seconds),
                        wrk(plain + "/oruk", 16, seconds));
                Figures bareSearch = wrk(plain + "/search", 16, seconds);
                row(
                        "aspects of life: the gRPC hop alone (no store), never from the public copy",
                        16,
                        wrkUncached(gateway + "/v1/directory/aspects-of-life?per_page=10", 16, seconds),
                        bareSearch);
                row(
                        "/observe/health (management port)",
                        16,
                        wrk(management + "/observe/health", 16, seconds),
                        bareSearch);
            } finally {
                bare.stop();
            }
        }
    }

    private static void compare(String what, String bareUrl, String gatewayUrl, int connections, int seconds)
            throws IOException, InterruptedException {
        Figures bare = wrk(bareUrl, connections, seconds);
        row("bare server: " + what, connections, bare, bare);
        row("gateway: " + what, connections, wrk(gatewayUrl, connections, seconds), bare);
    }

    private static void row(String what, int connections, Figures figures, Figures bare) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %,.0f | %s | %s | %.1f%% |%n",
                what,
                connections,
                figures.perSecond(),
                figures.p50(),
                figures.p99(),
                100 * figures.perSecond() / bare.perSecond());
    }

    /** As {@link #wrk}, each request with a query parameter of its own (a cache-buster). */
    private static Figures wrkUncached(String url, int connections, int seconds, String... more)
            throws IOException, InterruptedException {
        return wrkScripted(
                url, "wrk.path .. \"&nocache=\" .. counter .. math.random(1000000)", connections, seconds, more);
    }

    /**
     * As {@link #wrk}, each request searching for counselling and a number of six digits drawn at
     * random: a search the directory has not kept (it keeps the latest 256 searches), with a word it
     * has not kept either (it keeps 4,096 words of a million), so every step of the new word runs.
     */
    private static Figures wrkNewWords(String url, int connections, int seconds, String... more)
            throws IOException, InterruptedException {
        return wrkScripted(
                url,
                "wrk.path .. \"&search=counselling%20\" .. string.format(\"%06d\", math.random(0, 999999))",
                connections,
                seconds,
                more);
    }

    /** As {@link #wrk}, each request's address made by the Lua expression {@code path}. */
    private static Figures wrkScripted(String url, String path, int connections, int seconds, String... more)
            throws IOException, InterruptedException {
        java.nio.file.Path script = java.nio.file.Files.createTempFile("cfe-addresses", ".lua");
        java.nio.file.Files.writeString(
                script,
                "counter = 0\nrequest = function()\n  counter = counter + 1\n  return wrk.format(nil, " + path
                        + ")\nend\n");
        List<String> options = new ArrayList<>(List.of(more));
        options.addAll(List.of("-s", script.toString()));
        return wrk(url, connections, seconds, options.toArray(String[]::new));
    }

    /** wrk on {@code url}: two threads, {@code connections} connections, {@code seconds} seconds. */
    private static Figures wrk(String url, int connections, int seconds, String... more)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s", "--latency"));
        command.addAll(List.of(more));
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (apt-get install wrk): " + out);
        }
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("non-2xx answers from " + url + ":\n" + out);
        }
        return new Figures(
                Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)")),
                find(out, "\\s50%\\s+(\\S+)"),
                find(out, "\\s99%\\s+(\\S+)"));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("wrk's output has no " + regex + ":\n" + text);
        }
        return m.group(1);
    }

    private static byte[] get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
