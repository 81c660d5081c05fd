package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * Walks {@code /oruk} as an ORUK validator does: discovery, the first, a middle and the last page
 * of each feed, then every id; validates each body against the ORUK 3.0 schemas vendored as test
 * resources ({@code src/test/resources/oruk}: source, version and licence in its README).
 */
class OrukConformanceTest {

    private static TestPlatform platform;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static JsonSchema schema(String file) {
        return FACTORY.getSchema(SchemaLocation.of("classpath:oruk/schema/" + file), CONFIG);
    }

    private static JsonNode fetch(String path) {
        HttpResponse<String> response = platform.get(path);
        assertThat(path + " -> " + response.body(), response.statusCode(), is(200));
        assertThat(path, response.headers().firstValue("Content-Type").orElse(""), is("application/json"));
        return TestPlatform.json(response);
    }

    private static void assertValid(JsonSchema schema, JsonNode body, String where) {
        Set<ValidationMessage> errors = schema.validate(body);
        assertThat(
                where + " " + body,
                errors.stream().map(ValidationMessage::getMessage).toList(),
                empty());
    }

    @Test
    void theSchemasBite() throws Exception {
        JsonNode broken = TestPlatform.JSON.readTree("{\"id\": \"not-a-uuid\", \"name\": \"X\", \"status\": \"open\"}");
        assertThat(schema("compiled/service.json").validate(broken).size(), greaterThanOrEqualTo(2));
    }

    @Test
    void theSchemasAcceptTheStandardsOwnExamples() throws Exception {
        for (String name : List.of("service", "organization", "service_at_location")) {
            try (var example = OrukConformanceTest.class.getResourceAsStream("/oruk/examples/" + name + "_full.json")) {
                assertValid(
                        schema("compiled/" + name + ".json"), TestPlatform.JSON.readTree(example), name + "_full.json");
            }
        }
        try (var example = OrukConformanceTest.class.getResourceAsStream("/oruk/examples/taxonomy_term.json")) {
            assertValid(schema("taxonomy_term.json"), TestPlatform.JSON.readTree(example), "taxonomy_term.json");
        }
    }

    @Test
    void discovery() {
        JsonNode about = fetch("/oruk/");
        assertThat(about.get("version").asText(), is("HSDS-UK-3.0"));
        assertThat(about.get("openapi_url").asText().isEmpty(), is(false));
        assertThat(fetch("/oruk").get("version").asText(), is("HSDS-UK-3.0"));
    }

    @Test
    void services() {
        List<String> ids = walk("/oruk/services", schema("compiled/service_list.json"));
        assertThat(ids.size(), greaterThanOrEqualTo(60));
        JsonSchema full = schema("compiled/service.json");
        for (String id : ids) {
            assertValid(full, fetch("/oruk/services/" + id), "/oruk/services/" + id);
        }
    }

    /** A feed consumer (the DfE's importer asks for 500 a page) gets the whole feed in one valid page. */
    @Test
    void aFeedIsPulledWholeInBigPages() {
        JsonNode all = fetch("/oruk/services?per_page=500");
        JsonSchema item = schema("compiled/service_list.json");
        all.get("contents").forEach(service -> assertValid(item, service, "/oruk/services?per_page=500"));
        assertThat(all.get("total_pages").asInt(), is(1));
        assertThat(all.get("contents").size(), is(all.get("total_items").asInt()));
        assertThat(fetch("/oruk/organizations?per_page=1000").get("total_pages").asInt(), is(1));
        TestPlatform.assertProblem(platform.get("/oruk/services?per_page=1001"), 400, "per_page");
        // the platform's own lists keep their pages small
        TestPlatform.assertProblem(platform.get("/v1/directory/services?per_page=500"), 400, "per_page");
    }

    /** ORUK's age filters: a service's minimum age at least, its maximum at most, the value given. */
    @Test
    void ageFilters() {
        JsonNode older = fetch("/oruk/services?minimum_age=11&per_page=100");
        assertThat(older.get("total_items").asInt(), greaterThanOrEqualTo(1));
        older.get("contents")
                .forEach(s -> assertThat(s.toString(), s.get("minimum_age").asInt() >= 11, is(true)));
        JsonNode younger = fetch("/oruk/services?maximum_age=19&per_page=100");
        assertThat(younger.get("total_items").asInt(), greaterThanOrEqualTo(1));
        younger.get("contents")
                .forEach(s -> assertThat(s.toString(), s.get("maximum_age").asInt() <= 19, is(true)));
        JsonNode both = fetch("/oruk/services?minimum_age=0&maximum_age=19&per_page=100");
        assertThat(
                both.get("total_items").asInt()
                        < fetch("/oruk/services").get("total_items").asInt(),
                is(true));
        TestPlatform.assertProblem(platform.get("/oruk/services?minimum_age=eleven"), 400, "minimum_age");
        TestPlatform.assertProblem(platform.get("/oruk/services?maximum_age=500"), 400, "maximum_age");
    }

