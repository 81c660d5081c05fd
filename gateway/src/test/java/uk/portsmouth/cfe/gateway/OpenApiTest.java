package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * The served OpenAPI document is valid, every documented operation exists, nothing else is
 * routed (the document is the one route list), and every operation documents its errors.
 */
class OpenApiTest {

    private static TestPlatform platform;
    private static OpenAPI document;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        HttpResponse<String> served = platform.get("/openapi?format=json");
        assertThat(served.statusCode(), is(200));
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body());
        assertThat(parsed.getMessages(), empty());
        document = parsed.getOpenAPI();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static List<String> documented() {
        List<String> operations = new ArrayList<>();
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operations.add(method.name() + " " + path)));
        return operations;
    }

    /**
     * The document is the one route list: on a documented path, every method it does not give is
     * 405 naming the ones it does (so no route exists outside the document), HEAD answers as GET
     * does (without the body) wherever GET is documented, and an undocumented path is 404.
     */
    @Test
    void theDocumentIsTheRouteList() {
        for (Map.Entry<String, PathItem> entry : document.getPaths().entrySet()) {
            java.util.Set<String> documentedMethods = new java.util.TreeSet<>();
            entry.getValue().readOperationsMap().keySet().forEach(m -> documentedMethods.add(m.name()));
            String path = concrete(entry.getKey());
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                if (documentedMethods.contains(method) || anotherTemplateTakes(entry.getKey(), path, method)) {
                    continue;
                }
                HttpResponse<String> response = platform.send(HttpRequest.newBuilder(platform.uri(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json"));
                assertThat(method + " " + entry.getKey(), response.statusCode(), is(405));
                assertThat(
                        method + " " + entry.getKey(),
                        response.headers().firstValue("Allow").orElse(""),
                        is(String.join(", ", documentedMethods) + (documentedMethods.contains("GET") ? ", HEAD" : "")));
            }
            if (documentedMethods.contains("GET")) {
                HttpResponse<String> head = platform.send(
                        HttpRequest.newBuilder(platform.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
                assertThat(
                        "HEAD " + entry.getKey(),
                        head.statusCode(),
                        is(platform.get(path).statusCode()));
                assertThat("HEAD " + entry.getKey(), head.body(), is(""));
            }
        }
        assertThat(platform.get("/v1/not-a-resource").statusCode(), is(404));
    }

    /**
     * Whether another documented template also fits {@code path} with {@code method} (e.g. PUT /v1/fsps/{id} for
     * /v1/fsps/reviews-due).
     */
    private static boolean anotherTemplateTakes(String template, String path, String method) {
        return document.getPaths().entrySet().stream()
                .filter(e -> !e.getKey().equals(template))
                .filter(e -> path.matches(e.getKey().replaceAll("\\{[a-z_]+}", "[^/]+")))
                .anyMatch(e -> e.getValue().readOperationsMap().keySet().stream()
                        .anyMatch(m -> m.name().equals(method)));
    }

    private static String concrete(String template) {
        return template.replace("{id}", "6b0c2c1e-0000-4000-8000-000000000000")
                .replace("{urn}", "116000")
                .replace("{upn}", "B801200005001")
                .replace("{member_id}", "adult-1")
                .replace("{action_id}", "action-1")
                .replace("{delivery_id}", "dlv_1")
                .replace("{number}", "1")
                .replace("{file}", "swagger-ui.css");
    }

    @Test
    void everyDocumentedOperationIsRouted() {
        for (String route : documented()) {
            String[] parts = route.split(" ");
            String path = concrete(parts[1]);
            HttpResponse<String> response = platform.send(HttpRequest.newBuilder(platform.uri(path))
                    .method(
                            parts[0],
                            parts[0].equals("GET")
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json"));
            assertThat(route, response.statusCode(), not(405));
            assertThat(route + " " + response.body(), response.body().contains("There is no resource at"), is(false));
        }
    }

    @Test
    void everyWriteDocumentsItsSecurityAndErrors() {
        for (Map.Entry<String, PathItem> entry : document.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op :
                    entry.getValue().readOperationsMap().entrySet()) {
                String name = op.getKey() + " " + entry.getKey();
                if ((entry.getKey().startsWith("/v1/directory")
                                || entry.getKey().startsWith("/v1/contacts")
                                || entry.getKey().startsWith("/v1/schools")
                                || entry.getKey().startsWith("/v1/fsps")
                                || entry.getKey().startsWith("/v1/meetings")
                                        && !entry.getKey().endsWith("/calendar-feeds"))
                        && op.getKey() != PathItem.HttpMethod.GET) {
                    assertThat(name, op.getValue().getSecurity().isEmpty(), is(false));
                    assertThat(name, op.getValue().getResponses(), hasKey("401"));
                    assertThat(name, op.getValue().getResponses(), hasKey("403"));
                    assertThat(name, op.getValue().getResponses(), hasKey("400"));
                }
                if (entry.getKey().contains("{id}") || entry.getKey().contains("{urn}")) {
                    assertThat(name, op.getValue().getResponses(), hasKey("404"));
                }
            }
        }
    }

    /** The schema's text limits are the services' own (platform TextLimits): the edge and the service agree. */
    @Test
    void textLimitsAreTheServicesOwn() {
        Map<String, Integer> expected = new java.util.TreeMap<>(Map.of(
                "ServiceInput.name", TextLimits.ORUK_NAME,
                "OrganizationInput.name", TextLimits.ORUK_NAME,
                "ServiceInput.description", TextLimits.DESCRIPTION,
                "OrganizationInput.description", TextLimits.DESCRIPTION,
                "MinutesInput.text", TextLimits.MINUTES,
                "SlotBookingInput.concern", TextLimits.SUMMARY,
                "SlotBookingInput.child_name", TextLimits.NAME,
                "LegalActionInput.note", TextLimits.SUMMARY,
                "RollRemovalInput.note", TextLimits.SUMMARY));
        for (String schema : List.of(
                "TeamInput",
                "SchoolInput",
                "NamedContactInput",
                "RegistrationInput",
                "ProfessionalInput",
                "MeetingSeriesInput")) {
            expected.put(schema + ".name", TextLimits.NAME);
        }
        Map<String, Integer> documented = new java.util.TreeMap<>();
        expected.keySet().forEach(field -> {
            String[] parts = field.split("\\.");
            Map<String, io.swagger.v3.oas.models.media.Schema> properties =
                    document.getComponents().getSchemas().get(parts[0]).getProperties();
            io.swagger.v3.oas.models.media.Schema<?> property = properties.get(parts[1]);
            documented.put(field, property == null ? null : property.getMaxLength());
        });
        assertThat(documented, is(expected));
    }

    /** Every POST but those whose answer holds a secret takes an Idempotency-Key and documents 422. */
    @Test
    void everyPostTakesAnIdempotencyKey() {
        document.getPaths().forEach((path, item) -> {
            if (item.getPost() == null
                    || path.startsWith("/v1/oauth")
                    || path.startsWith("/v1/clients")
                    || path.startsWith("/v1/webhooks")
                    || path.endsWith("/calendar-feeds")) {
                return;
            }
            List<String> parameters = item.getPost().getParameters() == null
                    ? List.of()
                    : item.getPost().getParameters().stream()
                            .map(p -> p.getName() != null ? p.getName() : p.get$ref())
                            .toList();
            assertThat(
                    path,
                    parameters.stream().anyMatch(p -> p.endsWith("IdempotencyKey") || p.equals("Idempotency-Key")),
                    is(true));
            assertThat(path, item.getPost().getResponses(), hasKey("422"));
        });
    }

    /** Generated clients name their methods after operationIds: one on every operation, unique, verb first. */
    @Test
    void everyOperationHasAUniqueVerbNounId() {
        List<String> ids = new ArrayList<>();
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    assertThat(method + " " + path, operation.getOperationId() == null, is(false));
                    assertThat(
                            operation.getOperationId(),
                            operation.getOperationId().matches("[a-z]+[A-Z][A-Za-z]+"),
                            is(true));
                    ids.add(operation.getOperationId());
                }));
        assertThat(ids.size(), is(new java.util.HashSet<>(ids).size()));
    }

    /**
     * Generated clients get a type for every answer: each JSON body (success or request) is a named
     * schema, and no schema anywhere is an object or array left untyped (only the generic page's
     * contents, which every typed page overrides, and an explicitly free-form object).
     */
    @Test
    void everyBodyIsANamedTypedSchema() {
        com.fasterxml.jackson.databind.JsonNode tree =
                uk.portsmouth.cfe.gateway.openapi.OpenApiDocument.load().tree();
        List<String> untyped = new ArrayList<>();
        tree.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    op.getValue().path("responses").properties().forEach(response -> {
                        if (response.getKey().startsWith("2")) {
                            response.getValue().path("content").properties().forEach(content -> {
                                if (content.getKey().contains("json")
                                        && !path.getKey().equals("/openapi")) {
                                    if (!content.getValue().path("schema").has("$ref")) {
                                        untyped.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
                                    }
                                }
                            });
                        }
                    });
                    op.getValue()
                            .path("requestBody")
                            .path("content")
                            .properties()
                            .forEach(content -> {
                                if (content.getKey().contains("json")
                                        && !content.getValue().path("schema").has("$ref")) {
                                    untyped.add(op.getKey() + " " + path.getKey() + " body");
                                }
                            });
                }));
        tree.at("/components/schemas")
                .properties()
                .forEach(schema -> untypedIn(schema.getValue(), "#/components/schemas/" + schema.getKey(), untyped));
        assertThat(untyped, empty());
    }

    private static void untypedIn(com.fasterxml.jackson.databind.JsonNode schema, String at, List<String> untyped) {
        if (!schema.isObject()) {
            return;
        }
        boolean freeForm = schema.path("additionalProperties").asBoolean(false)
                || schema.path("additionalProperties").isObject();
        if (schema.path("type").asText().equals("object")
                && !schema.has("properties")
                && !schema.has("allOf")
                && !freeForm) {
            untyped.add(at + " is an object without properties");
        }
        if (schema.path("type").asText().equals("array")
                && schema.path("items").isEmpty()
                && !at.equals("#/components/schemas/Page/properties/contents")) {
            untyped.add(at + " is an array of anything");
        }
        schema.properties().forEach(child -> {
            if (child.getValue().isArray()) {
                for (int i = 0; i < child.getValue().size(); i++) {
                    untypedIn(child.getValue().get(i), at + "/" + child.getKey() + "/" + i, untyped);
                }
            } else {
                untypedIn(child.getValue(), at + "/" + child.getKey(), untyped);
            }
        });
    }

    /** Every 201 documents the Location it names (the routes answer with one: Json.created). */
    @Test
    void everyCreateDocumentsItsLocation() {
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    var created = operation.getResponses().get("201");
                    if (created != null) {
                        assertThat(
                                method + " " + path,
                                created.getHeaders() != null
                                        && created.getHeaders().containsKey("Location"),
                                is(true));
                    }
                }));
    }

    /** Every /v1 read declares its security, optional ({}) where it is public, so an SDK sends a token it holds. */
    @Test
    void everyReadDeclaresItsSecurity() {
        document.getPaths().forEach((path, item) -> {
            if (path.startsWith("/v1/") && item.getGet() != null) {
                assertThat(
                        path,
                        item.getGet().getSecurity() != null
                                && !item.getGet().getSecurity().isEmpty(),
                        is(true));
            }
        });
    }

    /**
     * The document as served reads the same to a YAML 1.1 reader (SnakeYAML, PyYAML, the generators'):
     * no key and no string value that such a reader turns into a boolean ("on", "n", "yes"...).
     */
    @Test
    void aYaml11ReaderSeesNoBooleanWhereAStringIs() {
        Object read =
                new org.yaml.snakeyaml.Yaml().load(platform.get("/openapi").body());
        List<String> booleans = new ArrayList<>();
        booleansIn(read, "", booleans);
        assertThat(booleans, empty());
    }

    private static void booleansIn(Object node, String at, List<String> booleans) {
        if (node instanceof java.util.Map<?, ?> map) {
            boolean booleanSchema = "boolean".equals(map.get("type"));
            map.forEach((key, value) -> {
                if (!(key instanceof String)) {
                    booleans.add(at + ": key " + key);
                }
                if (key.equals("enum") && !booleanSchema && value instanceof List<?> values) {
                    values.stream().filter(v -> v instanceof Boolean).forEach(v -> booleans.add(at + "/enum: " + v));
                }
                booleansIn(value, at + "/" + key, booleans);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                booleansIn(list.get(i), at + "/" + i, booleans);
            }
        }
    }

    /**
     * A generated client tells the alternatives of an anyOf/oneOf apart: each object alternative
     * names the properties it must have, and no two alternatives require the same set.
     */
    @Test
    void everyAlternativeIsDistinguishable() {
        com.fasterxml.jackson.databind.JsonNode tree =
                uk.portsmouth.cfe.gateway.openapi.OpenApiDocument.load().tree();
        List<String> ambiguous = new ArrayList<>();
        alternativesIn(tree.path("components"), tree, "#/components", ambiguous);
        assertThat(ambiguous, empty());
    }

    private static void alternativesIn(
            com.fasterxml.jackson.databind.JsonNode node,
            com.fasterxml.jackson.databind.JsonNode tree,
            String at,
            List<String> ambiguous) {
        if (!node.isContainerNode()) {
            return;
        }
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (node.path(keyword).isArray() && !node.has("discriminator")) {
                List<String> required = new ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode alternative : node.get(keyword)) {
                    com.fasterxml.jackson.databind.JsonNode schema = alternative.has("$ref")
                            ? tree.at(alternative.get("$ref").asText().substring(1))
                            : alternative;
                    if (schema.path("type").asText().equals("object") || schema.has("properties")) {
                        String names = schema.path("required").toString();
                        if (schema.path("required").isEmpty() || required.contains(names)) {
                            ambiguous.add(at + "/" + keyword);
                        }
                        required.add(names);
                    }
                }
            }
        }
        node.properties()
                .forEach(child -> alternativesIn(child.getValue(), tree, at + "/" + child.getKey(), ambiguous));
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                alternativesIn(node.get(i), tree, at + "/" + i, ambiguous);
            }
        }
    }

    @Test
    void servesYamlByDefault() {
        HttpResponse<String> yaml = platform.get("/openapi");
        assertThat(yaml.headers().firstValue("Content-Type").orElse(""), is("application/yaml"));
        assertThat(yaml.body().startsWith("openapi: 3.1.0"), is(true));
    }
}
