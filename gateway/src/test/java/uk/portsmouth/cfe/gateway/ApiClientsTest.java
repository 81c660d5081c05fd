package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.Eventually;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.platform.trust.Trust;

/**
 * Client lifecycle without restarts: the LA registers a client and sees its secret once, rotates
 * it with an overlap, suspends, reactivates and revokes it; tokens stop at once on this gateway and
 * on a second instance sharing the store; every change is audited; nobody else may do any of it.
 */
class ApiClientsTest {

    private static final String MIS =
            "{\"client_id\":\"mis-harbour\",\"name\":\"Harbour School MIS\",\"roles\":[\"school\"],"
                    + "\"school_urns\":[\"116000\"],\"contact_email\":\"it@harbour.example\"}";

    private static EmbeddedMongo mongo;
    private static TestPlatform platform;
    private static Gateway second;
    private static String admin;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        Map<String, String> shared = Map.of(
                "mongodb.uri", mongo.uri(), "auth.client-status-cache", "PT0S", "auth.secret-rotation-overlap", "PT2S");
        platform = TestPlatform.start(Telemetry.noop(), shared);
        Map<String, String> secondConfig = new HashMap<>(shared);
        secondConfig.putAll(Map.of(
                "server.port",
                "0",
                "server.sockets.0.port",
                "0",
                "auth.signing-key-file",
                platform.signingKey.toString(),
                "services.directory.target",
                platform.directory.grpcTarget(),
                "services.contacts.target",
                platform.contacts.grpcTarget(),
                "services.attendance.target",
                platform.attendance.grpcTarget(),
                "services.fsp.target",
                platform.fsp.grpcTarget()));
        second = Gateway.start(
                ServiceConfig.load("gateway", TestTrust.config(Trust.GATEWAY, secondConfig)),
                Telemetry.noop(),
                TestPlatform.clients());
        admin = platform.token("admin");
    }

    @AfterAll
    static void stop() {
        second.close();
        platform.close();
        mongo.close();
    }

    private static HttpResponse<String> tokenFor(URI base, String clientId, String secret) {
        return platform.send(HttpRequest.newBuilder(base.resolve("/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8))));
    }

    private static URI first() {
        return platform.uri("/");
    }

    private static URI other() {
        return URI.create("http://127.0.0.1:" + second.port() + "/");
    }

    private static HttpResponse<String> readRoll(URI base, String token) {
        return platform.send(HttpRequest.newBuilder(base.resolve("/v1/schools/116000/pupils?per_page=1"))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    private static String accessToken(HttpResponse<String> tokenResponse) {
        assertThat(tokenResponse.body(), tokenResponse.statusCode(), is(200));
        return json(tokenResponse).get("access_token").asText();
    }

    /** Every role is registrable; a school or a professional is one the platform knows. */
    @Test
    void aParentsAppAndADpoAreOnboardedThroughTheApi() {
        HttpResponse<String> app = platform.write(
                "POST",
                "/v1/clients",
                admin,
                null,
                "{\"client_id\":\"app-sicknote\",\"name\":\"Sicknote parents' app\",\"roles\":[\"parent_app\"],"
                        + "\"contact_email\":\"api@sicknote.example\"}");
        assertThat(app.body(), app.statusCode(), is(201));
        String appToken = accessToken(
                tokenFor(first(), "app-sicknote", json(app).get("client_secret").asText()));
        HttpResponse<String> guidance = platform.getAs(appToken, "/v1/absence-reports/guidance");
        assertThat(guidance.body(), guidance.statusCode(), is(200));
        HttpResponse<String> dpo = platform.write(
                "POST",
                "/v1/clients",
                admin,
                null,
                "{\"client_id\":\"dpo-office\",\"name\":\"Data protection office\",\"roles\":[\"dpo\"],"
                        + "\"contact_email\":\"dpo@portsmouth.example\"}");
        assertThat(dpo.body(), dpo.statusCode(), is(201));
        String dpoToken = accessToken(
                tokenFor(first(), "dpo-office", json(dpo).get("client_secret").asText()));
        assertThat(platform.getAs(dpoToken, "/v1/retention").statusCode(), is(200));

        // a school the register does not hold, a professional the directory does not know: refused, each named
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/clients",
                        admin,
                        null,
                        MIS.replace("mis-harbour", "mis-nowhere").replace("\"116000\"", "\"116000\",\"999999\"")),
                400,
                "/school_urns/1");
        String professional = "{\"client_id\":\"portal-sam\",\"name\":\"Portal for Sam\",\"roles\":[\"professional\"],"
                + "\"professional_id\":\"prof-nobody\",\"contact_email\":\"it@portsmouth.example\"}";
        assertProblem(platform.write("POST", "/v1/clients", admin, null, professional), 400, "/professional_id");
        assertThat(
                platform.write("POST", "/v1/clients", admin, null, professional.replace("prof-nobody", "prof-demo-001"))
                        .statusCode(),
                is(201));
        // the LA admin finds professionals' ids where the refusal says
        assertThat(platform.getAs(admin, "/v1/professionals?per_page=1").statusCode(), is(200));
    }

    private static String mis(String clientId) {
        return MIS.replace("mis-harbour", clientId);
    }

    /** Registers a school's MIS client {@code clientId}; its secret. */
    private static String register(String clientId) {
        HttpResponse<String> registered = platform.write("POST", "/v1/clients", admin, null, mis(clientId));
        assertThat(registered.body(), registered.statusCode(), is(201));
        return json(registered).get("client_secret").asText();
    }

    private static HttpResponse<String> patch(String clientId, String etag, String body) {
        return platform.write("PATCH", "/v1/clients/" + clientId, admin, etag, body);
    }

    private static String etagOf(String clientId) {
        return platform.getAs(admin, "/v1/clients/" + clientId)
                .headers()
                .firstValue("ETag")
                .get();
    }

    @Test
    void onlyTheLaAdminManagesClients() {
        assertProblem(platform.write("POST", "/v1/clients", platform.token("officer"), null, MIS), 403, null);
        assertProblem(platform.write("POST", "/v1/clients", null, null, MIS), 401, null);
        assertProblem(platform.getAs(platform.token("school"), "/v1/clients"), 403, null);
    }

    @Test
    void badFieldsAreRefusedEachNamed() {
        assertProblem(platform.write("POST", "/v1/clients", admin, null, mis("MIS Harbour")), 400, "/client_id");
        assertProblem(
                platform.write("POST", "/v1/clients", admin, null, MIS.replace(",\"school_urns\":[\"116000\"]", "")),
                400,
                "/school_urns");
        assertProblem(
                platform.write("POST", "/v1/clients", admin, null, MIS.replace("116000", "11600X")),
                400,
                "/school_urns/0");
        assertProblem(
                platform.write("POST", "/v1/clients", admin, null, MIS.replace("it@harbour.example", "it")),
                400,
                "/contact_email");
        assertProblem(
                platform.write("POST", "/v1/clients", admin, null, MIS.replace("[\"school\"]", "[\"professional\"]")),
                400,
                "/professional_id");
        assertProblem(platform.write("POST", "/v1/clients", admin, null, mis("admin")), 409, "/client_id");
    }

    @Test
    void aRegisteredClientsSecretIsShownOnceAndWorksOnEveryInstance() {
        HttpResponse<String> registered = platform.write("POST", "/v1/clients", admin, null, mis("mis-once"));
        assertThat(registered.body(), registered.statusCode(), is(201));
        assertThat(registered.headers().firstValue("Location").orElse(""), is("/v1/clients/mis-once"));
        assertThat(registered.headers().firstValue("Cache-Control").orElse(""), is("no-store"));
        String secret = json(registered).get("client_secret").asText();
        assertProblem(platform.write("POST", "/v1/clients", admin, null, mis("mis-once")), 409, "/client_id");
        String token = accessToken(tokenFor(first(), "mis-once", secret));
        assertThat(readRoll(first(), token).statusCode(), is(200));
        assertThat(
                readRoll(other(), accessToken(tokenFor(other(), "mis-once", secret)))
                        .statusCode(),
                is(200));
        assertProblem(platform.getAs(token, "/v1/schools/116001/pupils"), 403, null);
        assertProblem(tokenFor(first(), "mis-once", "wrong"), 401, "client_id");

        HttpResponse<String> read = platform.getAs(admin, "/v1/clients/mis-once");
        JsonNode client = json(read);
        assertThat(read.body(), client.has("client_secret"), is(false));
        assertThat(read.body(), client.get("last_used_at").asText().isEmpty(), is(false));
        List<String> listed = new ArrayList<>();
        json(platform.getAs(admin, "/v1/clients?per_page=100"))
                .get("contents")
                .forEach(c -> listed.add(c.get("client_id").asText()));
        assertThat(listed, hasItems("mis-once", "admin", "school"));
    }

    @Test
    void aRotatedSecretOverlapsThenOnlyTheNewOneWorks() {
        String secret = register("mis-rotate");
        assertProblem(platform.write("POST", "/v1/clients/mis-rotate/secret", admin, null, ""), 428, "If-Match");
        assertProblem(platform.write("POST", "/v1/clients/mis-rotate/secret", admin, "\"v9\"", ""), 412, "If-Match");
        HttpResponse<String> rotated =
                platform.write("POST", "/v1/clients/mis-rotate/secret", admin, etagOf("mis-rotate"), "");
        assertThat(rotated.body(), rotated.statusCode(), is(201));
        String newSecret = json(rotated).get("client_secret").asText();
        assertThat(tokenFor(first(), "mis-rotate", secret).statusCode(), is(200));
        assertThat(tokenFor(first(), "mis-rotate", newSecret).statusCode(), is(200));
        Eventually.holds(
                "the old secret refused after the overlap",
                () -> tokenFor(first(), "mis-rotate", secret).statusCode() != 200);
        assertProblem(tokenFor(first(), "mis-rotate", secret), 401, "client_id");
        assertThat(tokenFor(first(), "mis-rotate", newSecret).statusCode(), is(200));
    }

    @Test
    void aSuspendedClientStopsAtOnceEverywhereAndARevokedOneForGood() {
        String secret = register("mis-suspend");
        String token = accessToken(tokenFor(first(), "mis-suspend", secret));
        String otherToken = accessToken(tokenFor(other(), "mis-suspend", secret));
        // a calendar link made while active
        HttpResponse<String> feed = platform.write("POST", "/v1/meetings/calendar-feeds", token, null, "");
        String feedPath = json(feed).get("url").asText().replaceFirst("^https?://[^/]+", "");
        assertThat(platform.get(feedPath).statusCode(), is(200));

        assertProblem(patch("mis-suspend", etagOf("mis-suspend"), "{\"status\":\"paused\"}"), 400, "/status");
        HttpResponse<String> suspended = patch("mis-suspend", etagOf("mis-suspend"), "{\"status\":\"suspended\"}");
        assertThat(suspended.body(), suspended.statusCode(), is(200));
        // its tokens stop at once, here and on the other instance; no new token; the calendar link is dead
        assertProblem(readRoll(first(), token), 401, null);
        assertProblem(readRoll(other(), otherToken), 401, null);
        assertProblem(tokenFor(first(), "mis-suspend", secret), 401, "client_id");
        assertProblem(platform.get(feedPath), 404, null);
        assertThat(
                json(platform.getAs(admin, "/v1/clients?status=suspended"))
                        .get("total_items")
                        .asInt(),
                greaterThanOrEqualTo(1));

        HttpResponse<String> active =
                patch("mis-suspend", suspended.headers().firstValue("ETag").get(), "{\"status\":\"active\"}");
        assertThat(active.body(), active.statusCode(), is(200));
        assertThat(readRoll(first(), token).statusCode(), is(200));
        HttpResponse<String> revoked =
                patch("mis-suspend", active.headers().firstValue("ETag").get(), "{\"status\":\"revoked\"}");
        assertThat(revoked.statusCode(), is(200));
        assertProblem(readRoll(other(), otherToken), 401, null);
        assertProblem(
                patch("mis-suspend", revoked.headers().firstValue("ETag").get(), "{\"status\":\"active\"}"),
                409,
                "/status");
    }

    @Test
    void aConfiguredClientIsChangedInItsFileAndAnUnknownOneIsNotFound() {
        assertProblem(patch("admin", "\"v1\"", "{\"status\":\"revoked\"}"), 409, "/client_id");
        assertProblem(patch("nobody", "\"v1\"", "{\"status\":\"revoked\"}"), 404, null);
    }

    @Test
    void everyChangeIsInTheGatewaysAuditTrailWithoutTheSecret() {
        String secret = register("mis-audit");
        platform.write("POST", "/v1/clients/mis-audit/secret", admin, etagOf("mis-audit"), "");
        for (String status : List.of("suspended", "active", "revoked")) {
            assertThat(
                    patch("mis-audit", etagOf("mis-audit"), "{\"status\":\"" + status + "\"}")
                            .statusCode(),
                    is(200));
        }
        try (MongoClient store = MongoClients.create(mongo.uri())) {
            List<String> actions = new ArrayList<>();
            store.getDatabase("cfe_gateway")
                    .getCollection("audit")
                    .find(new Document("subjects", new Document("kind", "client").append("id", "mis-audit")))
                    .forEach(d -> actions.add(d.getString("action") + ":" + d.getString("detail")));
            assertThat(
                    actions,
                    hasItems(
                            "register-client:registered with roles school",
                            "change-client:status active -> suspended",
                            "change-client:status suspended -> active",
                            "change-client:status active -> revoked"));
            assertThat(actions.stream().anyMatch(a -> a.startsWith("rotate-client-secret:")), is(true));
            assertThat(actions.stream().anyMatch(a -> a.contains(secret)), is(false));
        }
    }
}
