package uk.portsmouth.cfe.platform.telemetry;

import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Optional;

/**
 * OpenTelemetry for one process. Always propagates W3C trace context (so the gateway's HTTP span,
 * the gRPC spans and the Mongo spans join one trace); exports over OTLP only when
 * {@code otel.exporter.otlp.endpoint} (env {@code OTEL_EXPORTER_OTLP_ENDPOINT}) is set.
 */
public final class Telemetry {

    private Telemetry() {}

    public static OpenTelemetrySdk create(String serviceName, Config config) {
        Optional<String> endpoint =
                config.get("otel.exporter.otlp.endpoint").asString().filter(s -> !s.isBlank());
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().setResource(resource(serviceName));
        endpoint.ifPresent(url -> tracing.addSpanProcessor(BatchSpanProcessor.builder(
                        OtlpGrpcSpanExporter.builder().setEndpoint(url).build())
                .build()));
        return build(tracing);
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
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    private static Resource resource(String serviceName) {
        return Resource.getDefault()
                .merge(Resource.create(
                        Attributes.builder().put("service.name", serviceName).build()));
    }

    /** For code that only needs the API. */
    public static OpenTelemetry noop() {
        return OpenTelemetry.noop();
    }
}
