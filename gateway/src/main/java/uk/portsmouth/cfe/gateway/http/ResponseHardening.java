package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * Headers that keep personal data where it belongs: no response is content-sniffed by a browser,
 * and nothing but the public directory, the ORUK feed and the API description may be kept by a
 * browser or a shared cache (plans, pupils, attendance, contacts, registrations, exports, PDFs and
 * calendar feeds are all {@code no-store}).
 */
public final class ResponseHardening {

    /** What anyone may read and keep: no personal data is served under these. */
    private static final List<String> PUBLIC_PREFIXES = List.of("/v1/directory/", "/oruk", "/openapi", "/.well-known/");

    private ResponseHardening() {}

    public static void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        response.header("X-Content-Type-Options", "nosniff");
        String path = request.path().path();
        if (PUBLIC_PREFIXES.stream().noneMatch(path::startsWith)) {
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
        }
        chain.proceed();
    }
}
