package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web server's own rejections (a URI too long, bad percent-escapes, bad header bytes, a
 * malformed Content-Length or chunk, an unknown method), which happen before any route, answered
 * as problem+json like every other error: bounded, no echo of the bad input, never a 5xx for it.
 */
public final class DirectProblems {

    private static final String TYPE = "https://cfe.portsmouth.gov.uk/problems/bad-request";

    private DirectProblems() {}

    public static DirectHandlers handlers() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
            handlers.addHandler(event, DirectProblems::answer);
        }
        return handlers.build();
    }

    private static DirectHandler.TransportResponse answer(
            DirectHandler.TransportRequest request,
            DirectHandler.EventType event,
            Status status,
            io.helidon.http.ServerResponseHeaders headers,
            String message) {
        // a failure the server met while reading the request is the request's fault
        Status answered = status.code() >= 500 && event != DirectHandler.EventType.INTERNAL_ERROR
                ? Status.BAD_REQUEST_400
                : status;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", answered.code() == 413 ? "https://cfe.portsmouth.gov.uk/problems/payload-too-large" : TYPE);
        problem.put("title", answered.reasonPhrase());
        problem.put("status", answered.code());
        problem.put(
                "detail",
                answered.code() == 414 ? "The request URI is too long" : "The request could not be read as HTTP");
        problem.put(
                "errors",
                List.of(Map.of(
                        answered.code() == 414 ? "parameter" : "header",
                        answered.code() == 414 ? "uri" : "request",
                        "detail",
                        "not readable")));
        headers.set(HeaderNames.CONTENT_TYPE, "application/problem+json");
        headers.set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.set(HeaderNames.CACHE_CONTROL, "no-store");
        return DirectHandler.TransportResponse.builder()
                .status(answered)
                .headers(headers)
                .keepAlive(false)
                .entity(Json.write(problem))
                .build();
    }
}
