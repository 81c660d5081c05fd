package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * The permission matrix (docs/permissions.md) is what the gateway does. Every operation in the
 * OpenAPI document is called as every role, with no token, an expired one and a forged one, on an
 * object the caller's side owns, one another party owns and one that does not exist; each status
 * must be the table's. Every refused write is followed by a read-back of everything readable: the
 * refused writes change nothing. An operation without rows, or a row without an operation, fails.
 *
 * <p>Write probes carry an empty JSON object and a stale {@code If-Match}: a caller who may make
 * the change gets as far as the body or version check (400, 412), which proves the refusal of
 * everyone else is about who they are, never about what they sent. Run with
 * {@code -Dmatrix.print=true} to print the observed table.
 *
 * <p>The same table holds whoever the callers are: OAuth clients with the gateway's tokens
 * ({@link PermissionMatrixTest}) and people signed in through the council's identity providers
 * ({@link SignedInPermissionMatrixTest}). The objects are made the same way for both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PermissionMatrix {

    private static final Path MATRIX = Path.of("..", "docs", "permissions.md");
    protected static final List<String> CALLERS = List.of(
            "anonymous",
            "expired",
            "forged",
            "la_admin",
            "la_officer",
            "early_help_manager",
            "professional",
            "school",
            "directory_editor",
            "partner",
            "dpo",
            "parent_app");
    private static final Pattern ROW =
            Pattern.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) ([^`]+)` \\| (own|foreign|missing|-) \\|(.*)\\|$");
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)}");
    private static final String STALE = "\"v999999\"";

    protected TestPlatform platform;
    /** The token each caller calls with (null: none). */
    private final Map<String, String> callers = new LinkedHashMap<>();
    /** The demo clients' tokens by role, and an expired and a forged one: they make the objects the probes use. */
    private final Map<String, String> clientTokens = new LinkedHashMap<>();
    /** Ids of the objects the probes use, by variant and path parameter. */
    private final Map<String, Map<String, String>> objects = new TreeMap<>();

    /** The gateway's configuration beyond the test platform's (e.g. identity providers). */
    protected Map<String, String> gatewayConfig() {
        return Map.of();
    }

    /**
     * The token each caller of {@link #CALLERS} calls with, given the demo clients' tokens by
     * role; the anonymous caller is absent or null.
     */
    protected abstract Map<String, String> callerTokens(Map<String, String> clients) throws Exception;

    /** The token each caller calls with. */
    protected Map<String, String> callers() {
        return callers;
    }

    @BeforeAll
    void start() throws Exception {
        platform = TestPlatform.start(Telemetry.noop(), gatewayConfig());
        RSAKey gatewayKey = RSAKey.parse(Files.readString(platform.signingKey));
        Instant past = Instant.now().minusSeconds(3600);
        clientTokens.put("anonymous", null);
        clientTokens.put("expired", sign(gatewayKey, claims("admin", "la_admin", past)));
        clientTokens.put(
                "forged",
                sign(
                        new RSAKeyGenerator(2048).keyID(gatewayKey.getKeyID()).generate(),
                        claims("admin", "la_admin", Instant.now())));
        Map<String, String> clients = Map.of(
                "la_admin",
                "admin",
                "la_officer",
                "officer",
                "early_help_manager",
                "manager",
                "professional",
                "lead",
                "school",
                "school",
                "directory_editor",
                "editor",
                "partner",
                "partner",
                "dpo",
                "dpo",
                "parent_app",
                "parent-app");
        CALLERS.stream()
                .filter(clients::containsKey)
                .forEach(role -> clientTokens.put(role, platform.token(clients.get(role))));
        callers.putAll(callerTokens(clientTokens));
        makeObjects();
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private static JWTClaimsSet.Builder claims(String client, String role, Instant issued) {
        return new JWTClaimsSet.Builder()
                .issuer("cfe-gateway")
                .audience("cfe-api")
                .subject(client)
                .claim("client_id", client)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plusSeconds(300)))
                .claim("roles", List.of(role));
    }

    private static String sign(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    // --- the objects: the caller's side's, another party's, and none -------------------------------

    /**
     * "own": the school caller's school (116000), the professional caller's plan (they co-ordinate
     * it), a public meeting; "foreign": another school's (116037), a plan they are not on, a
     * restricted meeting; "missing": ids nothing has.
     */
    private void makeObjects() {
        String officer = clientTokens.get("la_officer");
        String admin = clientTokens.get("la_admin");
        // a second school's MIS, registered through the API, raises that school's casework
        String otherSchool = json(platform.write(
                        "POST",
                        "/v1/clients",
                        admin,
                        null,
                        "{\"client_id\":\"matrix-school-b\",\"name\":\"School B MIS\",\"roles\":[\"school\"],\"school_urns\":[\"116037\"],"
                                + "\"contact_email\":\"it@b.example\"}"))
                .get("client_secret")
                .asText();
        String schoolB = json(platform.send(HttpRequest.newBuilder(platform.uri("/v1/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&client_id=matrix-school-b&client_secret="
                                        + URLEncoder.encode(otherSchool, StandardCharsets.UTF_8)))))
                .get("access_token")
                .asText();
        Map<String, String> own = casework("116000", clientTokens.get("school"), 901);
        Map<String, String> foreign = casework("116037", schoolB, 902);

        String service = first(platform.get("/v1/directory/services?per_page=1"), "id");
        String organization = first(platform.get("/v1/directory/organizations?per_page=1"), "id");
        String team = first(platform.getAs(officer, "/v1/contacts/teams?per_page=1"), "id");
        String meeting = first(
                platform.getAs(officer, "/v1/meetings?series=senco-network&from=2026-11-28&to=2027-08-31&per_page=1"),
                "id");
        String restricted = first(
                platform.getAs(officer, "/v1/meetings?series=marac&from=2026-11-28&to=2027-08-31&per_page=1"), "id");
        String taxonomy = first(platform.get("/oruk/taxonomies?per_page=1"), "id");
        String term = first(platform.get("/oruk/taxonomy_terms?per_page=1"), "id");
        String serviceAtLocation = first(platform.get("/oruk/service_at_locations?per_page=1"), "id");
        String action = json(platform.getAs(clientTokens.get("professional"), "/v1/fsps/fsp-demo-overdue"))
                .at("/actions/0/id")
                .asText();
        String foreignAction = json(platform.getAs(
                        clientTokens.get("early_help_manager"), "/v1/fsps/fsp-demo-transferred"))
                .at("/actions/0/id")
                .asText();

        // a parents' report the parent_app caller sent for the school caller's school, and one another
        // app sent for another school
        String ownReport = absenceReport(clientTokens.get("parent_app"), "116000");
        String foreignReport = absenceReport(platform.token("other-parent-app"), "116037");

        // a webhook subscription of the school caller's, and one of another school's MIS, each with a delivery
        String ownHook = subscription(clientTokens.get("school"), "116000");
        String foreignHook = subscription(schoolB, "116037");
        objects.put(
                "own",
                new TreeMap<>(Map.ofEntries(
                        Map.entry("absence-reports", ownReport),
                        Map.entry("schools/{urn}/absence-reports", ownReport),
                        Map.entry("directory/services", service),
                        Map.entry("directory/organizations", organization),
                        Map.entry("contacts/teams", team),
                        Map.entry("meetings/series", "senco-network"),
                        Map.entry("meetings", meeting),
                        Map.entry("urn", "116000"),
                        Map.entry("upn", own.get("upn")),
                        Map.entry("attendance/cme-cases", own.get("cme")),
                        Map.entry("attendance/legal-action-requests", own.get("legal")),
                        Map.entry("attendance/new-pupil-returns", own.get("return")),
                        Map.entry("attendance/isp-referrals", own.get("isp")),
                        Map.entry("attendance/sap-referrals", own.get("sap")),
                        Map.entry("fsps", "fsp-demo-overdue"),
                        Map.entry("member_id", "prof-demo-002"),
                        Map.entry("action_id", action),
                        Map.entry("number", "1"),
                        Map.entry("professionals", "prof-demo-004"),
                        Map.entry("clients", "matrix-school-b"),
                        Map.entry("oruk/services", service),
                        Map.entry("oruk/organizations", organization),
                        Map.entry("oruk/taxonomies", taxonomy),
                        Map.entry("oruk/taxonomy_terms", term),
                        Map.entry("oruk/service_at_locations", serviceAtLocation),
                        Map.entry("file", "swagger-ui.css"),
                        Map.entry("webhooks", ownHook),
                        Map.entry("delivery_id", testDelivery(clientTokens.get("school"), ownHook)))));
        objects.put(
                "foreign",
                new TreeMap<>(Map.ofEntries(
                        Map.entry("absence-reports", foreignReport),
                        Map.entry("schools/{urn}/absence-reports", foreignReport),
                        Map.entry("meetings/series", "marac"),
                        Map.entry("meetings", restricted),
                        Map.entry("urn", "116037"),
                        Map.entry("upn", foreign.get("upn")),
                        Map.entry("attendance/cme-cases", foreign.get("cme")),
                        Map.entry("attendance/legal-action-requests", foreign.get("legal")),
                        Map.entry("attendance/new-pupil-returns", foreign.get("return")),
                        Map.entry("attendance/isp-referrals", foreign.get("isp")),
                        Map.entry("attendance/sap-referrals", foreign.get("sap")),
                        Map.entry("fsps", "fsp-demo-transferred"),
                        Map.entry("member_id", "prof-demo-002"),
                        Map.entry("action_id", foreignAction),
                        Map.entry("number", "1"),
                        Map.entry("webhooks", foreignHook),
                        Map.entry("delivery_id", testDelivery(schoolB, foreignHook)))));
        objects.put(
                "missing",
                new TreeMap<>(Map.ofEntries(
                        Map.entry("absence-reports", "ar-none"),
                        Map.entry("schools/{urn}/absence-reports", "ar-none"),
                        Map.entry("directory/services", "00000000-0000-4000-8000-000000000000"),
                        Map.entry("directory/organizations", "00000000-0000-4000-8000-000000000000"),
                        Map.entry("contacts/teams", "no-such-team"),
                        Map.entry("meetings/series", "no-such-series"),
                        Map.entry("meetings", "no-such-series@2027-01-01T10:00"),
                        Map.entry("urn", "999999"),
                        Map.entry("upn", upn(999)),
                        Map.entry("attendance/cme-cases", "cme-none"),
                        Map.entry("attendance/legal-action-requests", "lar-none"),
                        Map.entry("attendance/new-pupil-returns", "npr-none"),
                        Map.entry("attendance/isp-referrals", "isp-none"),
                        Map.entry("attendance/sap-referrals", "sap-none"),
                        Map.entry("fsps", "fsp-none"),
                        Map.entry("member_id", "nobody"),
                        Map.entry("action_id", "action-none"),
                        Map.entry("number", "99"),
                        Map.entry("professionals", "prof-none"),
                        Map.entry("clients", "no-such-client"),
                        Map.entry("webhooks", "wh_none"),
                        Map.entry("delivery_id", "dlv_none"),
                        Map.entry("file", "no-such-file.js"),
                        Map.entry("oruk/services", "00000000-0000-4000-8000-000000000000"),
                        Map.entry("oruk/organizations", "00000000-0000-4000-8000-000000000000"),
                        Map.entry("oruk/taxonomies", "00000000-0000-4000-8000-000000000000"),
                        Map.entry("oruk/taxonomy_terms", "00000000-0000-4000-8000-000000000000"),
                        Map.entry("oruk/service_at_locations", "00000000-0000-4000-8000-000000000000"))));
    }

    /** A webhook subscription to school {@code urn}'s absence reports, by the MIS holding {@code token}. */
    private String subscription(String token, String urn) {
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/webhooks",
                token,
                null,
                "{\"url\":\"http://127.0.0.1:9/matrix-hook\",\"events\":[\"absence-report.created\"],"
                        + "\"school_urn\":\"" + urn + "\"}");
        assertThat(created.body(), created.statusCode(), is(201));
        return TestPlatform.json(created).get("id").asText();
    }

    /** A test delivery to the subscription {@code id}. */
    private String testDelivery(String token, String id) {
        HttpResponse<String> queued = platform.write("POST", "/v1/webhooks/" + id + "/test", token, null, "");
        assertThat(queued.body(), queued.statusCode(), is(202));
        return TestPlatform.json(queued).get("id").asText();
    }

    /** A parents' report about a child at school {@code urn}, sent by the app holding {@code appToken}. */
    private String absenceReport(String appToken, String urn) {
        HttpResponse<String> created = platform.write(
                "POST",
                "/v1/absence-reports",
                appToken,
                null,
                "{\"school_urn\":\"" + urn + "\",\"child\":{\"given_name\":\"Matrix\",\"family_name\":\"Child\","
                        + "\"date_of_birth\":\"2017-03-04\"},\"reporter\":{\"name\":\"A Parent\",\"relationship\":"
                        + "\"parent\",\"email\":\"parent@example.org\"},\"first_day\":\"2026-11-30\",\"reason\":"
                        + "\"illness\",\"symptom_category\":\"flu\"}");
        assertThat(created.body(), created.statusCode(), is(201));
        return TestPlatform.json(created).get("id").asText();
    }

    /** A pupil of {@code urn} with a CME case, a legal-action request and a panel referral, raised by its school. */
    private Map<String, String> casework(String urn, String school, int serial) {
        String upn = upn(serial);
        String pupils = "/v1/schools/" + urn + "/pupils";
        String pupil = "{\"upn\":\"" + upn + "\",\"given_name\":\"Matrix\",\"family_name\":\"Pupil" + serial
                + "\",\"date_of_birth\":\"2017-03-04\",\"year_group\":4,\"sen_status\":\"none\"}";
        String gone = pupil.replace(upn, upn(serial + 50)).replace("Pupil" + serial, "Gone" + serial);
        expect(platform.write("POST", pupils, school, null, "{\"pupils\":[" + pupil + "," + gone + "]}"), 200);
        List<String> marks = new ArrayList<>();
        String[] days = {"2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"};
        for (int i = 0; i < 10; i++) {
            marks.add("{\"upn\":\"" + upn + "\",\"date\":\"" + days[i / 2] + "\",\"session\":\""
                    + (i % 2 == 0 ? "AM" : "PM") + "\",\"code\":\"" + (i < 8 ? "G" : "O") + "\"}");
        }
        expect(
                platform.write(
                        "POST",
                        "/v1/schools/" + urn + "/attendance/marks",
                        school,
                        null,
                        "{\"marks\":[" + String.join(",", marks) + "]}"),
                200);
        String cme = json(expect(
                        platform.write(
                                "POST",
                                "/v1/schools/" + urn + "/roll-removals",
                                school,
                                null,
                                "{\"upn\":\"" + upn(serial + 50)
                                        + "\",\"deletion_date\":\"2026-11-30\",\"ground\":\"g\"}"),
                        201))
                .get("cme_case_id")
                .asText();
        String legal = json(expect(
                        platform.write(
                                "POST",
                                "/v1/attendance/legal-action-requests",
                                school,
                                null,
                                "{\"urn\":\"" + urn + "\",\"upn\":\"" + upn
                                        + "\",\"from\":\"2026-11-16\",\"to\":\"2026-11-20\"}"),
                        201))
                .get("id")
                .asText();
        String sap = json(expect(
                        platform.write(
                                "POST",
                                "/v1/attendance/sap-referrals",
                                school,
                                null,
                                "{\"urn\":\"" + urn + "\",\"upn\":\"" + upn
                                        + "\",\"evidence\":{\"irregular_attendance_history\":\"Since Year 2\","
                                        + "\"parental_engagement\":\"Missed two meetings\",\"interventions\":[{\"kind\":\"psp\","
                                        + "\"description\":\"Pastoral support plan\",\"effect\":\"None\"}]}}"),
                        201))
                .get("id")
                .asText();
        String isp = json(expect(
                        platform.write(
                                "POST",
                                "/v1/attendance/isp-referrals",
                                school,
                                null,
                                "{\"urn\":\"" + urn + "\",\"upn\":\"" + upn
                                        + "\",\"requested_change\":\"dual_registration\",\"reasons\":\"Struggling in class\","
                                        + "\"tried\":[{\"kind\":\"psp\",\"effect\":\"None\"}]}"),
                        201))
                .get("id")
                .asText();
        // the school's first roll sync: pupils entered from that day owe a new pupil's return
        String newPupilReturn = urn + ":" + upn + ":"
                + TestPlatform.DEMO_NOW.instant().toString().substring(0, 10);
        return Map.of("upn", upn, "cme", cme, "legal", legal, "sap", sap, "return", newPupilReturn, "isp", isp);
    }

    private HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.uri() + ": " + response.body(), response.statusCode(), is(status));
        return response;
    }

    private static String upn(int serial) {
        String rest = "851700027" + String.format("%03d", serial);
        return Upns.checkLetter(rest) + rest;
    }

    private String first(HttpResponse<String> page, String field) {
        return json(page).at("/contents/0/" + field).asText();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return TestPlatform.json(response);
    }

    // --- the probes -----------------------------------------------------------------------------

    private record Probe(String method, String template, String object) {

        String key() {
            return method + " " + template + " | " + object;
        }

        boolean writes() {
            return !method.equals("GET");
        }
    }

    /** Every operation of the document, with each kind of object its path can name. */
    private List<Probe> probes() {
        String document = platform.get("/openapi?format=json").body();
        List<Probe> probes = new ArrayList<>();
        new OpenAPIV3Parser()
                .readContents(document)
                .getOpenAPI()
                .getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (!PARAMETER.matcher(path).find()) {
                        probes.add(new Probe(method.name(), path, "-"));
                        return;
                    }
                    for (String object : List.of("own", "foreign", "missing")) {
                        if (resolve(path, object) != null) {
                            probes.add(new Probe(method.name(), path, object));
                        }
                    }
                }));
        return probes;
    }

    /** The concrete path of {@code template} for {@code object}; null when no such object is defined for it. */
    private String resolve(String template, String object) {
        Map<String, String> ids = objects.get(object);
        Matcher parameter = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String name = parameter.group(1);
            String before = template.substring(0, parameter.start());
            String collection = before.replaceAll("^/(v1/)?", "").replaceAll("/$", "");
            String id = name.equals("id") ? ids.get(collection) : ids.get(name);
            if (id == null) {
                return null;
            }
            parameter.appendReplacement(path, Matcher.quoteReplacement(URLEncoder.encode(id, StandardCharsets.UTF_8)));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    /**
     * Every read of personal data (operations marked {@code x-personal-data} in the document) leaves
     * an audit event: each is called as the first caller the table lets read the caller's own
     * object, with a correlation id of its own, and the data protection officer finds the event.
     */
    @Test
    void everyPersonalDataReadIsAudited() {
        JsonNode document = TestPlatform.json(platform.get("/openapi?format=json"));
        Map<String, List<String>> expected = documentedMatrix();
        List<String> unaudited = new ArrayList<>();
        int walked = 0;
        for (Probe probe : probes()) {
            JsonNode operation = document.path("paths").path(probe.template()).path("get");
            if (probe.writes()
                    || !operation.path("x-personal-data").asBoolean()
                    || probe.object().equals("missing")
                    || probe.object().equals("foreign")) {
                continue;
            }
            List<String> row = expected.get(probe.key());
            int reader = row.indexOf("200");
            if (reader < 0) {
                continue; // nothing to read on this object (a plan with no review 1 yet)
            }
            String correlationId = "audit-walk-" + walked++;
            HttpResponse<String> read =
                    platform.send(HttpRequest.newBuilder(platform.uri(resolve(probe.template(), probe.object())))
                            .header("Authorization", "Bearer " + callers.get(CALLERS.get(reader)))
                            .header("X-Correlation-Id", correlationId)
                            .GET());
            assertThat(probe.key(), read.statusCode(), is(200));
            JsonNode events = TestPlatform.json(
                            platform.getAs(clientTokens.get("dpo"), "/v1/audit?correlation_id=" + correlationId))
                    .path("events");
            if (events.isEmpty()) {
                unaudited.add(probe.key());
            }
        }
        assertThat(walked, greaterThan(15));
        assertThat("personal data read with no audit event", unaudited, empty());
    }

    private int call(Probe probe, String caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.uri(resolve(probe.template(), probe.object())))
                .header("Accept", "application/json");
        String token = callers.get(caller);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (probe.writes()) {
            request.header("Content-Type", "application/json")
                    .header("If-Match", STALE)
                    .method(
                            probe.method(),
                            probe.method().equals("DELETE")
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.GET();
        }
        return platform.send(request).statusCode();
    }

    /** What every caller reads on every GET probe, for comparing before and after the refused writes. */
    private Map<String, String> everythingReadable(List<Probe> probes) {
        Map<String, String> seen = new TreeMap<>();
        for (Probe probe : probes) {
            if (probe.writes()
                    || probe.template().endsWith(".ics")
                    || probe.template().equals("/v1/audit")
                    || probe.template().equals("/v1/retention")
                    || probe.template().endsWith("/deliveries")) {
                // stamped with the time they were made: a calendar, the retention cutoffs; every audit
                // read adds to the trail; webhook deliveries are attempted as the test runs
                continue;
            }
            for (String caller : CALLERS) {
                String token = callers.get(caller);
                String path = resolve(probe.template(), probe.object());
                HttpResponse<String> response = token == null ? platform.get(path) : platform.getAs(token, path);
                if (response.statusCode() == 200) {
                    seen.put(caller + " " + path, response.body());
                }
            }
        }
        return seen;
    }

    // --- the table --------------------------------------------------------------------------------

    private Map<String, List<String>> documentedMatrix() {
        Map<String, List<String>> rows = new TreeMap<>();
        documentedRows().forEach((key, row) -> rows.put(key, expectedRow(key, row)));
        return rows;
    }

    private static Map<String, List<String>> documentedRows() {
        Map<String, List<String>> rows = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(MATRIX)) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    List<String> cells = List.of(row.group(4).split("\\|")).stream()
                            .map(String::strip)
                            .toList();
                    rows.put(row.group(1) + " " + row.group(2) + " | " + row.group(3), cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The table's row for {@code key} as it holds for this run's callers (the table is written for clients). */
    protected List<String> expectedRow(String key, List<String> row) {
        return row;
    }

    private static boolean refused(String status) {
        return List.of("401", "403", "404", "405").contains(status);
    }

    @Test
    void everyRouteAnswersEveryCallerAsTheMatrixSays() {
        List<Probe> probes = probes();
        Map<String, List<String>> expected = documentedMatrix();
        Map<String, List<String>> observed = new TreeMap<>();
        Function<Probe, List<String>> fresh = p -> new ArrayList<>(java.util.Collections.nCopies(CALLERS.size(), ""));

        // reads, then every write the table says is refused, then everything readable must read the same
        Map<String, String> before = everythingReadable(probes);
        for (Probe probe : probes) {
            List<String> row = observed.computeIfAbsent(probe.key(), k -> fresh.apply(probe));
            List<String> wanted = expected.get(probe.key());
            for (int i = 0; i < CALLERS.size(); i++) {
                boolean refusedWrite = probe.writes() && wanted != null && refused(wanted.get(i));
                if (!probe.writes() || refusedWrite) {
                    row.set(i, String.valueOf(call(probe, CALLERS.get(i))));
                }
            }
        }
        Map<String, String> after = everythingReadable(probes);
        List<String> changed = new ArrayList<>();
        before.forEach((key, body) -> {
            if (!body.equals(after.get(key))) {
                changed.add(key);
            }
        });
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(changed::add);
        // then the writes a caller may make (they may change things)
        for (Probe probe : probes) {
            List<String> row = observed.get(probe.key());
            for (int i = 0; i < CALLERS.size(); i++) {
                if (row.get(i).isEmpty()) {
                    row.set(i, String.valueOf(call(probe, CALLERS.get(i))));
                }
            }
        }

        if (Boolean.getBoolean("matrix.print")) {
            System.out.println(table(observed));
        }
        List<String> differences = new ArrayList<>();
        observed.forEach((key, row) -> {
            if (!expected.containsKey(key)) {
                differences.add("no row for " + key + ": observed " + row);
            } else if (!expected.get(key).equals(row)) {
                differences.add(key + ": table " + expected.get(key) + ", observed " + row);
            }
        });
        expected.keySet().stream()
                .filter(k -> !observed.containsKey(k))
                .forEach(k -> differences.add("a row for no operation: " + k));
        assertThat(String.join("\n", differences), differences, is(empty()));
        assertThat("refused writes changed what these read: " + changed, changed, is(empty()));
    }

    private String table(Map<String, List<String>> rows) {
        StringBuilder out = new StringBuilder("| Operation | Object | " + String.join(" | ", CALLERS) + " |\n|---|---|"
                + "---|".repeat(CALLERS.size()) + "\n");
        rows.forEach((key, row) -> {
            String[] parts = key.split(" \\| ");
            out.append("| `")
                    .append(parts[0])
                    .append("` | ")
                    .append(parts[1])
                    .append(" | ")
                    .append(String.join(" | ", row))
                    .append(" |\n");
        });
        return out.toString();
    }
}
