package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.Eventually;

/**
 * Webhooks end to end, over real HTTP both ways: clients subscribe, a parents' app reports a child
 * absent, and receivers on this machine get signed {@code absence-report.created} deliveries, each
 * verified with the subscription's secret by the Standard Webhooks library and by the
 * specification's own arithmetic. Who hears what is the permission matrix's: another school's MIS
 * hears nothing. A receiver that fails is tried again; addresses the platform must not call are
 * refused.
 */
class WebhooksTest {

    private static TestPlatform platform;
    private static HttpServer receiver;
    /** What each receiver path was sent: headers (lower case) and body. */
    private static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();
    /** How many more times each path answers 500 before it answers 204. */
    private static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

    private record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, List.of("")).get(0);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(headers, body));
            AtomicInteger failures = FAILURES_LEFT.get(path);
            int status = failures != null && failures.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        platform = TestPlatform.start(
                Telemetry.noop(),
                Map.of(
                        "webhooks.retry-schedule", "PT0.2S,PT0.2S,PT0.2S",
                        "webhooks.dispatch-every", "PT0.05S",
                        "webhooks.deliver-every", "PT0.05S",
                        "webhooks.deliver-idle-every", "PT0.3S",
                        "webhooks.per-subscription-per-second", "5",
                        "webhooks.paused-recheck", "PT0.3S"));
    }

    @AfterAll
    static void stop() {
        platform.close();
        receiver.stop(0);
    }

    private static String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A client's token, asked for once (the token endpoint has its own rate limit). */
    private static String token(String clientId) {
        return TOKENS.computeIfAbsent(clientId, platform::token);
    }

    private static JsonNode subscribe(String token, String path, String extra) {
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/webhooks",
                token,
                null,
                "{\"url\":\"" + hook(path) + "\",\"events\":[\"absence-report.created\",\"absence-report.reviewed\"]"
                        + extra + "}");
        assertThat(created.body(), created.statusCode(), is(201));
        assertThat(created.headers().firstValue("Cache-Control").orElse(""), containsString("no-store"));
        return json(created);
    }

    private static String report(String urn) {
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/absence-reports",
                token("parent-app"),
                null,
                "{\"school_urn\":\"" + urn + "\",\"child\":{\"given_name\":\"Wren\",\"family_name\":\"Hook\","
                        + "\"date_of_birth\":\"2017-03-04\"},\"reporter\":{\"name\":\"A Parent\",\"relationship\":"
                        + "\"parent\",\"email\":\"parent@example.org\"},\"first_day\":\"2026-11-30\",\"reason\":"
                        + "\"illness\",\"symptom_category\":\"flu\"}");
        assertThat(created.body(), created.statusCode(), is(201));
        return json(created).get("id").asText();
    }

    /** What {@code path} received so far, each body checked against the document's webhooks section. */
    private static List<Received> received(String path) {
        List<Received> deliveries = RECEIVED.getOrDefault(path, List.of());
        deliveries.forEach(delivery -> ResponseContract.checkWebhook(delivery.body()));
        return deliveries;
    }

    /** The specification's signature, computed here without the library: base64 HMAC-SHA256 of id.timestamp.body. */
    private static String signature(String secret, Received delivery) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed =
                delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + "." + delivery.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSchoolsMisHearsOfItsOwnReportSignedAndAnotherSchoolHearsNothing() throws Exception {
        JsonNode school = subscribe(token("school"), "/school-a", "");
        String secret = school.get("secret").asText();
        assertThat(secret.startsWith("whsec_"), is(true));
        // another school's MIS, registered through the API, and the LA
        String admin = token("admin");
        String otherSecret = json(platform.write(
                        "POST",
                        "/v1/clients",
                        admin,
                        null,
                        "{\"client_id\":\"hook-school-b\",\"name\":\"School B MIS\",\"roles\":[\"school\"],"
                                + "\"school_urns\":[\"116037\"],\"contact_email\":\"it@b.example\"}"))
                .get("client_secret")
                .asText();
        String schoolB = json(platform.send(java.net.http.HttpRequest.newBuilder(platform.uri("/v1/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&client_id=hook-school-b&client_secret="
                                        + java.net.URLEncoder.encode(otherSecret, StandardCharsets.UTF_8)))))
                .get("access_token")
                .asText();
        subscribe(schoolB, "/school-b", "");
        subscribe(token("officer"), "/la", "");

        String id = report("116000");
        Eventually.holds(
                "the school and the LA hear of the report",
                () -> !received("/school-a").isEmpty() && !received("/la").isEmpty());
        Received delivery = received("/school-a").get(0);
        JsonNode body = TestPlatform.JSON.readTree(delivery.body());
        assertThat(body.get("type").asText(), is("absence-report.created"));
        assertThat(body.at("/data/id").asText(), is(id));
        assertThat(body.at("/data/school_urn").asText(), is("116000"));
        assertThat(body.at("/data/status").asText(), is("reported"));
        assertThat("no child's details in the payload", delivery.body().contains("Wren"), is(false));
        assertThat(delivery.header("webhook-id"), is("absence-report.created/" + id + "/v1"));
        // verified by the Standard Webhooks library, and by the specification's arithmetic
        new Webhook(secret).verify(delivery.body(), delivery.headers());
        assertThat(delivery.header("webhook-signature"), is(signature(secret, delivery)));
        // the other school's MIS heard nothing of it (the LA's delivery shows the dispatch is done)
        assertThat(received("/school-b"), is(empty()));
        // and the school reads the report with its own token
        assertThat(
                platform.getAs(token("school"), "/v1/schools/116000/absence-reports/" + id)
                        .statusCode(),
                is(200));
        // the delivery is visible to its subscriber, delivered at the first attempt
        JsonNode deliveries = json(platform.getAs(
                token("school"), "/v1/webhooks/" + school.get("id").asText() + "/deliveries"));
        assertThat(deliveries.at("/contents/0/status").asText(), is("delivered"));
        assertThat(deliveries.at("/contents/0/attempts/0/status").asInt(), is(204));
        // and in the gateway's audit trail: which event went to whom
        JsonNode trail = json(platform.getAs(
                token("dpo"), "/v1/audit?subject=webhook:" + school.get("id").asText() + "&limit=50"));
        List<String> actions = trail.get("events").findValuesAsText("action");
        assertThat(
                actions.toString(),
                actions.contains("deliver-webhook") && actions.contains("subscribe-webhook"),
                is(true));
    }

    @Test
    void aReceiverThatFailsIsTriedAgainAndItsAttemptsAreVisible() {
        FAILURES_LEFT.put("/flaky", new AtomicInteger(2));
        JsonNode subscription = subscribe(token("parent-app"), "/flaky", "");
        String id = report("116000");
        String webhookId = "absence-report.created/" + id + "/v1";
        // the same message each time: the receiver dedupes by webhook-id
        Eventually.holds(
                "the third attempt is made",
                () -> received("/flaky").stream()
                                .filter(r -> r.header("webhook-id").equals(webhookId))
                                .count()
                        >= 3);
        String deliveriesPath = "/v1/webhooks/" + subscription.get("id").asText() + "/deliveries";
        java.util.function.Supplier<JsonNode> ours = () -> {
            for (JsonNode delivery :
                    json(platform.getAs(token("parent-app"), deliveriesPath)).get("contents")) {
                if (delivery.get("event_id").asText().equals(webhookId)) {
                    return delivery;
                }
            }
            return TestPlatform.JSON.createObjectNode();
        };
        Eventually.holds(
                "the delivery is marked delivered",
                () -> ours.get().path("status").asText().equals("delivered"));
        List<Integer> statuses = new ArrayList<>();
        ours.get().get("attempts").forEach(a -> statuses.add(a.get("status").asInt()));
        assertThat(statuses, is(List.of(500, 500, 204)));
    }

    @Test
    void aPausedSubscriptionHearsOnceResumedAndATestEventArrives() throws Exception {
        JsonNode subscription = subscribe(token("officer"), "/paused", "");
        String path = "/v1/webhooks/" + subscription.get("id").asText();
        HttpResponse<String> paused =
                platform.write("PATCH", path, token("officer"), "\"v1\"", "{\"status\":\"paused\"}");
        assertThat(paused.body(), paused.statusCode(), is(200));
        report("116000");
        HttpResponse<String> test = platform.write("POST", path + "/test", token("officer"), null, "");
        assertThat(test.body(), test.statusCode(), is(202));
        Thread.sleep(500);
        assertThat("nothing is sent while paused", received("/paused"), is(empty()));
        HttpResponse<String> resumed =
                platform.write("PATCH", path, token("officer"), "\"v2\"", "{\"status\":\"active\"}");
        assertThat(resumed.body(), resumed.statusCode(), is(200));
        // held while paused, sent once resumed (looked at again every webhooks.paused-recheck)
        Eventually.holds(
                "the report and the test event arrive",
                () -> received("/paused").size() >= 2);
        List<String> types = new ArrayList<>();
        for (Received delivery : received("/paused")) {
            types.add(TestPlatform.JSON.readTree(delivery.body()).get("type").asText());
        }
        assertThat(types.contains("absence-report.created") && types.contains("webhook.test"), is(true));
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneUntilTheOverlapEnds() throws Exception {
        JsonNode subscription = subscribe(token("school"), "/rotated", "");
        String old = subscription.get("secret").asText();
        String path = "/v1/webhooks/" + subscription.get("id").asText();
        HttpResponse<String> rotated = platform.write("POST", path + "/secret", token("school"), "\"v1\"", "");
        assertThat(rotated.body(), rotated.statusCode(), is(201));
        String fresh = json(rotated).get("secret").asText();
        platform.write("POST", path + "/test", token("school"), null, "");
        Eventually.holds("the test event arrives", () -> !received("/rotated").isEmpty());
        Received delivery = received("/rotated").get(0);
        assertThat(delivery.header("webhook-signature").split(" "), org.hamcrest.Matchers.arrayWithSize(2));
        new Webhook(fresh).verify(delivery.body(), delivery.headers());
        new Webhook(old).verify(delivery.body(), delivery.headers());
        assertThat(TestPlatform.JSON.readTree(delivery.body()).get("type").asText(), is("webhook.test"));
    }

    @Test
    void theLaHearsOfARemovalFromTheRollAndTheCaseItOpensAndASchoolMayNotSubscribe() throws Exception {
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/webhooks",
                token("officer"),
                null,
                "{\"url\":\"" + hook("/returns") + "\",\"events\":[\"roll-removal.notified\",\"cme-case.opened\"]}");
        assertThat(created.body(), created.statusCode(), is(201));
        String secret = json(created).get("secret").asText();
        // the school puts a pupil on its roll and takes them off it without a destination: a CME case opens
        String rest = "851700027" + "777";
        String upn = uk.portsmouth.cfe.platform.identifiers.Upns.checkLetter(rest) + rest;
        String school = token("school");
        HttpResponse<String> roll = platform.write(
                "POST",
                "/v1/schools/116000/pupils",
                school,
                null,
                "{\"pupils\":[{\"upn\":\"" + upn + "\",\"given_name\":\"Gone\",\"family_name\":\"Hook\","
                        + "\"date_of_birth\":\"2017-03-04\",\"year_group\":4,\"sen_status\":\"none\"}]}");
        assertThat(roll.body(), roll.statusCode(), is(200));
        HttpResponse<String> removed = platform.write(
                "POST",
                "/v1/schools/116000/roll-removals",
                school,
                null,
                "{\"upn\":\"" + upn + "\",\"deletion_date\":\"2026-11-30\",\"ground\":\"g\"}");
        assertThat(removed.body(), removed.statusCode(), is(201));
        String caseId = json(removed).get("cme_case_id").asText();
        Eventually.holds("the LA hears of both", () -> received("/returns").size() >= 2);
        List<String> types = new ArrayList<>();
        for (Received delivery : received("/returns")) {
            new Webhook(secret).verify(delivery.body(), delivery.headers());
            JsonNode body = TestPlatform.JSON.readTree(delivery.body());
            types.add(body.get("type").asText());
            assertThat("no child's name in the payload", delivery.body().contains("Hook"), is(false));
            if (body.get("type").asText().equals("cme-case.opened")) {
                assertThat(body.at("/data/id").asText(), is(caseId));
            }
        }
        assertThat(types.contains("roll-removal.notified") && types.contains("cme-case.opened"), is(true));
        // a school's MIS may not hear the LA's returns
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/webhooks",
                        school,
                        null,
                        "{\"url\":\"" + hook("/no") + "\",\"events\":[\"cme-case.opened\"]}"),
                403,
                null);
    }

    @Test
    void onlyAddressesAndEventsTheCallerMayUse() {
        String school = token("school");
        int before = json(platform.getAs(school, "/v1/webhooks?per_page=100"))
                .get("total_items")
                .asInt();
        String body = "{\"url\":\"URL\",\"events\":[\"absence-report.created\"]}";
        for (String refused : List.of(
                "http://10.0.0.7/hook", // private
                "https://169.254.169.254/latest/meta-data", // cloud metadata
                "http://example.org/hook", // not https
                "https://user:pass@example.org/hook", // credentials in the address
                "ftp://example.org/hook")) {
            assertProblem(
                    platform.write("POST", "/v1/webhooks", school, null, body.replace("URL", refused)), 400, "/url");
        }
        // an event the role may not hear, another school, an unknown type
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/webhooks",
                        school,
                        null,
                        "{\"url\":\"" + hook("/x")
                                + "\",\"events\":[\"absence-report.created\"],\"school_urn\":\"116037\"}"),
                403,
                null);
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/webhooks",
                        school,
                        null,
                        body.replace("URL", hook("/x")).replace("absence-report.created", "fsp.review.due")),
                403,
                null);
        // a partner hears of the directory, not of absence reports; the DPO subscribes to nothing
        assertProblem(
                platform.write("POST", "/v1/webhooks", token("partner"), null, body.replace("URL", hook("/x"))),
                403,
                null);
        assertProblem(
                platform.write("POST", "/v1/webhooks", token("dpo"), null, body.replace("URL", hook("/x"))), 403, null);
        // nothing refused was kept
        assertThat(
                json(platform.getAs(school, "/v1/webhooks?per_page=100"))
                        .get("total_items")
                        .asInt(),
                is(before));
        // another client's subscription is not there for it
        JsonNode mine = subscribe(token("officer"), "/mine", "");
        assertProblem(platform.getAs(school, "/v1/webhooks/" + mine.get("id").asText()), 404, null);
        assertThat(
                json(platform.getAs(school, "/v1/webhooks"))
                        .get("contents")
                        .findValuesAsText("id")
                        .contains(mine.get("id").asText()),
                is(false));
        assertThat(received("/x"), hasSize(0));
    }

    private static JsonNode subscribeTo(String token, String path, String... events) {
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/webhooks",
                token,
                null,
                "{\"url\":\"" + hook(path) + "\",\"events\":[\"" + String.join("\",\"", events) + "\"]}");
        assertThat(created.body(), created.statusCode(), is(201));
        return json(created);
    }

    private static List<JsonNode> bodies(String path) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (Received delivery : received(path)) {
            bodies.add(TestPlatform.JSON.readTree(delivery.body()));
        }
        return bodies;
    }

    @Test
    void everyReaderOfTheDirectoryMayHearOfItsChangesAndTheEditorsChangeArrives() throws Exception {
        JsonNode partner = subscribeTo(token("partner"), "/partner", "directory.service.changed");
        // a school's MIS may hear of the directory too, even with its school filter (a service is about no school)
        HttpResponse<String> school = platform.write(
                "POST",
                "/v1/webhooks",
                token("school"),
                null,
                "{\"url\":\"" + hook("/school-directory")
                        + "\",\"events\":[\"directory.service.changed\"],\"school_urn\":\"116000\"}");
        assertThat(school.body(), school.statusCode(), is(201));
        String pcc = json(platform.get("/v1/directory/organizations?search=portsmouth%20city%20council"))
                .at("/contents/0/id")
                .asText();
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/directory/services",
                token("editor"),
                null,
                "{\"name\":\"Hook Club\",\"organization_id\":\"" + pcc
                        + "\",\"description\":\"A club for webhooks\",\"phones\":[{\"number\":\"023 9200 0000\"}]}");
        assertThat(created.body(), created.statusCode(), is(201));
        String id = json(created).at("/service/id").asText();
        Eventually.holds(
                "the partner and the school hear of the new service",
                () -> !received("/partner").isEmpty()
                        && !received("/school-directory").isEmpty());
        JsonNode event = bodies("/partner").get(0);
        assertThat(event.get("type").asText(), is("directory.service.changed"));
        assertThat(event.at("/data/change").asText(), is("created"));
        assertThat(event.at("/data/name").asText(), is("Hook Club"));
        assertThat(
                event.at("/data/id").asText(),
                is(id.isEmpty() ? event.at("/data/id").asText() : id));
        new Webhook(partner.get("secret").asText())
                .verify(
                        received("/partner").get(0).body(),
                        received("/partner").get(0).headers());
    }

    @Test
    void theLaHearsOfAnOutbreakOnceAndASchoolMayNotSubscribeToIt() throws Exception {
        subscribeTo(token("officer"), "/outbreaks", "attendance.outbreak-alert");
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/webhooks",
                        token("school"),
                        null,
                        "{\"url\":\"" + hook("/x") + "\",\"events\":[\"attendance.outbreak-alert\"]}"),
                403,
                null);
        // six children at one school with one symptom on one day: the threshold is five
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> sent = platform.write(
                    "POST",
                    "/v1/absence-reports",
                    token("parent-app"),
                    null,
                    "{\"school_urn\":\"116000\",\"child\":{\"given_name\":\"Pox" + (char) ('a' + i)
                            + "\",\"family_name\":\"Hook\",\"date_of_birth\":\"2017-03-04\"},\"reporter\":"
                            + "{\"name\":\"A Parent\",\"relationship\":\"parent\",\"email\":\"p@example.org\"},"
                            + "\"first_day\":\"2026-11-30\",\"reason\":\"illness\",\"symptom_category\":\"chickenpox\"}");
            assertThat(sent.body(), sent.statusCode(), is(201));
        }
        Eventually.holds(
                "the LA hears of the outbreak", () -> !received("/outbreaks").isEmpty());
        Thread.sleep(500);
        // (the other tests' flu reports at the same school may raise a flu alert too)
        List<JsonNode> alerts = bodies("/outbreaks").stream()
                .filter(b -> b.at("/data/symptom_category").asText().equals("chickenpox"))
                .toList();
        assertThat("one alert, not one a report after the fifth", alerts, hasSize(1));
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("type").asText(), is("attendance.outbreak-alert"));
        assertThat(alert.at("/data/school_urn").asText(), is("116000"));
        assertThat(alert.at("/data/symptom_category").asText(), is("chickenpox"));
        assertThat(alert.at("/data/reports").asInt(), is(5));
        assertThat(alert.at("/data/threshold").asInt(), is(5));
        assertThat("no child in the alert", alert.toString().contains("Pox"), is(false));
    }

    @Test
    void aPlansReviewRemindersReachItsCoordinatorAndTheManagerButNoOtherProfessional() throws Exception {
        subscribeTo(token("lead"), "/lead", "fsp.review.due", "fsp.review.overdue");
        subscribeTo(token("nurse"), "/nurse", "fsp.review.due", "fsp.review.overdue");
        subscribeTo(token("manager"), "/manager", "fsp.review.overdue");
        // a plan Sam Patel (the "lead" client) co-ordinates, started seven weeks before the services'
        // "now" (28 November 2026): its first review was due a week ago
        String lead = token("lead");
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/fsps",
                lead,
                null,
                "{\"family\":{\"family_name\":\"Hookham\",\"address\":{\"lines\":[\"2 Test Street\"],"
                        + "\"postcode\":\"po4 0aa\",\"locality\":\"south\"},\"children\":[{\"given_name\":\"Kai\","
                        + "\"family_name\":\"Hookham\",\"date_of_birth\":\"2017-03-04\"}],\"adults\":[{\"given_name\":"
                        + "\"Ola\",\"family_name\":\"Hookham\",\"relationship\":\"mother\"}]},\"tier\":2,\"aspects\":"
                        + "[{\"aspect_id\":\"getting-a-good-education\",\"strengths\":\"Maths\",\"needs\":\"Late\",\"focus\":true}]}");
        assertThat(created.body(), created.statusCode(), is(201));
        String plan = json(created).get("id").asText();
        HttpResponse<String> consent = platform.write(
                "POST",
                "/v1/fsps/" + plan + "/consent",
                lead,
                created.headers().firstValue("ETag").orElseThrow(),
                "{\"given_by\":\"adult-1\",\"given_on\":\"2026-10-09\"}");
        assertThat(consent.body(), consent.statusCode(), is(200));
        HttpResponse<String> active = platform.write(
                "POST",
                "/v1/fsps/" + plan + "/activate",
                lead,
                consent.headers().firstValue("ETag").orElseThrow(),
                "{\"start_date\":\"2026-10-10\"}");
        assertThat(active.body(), active.statusCode(), is(200));
        Eventually.holds(
                "the co-ordinator and the manager hear of the overdue review",
                () -> received("/lead").stream().anyMatch(d -> d.body().contains(plan))
                        && received("/manager").stream().anyMatch(d -> d.body().contains(plan)));
        JsonNode overdue = bodies("/lead").stream()
                .filter(b -> b.at("/data/plan_id").asText().equals(plan))
                .findFirst()
                .orElseThrow();
        assertThat(overdue.get("type").asText(), is("fsp.review.overdue"));
        assertThat(overdue.at("/data/coordinator_professional_id").asText(), is("prof-demo-001"));
        assertThat(overdue.at("/data/review_number").asInt(), is(1));
        assertThat(overdue.at("/data/review_due").asText(), is("2026-11-21"));
        assertThat("no family in the payload", overdue.toString().contains("Hookham"), is(false));
        for (JsonNode heard : bodies("/nurse")) {
            assertThat(
                    "a professional hears only of plans they co-ordinate",
                    heard.at("/data/coordinator_professional_id").asText(),
                    is("prof-demo-002"));
        }
        // a school's MIS may not subscribe to plans
        assertProblem(
                platform.write(
                        "POST",
                        "/v1/webhooks",
                        token("school"),
                        null,
                        "{\"url\":\"" + hook("/x") + "\",\"events\":[\"fsp.review.due\"]}"),
                403,
                null);
    }

    @Test
    void aSubscriptionDisabledForFailingIsToldToItsOwnersOtherSubscription() throws Exception {
        FAILURES_LEFT.put("/always-failing", new AtomicInteger(1_000));
        JsonNode failing = subscribeTo(token("worker"), "/always-failing", "directory.service.changed");
        subscribeTo(token("worker"), "/operations", "webhook.subscription-disabled");
        String path = "/v1/webhooks/" + failing.get("id").asText();
        for (int i = 0; i < 3; i++) {
            platform.write("POST", path + "/test", token("worker"), null, "");
        }
        Eventually.holds(
                "the failing subscription is disabled",
                () -> json(platform.getAs(token("worker"), path))
                        .get("status")
                        .asText()
                        .equals("disabled"));
        Eventually.holds("its owner is told", () -> !received("/operations").isEmpty());
        JsonNode told = bodies("/operations").get(0);
        assertThat(told.get("type").asText(), is("webhook.subscription-disabled"));
        assertThat(
                told.at("/data/subscription_id").asText(), is(failing.get("id").asText()));
        assertThat(told.at("/data/reason").asText(), containsString("in a row failed"));
        assertThat(
                "not told to the failing one itself",
                received("/always-failing").stream().noneMatch(d -> d.body().contains("subscription-disabled")),
                is(true));
    }

    @Test
    void aSubscriptionReceivesAtMostItsRateASecond() throws Exception {
        JsonNode subscription = subscribeTo(token("officer"), "/rated", "absence-report.created");
        String path = "/v1/webhooks/" + subscription.get("id").asText() + "/test";
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            platform.write("POST", path, token("officer"), null, "");
        }
        Eventually.holds("every test event arrives", () -> received("/rated").size() >= 10);
        // five a second (this test's setting), the first five at once: the last no sooner than a second in
        assertThat((System.nanoTime() - start) / 1_000_000 >= 900, is(true));
    }
}
