package uk.portsmouth.cfe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.gateway.openapi.OpenApiDocument;

/**
 * Every JSON answer a test sees is the one the OpenAPI document promises: it validates against the
 * schema declared for its operation and status (types, formats, enums, required fields), and it has
 * no property the schema does not declare, at any depth. {@link TestPlatform} checks every response
 * it receives, so each test of the API is also a test of the contract a generated client relies on.
 */
final class ResponseContract {

    private static final JsonNode DOCUMENT = OpenApiDocument.load().tree();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, Pattern> TEMPLATES = new LinkedHashMap<>();
    private static final Map<JsonNode, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    static {
        DOCUMENT.get("paths")
                .fieldNames()
                .forEachRemaining(template ->
                        TEMPLATES.put(template, Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+"))));
    }

    private ResponseContract() {}

    /** Fails when {@code response} is JSON that breaks the document's promise. */
    static void check(HttpResponse<String> response) {
        String method = response.request().method();
        String contentType =
                response.headers().firstValue("Content-Type").orElse("").toLowerCase();
        if (!contentType.contains("json") || response.body().isEmpty() || method.equals("HEAD")) {
            return;
        }
        URI uri = response.request().uri();
        List<String> errors = new ArrayList<>();
        Optional<JsonNode> schema = responseSchema(method, uri.getPath(), response.statusCode(), contentType, errors);
        if (schema.isPresent()) {
            JsonNode body;
            try {
                body = TestPlatform.JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError(method + " " + uri + " answered invalid JSON: " + response.body(), e);
            }
            compiled(schema.get()).validate(body).forEach(m -> errors.add(m.getMessage()));
            undeclared(schema.get(), body, "", errors);
        }
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + uri.getPath() + " " + response.statusCode()
                    + " breaks its documented schema: " + errors + "\n" + abbreviated(response.body()));
        }
    }

    /**
     * Fails when {@code body}, a webhook delivery's JSON, breaks the schema the document's
     * {@code webhooks} section declares for its event type (or names no such type).
     */
    static void checkWebhook(String body) {
        JsonNode event;
        try {
            event = TestPlatform.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("a webhook delivery is not JSON: " + body, e);
        }
        JsonNode schema = DOCUMENT.path("webhooks")
                .path(event.path("type").asText())
                .at("/post/requestBody/content/application~1json/schema");
        if (schema.isMissingNode()) {
            throw new AssertionError("the document's webhooks section has no " + event.path("type") + ": " + body);
        }
        List<String> errors = new ArrayList<>();
        compiled(schema).validate(event).forEach(m -> errors.add(m.getMessage()));
        undeclared(schema, event, "", errors);
        if (!errors.isEmpty()) {
            throw new AssertionError("a " + event.path("type") + " delivery breaks its documented schema: " + errors
                    + "\n" + abbreviated(body));
        }
    }

    /** The schema the document declares for this answer; empty for a path it does not document. */
    private static Optional<JsonNode> responseSchema(
            String method, String path, int status, String contentType, List<String> errors) {
        Optional<String> template = TEMPLATES.entrySet().stream()
                .filter(e -> e.getValue().matcher(path).matches())
                // a literal segment beats a parameter: /v1/fsps/reviews-due over /v1/fsps/{id}
                .min((a, b) -> Integer.compare(parameters(a.getKey()), parameters(b.getKey())))
                .map(Map.Entry::getKey);
        if (template.isEmpty()) {
            return Optional.empty();
        }
        JsonNode operation = DOCUMENT.get("paths").get(template.get()).get(method.toLowerCase());
        if (operation == null) {
            return Optional.empty();
        }
        JsonNode responses = operation.get("responses");
        // every success is documented by its status; a refusal may be the document's "default" problem
        JsonNode declared = responses.has(String.valueOf(status)) || status < 400
                ? responses.get(String.valueOf(status))
                : responses.get("default");
        if (declared == null) {
            errors.add("the status " + status + " is not documented for " + method + " " + template.get());
            return Optional.empty();
        }
        declared = resolve(declared);
        JsonNode content = declared.path("content");
        Iterator<String> types = content.fieldNames();
        while (types.hasNext()) {
            String type = types.next();
            if (contentType.startsWith(type)) {
                return Optional.of(content.get(type).get("schema"));
            }
        }
        errors.add("the content type " + contentType + " is not documented for " + template.get() + " " + status);
        return Optional.empty();
    }

    private static int parameters(String template) {
        return template.length() - template.replace("{", "").length();
    }

    private static JsonSchema compiled(JsonNode schema) {
        return COMPILED.computeIfAbsent(schema, s -> {
            ObjectNode root = TestPlatform.JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("allOf", TestPlatform.JSON.createArrayNode().add(s));
            root.set("components", DOCUMENT.get("components"));
            return FACTORY.getSchema(root, CONFIG);
        });
    }

    /** Every property of {@code value} must be declared by {@code schema} (open only where it says so). */
    private static void undeclared(JsonNode schema, JsonNode value, String at, List<String> errors) {
        schema = resolve(schema);
        if (schema.has("oneOf") || schema.has("anyOf")) {
            for (JsonNode option : schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf")) {
                List<String> optionErrors = new ArrayList<>();
                undeclared(option, value, at, optionErrors);
                if (optionErrors.isEmpty() && compiled(option).validate(value).isEmpty()) {
                    return;
                }
            }
            return; // the validator reports an instance no option takes
        }
        if (value.isObject()) {
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            JsonNode additional = collect(schema, properties);
            if (properties.isEmpty() && additional == null) {
                errors.add(at + " is an object with no declared properties");
                return;
            }
            value.fields().forEachRemaining(field -> {
                JsonNode declared = properties.getOrDefault(field.getKey(), additional);
                if (declared == null || declared.isBoolean() && !declared.asBoolean()) {
                    errors.add(at + "/" + field.getKey() + " is not in the schema");
                } else if (!declared.isBoolean()) {
                    undeclared(declared, field.getValue(), at + "/" + field.getKey(), errors);
                }
            });
        } else if (value.isArray()) {
            JsonNode items = items(schema);
            if (items == null || items.isEmpty()) {
                errors.add(at + " is an array whose items have no schema");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                undeclared(items, value.get(i), at + "/" + i, errors);
            }
        }
    }

    /** The properties of {@code schema} and its {@code allOf} parts; answers its additionalProperties. */
    private static JsonNode collect(JsonNode schema, Map<String, JsonNode> properties) {
        schema = resolve(schema);
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
            additional = null;
        }
        for (JsonNode part : schema.path("allOf")) {
            JsonNode partAdditional = collect(part, properties);
            additional = additional == null ? partAdditional : additional;
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            JsonNode earlier = properties.get(p.getKey());
            // a typed override (a page's contents) replaces the general declaration
            if (earlier == null || !resolve(p.getValue()).isEmpty() && !isUntypedArray(p.getValue())) {
                properties.put(p.getKey(), p.getValue());
            }
        });
        return additional;
    }

    private static boolean isUntypedArray(JsonNode schema) {
        return schema.has("items") && schema.get("items").isEmpty();
    }

    private static JsonNode items(JsonNode schema) {
        schema = resolve(schema);
        if (schema.has("items")) {
            return schema.get("items");
        }
        JsonNode found = null;
        for (JsonNode part : schema.path("allOf")) {
            JsonNode items = items(part);
            found = items != null && !items.isEmpty() ? items : found;
        }
        return found;
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = DOCUMENT.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private static String abbreviated(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }
}
