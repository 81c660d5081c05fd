package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import uk.portsmouth.cfe.gateway.openapi.DocumentedRoutes;

/**
 * {@code HEAD} wherever {@code GET} exists (RFC 9110 9.3.2): the request is routed as the
 * {@code GET} it asks about, with the same checks (who may call, rate limits, audit of a personal
 * read), and {@link #send} answers it with that GET's status and headers, {@code Content-Length}
 * included, and no body. Helidon 4 would otherwise write the body after a HEAD's headers, which
 * breaks the connection for the client's next request.
 */
public final class HeadRequests {

    private static final String MARK = HeadRequests.class.getName();

    private final DocumentedRoutes routes;

    public HeadRequests(DocumentedRoutes routes) {
        this.routes = routes;
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HttpPrologue prologue = req.prologue();
        if (prologue.method() == Method.HEAD
                && routes.methodsOf(req.path().path())
                        .map(m -> m.contains("GET"))
                        .orElse(false)) {
            req.context().register(MARK, Boolean.TRUE);
            req.prologue(HttpPrologue.create(
                    prologue.rawProtocol(),
                    prologue.protocol(),
                    prologue.protocolVersion(),
                    Method.GET,
                    prologue.uriPath(),
                    prologue.query(),
                    prologue.fragment()));
        }
        chain.proceed();
    }

    /** Whether {@code request} is a HEAD routed as its GET. */
    public static boolean isHead(ServerRequest request) {
        return request.context().get(MARK, Boolean.class).orElse(false);
    }

    /** Sends {@code body}, or for a HEAD only its length. */
    public static void send(ServerRequest request, ServerResponse response, byte[] body) {
        if (isHead(request)) {
            response.header(HeaderNames.CONTENT_LENGTH, String.valueOf(body.length));
            response.send();
        } else {
            response.send(body);
        }
    }

    /** As {@link #send(ServerRequest, ServerResponse, byte[])}, for text (UTF-8). */
    public static void send(ServerRequest request, ServerResponse response, String body) {
        send(request, response, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The methods a path answers, HEAD included wherever GET is. */
    public static String allow(Set<String> documented) {
        return String.join(", ", documented) + (documented.contains("GET") ? ", HEAD" : "");
    }
}
