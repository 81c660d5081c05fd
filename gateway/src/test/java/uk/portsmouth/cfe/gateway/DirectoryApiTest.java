package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.Eventually;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;

/** The directory through the gateway over real HTTP, with the real directory-service behind it. */
class DirectoryApiTest {

    private static final String PCC = "/v1/directory/organizations";
    private static TestPlatform platform;
    private static String editor;
    private static String partner;
    private static String pccId;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        editor = platform.token("editor");
        partner = platform.token("partner");
        pccId = TestPlatform.json(platform.get(PCC + "?search=portsmouth%20city%20council"))
                .at("/contents/0/id")
                .asText();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String newService(String name) {
        return """
               {"name": "%s", "organization_id": "%s", "description": "After-school homework help",
                "minimum_age": 7, "maximum_age": 11,
                "attributes": [{"taxonomy_term_id": "%s"}],
                "phones": [{"number": "023 9200 0000"}]}
               """.formatted(name, pccId, aspectId("getting-a-good-education"));
    }

    /**
     * Public reads come from the gateway's short-lived copy, but never hide a write: one through this
     * gateway is read back at once; one that reached the directory another way (another gateway) is
     * read here within the copy's second.
     */
    /** Editors see which services a feed consumer would drop or flag; nobody else does. */
    @Test
    void editorsSeeWhatAConsumerWouldDrop() {
        HttpResponse<String> answer = platform.getAs(editor, "/v1/directory/quality");
        assertThat(answer.body(), answer.statusCode(), is(200));
        JsonNode report = TestPlatform.json(answer);
        // the ORUK feed lists every service, whatever its status
        int services = TestPlatform.json(platform.get("/oruk/services?per_page=1"))
                .get("total_items")
                .asInt();
        assertThat(report.get("services").asInt(), is(services));
        int dropped = 0;
        for (JsonNode service : report.get("services_failing")) {
            dropped += service.path("usable").asBoolean(false) ? 0 : 1;
        }
        assertThat(report.get("usable").asInt(), is(services - dropped));
        for (JsonNode check : report.get("checks")) {
            assertThat(check.path("passing").asInt() + check.path("failing").asInt(), is(services));
        }
        TestPlatform.assertProblem(platform.getAs(platform.token("partner"), "/v1/directory/quality"), 403, null);
        TestPlatform.assertProblem(platform.get("/v1/directory/quality"), 401, null);
    }

    @Test
    void thePublicCopyNeverHidesAWrite() throws InterruptedException {
        String search = "/v1/directory/services?search=quokka";
        assertThat(TestPlatform.json(platform.get(search)).get("total_items").asInt(), is(0));
        assertThat(
                post("/v1/directory/services", editor, newService("Quokka Club"))
                        .statusCode(),
                is(201));
        assertThat(TestPlatform.json(platform.get(search)).get("total_items").asInt(), is(1));

        String other = "/v1/directory/services?search=wombat";
        assertThat(TestPlatform.json(platform.get(other)).get("total_items").asInt(), is(0));
        var directory = uk.portsmouth.cfe.platform.grpc.CallerContexts.attach(
                uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc.newBlockingStub(
                        uk.portsmouth.cfe.platform.testing.TestTrust.asGateway(
                                platform.directory.grpcTarget(), "directory-service")),
                uk.portsmouth.cfe.proto.common.v1.CallerContext.newBuilder()
                        .setSubject("other-gateway-editor")
                        .addRoles("directory_editor")
                        .build());
        directory.createService(uk.portsmouth.cfe.proto.directory.v1.CreateServiceRequest.newBuilder()
                .setService(uk.portsmouth.cfe.proto.directory.v1.Service.newBuilder()
                        .setName("Wombat Club")
                        .setOrganizationId(pccId)
                        .setStatus(ServiceStatus.SERVICE_STATUS_ACTIVE))
                .build());
        Eventually.holds(
                "the new service in the public copy",
                () -> TestPlatform.json(platform.get(other)).get("total_items").asInt() > 0);
    }

