package uk.portsmouth.cfe.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.platform.errors.FieldError;

/**
 * Every bound the document gives a query parameter, enforced before any route runs: a whole
 * number within its minimum and maximum, a value of its enum (each of a list's values), a boolean
 * that is true or false. A documented bound a request breaks is a 400 naming the parameter, all
 * of a request's at once; what the document does not bound is left to the route.
 */
public final class DocumentedParameters {

    private final DocumentedRoutes routes;
    /** "GET /v1/schools/{urn}/pupils" -> its query parameters' schemas by name. */
    private final Map<String, Map<String, JsonNode>> queryParameters = new HashMap<>();

    public DocumentedParameters(JsonNode openApi, DocumentedRoutes routes) {
        this.routes = routes;
        openApi.path("paths").properties().forEach(path -> {
            JsonNode shared = path.getValue().path("parameters");
            path.getValue().properties().forEach(operation -> {
                if (!operation.getValue().isObject() || operation.getKey().equals("parameters")) {
                    return;
                }
                Map<String, JsonNode> query = new HashMap<>();
                for (JsonNode list : List.of(shared, operation.getValue().path("parameters"))) {
                    for (JsonNode parameter : list) {
                        JsonNode resolved = parameter.has("$ref")
                                ? openApi.at(parameter.get("$ref").asText().substring(1))
                                : parameter;
                        if (resolved.path("in").asText().equals("query")) {
                            query.put(resolved.path("name").asText(), resolved.path("schema"));
                        }
                    }
                }
                queryParameters.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), query);
            });
        });
    }

    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String method = request.prologue().method().text();
        Map<String, JsonNode> documented = routes.templateOf(request.path().path())
                .map(template -> queryParameters.getOrDefault(
                        (method.equals("HEAD") ? "GET" : method) + " " + template, Map.of()))
                .orElse(Map.of());
        List<FieldError> errors = new ArrayList<>();
        documented.forEach((name, schema) -> {
            if (request.query().contains(name)) {
                for (String value : request.query().all(name)) {
                    check(name, value, schema, errors);
                }
            }
        });
        if (!errors.isEmpty()) {
            throw Problems.invalid("The query is not valid", errors);
        }
        chain.proceed();
    }

    private static void check(String name, String value, JsonNode schema, List<FieldError> errors) {
        if (schema.path("type").asText().equals("array")) {
            for (String item : value.split(",", -1)) {
                check(name, item.strip(), schema.path("items"), errors);
            }
            return;
        }
        switch (schema.path("type").asText()) {
            case "integer" -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(value);
                } catch (NumberFormatException e) {
                    errors.add(new FieldError(name, name + " must be a whole number"));
                    return;
                }
                if (number.stripTrailingZeros().scale() > 0) {
                    errors.add(new FieldError(name, name + " must be a whole number"));
                } else if (schema.has("minimum")
                        && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
                    errors.add(new FieldError(
                            name,
                            name + " must be at least " + schema.get("minimum").asText()));
                } else if (schema.has("maximum")
                        && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
                    errors.add(new FieldError(
                            name,
                            name + " must be at most " + schema.get("maximum").asText()));
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    errors.add(new FieldError(name, name + " must be true or false"));
                }
            }
            default -> {
                if (schema.path("enum").isArray() && !value.isEmpty()) {
                    List<String> allowed = new ArrayList<>();
                    schema.get("enum").forEach(v -> allowed.add(v.asText()));
                    if (!allowed.contains(value)) {
                        errors.add(new FieldError(name, name + " must be one of " + String.join(", ", allowed)));
                    }
                }
            }
        }
    }
}
