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
        String chromium = chromium();
        Path profile = Files.createTempDirectory("cfe-chromium");
        Process browser = new ProcessBuilder(List.of(
                        chromium,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=20000",
                        "--dump-dom",
                        url))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("Chromium finished", browser.waitFor(60, TimeUnit.SECONDS), is(true));
        return dom;
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