    @Test
    void organizations() {
        JsonSchema full = schema("compiled/organization.json");
        for (String id : walk("/oruk/organizations", schema("compiled/organization.json"))) {
            assertValid(full, fetch("/oruk/organizations/" + id), "/oruk/organizations/" + id);
        }
    }

    @Test
    void serviceAtLocations() {
        JsonSchema full = schema("compiled/service_at_location.json");
        List<String> ids = walk("/oruk/service_at_locations", schema("compiled/service_at_location_list.json"));
        assertThat(ids.size(), greaterThanOrEqualTo(5));
        for (String id : ids) {
            assertValid(full, fetch("/oruk/service_at_locations/" + id), "/oruk/service_at_locations/" + id);
        }
    }

    @Test
    void taxonomiesAndTerms() {
        JsonSchema taxonomy = schema("taxonomy.json");
        for (String id : walk("/oruk/taxonomies", taxonomy)) {
            assertValid(taxonomy, fetch("/oruk/taxonomies/" + id), "/oruk/taxonomies/" + id);
        }
        JsonSchema term = schema("taxonomy_term.json");
        List<String> terms = walk("/oruk/taxonomy_terms", term);
        assertThat(terms.size(), is(18));
        for (String id : terms) {
            assertValid(term, fetch("/oruk/taxonomy_terms/" + id), "/oruk/taxonomy_terms/" + id);
        }
    }

    @Test
    void theFeedIsOpenToEveryOriginAndReadOnly() {
        HttpResponse<String> response = platform.get("/oruk/services", "Origin", "https://find-support.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin").orElse(""), is("*"));
        HttpResponse<String> post = platform.send(java.net.http.HttpRequest.newBuilder(platform.uri("/oruk/services"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode(), is(405));
        assertThat(platform.get("/oruk/services?page=0").statusCode(), is(400));
        assertThat(platform.get("/oruk/services/not-a-uuid").statusCode(), is(400));
        assertThat(
                platform.get("/oruk/services/6b0c2c1e-0000-4000-8000-000000000000")
                        .statusCode(),
                is(404));
    }

    /**
     * Checks the envelope of the first, a middle and the last page (items against
     * {@code itemSchema}), then reads every page and returns every id in order.
     */
    private static List<String> walk(String feed, JsonSchema itemSchema) {
        int perPage = 10;
        JsonNode first = fetch(feed + "?per_page=" + perPage);
        int totalPages = first.get("total_pages").asInt();
        int totalItems = first.get("total_items").asInt();
        List<Integer> sampled = List.of(1, Math.max(1, (totalPages + 1) / 2), totalPages);
        for (int pageNumber : new LinkedHashSet<>(sampled)) {
            JsonNode page = fetch(feed + "?per_page=" + perPage + "&page=" + pageNumber);
            assertEnvelope(page, pageNumber, totalPages, totalItems);
            page.get("contents").forEach(item -> assertValid(itemSchema, item, feed + " page " + pageNumber));
        }
        List<String> ids = new ArrayList<>();
        for (int pageNumber = 1; pageNumber <= totalPages; pageNumber++) {
            fetch(feed + "?per_page=" + perPage + "&page=" + pageNumber)
                    .get("contents")
                    .forEach(item -> ids.add(item.get("id").asText()));
        }
        assertThat(feed + " ids are unique and all listed", new LinkedHashSet<>(ids).size(), is(totalItems));
        return ids;
    }

    private static void assertEnvelope(JsonNode page, int number, int totalPages, int totalItems) {
        for (String field : List.of(
                "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents")) {
            assertThat(field, page.has(field), is(true));
        }
        assertThat(page.get("page_number").asInt(), is(number));
        assertThat(page.get("total_items").asInt(), is(totalItems));
        assertThat(page.get("total_pages").asInt(), is(totalPages));
        assertThat(page.get("first_page").asBoolean(), is(number == 1));
        assertThat(page.get("last_page").asBoolean(), is(number == totalPages));
        assertThat(page.get("size").asInt(), is(page.get("contents").size()));
        assertThat(page.get("empty").asBoolean(), is(page.get("contents").isEmpty()));
    }
}
