package uk.portsmouth.cfe.gateway.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import uk.portsmouth.cfe.gateway.openapi.DocumentedRoutes;
import uk.portsmouth.cfe.platform.telemetry.Meters;
import uk.portsmouth.cfe.platform.trust.CallerAssertions;

/**
 * Per-request plumbing every route shares: a correlation id (taken from {@code X-Correlation-Id}
 * or made, echoed back, sent on to services) and an HTTP server span that continues the caller's
 * W3C trace, so gRPC and Mongo spans below it join one trace.
 */
public final class RequestContext {

    public static final HeaderName CORRELATION_ID = HeaderNames.create("X-Correlation-Id");
    private static final String CORRELATION_KEY = "cfe.correlation-id";

    private static final TextMapGetter<RoutingRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(RoutingRequest request) {
            return request.headers().stream().map(h -> h.name()).toList();
        }

        @Override
        public String get(RoutingRequest request, String key) {
            return request == null
                    ? null
                    : request.headers().first(HeaderNames.create(key)).orElse(null);
        }
    };

    private final OpenTelemetry telemetry;
    private final Tracer tracer;
    private final DocumentedRoutes routes;

    public RequestContext(OpenTelemetry telemetry, DocumentedRoutes routes) {
        this.telemetry = telemetry;
        this.routes = routes;
        this.tracer = telemetry.getTracer("uk.portsmouth.cfe.gateway");
    }

    public static String correlationId(ServerRequest request) {
        return request.context().get(CORRELATION_KEY, String.class).orElse("");
    }

    /**
     * A random version-4 UUID. A correlation id is a label for logs, never a secret or a grant, so it
     * is drawn from the thread's fast generator, not the secure one {@link UUID#randomUUID} locks.
     */
    private static String newCorrelationId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48;
        return new UUID(high, low).toString();
    }

    /** The filter to add to the gateway's routing, before every route. */
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String sent = CallerAssertions.correlationId(
                request.headers().first(CORRELATION_ID).orElse(null));
        String correlationId = sent.isEmpty() ? newCorrelationId() : sent;
        request.context().register(CORRELATION_KEY, correlationId);
        response.header(CORRELATION_ID, correlationId);

        Context parent = telemetry.getPropagators().getTextMapPropagator().extract(Context.root(), request, HEADERS);
        // named by the documented route, never the concrete path: a path can hold a child's UPN
        String route = routes.templateOf(request.path().path()).orElse("(undocumented)");
        Span span = tracer.spanBuilder(request.prologue().method().text() + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", request.prologue().method().text())
                .setAttribute("http.route", route)
                .setAttribute("cfe.correlation_id", correlationId)
                .startSpan();
        long started = System.nanoTime();
        try (Scope ignored = span.makeCurrent()) {
            chain.proceed();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            int status = response.status().code();
            // per route template, method and status (OpenTelemetry's names): what the operations team alerts on
            Meters.time(
                    "http.server.request.duration",
                    "Gateway requests by route, method and status",
                    Duration.ofNanos(System.nanoTime() - started),
                    "http.route",
                    route,
                    "http.request.method",
                    request.prologue().method().text(),
                    "http.response.status_code",
                    Integer.toString(status));
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
