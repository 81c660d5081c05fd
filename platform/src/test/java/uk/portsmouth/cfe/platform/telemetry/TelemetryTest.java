package uk.portsmouth.cfe.platform.telemetry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spans are made only where they go somewhere; a caller's trace context is read either way. */
class TelemetryTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void withNoExporterNothingIsRecordedButTheCallersTraceIsRead() {
        OpenTelemetry telemetry = Telemetry.create("test", Config.just(ConfigSources.create(Map.of())));
        assertThat(Telemetry.records(telemetry), is(false));
        assertThat(traceIdRead(telemetry), is("4bf92f3577b34da6a3ce929d0e0e4736"));
        assertThat(Telemetry.records(Telemetry.noop()), is(false));
    }

    /** The configured exporter delivers to a collector: here a receiver on the loopback taking OTLP/HTTP. */
    @Test
    void withAnEndpointSpansReachTheCollector() throws Exception {
        try (Collector collector = new Collector()) {
            OpenTelemetry telemetry = collector.telemetry();
            try {
                assertThat(Telemetry.records(telemetry), is(true));
                telemetry
                        .getTracer("test")
                        .spanBuilder("a span sent")
                        .startSpan()
                        .end();
                ((OpenTelemetrySdk) telemetry)
                        .getSdkTracerProvider()
                        .forceFlush()
                        .join(10, TimeUnit.SECONDS);
                String request = collector.received.poll(10, TimeUnit.SECONDS);
                assertThat(request, startsWith("POST /v1/traces application/x-protobuf"));
                // the protobuf body carries the span's name and the service's
                assertThat(request, containsString("a span sent"));
                assertThat(request, containsString("cfe-test-service"));
            } finally {
                Telemetry.close(telemetry);
            }
        }
    }

    /**
     * A process that stops (SIGTERM) sends the spans still waiting for their batch (sent every 5 s
     * otherwise) before it exits: closing returns once the collector has them.
     */
    @Test
    void closingSendsTheSpansStillWaiting() throws Exception {
        try (Collector collector = new Collector()) {
            OpenTelemetry telemetry = collector.telemetry();
            telemetry.getTracer("test").spanBuilder("the last span").startSpan().end();
            Telemetry.close(telemetry);
            String request = collector.received.poll();
            assertThat(request, containsString("the last span"));
            Telemetry.close(Telemetry.noop()); // nothing to send: nothing done
        }
    }

    /** A collector on the loopback taking OTLP/HTTP: each request as "method path content-type body". */
    private static final class Collector implements AutoCloseable {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final HttpServer server;

        Collector() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(body, StandardCharsets.ISO_8859_1));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        OpenTelemetry telemetry() {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            return Telemetry.create(
                    "cfe-test-service",
                    Config.just(ConfigSources.create(Map.of("otel.exporter.otlp.endpoint", endpoint))));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void testsExportingToAnExporterRecord() {
        try (OpenTelemetrySdk exporting = Telemetry.withExporter("test", new Discarding())) {
            assertThat(Telemetry.records(exporting), is(true));
            assertThat(traceIdRead(exporting), is("4bf92f3577b34da6a3ce929d0e0e4736"));
        }
    }

    private static String traceIdRead(OpenTelemetry telemetry) {
        Context read = telemetry
                .getPropagators()
                .getTextMapPropagator()
                .extract(Context.root(), Map.of("traceparent", TRACEPARENT), new TextMapGetter<Map<String, String>>() {
                    @Override
                    public Iterable<String> keys(Map<String, String> carrier) {
                        return carrier.keySet();
                    }

                    @Override
                    public String get(Map<String, String> carrier, String key) {
                        return carrier == null ? null : carrier.get(key);
                    }
                });
        return Span.fromContext(read).getSpanContext().getTraceId();
    }

    private static final class Discarding implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
