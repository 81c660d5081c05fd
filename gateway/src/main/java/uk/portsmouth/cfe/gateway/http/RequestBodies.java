package uk.portsmouth.cfe.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.portsmouth.cfe.platform.errors.FieldError;

/**
 * Reads a JSON body safely: JSON content type only, a size limit, well-formed JSON, and valid
 * against the request schema in the OpenAPI document, so every problem is reported with its
 * field before anything is sent to a service.
 */
public final class RequestBodies {

    private final long maxBytes;
    private final JsonNode components;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .format(new RememberedDates())
                    .build()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();

    /** {@code openApi} is the parsed OpenAPI document whose components hold the request schemas. */
    public RequestBodies(JsonNode openApi, long maxBytes) {
        this.maxBytes = maxBytes;
        this.components = openApi.get("components");
    }

    /** The largest body {@link #read} takes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The body, checked against {@code #/components/schemas/<schemaName>}. */
    public JsonNode read(ServerRequest request, String schemaName) {
        if (!isJson(request)) {
            throw Problems.unsupportedMediaType();
        }
        return validated(parse(readBounded(request, maxBytes)), schemaName);
    }

    /** Whether the request says its body is JSON. */
    public static boolean isJson(ServerRequest request) {
        return request.headers()
                .first(HeaderNames.CONTENT_TYPE)
                .orElse("")
                .toLowerCase()
                .matches("application/([a-z.+-]*\\+)?json\\s*(;.*)?");
    }

    /** A bulk body (a batch of marks) of at most {@code limit} bytes, read whole. */
    public byte[] readBulk(ServerRequest request, long limit) {
        return readBounded(request, limit);
    }

    /** A bulk JSON body (from {@link #readBulk}), checked against {@code #/components/schemas/<schemaName>}. */
    public JsonNode validatedJson(byte[] bytes, String schemaName) {
        return validated(parse(bytes), schemaName);
    }

    /** Every problem of the body at once: characters no field takes, and everything the schema says. */
    private JsonNode validated(JsonNode body, String schemaName) {
        List<FieldError> unprintable = new ArrayList<>();
        InputText.checkJson(body, "", unprintable);
        List<FieldError> errors = new ArrayList<>(unprintable);
        try {
            schema(schemaName).validate(body).stream()
                    .sorted(Comparator.comparing(m -> m.getInstanceLocation().toString()))
                    .map(RequestBodies::fieldError)
                    .distinct()
                    .filter(e -> !errors.contains(e))
                    .forEach(errors::add);
        } catch (RuntimeException validatorChoked) {
            // a value no field takes (a number beyond any range) can stop the validator itself: those are the answer
            if (unprintable.isEmpty()) {
                throw validatorChoked;
            }
        }
        if (!errors.isEmpty()) {
            boolean shape = errors.size() > unprintable.size();
            throw Problems.invalid(
                    shape
                            ? "The body does not match the " + schemaName + " schema"
                            : "The body holds characters no field takes",
                    errors);
        }
        return body;
    }

    /** A body as read back by a client, less the fields the server owns ({@code id}, {@code last_modified}...). */
    public static JsonNode withoutServerFields(JsonNode body, List<String> serverFields) {
        ObjectNode copy = body.deepCopy();
        copy.remove(serverFields);
        return copy;
    }

    /** An update's body may repeat the record's id, but not name another record. */
    public static void requireIdOfPath(JsonNode body, String id) {
        requireKeyOfPath(body, "id", id);
    }

    /** As {@link #requireIdOfPath}, for a record keyed by {@code field} (a school's urn...). */
    public static void requireKeyOfPath(JsonNode body, String field, String value) {
        if (body.hasNonNull(field) && !body.get(field).asText().equals(value)) {
            throw Problems.invalidParameter(
                    "/" + field, field + " in the body must match the " + field + " in the path");
        }
    }

    /** The schema of {@code #/components/schemas/<name>}, compiled once. */
    private JsonSchema schema(String name) {
        return schemas.computeIfAbsent(name, n -> {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#/components/schemas/" + n);
            root.set("components", components);
            return factory.getSchema(root, config);
        });
    }

    private static byte[] readBounded(ServerRequest request, long maxBytes) {
        Optional<byte[]> readAhead = IdempotencyKeys.readAhead(request);
        if (readAhead.isPresent()) {
            if (readAhead.get().length > maxBytes) {
                throw Problems.tooLarge(maxBytes);
            }
            return readAhead.get();
        }
        request.headers().contentLength().ifPresent(length -> {
            if (length > maxBytes) {
                throw Problems.tooLarge(maxBytes);
            }
        });
        return RequestEntities.readBounded(request, maxBytes);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw Problems.malformedJson("The body is empty");
        }
        try {
            JsonNode body = Json.MAPPER.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw Problems.malformedJson("The body must be a JSON object");
            }
            return body;
        } catch (StreamConstraintsException e) {
            throw Problems.malformedJson("The body is nested deeper than any request needs");
        } catch (JsonProcessingException e) {
            throw Problems.malformedJson(
                    e.getLocation() == null
                            ? "Malformed JSON"
                            : "Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Set<String> PROPERTY_KEYWORDS =
            Set.of("required", "additionalProperties", "dependentRequired");

    private static FieldError fieldError(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        if (PROPERTY_KEYWORDS.contains(message.getType()) && message.getProperty() != null) {
            pointer = (pointer.equals("/") || pointer.isEmpty() ? "" : pointer) + "/" + message.getProperty();
        }
        if (pointer.isEmpty()) {
            pointer = "/";
        }
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return new FieldError(pointer, colon >= 0 ? text.substring(colon + 2) : text);
    }
}
