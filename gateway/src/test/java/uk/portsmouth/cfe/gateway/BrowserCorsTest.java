package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.Eventually;

/**
 * A front end in a real browser: headless Chromium loads a page from an allowed origin that gets
 * a token and makes signed-in calls across origins (a GET, a POST with Idempotency-Key, a POST with
 * If-Match, with {@code traceparent}) and reads the response headers the API exposes; a page from
 * another origin is blocked. Needs Chromium ({@code .ci/run} installs it and sets
 * CFE_REQUIRE_BROWSER=1, which turns a missing browser into a failure instead of a skip).
 */
class BrowserCorsTest {

    private static TestPlatform platform;
    private static HttpServer pages;

    @BeforeAll
    static void start() throws IOException {
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int pagePort = pages.getAddress().getPort();
        platform = TestPlatform.start(Telemetry.noop(), Map.of("cors.allowed-origins", "http://127.0.0.1:" + pagePort));
        String api = "http://127.0.0.1:" + platform.gateway.port();
        page("/front-end.html", FRONT_END.replace("API", api));
        page("/elsewhere.html", ELSEWHERE.replace("API", api));
        pages.start();
    }

    @AfterAll
    static void stop() {
        if (pages != null) {
            pages.stop(0);
        }
        if (platform != null) {
            platform.close();
        }
    }

