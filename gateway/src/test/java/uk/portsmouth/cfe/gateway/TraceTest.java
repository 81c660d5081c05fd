package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.Eventually;

/** One request yields the gateway's HTTP span, the gRPC client and server spans and Mongo spans, in one trace. */
class TraceTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
    private static OpenTelemetrySdk telemetry;
    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        telemetry = Telemetry.withExporter("cfe-test", EXPORTER);
        platform = TestPlatform.start(telemetry);
    }

    @AfterAll
    static void stop() {
        platform.close();
        telemetry.close();
    }

    @Test
    void oneRequestIsOneTraceFromGatewayToMongo() throws Exception {
        EXPORTER.reset();
        // organisations are searched in the store (services in the directory's index, without it)
        platform.get(
                "/v1/directory/organizations?search=solent", "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
        List<SpanData> spans = awaitSpans("GET /v1/directory/organizations", "ListOrganizations");
        // the directory's search index reads the store on a timer: those reads are traces of their own
        assertThat(
                spans.stream()
                        .filter(s -> s.getParentSpanContext().isValid() || s.getKind() != SpanKind.CLIENT)
                        .map(SpanData::getTraceId)
                        .toList(),
                everyItem(is(TRACE_ID)));
        List<String> kinds =
                spans.stream().map(s -> s.getKind() + " " + s.getName()).toList();
        assertThat(kinds, hasItem("SERVER GET /v1/directory/organizations"));
        assertThat(kinds, hasItem("CLIENT cfe.directory.v1.DirectoryService/ListOrganizations"));
        assertThat(kinds, hasItem("SERVER cfe.directory.v1.DirectoryService/ListOrganizations"));
        assertThat(
                spans.stream()
                        .anyMatch(s -> s.getKind() == SpanKind.CLIENT
                                && s.getTraceId().equals(TRACE_ID)
                                && "mongodb"
                                        .equals(s.getAttributes().asMap().entrySet().stream()
                                                .filter(e -> e.getKey().getKey().equals("db.system")
                                                        || e.getKey().getKey().equals("db.system.name"))
                                                .map(e -> String.valueOf(e.getValue()))
                                                .findFirst()
                                                .orElse(""))),
                is(true));
    }

    /** A child's UPN in a path never reaches the trace backend: spans are named by the documented route. */
    @Test
    void noSpanCarriesAPupilsUpn() throws Exception {
        String school = platform.token("school");
        String upn = TestPlatform.json(platform.getAs(school, "/v1/schools/116000/pupils?per_page=1"))
                .get("contents")
                .get(0)
                .get("upn")
                .asText();
        EXPORTER.reset();
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()) + " "
                        + (record.getThrown() == null ? "" : record.getThrown()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            assertThat(
                    platform.getAs(school, "/v1/schools/116000/attendance/pupils/" + upn)
                            .statusCode(),
                    is(200));
            // and one that fails: a bad range on the same child's path
            platform.getAs(school, "/v1/schools/116000/attendance/pupils/" + upn + "?from=2026-13-45");
        } finally {
            root.removeHandler(capture);
        }
        assertThat(logged.stream().filter(line -> line.contains(upn)).toList(), is(List.of()));
        Eventually.holds(
                "the request's server span",
                () -> EXPORTER.getFinishedSpanItems().stream()
                        .anyMatch(s -> s.getKind() == SpanKind.SERVER
                                && s.getName().equals("GET /v1/schools/{urn}/attendance/pupils/{upn}")));
        List<SpanData> spans = EXPORTER.getFinishedSpanItems();
        assertThat(
                spans.stream().map(SpanData::getName).toList(),
                hasItem("GET /v1/schools/{urn}/attendance/pupils/{upn}"));
        for (SpanData span : spans) {
            assertThat(span.getName(), span.getName().contains(upn), is(false));
            assertThat(span.getName(), span.getAttributes().toString().contains(upn), is(false));
        }
    }

    /**
     * Spans end a moment after the response is written, the gRPC server's after the gateway's
     * client call returned: wait for both servers' spans of the call, {@code route} at the gateway and
     * {@code method} at the service.
     */
    private static List<SpanData> awaitSpans(String route, String method) {
        Eventually.holds("both servers' spans", () -> {
            List<SpanData> spans = EXPORTER.getFinishedSpanItems();
            return spans.stream()
                            .anyMatch(s -> s.getKind() == SpanKind.SERVER
                                    && s.getName().equals(route))
                    && spans.stream()
                            .anyMatch(s -> s.getKind() == SpanKind.SERVER
                                    && s.getName().endsWith("/" + method));
        });
        return EXPORTER.getFinishedSpanItems();
    }
}
