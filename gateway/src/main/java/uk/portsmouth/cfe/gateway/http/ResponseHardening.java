package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * Headers that keep personal data where it belongs: no response is content-sniffed by a browser,
 * and nothing but the public directory, the ORUK feed and the API description may be kept by a
 * browser or a shared cache (plans, pupils, attendance, contacts, registrations, exports, PDFs and
 * calendar feeds are all {@code no-store}). Public reads asked without a token may be kept a
 * minute by any cache ({@code public, max-age=60}; revalidated with the ETag after that); asked
 * with one, they are {@code private}, as a signed-in caller may see more.
 */
public final class ResponseHardening {

    /** What anyone may read and keep: no personal data is served under these. */
    private static final List<String> PUBLIC_PREFIXES = List.of(
            "/v1/directory/",
            "/oruk",
            "/openapi",
            "/docs",
            "/.well-known/",
            "/v1/glossary",
            "/v1/bulletins",
            "/v1/contacts/teams");

    private ResponseHardening() {}

    public static void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        response.header("X-Content-Type-Options", "nosniff");
        String path = request.path().path();
        if (PUBLIC_PREFIXES.stream().noneMatch(path::startsWith)) {
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
        } else if (request.prologue().method() == Method.GET) {
            boolean signedIn = request.headers().contains(HeaderNames.AUTHORIZATION);
            response.header(HeaderNames.CACHE_CONTROL, signedIn ? "private, max-age=0" : "public, max-age=60");
        }
        chain.proceed();
    }
}
