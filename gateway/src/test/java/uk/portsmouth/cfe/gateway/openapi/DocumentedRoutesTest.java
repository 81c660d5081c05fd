package uk.portsmouth.cfe.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which documented template a request's path is: worked examples, and every documented path (with
 * parameters filled in, and mangled) against an independent oracle, a regular expression per
 * template tried most literal segments first (what the lookup replaced).
 */
class DocumentedRoutesTest {

    private static final JsonNode DOCUMENT = OpenApiDocument.load().tree();
    private final DocumentedRoutes routes = new DocumentedRoutes(DOCUMENT);

    @Test
    void workedExamples() {
        // {path, template expected (null: undocumented)}
        String[][] examples = {
            {"/v1/directory/services", "/v1/directory/services"},
            {"/v1/directory/services/", "/v1/directory/services"},
            {"/v1/directory/services/abc-123", "/v1/directory/services/{id}"},
            {"/v1/meetings/series", "/v1/meetings/series"},
            {"/v1/meetings/some-id", "/v1/meetings/{id}"},
            {"/v1/schools/116433/pupils", "/v1/schools/{urn}/pupils"},
            {"/v1/schools//pupils", null},
            {"/v1/directory/services//", null},
            {"/v1/directory/nothing-here/at-all/x", null},
            {"/", null},
            {"", null},
        };
        for (String[] example : examples) {
            assertEquals(Optional.ofNullable(example[1]), routes.templateOf(example[0]), example[0]);
        }
    }

    @Test
    void everyDocumentedPathAgreesWithTheRegularExpressionOracle() {
        List<String> templates = new ArrayList<>();
        DOCUMENT.path("paths").fieldNames().forEachRemaining(templates::add);
        Oracle oracle = new Oracle(templates);
        Random random = new Random(28);
        String[] fillings = {"1", "abc", "x-y_z", "116433", "series", "pupils", "%20", "a.b"};
        int checked = 0;
        for (String template : templates) {
            for (int i = 0; i < 20; i++) {
                String path = template.replaceAll("\\{[a-z_]+}", fillings[random.nextInt(fillings.length)]);
                for (String variant :
                        List.of(path, path + "/", path + "//", path + "/extra", path.replaceFirst("/[^/]+$", "/"))) {
                    assertEquals(oracle.templateOf(variant), routes.templateOf(variant), variant);
                    checked++;
                }
            }
        }
        assertEquals(templates.size() * 100, checked);
    }

    /** The former lookup: one regular expression per template, most literal segments first. */
    private record Oracle(List<String> templates) {

        Optional<String> templateOf(String path) {
            String plain = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return templates.stream()
                    .sorted(Comparator.comparingLong(Oracle::literalSegments).reversed())
                    .filter(t -> Pattern.compile(Pattern.quote(t).replaceAll("\\{[a-z_]+}", "\\\\E[^/]+\\\\Q"))
                            .matcher(plain)
                            .matches())
                    .findFirst();
        }

        private static long literalSegments(String template) {
            return java.util.Arrays.stream(template.split("/"))
                    .filter(s -> !s.isEmpty() && !s.startsWith("{"))
                    .count();
        }
    }
}
