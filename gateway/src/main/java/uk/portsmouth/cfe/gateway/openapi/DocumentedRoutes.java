package uk.portsmouth.cfe.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The gateway's routes as the OpenAPI document declares them: the one list of what exists. A
 * request on a documented path with a method the document does not give it is answered 405 with
 * the documented methods in {@code Allow}; the route tests and the permission matrix walk the same
 * document.
 */
public final class DocumentedRoutes {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private record Route(String template, Pattern pattern, int literalSegments, Set<String> methods) {}

    private final List<Route> routes = new ArrayList<>();

    public DocumentedRoutes(JsonNode openApi) {
        for (Iterator<String> paths = openApi.path("paths").fieldNames(); paths.hasNext(); ) {
            String template = paths.next();
            Set<String> methods = new TreeSet<>();
            openApi.path("paths").path(template).fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    methods.add(m.toUpperCase(Locale.ROOT));
                }
            });
            String regex = Pattern.quote(template).replaceAll("\\{[a-z_]+}", "\\\\E[^/]+\\\\Q");
            int literal = (int) java.util.Arrays.stream(template.split("/"))
                    .filter(s -> !s.isEmpty() && !s.startsWith("{"))
                    .count();
            routes.add(new Route(template, Pattern.compile(regex), literal, methods));
        }
        // the most specific template first: /v1/meetings/series before /v1/meetings/{id}
        routes.sort(Comparator.comparingInt(Route::literalSegments).reversed());
    }

    /**
     * The documented template {@code path} matches ("/v1/schools/{urn}/pupils"): what traces and
     * metrics name a request by, so no identifier in a path (a child's UPN) leaves in a span name.
     */
    public Optional<String> templateOf(String path) {
        String plain = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return routes.stream()
                .filter(r -> r.pattern().matcher(plain).matches())
                .findFirst()
                .map(Route::template);
    }

    /**
     * The methods the document gives {@code path} (a concrete path, trailing slash ignored); empty when it
     * documents no such path.
     */
    public Optional<Set<String>> methodsOf(String path) {
        String plain = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return routes.stream()
                .filter(r -> r.pattern().matcher(plain).matches())
                .findFirst()
                .map(Route::methods);
    }
}
