package uk.portsmouth.cfe.gateway.openapi;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import uk.portsmouth.cfe.gateway.http.HeadRequests;
import uk.portsmouth.cfe.gateway.http.Problems;

/**
 * {@code /docs}: the API reference, Swagger UI rendering the live OpenAPI document, its files served
 * from the pinned webjar in the gateway's own jar (no CDN). The demo clients can get a token from
 * the page (Authorize, oauth2 client credentials) and try any route.
 */
public final class ApiReferencePage implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/docs";

    /** The webjar's files the page loads, and their types: nothing else is served. */
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript");

    // tags start folded (docExpansion none): laying out every one of some 150 operations at once
    // kept Swagger UI from showing the later tags for tens of seconds
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>CFE Platform API</title>
            <link rel="stylesheet" href="/docs/swagger-ui.css"></head>
            <body><div id="ui"></div>
            <script src="/docs/swagger-ui-bundle.js"></script>
            <script src="/docs/swagger-ui-standalone-preset.js"></script>
            <script>
            window.ui = SwaggerUIBundle({url: "/openapi?format=json", dom_id: "#ui", deepLinking: true, docExpansion: "none",
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout"});
            </script></body></html>
            """;

    private final String webjar;

    public ApiReferencePage() {
        this.webjar = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::page).get("/{file}", this::file);
    }

    private void page(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        HeadRequests.send(req, res, PAGE);
    }

    private void file(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        String type = FILES.get(file);
        if (type == null) {
            throw Problems.notFound("There is no resource at " + req.path().path());
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(webjar + file)) {
            if (in == null) {
                throw new IllegalStateException(webjar + file + " is missing from the classpath");
            }
            res.status(Status.OK_200)
                    .header(HeaderNames.CONTENT_TYPE, type)
                    .header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
            HeadRequests.send(req, res, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of the Swagger UI webjar on the classpath (its own pom.properties, so the pom pins it once). */
    private static String webjarVersion() {
        try (InputStream in = ApiReferencePage.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("The Swagger UI webjar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
