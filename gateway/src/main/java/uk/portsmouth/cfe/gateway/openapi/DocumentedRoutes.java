package uk.portsmouth.cfe.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gateway's routes as the OpenAPI document declares them: the one list of what exists. A
 * request on a documented path with a method the document does not give it is answered 405 with
 * the documented methods in {@code Allow}; the route tests and the permission matrix walk the same
 * document.
 */
public final class DocumentedRoutes {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** A documented path: its segments, each literal or (null) a parameter, e.g. "/v1/schools/{urn}". */
    private record Route(String template, String[] segments, int literalSegments, Set<String> methods) {

        boolean matches(String[] path) {
            for (int i = 0; i < segments.length; i++) {
                String literal = segments[i];
                if (literal == null ? path[i].isEmpty() : !literal.equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The routes by their number of segments, the most specific first within each. Every request
     * looks its path up here (metrics, traces, parameters, HEAD), so it is a comparison of a few
     * strings, not a regular expression per documented path.
     */
    private final Map<Integer, List<Route>> routesBySegmentCount = new HashMap<>();

    public DocumentedRoutes(JsonNode openApi) {
        List<Route> routes = new ArrayList<>();
        for (Iterator<String> paths = openApi.path("paths").fieldNames(); paths.hasNext(); ) {
            String template = paths.next();
            Set<String> methods = new TreeSet<>();
            openApi.path("paths").path(template).fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    methods.add(m.toUpperCase(Locale.ROOT));
                }
            });
            String[] segments = segments(template);
            int literal = 0;
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].startsWith("{") && segments[i].endsWith("}")) {
                    segments[i] = null;
                } else {
                    literal++;
                }
            }
            routes.add(new Route(template, segments, literal, methods));
        }
        // the most specific template first: /v1/meetings/series before /v1/meetings/{id}
        routes.sort(Comparator.comparingInt(Route::literalSegments).reversed());
        for (Route route : routes) {
            routesBySegmentCount
                    .computeIfAbsent(route.segments().length, n -> new ArrayList<>())
                    .add(route);
        }
    }

    /**
     * The documented template {@code path} matches ("/v1/schools/{urn}/pupils"): what traces and
     * metrics name a request by, so no identifier in a path (a child's UPN) leaves in a span name.
     */
    public Optional<String> templateOf(String path) {
        return routeOf(path).map(Route::template);
    }

    /**
     * The methods the document gives {@code path} (a concrete path, trailing slash ignored); empty when it
     * documents no such path.
     */
    public Optional<Set<String>> methodsOf(String path) {
        return routeOf(path).map(Route::methods);
    }

    /** The most specific documented route matching {@code path} (a trailing slash ignored). */
    private Optional<Route> routeOf(String path) {
        String plain = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] segments = segments(plain);
        for (Route route : routesBySegmentCount.getOrDefault(segments.length, List.of())) {
            if (route.matches(segments)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** "/v1/schools/123" as ["v1", "schools", "123"] ("/" as none; empty segments kept: "//" matches nothing). */
    private static String[] segments(String path) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        return rest.isEmpty() ? new String[0] : rest.split("/", -1);
    }
}