    /**
     * A signed-in page (never from the public copy) of directory records is printed once while it is
     * the same: asked again it is the same body and tag (304 to If-None-Match); one record changed by
     * one field prints it afresh, with a new tag.
     */
    @Test
    void aSignedInPageIsPrintedAfreshWhenOneRecordChanges() {
        String search = "/v1/directory/services?search=numbat";
        HttpResponse<String> created = post("/v1/directory/services", editor, newService("Numbat Club"));
        assertThat(created.body(), created.statusCode(), is(201));
        HttpResponse<String> first = platform.getAs(partner, search);
        HttpResponse<String> again = platform.getAs(partner, search);
        assertThat(again.body(), is(first.body()));
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(again.headers().firstValue("ETag").orElseThrow(), is(tag));
        assertThat(
                platform.send(HttpRequest.newBuilder(platform.uri(search))
                                .header("Authorization", "Bearer " + partner)
                                .header("If-None-Match", tag))
                        .statusCode(),
                is(304));

        String renamed = TestPlatform.json(created).toString().replace("After-school homework help", "Homework help");
        String id = TestPlatform.json(created).get("id").asText();
        assertThat(
                put("/v1/directory/services/" + id, editor, "\"v1\"", renamed).statusCode(), is(200));
        HttpResponse<String> after = platform.getAs(partner, search);
        assertThat(TestPlatform.json(after).at("/contents/0/description").asText(), is("Homework help"));
        assertThat(after.headers().firstValue("ETag").orElseThrow(), not(tag));
    }

    private static String aspectId(String slug) {
        for (JsonNode aspect :
                TestPlatform.json(platform.get("/v1/directory/aspects-of-life")).get("aspects_of_life")) {
            if (aspect.get("slug").asText().equals(slug)) {
                return aspect.get("id").asText();
            }
        }
        throw new IllegalArgumentException(slug);
    }