    private static void page(String path, String html) {
        pages.createContext(path, exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @Test
    void aFrontEndOnAnAllowedOriginMakesSignedInCallsAndReadsTheHeaders() throws Exception {
        JsonNode result = run("http://127.0.0.1:" + pages.getAddress().getPort() + "/front-end.html");
        assertThat(result.toString(), result.path("error").asText(""), is(""));
        assertThat(result.get("token").asInt(), is(200));
        assertThat(result.get("get").asInt(), is(200));
        assertThat(result.get("correlation").asText().matches("[0-9a-f-]{36}"), is(true));
        assertThat(result.get("created").asInt(), is(201));
        assertThat(result.get("location").asText(), startsWith("/v1/clients/"));
        assertThat(result.get("etag").asText(), is("\"v1\""));
        assertThat(result.get("rotated").asInt(), is(201));
    }

    @Test
    void aPageFromAnotherOriginIsBlocked() throws Exception {
        // "localhost" is another origin than "127.0.0.1", though the same server
        JsonNode result = run("http://localhost:" + pages.getAddress().getPort() + "/elsewhere.html");
        assertThat(result.toString(), result.get("blocked").asBoolean(), is(true));
    }

    @Test
    void theApiReferencePageRendersEveryTag() throws Exception {
        String dom = dom("http://127.0.0.1:" + platform.gateway.port() + "/docs");
        JsonNode document = TestPlatform.json(platform.get("/openapi?format=json"));
        for (JsonNode tag : document.get("tags")) {
            String name = tag.get("name").asText();
            assertThat(name, dom.contains("operations-tag-" + name), is(true));
        }
        assertThat(dom.contains("Authorize"), is(true));
    }

    /**
     * "Try it out" on the reference page works: a reader opens a public operation, presses Try it
     * out and Execute, and the page shows the live answer from the gateway. Driven through the
     * DevTools protocol (the JDK's WebSocket client), as a reader's clicks would be.
     */
    @Test
    void theApiReferencePageCallsAPublicRoute() throws Exception {
        String operation = "#operations-attendance-listAttendanceCodes";
        JsonNode result =
                evaluate("http://127.0.0.1:" + platform.gateway.port() + "/docs", """
                (async () => {
                  const find = async (selector) => {
                    for (let i = 0; i < 300; i++) {
                      const found = document.querySelector(selector);
                      if (found) return found;
                      await new Promise(r => setTimeout(r, 100));
                    }
                    throw new Error("not on the page: " + selector);
                  };
                  const op = "OP";
                  // the tags start folded (docExpansion none): open the operation's tag first
                  (await find("#operations-tag-attendance")).click();
                  (await find(op + " .opblock-summary-control")).click();
                  (await find(op + " .try-out__btn")).click();
                  (await find(op + " .execute")).click();
                  const status = await find(op + " .live-responses-table tbody .response-col_status");
                  const body = await find(op + " .live-responses-table .response-col_description pre");
                  return JSON.stringify({status: status.textContent.trim(), body: body.textContent});
                })()
                """.replace("OP", operation));
        assertThat(result.get("status").asText(), is("200"));
        assertThat(result.get("body").asText(), org.hamcrest.Matchers.containsString("\"codes\""));
    }

    /**
     * Opens {@code url} in headless Chromium, runs {@code expression} (a promise of a JSON string)
     * in the page through the DevTools protocol and answers what it resolved to.
     */
    private static JsonNode evaluate(String url, String expression) throws Exception {
        Path profile = Files.createTempDirectory("cfe-chromium");
        Process browser = chromium(profile, "--remote-debugging-port=0", url)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Path activePort = profile.resolve("DevToolsActivePort");
            Eventually.holds("Chromium's DevTools port is written", () -> Files.exists(activePort));
            String port = Files.readAllLines(activePort).get(0).strip();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String pageSocket = null;
            for (int i = 0; i < 100 && pageSocket == null; i++) {
                JsonNode targets = TestPlatform.JSON.readTree(http.send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create("http://127.0.0.1:" + port + "/json/list"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body());
                for (JsonNode target : targets) {
                    if (target.path("type").asText().equals("page")
                            && target.path("url").asText().startsWith(url)) {
                        pageSocket = target.get("webSocketDebuggerUrl").asText();
                    }
                }
                Thread.sleep(pageSocket == null ? 100 : 0);
            }
            assertThat("Chromium opened " + url, pageSocket != null, is(true));
            Map<Integer, java.util.concurrent.CompletableFuture<JsonNode>> answers =
                    new java.util.concurrent.ConcurrentHashMap<>();
            StringBuilder message = new StringBuilder();
            java.net.http.WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(java.net.URI.create(pageSocket), new java.net.http.WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(
                                java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                            message.append(data);
                            if (last) {
                                try {
                                    JsonNode whole = TestPlatform.JSON.readTree(message.toString());
                                    if (whole.has("id")) {
                                        answers.computeIfAbsent(
                                                        whole.get("id").asInt(),
                                                        id -> new java.util.concurrent.CompletableFuture<>())
                                                .complete(whole);
                                    }
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                                message.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            JsonNode reply = null;
            // the page may still be navigating when first asked: ask again in its loaded document
            for (int id = 1; id <= 20 && (reply == null || reply.has("error")); id++) {
                Thread.sleep(id == 1 ? 0 : 500);
                Map<String, Object> call = Map.of(
                        "id",
                        id,
                        "method",
                        "Runtime.evaluate",
                        "params",
                        Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
                socket.sendText(TestPlatform.JSON.writeValueAsString(call), true);
                reply = answers.computeIfAbsent(id, i -> new java.util.concurrent.CompletableFuture<>())
                        .get(60, TimeUnit.SECONDS);
            }
            socket.abort();
            assertThat(reply.toString(), reply.at("/result/result/type").asText(), is("string"));
            return TestPlatform.JSON.readTree(reply.at("/result/result/value").asText());
        } finally {
            browser.destroy();
            browser.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The page's result: what its script wrote into {@code <pre id="out">}. */
    private static JsonNode run(String url) throws Exception {
        String dom = dom(url);
        Matcher out =
                Pattern.compile("<pre id=\"out\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(dom, out.find(), is(true));
        return TestPlatform.JSON.readTree(out.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
    }

    /** The page's DOM once its scripts have run. */
    private static String dom(String url) throws Exception {
        Process browser = chromium(
                        Files.createTempDirectory("cfe-chromium"), "--virtual-time-budget=20000", "--dump-dom", url)
                .start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("Chromium finished", browser.waitFor(60, TimeUnit.SECONDS), is(true));
        return dom;
    }

    /** Headless Chromium with its own profile, then {@code arguments}. */
    private static ProcessBuilder chromium(Path profile, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    private static String chromium() {
        for (String candidate : List.of(
                System.getenv().getOrDefault("CFE_CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        boolean required = "1".equals(System.getenv("CFE_REQUIRE_BROWSER"));
        if (required) {
            throw new AssertionError("Chromium is required (apt-get install chromium) and was not found");
        }
        Assumptions.assumeTrue(false, "Chromium is not installed: the browser tests run in CI (.ci/run)");
        return "";
    }

    private static final String FRONT_END = """
            <html><body><pre id="out">running</pre><script>
            const api = "API";
            const out = {};
            (async () => {
              try {
                const token = await fetch(api + "/v1/oauth/token", {method: "POST",
                    headers: {"Content-Type": "application/x-www-form-urlencoded"},
                    body: "grant_type=client_credentials&client_id=admin&client_secret=test-secret"});
                out.token = token.status;
                const signedIn = {"Authorization": "Bearer " + (await token.json()).access_token,
                    "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"};
                const list = await fetch(api + "/v1/clients", {headers: signedIn});
                out.get = list.status;
                out.correlation = list.headers.get("X-Correlation-Id");
                const created = await fetch(api + "/v1/clients", {method: "POST",
                    headers: {...signedIn, "Content-Type": "application/json", "Idempotency-Key": "browser-1"},
                    body: JSON.stringify({client_id: "browser-mis", name: "Browser MIS", roles: ["school"],
                        school_urns: ["116000"], contact_email: "it@browser.example"})});
                out.created = created.status;
                out.location = created.headers.get("Location");
                out.etag = created.headers.get("ETag");
                const rotated = await fetch(api + out.location + "/secret", {method: "POST",
                    headers: {...signedIn, "If-Match": out.etag}});
                out.rotated = rotated.status;
              } catch (e) {
                out.error = String(e);
              }
              document.getElementById("out").textContent = JSON.stringify(out);
            })();
            </script></body></html>
            """;

    private static final String ELSEWHERE = """
            <html><body><pre id="out">running</pre><script>
            const out = {};
            fetch("API/v1/directory/aspects-of-life")
              .then(r => { out.blocked = false; out.status = r.status; })
              .catch(e => { out.blocked = true; out.error = String(e); })
              .finally(() => { document.getElementById("out").textContent = JSON.stringify(out); });
            </script></body></html>
            """;
}
