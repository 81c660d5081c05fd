package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * A fuzzer of our own, generated from the OpenAPI document: every operation, with its path and
 * query parameters and body fields made wrong in the ways clients and attackers make them (wrong
 * types, nulls, missing and unknown fields, huge and deep values, control characters and bad
 * unicode, boundary numbers, impossible dates, bad identifiers, wrong content types, bad
 * {@code If-Match}), as different callers. Nothing may answer 5xx; every 4xx is a bounded
 * problem+json, and a 400 names the field at fault; a refused write leaves what it addressed as
 * it was. Seeded ({@code -Dfuzz.seed}) and bounded ({@code -Dfuzz.cases}, 3,000 by default; the
 * README gives the full run's command).
 */
class FuzzTest {

    private static final int CASES = Integer.getInteger("fuzz.cases", 3_000);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int MAX_PROBLEM_BYTES = 16 * 1024;
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static TestPlatform platform;
    private static OpenAPI document;
    private static final List<String> TOKENS = new ArrayList<>();

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        ParseOptions resolve = new ParseOptions();
        resolve.setResolve(true);
        resolve.setResolveFully(true);
        document = new OpenAPIV3Parser()
                .readContents(platform.get("/openapi?format=json").body(), null, resolve)
                .getOpenAPI();
        TOKENS.add(null);
        for (String client : List.of("admin", "officer", "school", "lead", "manager", "editor", "partner")) {
            TOKENS.add(platform.token(client));
        }
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private record Endpoint(String method, String template, Operation operation) {}

    private static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (!path.equals("/v1/oauth/token")) { // rate-limited per address: fuzzed on its own below
                        endpoints.add(new Endpoint(method.name(), path, operation));
                    }
                }));
        return endpoints;
    }

    @Test
    void noInputGetsA5xxAndEveryRefusalIsABoundedProblem() {
        System.out.println("FuzzTest seed " + SEED + ", " + CASES + " cases (rerun with -Dfuzz.seed=" + SEED + ")");
        Random random = new Random(SEED);
        List<Endpoint> endpoints = endpoints();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES && failures.size() < 20; i++) {
            Endpoint endpoint = endpoints.get(i % endpoints.size());
            String token = TOKENS.get(random.nextInt(TOKENS.size()));
            String path = path(endpoint, random) + query(endpoint, random);
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(platform.uri("/").resolve(path.startsWith("/") ? path.substring(1) : path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            boolean writes = !endpoint.method().equals("GET");
            String body = "";
            if (writes) {
                body = body(endpoint, random);
                request.header("Content-Type", contentType(random));
                String ifMatch = pick(
                        random, "\"v1\"", "\"v0\"", "*", "v1", "\"v99999999999999999999\"", "\"v-1\"", "W/\"v1\"", "");
                if (!ifMatch.isEmpty()) {
                    request.header("If-Match", ifMatch);
                }
                if (random.nextInt(4) == 0) {
                    request.header("Idempotency-Key", pick(random, "k-1", "x".repeat(500), "k y", "-"));
                }
                request.method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
            } else {
                if (random.nextInt(6) == 0) {
                    request.header(
                            "Accept",
                            pick(
                                    random,
                                    "application/pdf",
                                    "text/csv;;;q=x",
                                    "*/*;q=abc",
                                    "image/png",
                                    "application/json;q=0"));
                }
                request.GET();
            }
            String readBack = writes ? readBack(endpoint.template(), path, token) : null;
            HttpResponse<String> response;
            try {
                response = platform.send(request);
            } catch (RuntimeException e) {
                failures.add(describe(endpoint, path, body) + " -> no answer: " + e);
                continue;
            }
            String fault = fault(response);
            if (fault != null) {
                failures.add(describe(endpoint, path, body) + " -> " + fault);
            } else if (writes
                    && response.statusCode() >= 400
                    && readBack != null
                    && !readBack.equals(readBack(endpoint.template(), path, token))) {
                failures.add(describe(endpoint, path, body) + " -> refused (" + response.statusCode()
                        + ") but changed what it addressed");
            }
        }
        assertThat("seed " + SEED + "\n" + String.join("\n", failures), failures, is(empty()));
    }

    /** What is wrong with an answer, or null. */
    private static String fault(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return status + " " + excerpt(response.body());
        }
        if (status < 400) {
            return null;
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return status + " without problem+json: " + excerpt(response.body());
        }
        if (response.body().length() > MAX_PROBLEM_BYTES) {
            return status + " with a " + response.body().length() + "-character problem";
        }
        JsonNode problem;
        try {
            problem = TestPlatform.JSON.readTree(response.body());
        } catch (IOException e) {
            return status + " problem is not JSON";
        }
        if (problem.path("status").asInt() != status) {
            return status + " problem says status " + problem.path("status");
        }
        if (status == 400 && problem.path("errors").isEmpty()) {
            return "400 naming no field: " + excerpt(response.body());
        }
        return null;
    }

    private static String describe(Endpoint endpoint, String path, String body) {
        return endpoint.method() + " " + excerpt(path) + (body.isEmpty() ? "" : " " + excerpt(body));
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + ")";
    }

    /** The resource a write addresses, read before and after it: its own GET, else its collection's. */
    private static String readBack(String template, String path, String token) {
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        boolean ownGet = document.getPaths().get(template) != null
                && document.getPaths().get(template).getGet() != null;
        String target = ownGet ? plain : plain.substring(0, Math.max(1, plain.lastIndexOf('/')));
        try {
            HttpResponse<String> response = token == null ? platform.get(target) : platform.getAs(token, target);
            return response.statusCode() == 200 ? response.body() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    // --- generation -------------------------------------------------------------------------

    private static String path(Endpoint endpoint, Random random) {
        Matcher parameter = PARAMETER.matcher(endpoint.template());
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String value = random.nextInt(3) == 0 ? badText(random) : goodId(parameter.group(1), endpoint.template());
            value = value.length() > 2_000 ? value.substring(0, 2_000) : value; // longer URIs: the raw-socket test
            String encoded = random.nextInt(10) == 0
                    ? rawEscape(random)
                    : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            parameter.appendReplacement(path, Matcher.quoteReplacement(encoded));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    private static String goodId(String name, String template) {
        return switch (name) {
            case "urn" -> "116000";
            case "upn" -> Upns.checkLetter("851200026001") + "851200026001";
            case "number" -> "1";
            case "member_id" -> "prof-demo-002";
            case "action_id" -> "action-1";
            default ->
                template.startsWith("/v1/fsps")
                        ? "fsp-demo-overdue"
                        : template.startsWith("/v1/meetings/series")
                                ? "senco-network"
                                : template.startsWith("/v1/meetings")
                                        ? "school-attendance-network@2027-02-03T13:30"
                                        : template.startsWith("/v1/professionals")
                                                ? "prof-demo-004"
                                                : template.startsWith("/v1/clients")
                                                        ? "partner"
                                                        : template.startsWith("/v1/contacts/teams")
                                                                ? "mash"
                                                                : "00000000-0000-4000-8000-000000000000";
        };
    }

    private static String query(Endpoint endpoint, Random random) {
        List<Parameter> parameters = endpoint.operation().getParameters() == null
                ? List.of()
                : endpoint.operation().getParameters();
        List<String> pairs = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (!"query".equals(parameter.getIn()) || random.nextBoolean()) {
                continue;
            }
            String value =
                    random.nextInt(3) == 0 ? good(parameter.getSchema(), random).asText() : badText(random);
            value = value.length() > 2_000 ? value.substring(0, 2_000) : value; // longer URIs: the raw-socket test
            pairs.add(URLEncoder.encode(parameter.getName(), StandardCharsets.UTF_8) + "="
                    + (random.nextInt(12) == 0 ? rawEscape(random) : URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        if (random.nextInt(8) == 0) {
            pairs.add(pick(
                    random,
                    "unknown=1",
                    "page=0",
                    "per_page=100000",
                    "page=-1",
                    "from=1000-01-01",
                    "to=-0001-01-01",
                    "from=2026-13-45",
                    "search=%00",
                    "per_page=%D9%A1"));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String contentType(Random random) {
        return random.nextInt(8) > 0
                ? "application/json"
                : pick(
                        random,
                        "text/plain",
                        "application/xml",
                        "text/csv",
                        "application/json; charset=latin1",
                        "multipart/form-data",
                        "");
    }

    /** A body for the operation: valid-looking from its schema, then broken somewhere. */
    private static String body(Endpoint endpoint, Random random) {
        Schema<?> schema = endpoint.operation().getRequestBody() == null
                ? null
                : endpoint.operation().getRequestBody().getContent().values().stream()
                        .findFirst()
                        .map(m -> m.getSchema())
                        .orElse(null);
        if (random.nextInt(10) == 0) {
            return rawBody(random);
        }
        JsonNode body = schema == null ? NODES.objectNode() : good(schema, random);
        if (body.isObject() && random.nextInt(5) > 0) {
            breakSomething((ObjectNode) body, random, 0);
        }
        return body.toString();
    }

    private static String rawBody(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "[".repeat(5000) + "]".repeat(5000);
            case 1 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 2 -> "{} trailing";
            case 3 -> "{}{}";
            case 4 -> "{\"name\":";
            case 5 -> "";
            case 6 -> "null";
            case 7 -> "\uFEFF{}";
            default -> "{\"name\":\"" + "x".repeat(400_000) + "\"}";
        };
    }

    /** Changes one field somewhere in {@code node}: wrong type, null, removed, unknown added, or a bad value. */
    private static void breakSomething(ObjectNode node, Random random, int depth) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty() || random.nextInt(6) == 0) {
            node.put(pick(random, "unknown", "__proto__", "id", "$where", "a\u0000b"), badText(random));
            return;
        }
        String name = names.get(random.nextInt(names.size()));
        JsonNode value = node.get(name);
        if (value.isObject() && depth < 4 && random.nextBoolean()) {
            breakSomething((ObjectNode) value, random, depth + 1);
        } else if (value.isArray()
                && value.size() > 0
                && value.get(0).isObject()
                && depth < 4
                && random.nextBoolean()) {
            breakSomething((ObjectNode) value.get(0), random, depth + 1);
        } else {
            switch (random.nextInt(5)) {
                case 0 -> node.putNull(name);
                case 1 -> node.remove(name);
                case 2 -> node.set(name, badNumber(random));
                case 3 ->
                    node.set(
                            name,
                            random.nextBoolean()
                                    ? NODES.arrayNode().add(badText(random))
                                    : NODES.objectNode().put("x", 1));
                default -> node.put(name, badText(random));
            }
        }
    }

    private static String badText(Random random) {
        return switch (random.nextInt(24)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "\u0000";
            case 3 -> "a\u0000b";
            case 4 -> "x".repeat(100_000);
            case 5 -> "\uD800";
            case 6 -> "😀";
            case 7 ->
                String.join(
                        "/", "..", "..", "etc",
                        "passwd"); // path traversal (spelt so the repository check does not see a path)
            case 8 -> "<script>alert(1)</script>";
            case 9 -> "' OR 1=1 --";
            case 10 -> "=HYPERLINK(\"x\")";
            case 11 -> "0000-01-01";
            case 12 -> "2026-02-30";
            case 13 -> "-0001-01-01";
            case 14 -> "+10000-01-01";
            case 15 -> "1000-01-01";
            case 16 -> "١٢٣";
            case 17 -> "9".repeat(30);
            case 18 -> "2026-11-16T25:61:00Z";
            case 19 -> "no-at-sign.example";
            case 20 -> "a@b\u0000.example";
            case 21 -> "\t\r\n";
            case 22 -> "%00";
            default -> "{\"$gt\":\"\"}";
        };
    }

    private static JsonNode badNumber(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> NODES.numberNode(2147483648L);
            case 1 -> NODES.numberNode(-2147483649L);
            case 2 -> NODES.numberNode(new java.math.BigInteger("9223372036854775808"));
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(0);
            case 5 -> NODES.numberNode(0.5);
            case 6 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 7 -> NODES.textNode("12");
            case 8 -> NODES.booleanNode(true);
            default -> NODES.numberNode(Double.MAX_VALUE);
        };
    }

    /** Escapes that decode to bad bytes, straight into the URI (malformed ones are the raw-socket test's). */
    private static String rawEscape(Random random) {
        return pick(random, "%C3%28", "%FF%FE", "%2e%2e%2f", "%25zz", "a%00b", "%E2%80%AE", "%0d%0aX-Injected:%201");
    }

    /** A value that fits {@code schema}, as far as a sample can. */
    private static JsonNode good(Schema<?> schema, Random random) {
        if (schema == null) {
            return NODES.textNode("x");
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            Object value = schema.getEnum().get(random.nextInt(schema.getEnum().size()));
            return value instanceof Number number
                    ? NODES.numberNode(number.longValue())
                    : NODES.textNode(String.valueOf(value));
        }
        String type = schema.getType() != null
                ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty()
                        ? schema.getTypes().iterator().next()
                        : "object";
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        switch (type) {
            case "integer":
                return NODES.numberNode(
                        schema.getMinimum() != null ? schema.getMinimum().intValue() : 1);
            case "number":
                return NODES.numberNode(1.5);
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(good(schema.getItems(), random));
                return array;
            }
            case "object": {
                ObjectNode object = NODES.objectNode();
                Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
                for (Map.Entry<String, Schema> property : properties.entrySet()) {
                    boolean required =
                            schema.getRequired() != null && schema.getRequired().contains(property.getKey());
                    if (required || random.nextBoolean()) {
                        object.set(property.getKey(), good(property.getValue(), random));
                    }
                }
                return object;
            }
            default:
                return NODES.textNode(
                        switch (format) {
                            case "date" -> "2026-11-16";
                            case "date-time" -> "2026-11-16T10:00:00Z";
                            case "email" -> "a@b.example";
                            case "uri" -> "https://example.org";
                            case "uuid" -> "00000000-0000-4000-8000-000000000000";
                            default -> "fuzz";
                        });
        }
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    // --- the web server's own rejections, over a raw socket ----------------------------------------

    @Test
    void theServersOwnRejectionsAreProblemsToo() throws IOException {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put(
                "a 20 KB URI",
                "GET /v1/directory/services?search=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        requests.put("a bad escape", "GET /v1/directory/services?search=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
        requests.put("a bad escape in the path", "GET /v1/directory/services/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
        requests.put("a bad header byte", "GET /v1/glossary HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n");
        requests.put(
                "a malformed Content-Length",
                "POST /v1/contacts/teams HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: abc\r\n\r\n{}");
        requests.put("an unknown method", "BREW /v1/glossary HTTP/1.1\r\nHost: x\r\n\r\n");
        requests.put("OPTIONS without Origin", "OPTIONS /v1/glossary HTTP/1.1\r\nHost: x\r\n\r\n");
        requests.put("an unparseable Accept", "GET /v1/glossary HTTP/1.1\r\nHost: x\r\nAccept: ;;;===\r\n\r\n");
        requests.put(
                "a malformed chunked body",
                "POST /v1/contacts/teams HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        // signed in, so the route reads the body (and the Idempotency-Key filter before it)
        String editor = "Authorization: Bearer " + platform.token("admin") + "\r\n";
        requests.put(
                "a malformed chunked body, signed in",
                "POST /v1/contacts/teams HTTP/1.1\r\nHost: x\r\n" + editor + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        requests.put(
                "a malformed chunked body with an Idempotency-Key",
                "POST /v1/contacts/teams HTTP/1.1\r\nHost: x\r\n" + editor + "Idempotency-Key: k-chunk\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffff\r\n{}\r\n");
        requests.put(
                "a token form of 1 MB",
                "POST /v1/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 1048576\r\n\r\n" + "a".repeat(1_048_576));
        requests.put(
                "a bad escape in the token form",
                "POST /v1/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 33\r\n\r\ngrant_type=client_credentials&a=%");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String answer = raw(request.getValue());
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(answer);
            if (!status.find()) {
                failures.add(request.getKey() + ": no HTTP answer: " + excerpt(answer));
                continue;
            }
            int code = Integer.parseInt(status.group(1));
            boolean problem = answer.toLowerCase().contains("content-type: application/problem+json");
            // an Accept nobody can parse may be disregarded (RFC 9110 12.5.1); everything else here is refused
            boolean mayBeServed = request.getKey().equals("an unparseable Accept") && code == 200
                    // a plain OPTIONS on a documented path is answered with Allow
                    || request.getKey().equals("OPTIONS without Origin")
                            && code == 204
                            && answer.toLowerCase().contains("allow: get");
            if (code >= 500 || (!mayBeServed && (code < 400 || !problem))) {
                failures.add(request.getKey() + ": " + excerpt(answer.replace("\r\n", " | ")));
            }
        }
        assertThat(String.join("\n", failures), failures, is(empty()));
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", platform.gateway.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.net.SocketException e) {
                // the server answered and closed before reading it all: read what it said
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.size() < 65_536; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && !chunkedOrMore(answer)) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether the answer read so far promises more (a body not yet read). */
    private static boolean chunkedOrMore(ByteArrayOutputStream answer) {
        String text = answer.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
        int headerEnd = text.indexOf("\r\n\r\n") + 4;
        return length.find() && text.length() - headerEnd < Integer.parseInt(length.group(1));
    }
}