    private static HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return platform.send(request);
    }

    private static HttpResponse<String> put(String path, String token, String ifMatch, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return platform.send(request);
    }

    private static int serviceCount() {
        return TestPlatform.json(platform.get("/v1/directory/services?status=all"))
                .get("total_items")
                .asInt();
    }

    @Test
    void searchesPublicly() {
        JsonNode page = TestPlatform.json(platform.get("/v1/directory/services?search=mental%20health&age=14"));
        assertThat(page.get("total_items").asInt(), greaterThanOrEqualTo(1));
        assertThat(page.at("/contents/0/organization/name").asText(), not(""));
        List<String> names = new ArrayList<>();
        page.get("contents").forEach(s -> names.add(s.get("name").asText()));
        assertThat(names, hasItem("Kooth"));

        JsonNode north = TestPlatform.json(platform.get(
                "/v1/directory/services?locality=north&aspect_of_life=pregnancy-and-early-years&per_page=100"));
        List<String> hubs = new ArrayList<>();
        north.get("contents").forEach(s -> hubs.add(s.get("name").asText()));
        assertThat(hubs, hasItem("Hilsea Family Hub"));
        assertThat(hubs, not(hasItem("Milton Family Hub")));
    }

    @ParameterizedTest
    @CsvSource({
        "page=0, page",
        "per_page=500, per_page",
        "age=abc, age",
        "age=300, age",
        "locality=east, locality",
        "aspect_of_life=happiness, aspect_of_life",
        "taxonomy_term_id=not-a-uuid, taxonomy_term_id",
        "modified_after=yesterday, modified_after",
        "full=maybe, full",
        "status=closed, status"
    })
    void rejectsBadQueryParameters(String query, String parameter) {
        assertProblem(platform.get("/v1/directory/services?" + query), 400, parameter);
    }

    @Test
    void readsOneServiceWithAnETagAndAnswers304() {
        String id = TestPlatform.json(platform.get("/v1/directory/services?search=kooth"))
                .at("/contents/0/id")
                .asText();
        HttpResponse<String> first = platform.get("/v1/directory/services/" + id);
        assertThat(first.statusCode(), is(200));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(TestPlatform.json(first).get("minimum_age").asInt(), is(11));
        assertThat(
                platform.get("/v1/directory/services/" + id, "If-None-Match", etag)
                        .statusCode(),
                is(304));

        HttpResponse<String> list = platform.get("/v1/directory/services?per_page=5");
        String listTag = list.headers().firstValue("ETag").orElseThrow();
        assertThat(
                platform.get("/v1/directory/services?per_page=5", "If-None-Match", listTag)
                        .statusCode(),
                is(304));
    }

    @Test
    void badIdsAndUnknownRoutes() {
        assertProblem(platform.get("/v1/directory/services/42"), 400, "id");
        assertProblem(platform.get("/v1/directory/services/6b0c2c1e-0000-4000-8000-000000000000"), 404, null);
        assertProblem(platform.get("/v1/nowhere"), 404, null);
        assertProblem(
                platform.send(HttpRequest.newBuilder(
                                platform.uri("/v1/directory/services/6b0c2c1e-0000-4000-8000-000000000000"))
                        .DELETE()),
                405,
                null);
    }

    @Test
    void anEditorCreatesUpdatesAndRetiresAndPartnersSeeItIncrementally() throws Exception {
        String before = TestPlatform.json(platform.get("/oruk/services?per_page=1"))
                .at("/contents/0/last_modified")
                .asText();
        String since = java.time.Instant.now().minusMillis(1).toString();
        HttpResponse<String> created = post("/v1/directory/services", editor, newService("Homework Club"));
        assertThat(created.body(), created.statusCode(), is(201));
        JsonNode service = TestPlatform.json(created);
        String id = service.get("id").asText();
        assertThat(created.headers().firstValue("Location").orElseThrow(), is("/v1/directory/services/" + id));
        assertThat(created.headers().firstValue("ETag").orElseThrow(), is("\"v1\""));
        assertThat(service.get("status").asText(), is("active"));
        assertThat(before, not(""));

        JsonNode pulled = TestPlatform.json(platform.get("/oruk/services?modified_after=" + since));
        List<String> ids = new ArrayList<>();
        pulled.get("contents").forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids, hasItem(id));

        String retired = service.deepCopy().toString().replace("\"status\":\"active\"", "\"status\":\"defunct\"");
        HttpResponse<String> updated = put("/v1/directory/services/" + id, editor, "\"v1\"", retired);
        assertThat(updated.body(), updated.statusCode(), is(200));
        assertThat(updated.headers().firstValue("ETag").orElseThrow(), is("\"v2\""));

        HttpResponse<String> stale = put("/v1/directory/services/" + id, editor, "\"v1\"", retired);
        assertProblem(stale, 412, "If-Match");
        assertThat(TestPlatform.json(stale).get("current_etag").asText(), is("\"v2\""));

        // retired services leave the default search but reach incremental pulls
        JsonNode defaultSearch = TestPlatform.json(platform.get("/v1/directory/services?search=homework%20club"));
        defaultSearch.get("contents").forEach(s -> assertThat(s.get("id").asText(), not(id)));
        JsonNode incremental = TestPlatform.json(platform.get("/v1/directory/services?modified_after=" + since));
        List<String> statuses = new ArrayList<>();
        incremental
                .get("contents")
                .forEach(s -> statuses.add(
                        s.get("id").asText() + ":" + s.get("status").asText()));
        assertThat(statuses, hasItem(id + ":defunct"));
    }

    @Test
    void retriedCreatesWithAnIdempotencyKeyMakeOneRecord() {
        int count = serviceCount();
        HttpRequest.Builder create = HttpRequest.newBuilder(platform.uri("/v1/directory/services"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + editor)
                .header("Idempotency-Key", "mis-batch-42")
                .POST(HttpRequest.BodyPublishers.ofString(newService("Retried club")));
        HttpResponse<String> first = platform.send(create);
        HttpResponse<String> retry = platform.send(create);
        assertThat(first.body(), first.statusCode(), is(201));
        assertThat(retry.statusCode(), is(201));
        assertThat(retry.headers().firstValue("Idempotent-Replayed").orElse(""), is("true"));
        assertThat(
                TestPlatform.json(retry).get("id").asText(),
                is(TestPlatform.json(first).get("id").asText()));
        assertThat(serviceCount(), is(count + 1));

        assertProblem(
                platform.send(HttpRequest.newBuilder(platform.uri("/v1/directory/services"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + editor)
                        .header("Idempotency-Key", "mis-batch-42")
                        .POST(HttpRequest.BodyPublishers.ofString(newService("Something else")))),
                422,
                "Idempotency-Key");
        assertProblem(
                platform.send(HttpRequest.newBuilder(platform.uri("/v1/directory/services"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + editor)
                        .header("Idempotency-Key", "spaces are not allowed")
                        .POST(HttpRequest.BodyPublishers.ofString(newService("Bad key")))),
                400,
                "Idempotency-Key");
        assertThat(serviceCount(), is(count + 1));
    }

    @Test
    void writesNeedAnEditorToken() {
        int count = serviceCount();
        assertProblem(post("/v1/directory/services", null, newService("Anon")), 401, null);
        assertProblem(post("/v1/directory/services", partner, newService("Partner")), 403, null);
        assertProblem(post("/v1/directory/services", "not.a.token", newService("Forged")), 401, null);
        assertThat(serviceCount(), is(count));
    }

    @Test
    void badBodiesAreRejectedWithTheFieldAndNothingIsWritten() {
        int count = serviceCount();
        assertProblem(post("/v1/directory/services", editor, "{\"name\": "), 400, "/");
        assertProblem(post("/v1/directory/services", editor, "[]"), 400, "/");
        assertProblem(
                post(
                        "/v1/directory/services",
                        editor,
                        newService("Typed").replace("\"minimum_age\": 7", "\"minimum_age\": \"seven\"")),
                400,
                "/minimum_age");
        assertProblem(
                post(
                        "/v1/directory/services",
                        editor,
                        newService("Unknown field").replace("{\"name\"", "{\"colour\": \"red\", \"name\"")),
                400,
                "/colour");
        assertProblem(post("/v1/directory/services", editor, "{\"organization_id\": \"" + pccId + "\"}"), 400, "/name");
        assertProblem(
                post(
                        "/v1/directory/services",
                        editor,
                        newService("Bad term")
                                .replace(aspectId("getting-a-good-education"), "6b0c2c1e-0000-4000-8000-000000000000")),
                400,
                "/attributes/0/taxonomy_term_id");
        assertProblem(
                post(
                        "/v1/directory/services",
                        editor,
                        newService("Bad org").replace(pccId, "6b0c2c1e-0000-4000-8000-000000000000")),
                400,
                "/organization_id");
        assertProblem(
                post(
                        "/v1/directory/services",
                        editor,
                        newService("Ages").replace("\"maximum_age\": 11", "\"maximum_age\": 3")),
                400,
                "/maximum_age");
        assertProblem(post("/v1/directory/services", editor, newService("x".repeat(70_000))), 413, null);
        assertProblem(
                platform.send(HttpRequest.newBuilder(platform.uri("/v1/directory/services"))
                        .header("Content-Type", "text/plain")
                        .header("Authorization", "Bearer " + editor)
                        .POST(HttpRequest.BodyPublishers.ofString(newService("Text")))),
                415,
                "Content-Type");
        assertThat(serviceCount(), is(count));
    }

    @Test
    void updatesNeedIfMatchAndAMatchingId() {
        String id = TestPlatform.json(post("/v1/directory/services", editor, newService("Needs If-Match")))
                .get("id")
                .asText();
        assertProblem(
                put("/v1/directory/services/" + id, editor, null, newService("No precondition")), 428, "If-Match");
        assertProblem(put("/v1/directory/services/" + id, editor, "garbage", newService("Bad tag")), 400, "If-Match");
        assertProblem(
                put(
                        "/v1/directory/services/" + id,
                        editor,
                        "\"v1\"",
                        newService("Other id")
                                .replace("{\"name\"", "{\"id\": \"6b0c2c1e-0000-4000-8000-000000000000\", \"name\"")),
                400,
                "/id");
        assertProblem(put("/v1/directory/services/" + id, partner, "\"v1\"", newService("Partner")), 403, null);
        assertThat(
                TestPlatform.json(platform.get("/v1/directory/services/" + id))
                        .get("name")
                        .asText(),
                is("Needs If-Match"));
    }

    @Test
    void organisationsAndTaxonomies() {
        HttpResponse<String> created = post(PCC, editor, "{\"name\": \"Test Charity\", \"description\": \"Helps\"}");
        assertThat(created.body(), created.statusCode(), is(201));
        assertProblem(post(PCC, editor, "{\"name\": \"No description\"}"), 400, "/description");
        assertProblem(post(PCC, partner, "{\"name\": \"X\", \"description\": \"Y\"}"), 403, null);
        JsonNode taxonomies =
                TestPlatform.json(platform.get("/v1/directory/taxonomies")).get("taxonomies");
        assertThat(taxonomies.size(), is(3));
        JsonNode aspects =
                TestPlatform.json(platform.get("/v1/directory/aspects-of-life")).get("aspects_of_life");
        assertThat(aspects.size(), is(10));
        assertThat(aspects.get(0).get("slug").asText(), is("getting-a-good-education"));
        assertThat(aspects.get(9).get("slug").asText(), is("financial-stability"));
    }

    @Test
    void aCorrelationIdThatIsNotOneIsReplacedByAFreshRandomOne() {
        java.util.Set<String> made = new java.util.HashSet<>();
        for (String sent : new String[] {"a b", "x".repeat(65), "<script>", ""}) {
            String id = platform.get("/v1/directory/aspects-of-life", "X-Correlation-Id", sent)
                    .headers()
                    .firstValue("X-Correlation-Id")
                    .orElse("");
            // a version-4 UUID, a new one each time
            assertThat(
                    sent + " -> " + id,
                    id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                    is(true));
            assertThat(made.add(id), is(true));
        }
    }

    @Test
    void echoesCorrelationIdsAndAllowsConfiguredOrigins() {
        HttpResponse<String> response = platform.get(
                "/v1/directory/aspects-of-life", "X-Correlation-Id", "abc-123", "Origin", "https://portal.example");
        assertThat(
                response.statusCode() + " " + response.headers().map(),
                response.headers().firstValue("X-Correlation-Id").orElse(""),
                is("abc-123"));
        assertThat(
                response.headers().firstValue("Access-Control-Allow-Origin").orElse(""), is("https://portal.example"));
        HttpResponse<String> preflight = platform.send(HttpRequest.newBuilder(platform.uri("/v1/directory/services"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://portal.example")
                .header("Access-Control-Request-Method", "POST")
                // as browsers send it: lower case, no spaces
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,traceparent"));
        assertThat(preflight.statusCode(), is(204));
        assertThat(
                preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""),
                is("authorization, content-type, if-match, traceparent"));
        HttpResponse<String> unknownHeader =
                platform.send(HttpRequest.newBuilder(platform.uri("/v1/directory/services"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://portal.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, x-unknown"));
        assertThat(unknownHeader.statusCode(), is(403));
        assertThat(
                unknownHeader
                        .headers()
                        .firstValue("Access-Control-Allow-Origin")
                        .isPresent(),
                is(false));
        assertThat(
                preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""), is("https://portal.example"));
        HttpResponse<String> stranger = platform.get("/v1/directory/aspects-of-life", "Origin", "https://evil.example");
        assertThat(
                stranger.headers().firstValue("Access-Control-Allow-Origin").orElse(""), not("https://evil.example"));
        assertThat(List.of(stranger.statusCode()), everyItem(is(403)));
    }
}
