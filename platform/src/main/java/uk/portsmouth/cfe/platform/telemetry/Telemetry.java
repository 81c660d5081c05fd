package uk.portsmouth.cfe.platform.telemetry;

import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Optional;

/**
 * OpenTelemetry for one process. When {@code otel.exporter.otlp.endpoint} (env
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, a collector's base address such as {@code http://collector:4318})
 * is set, spans are exported over OTLP/HTTP and W3C trace context is
 * propagated (so the gateway's HTTP span, the gRPC spans and the Mongo spans join one trace). When
 * it is not, no span is made at all: a caller's traceparent is still read, but the gRPC and Mongo
 * instrumentation is left out ({@link #records}), since spans that nobody receives cost about a
 * twentieth of a gRPC hop (#28).
 */
public final class Telemetry {

    private static final ContextPropagators PROPAGATORS =
            ContextPropagators.create(W3CTraceContextPropagator.getInstance());

    private Telemetry() {}

    /** Telemetry as configured: an SDK exporting spans over OTLP, or propagation only (see above). */
    public static OpenTelemetry create(String serviceName, Config config) {
        Optional<String> endpoint =
                config.get("otel.exporter.otlp.endpoint").asString().filter(s -> !s.isBlank());
        if (endpoint.isEmpty()) {
            return OpenTelemetry.propagating(PROPAGATORS);
        }
        // OTLP over HTTP (http/protobuf, the collector's port 4318): the endpoint is the collector's
        // base address, to which the traces' path is added, as OpenTelemetry's own configuration does
        String traces = endpoint.get().replaceAll("/+$", "") + "/v1/traces";
        return build(SdkTracerProvider.builder()
                .setResource(resource(serviceName))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(traces)
                                .build())
                        .build()));
    }

    /** True when {@code telemetry} makes spans: only then is a call, a command or a request instrumented. */
    public static boolean records(OpenTelemetry telemetry) {
        return telemetry.getTracerProvider() != TracerProvider.noop();
    }

    /** Telemetry that hands every finished span to {@code exporter} at once (tests). */
    public static OpenTelemetrySdk withExporter(String serviceName, SpanExporter exporter) {
        return build(SdkTracerProvider.builder()
                .setResource(resource(serviceName))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)));
    }

    private static OpenTelemetrySdk build(SdkTracerProviderBuilder tracing) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setPropagators(PROPAGATORS)
                .build();
    }

    private static Resource resource(String serviceName) {
        return Resource.getDefault()
                .merge(Resource.create(
                        Attributes.builder().put("service.name", serviceName).build()));
    }

    /**
     * Sends the spans still waiting for their batch and stops exporting (at most 10 s): the last thing
     * a process does before it exits, after its server has drained; nothing for propagation only.
     */
    public static void close(OpenTelemetry telemetry) {
        if (telemetry instanceof OpenTelemetrySdk exporting) {
            exporting.close();
        }
    }

    /** For code that only needs the API. */
    public static OpenTelemetry noop() {
        return OpenTelemetry.noop();
    }
}
