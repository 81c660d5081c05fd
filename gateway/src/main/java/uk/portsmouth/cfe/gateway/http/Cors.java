package uk.portsmouth.cfe.gateway.http;

import io.helidon.config.Config;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS as the Fetch standard has browsers ask for it: a preflight's
 * {@code Access-Control-Request-Headers} is a comma-separated list with optional whitespace,
 * compared without case; the configured front ends' origins may call every route with the headers
 * the API uses, and read the response headers it sets; the ORUK feed is open to every origin
 * (ORUK profile rule). Bearer tokens, not cookies: credentials mode is never allowed. Any other
 * origin, and a preflight that asks for anything else, is 403 without CORS headers, so the
 * browser refuses the call.
 */
public final class Cors {

    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    private static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
    private static final HeaderName ALLOW_METHODS = HeaderNames.create("Access-Control-Allow-Methods");
    private static final HeaderName ALLOW_HEADERS = HeaderNames.create("Access-Control-Allow-Headers");
    private static final HeaderName EXPOSE_HEADERS = HeaderNames.create("Access-Control-Expose-Headers");
    private static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    /** The request headers the API reads (lower case: header names compare without case). */
    private static final Set<String> HEADERS = Set.of(
            "authorization",
            "content-type",
            "accept",
            "accept-language",
            "content-language",
            "if-match",
            "if-none-match",
            "idempotency-key",
            "x-correlation-id",
            "x-purpose",
            "traceparent",
            "tracestate");

    private static final String EXPOSED = String.join(
            ", ",
            "ETag",
            "Location",
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset",
            "X-Correlation-Id",
            "Idempotent-Replayed",
            "Link",
            "Content-Disposition");

    private final Set<String> origins;

    private Cors(Set<String> origins) {
        this.origins = origins;
    }

    /** {@code cors.allowed-origins}: a YAML list, or a comma-separated value (env CORS_ALLOWED_ORIGINS). */
    public static Cors fromConfig(Config cors) {
        List<String> origins = cors.get("allowed-origins")
                .asString()
                .map(s -> Arrays.stream(s.split(","))
                        .map(String::strip)
                        .filter(o -> !o.isEmpty())
                        .toList())
                .orElseGet(
                        () -> cors.get("allowed-origins").asList(String.class).orElse(List.of()));
        return new Cors(Set.copyOf(origins.isEmpty() ? List.of("http://localhost:3000") : origins));
    }

    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            chain.proceed();
            return;
        }
        boolean oruk =
                request.path().path().equals("/oruk") || request.path().path().startsWith("/oruk/");
        boolean allowed = oruk || origins.contains(origin.get());
        if (request.prologue().method() == Method.OPTIONS && request.headers().contains(REQUEST_METHOD)) {
            preflight(request, response, origin.get(), allowed, oruk);
            return;
        }
        if (!allowed) {
            // a page from a site that is not one of the council's front ends gets nothing
            throw Problems.forbidden("This origin may not call the API from a browser");
        }
        response.header(ALLOW_ORIGIN, oruk ? "*" : origin.get());
        response.header(EXPOSE_HEADERS, EXPOSED);
        response.header(HeaderNames.VARY, "Origin");
        chain.proceed();
    }

    private static void preflight(
            RoutingRequest request, RoutingResponse response, String origin, boolean allowed, boolean oruk) {
        String method = request.headers().first(REQUEST_METHOD).orElse("").strip();
        List<String> asked = Arrays.stream(
                        request.headers().first(REQUEST_HEADERS).orElse("").split(","))
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .toList();
        Set<String> methods = oruk ? Set.of("GET", "HEAD") : METHODS;
        response.header(HeaderNames.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (allowed && methods.contains(method) && HEADERS.containsAll(asked)) {
            response.header(ALLOW_ORIGIN, oruk ? "*" : origin)
                    .header(ALLOW_METHODS, methods.stream().sorted().collect(Collectors.joining(", ")))
                    .header(ALLOW_HEADERS, String.join(", ", asked))
                    .header(MAX_AGE, "600");
            response.status(Status.NO_CONTENT_204).send();
            return;
        }
        // no CORS headers: the browser refuses the call it asked about
        throw Problems.forbidden("This origin, method or request header is not allowed across origins");
    }
}
