package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.gateway.http.Mount;
import uk.portsmouth.cfe.gateway.openapi.OpenApiDocument;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * A URL leads to its class: the route index in docs/architecture.md is the gateway's mounts, prefix
 * for prefix; every operation the OpenAPI document names is declared by exactly one routes class, the
 * one mounted at the longest prefix the path begins with; and no class declares a route the
 * document does not name.
 */
class RouteIndexTest {

    /** Routes the gateway declares itself, outside any routes class. */
    private static final Set<String> GATEWAY_OWN = Set.of("GET /.well-known/jwks.json", "GET /openapi");

    private static final Pattern INDEX_ROW = Pattern.compile("^\\| `(/[^`]*)` \\| `([a-z]+\\.[A-Za-z]+)` \\|");

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void theIndexInTheDocsIsTheGatewaysMounts() throws IOException {
        Map<String, String> mounted = new TreeMap<>();
        for (Mount mount : platform.gateway.mounts()) {
            Class<?> routes = mount.routes().getClass();
            String area =
                    routes.getPackageName().substring(routes.getPackageName().lastIndexOf('.') + 1);
            mounted.put(mount.prefix(), area + "." + routes.getSimpleName());
        }
        assertThat(index(), is(mounted));
    }

    @Test
    void everyDocumentedOperationIsDeclaredByTheClassOfItsLongestPrefix() {
        Map<String, Mount> declaredBy = new TreeMap<>();
        List<String> declaredTwice = new ArrayList<>();
        for (Mount mount : platform.gateway.mounts()) {
            for (String route : declared(mount)) {
                if (declaredBy.put(route, mount) != null) {
                    declaredTwice.add(route);
                }
            }
        }
        assertThat("declared by two classes", declaredTwice, empty());

        Set<String> documented = documented();
        Set<String> undocumented = new TreeSet<>(declaredBy.keySet());
        undocumented.removeAll(documented);
        assertThat("routes the OpenAPI document does not name", undocumented, empty());

        List<String> misplaced = new ArrayList<>();
        for (String operation : documented) {
            if (GATEWAY_OWN.contains(operation)) {
                continue;
            }
            String path = operation.substring(operation.indexOf(' ') + 1);
            Optional<Mount> longest = platform.gateway.mounts().stream()
                    .filter(m -> begins(path, m.prefix()))
                    .max(Comparator.comparingInt(m -> m.prefix().split("/").length));
            Mount declaring = declaredBy.get(operation);
            if (declaring == null || longest.isEmpty() || longest.get() != declaring) {
                misplaced.add(operation + ": declared by " + (declaring == null ? "no class" : declaring)
                        + ", longest prefix " + longest.map(Mount::prefix).orElse("none"));
            }
        }
        assertThat(misplaced, empty());
    }

    /** The index's rows: prefix to {@code package.Class}. */
    private static Map<String, String> index() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        String architecture = Files.readString(Path.of("..", "docs", "architecture.md"));
        String section = architecture.substring(architecture.indexOf("### Route index"));
        for (String line : section.split("\n")) {
            Matcher row = INDEX_ROW.matcher(line);
            if (row.find()) {
                rows.put(row.group(1), row.group(2));
            }
        }
        return rows;
    }

    /** "METHOD /full/path" for every route {@code mount}'s class declares, read by running its routing on a recorder. */
    private static List<String> declared(Mount mount) {
        List<String> routes = new ArrayList<>();
        HttpRules recorder = (HttpRules) Proxy.newProxyInstance(
                HttpRules.class.getClassLoader(), new Class<?>[] {HttpRules.class}, (proxy, method, args) -> {
                    String verb = method.getName();
                    if (args != null && args.length == 1 && args[0] instanceof Handler[]) {
                        return proxy; // a catch-all inside the prefix (/oruk's own 404), not a route
                    }
                    if (!Set.of("get", "post", "put", "patch", "delete").contains(verb)
                            || args == null
                            || !(args[0] instanceof String relative)) {
                        throw new AssertionError(mount + " declares a route the index cannot read: " + verb);
                    }
                    routes.add(verb.toUpperCase(Locale.ROOT) + " " + mount.prefix()
                            + (relative.equals("/") ? "" : relative));
                    return proxy;
                });
        mount.routes().routing(recorder);
        return routes;
    }

    private static Set<String> documented() {
        Set<String> operations = new TreeSet<>();
        JsonNode paths = OpenApiDocument.load().tree().get("paths");
        paths.fieldNames()
                .forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(method -> {
                    if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                    }
                }));
        return operations;
    }

    /** Whether {@code path} begins with {@code prefix}, segment by segment, a {parameter} matching any one. */
    private static boolean begins(String path, String prefix) {
        String[] p = path.split("/");
        String[] m = prefix.split("/");
        if (m.length > p.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            boolean parameter = m[i].startsWith("{") && p[i].startsWith("{");
            if (!parameter && !m[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }
}
