package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** Personal data is never kept by a browser or a cache, and no response is content-sniffed. */
class ResponseHardeningTest {

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static void assertHeaders(HttpResponse<String> response, int status, String cacheControl) {
        String where = response.request().uri() + " -> " + response.statusCode();
        assertThat(where, response.statusCode(), is(status));
        assertThat(
                where, response.headers().firstValue("X-Content-Type-Options").orElse(""), is("nosniff"));
        assertThat(where, response.headers().firstValue("Cache-Control").orElse(""), is(cacheControl));
    }

    @Test
    void personalDataIsNoStore() {
        String school = platform.token("school");
        String officer = platform.token("officer");
        String lead = platform.token("lead");
        assertHeaders(platform.getAs(school, "/v1/schools/116000/attendance/summary"), 200, "no-store");
        assertHeaders(platform.getAs(school, "/v1/schools/116000/attendance/severe-absence"), 200, "no-store");
        assertHeaders(platform.getAs(officer, "/v1/contacts/export.csv"), 200, "no-store");
        assertHeaders(platform.getAs(lead, "/v1/fsps/fsp-demo-overdue"), 200, "no-store");
        HttpResponse<String> pdf = platform.send(HttpRequest.newBuilder(platform.uri("/v1/fsps/fsp-demo-overdue"))
                .header("Authorization", "Bearer " + lead)
                .header("Accept", "application/pdf")
                .GET());
        assertHeaders(pdf, 200, "no-store");
        // refusals too: what they say about a record is not for keeping
        assertHeaders(platform.getAs(school, "/v1/schools/999999/attendance/summary"), 403, "no-store");
    }

    /** Pages link to their neighbours (RFC 8288), and big text answers are gzipped for clients that ask. */
    @Test
    void pagesLinkAndLargeAnswersAreCompressed() throws Exception {
        HttpResponse<String> page = platform.get("/v1/directory/services?per_page=2&page=2");
        String link = page.headers().firstValue("Link").orElse("");
        assertThat(
                link,
                org.hamcrest.Matchers.containsString("</v1/directory/services?per_page=2&page=1>; rel=\"first\""));
        assertThat(
                link, org.hamcrest.Matchers.containsString("</v1/directory/services?per_page=2&page=1>; rel=\"prev\""));
        assertThat(
                link, org.hamcrest.Matchers.containsString("</v1/directory/services?per_page=2&page=3>; rel=\"next\""));
        assertThat(link, org.hamcrest.Matchers.containsString("rel=\"last\""));

        HttpResponse<byte[]> zipped =
                platform.sendBytes(HttpRequest.newBuilder(platform.uri("/oruk/services?per_page=50"))
                        .header("Accept-Encoding", "gzip")
                        .GET());
        assertThat(zipped.headers().firstValue("Content-Encoding").orElse(""), is("gzip"));
        String unzipped;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            unzipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(unzipped, is(platform.get("/oruk/services?per_page=50").body()));
        assertThat(zipped.body().length < unzipped.length() / 2, is(true));
        // without Accept-Encoding: plain
        assertThat(
                platform.get("/oruk/services?per_page=50")
                        .headers()
                        .firstValue("Content-Encoding")
                        .isPresent(),
                is(false));
    }

    @Test
    void optionsSaysWhichMethodsAPathTakes() {
        HttpResponse<String> options = platform.send(HttpRequest.newBuilder(platform.uri("/v1/contacts/teams"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode(), is(204));
        assertThat(options.headers().firstValue("Allow").orElse(""), is("GET, POST, HEAD, OPTIONS"));
        assertThat(
                platform.send(HttpRequest.newBuilder(platform.uri("/v1/no-such-route"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()))
                        .statusCode(),
                is(404));
    }

    @Test
    void thePublicDirectoryMayBeCachedButNotSniffed() {
        assertHeaders(platform.get("/v1/directory/aspects-of-life"), 200, "public, max-age=60");
        assertHeaders(platform.get("/oruk/services?per_page=1"), 200, "public, max-age=60");
        assertHeaders(platform.get("/v1/glossary"), 200, "public, max-age=60");
        // asked with a token, a public read may show more: kept by the caller's browser only
        assertHeaders(platform.getAs(platform.token("officer"), "/v1/contacts/teams"), 200, "private, max-age=0");
        assertHeaders(platform.get("/v1/no-such-route"), 404, "no-store");
        // an error on a public route is never kept by a shared cache
        assertHeaders(platform.get("/oruk/services?per_page=0"), 400, "no-store");
        assertHeaders(platform.get("/v1/directory/services?per_page=0"), 400, "no-store");
        assertHeaders(platform.get("/v1/directory/services/00000000-0000-4000-8000-000000000000"), 404, "no-store");
    }

    @Test
    void healthDetailAndMetricsAreOnTheManagementPortOnly() {
        // the public port says nothing about the parts behind it
        TestPlatform.assertProblem(platform.get("/observe/health"), 404, null);
        TestPlatform.assertProblem(platform.get("/observe/metrics"), 404, null);
        java.net.URI management = java.net.URI.create("http://127.0.0.1:" + platform.gateway.managementPort());
        HttpResponse<String> health = platform.send(
                HttpRequest.newBuilder(management.resolve("/observe/health")).GET());
        assertThat(health.body(), health.statusCode(), is(200));
        assertThat(health.body(), org.hamcrest.Matchers.containsString("fsp-service"));
        // a request whose path holds a child's UPN: counted by its route template, never its path
        platform.getAs(platform.token("school"), "/v1/schools/116000/attendance/pupils/B801200005001");
        HttpResponse<String> metrics = platform.send(HttpRequest.newBuilder(management.resolve("/observe/metrics"))
                .header("Accept", "text/plain")
                .GET());
        assertThat(metrics.statusCode(), is(200));
        assertThat(metrics.body(), org.hamcrest.Matchers.containsString("http_server_request_duration_seconds_bucket"));
        assertThat(
                metrics.body(),
                org.hamcrest.Matchers.containsString("http_route=\"/v1/schools/{urn}/attendance/pupils/{upn}\""));
        assertThat(metrics.body().contains("B801200005001"), is(false));
        // each gRPC hop on both sides, the store, and a school's refused marks (in-process here: one registry)
        platform.write(
                "POST",
                "/v1/schools/116000/attendance/marks",
                platform.token("school"),
                null,
                "{\"marks\":[{\"upn\":\"B801200005001\",\"date\":\"2026-11-16\",\"session\":\"AM\",\"code\":\"#\"}]}");
        String after = platform.send(HttpRequest.newBuilder(management.resolve("/observe/metrics"))
                        .header("Accept", "text/plain")
                        .GET())
                .body();
        for (String expected : List.of(
                "rpc_client_duration_seconds_bucket",
                "rpc_server_duration_seconds_bucket",
                "rpc_method=\"SubmitMarks\"",
                "rpc_grpc_status_code=\"OK\"",
                "db_client_operation_duration_seconds_bucket",
                "db_operation_name=\"find\"",
                "cfe_attendance_marks_total{outcome=\"refused\"")) {
            assertThat(expected, after.contains(expected), is(true));
        }
        // and the API is not on the management port
        assertThat(
                platform.send(HttpRequest.newBuilder(management.resolve("/v1/directory/aspects-of-life"))
                                .GET())
                        .statusCode(),
                is(404));
    }
}
