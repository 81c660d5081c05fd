package uk.portsmouth.cfe.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import uk.portsmouth.cfe.gateway.http.HeadRequests;
import uk.portsmouth.cfe.gateway.http.Json;

/**
 * The API's OpenAPI 3.1 document ({@code cfe-openapi.yaml}): served at {@code /openapi} (YAML, or
 * JSON when asked), and the source of the request schemas the gateway validates bodies against.
 */
public final class OpenApiDocument {

    private static final String RESOURCE = "cfe-openapi.yaml";

    private final String yaml;
    private final JsonNode tree;

    private OpenApiDocument(String yaml, JsonNode tree) {
        this.yaml = yaml;
        this.tree = tree;
    }

    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new OpenApiDocument(yaml, new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode tree() {
        return tree;
    }

    /** {@code GET /openapi}: JSON for {@code Accept: application/json} or {@code ?format=json}, else YAML. */
    public void serve(ServerRequest req, ServerResponse res) {
        boolean json = req.query().first("format").map("json"::equals).orElse(false)
                || req.headers()
                        .first(HeaderNames.ACCEPT)
                        .map(a -> a.contains("json"))
                        .orElse(false);
        res.header(HeaderNames.CONTENT_TYPE, json ? "application/json" : "application/yaml");
        HeadRequests.send(req, res, json ? Json.write(tree) : yaml);
    }
}
