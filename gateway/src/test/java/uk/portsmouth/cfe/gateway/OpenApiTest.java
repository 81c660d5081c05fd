package uk.portsmouth.cfe.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The served OpenAPI document is valid, every documented operation exists, every route of the
 * gateway is documented, and every operation documents its errors.
 */
class OpenApiTest {

    /** Every route the gateway serves. A new route must be added here and to the document. */
    private static final List<String> ROUTES = List.of(
            "POST /v1/oauth/token", "GET /.well-known/jwks.json", "GET /openapi",
            "GET /v1/clients", "POST /v1/clients", "GET /v1/clients/{id}", "PATCH /v1/clients/{id}", "POST /v1/clients/{id}/secret",
            "GET /v1/directory/services", "POST /v1/directory/services",
            "GET /v1/directory/services/{id}", "PUT /v1/directory/services/{id}",
            "GET /v1/directory/organizations", "POST /v1/directory/organizations",
            "GET /v1/directory/organizations/{id}", "PUT /v1/directory/organizations/{id}",
            "GET /v1/directory/taxonomies", "GET /v1/directory/aspects-of-life",
            "GET /v1/contacts/teams", "POST /v1/contacts/teams", "GET /v1/contacts/teams/{id}",
            "PUT /v1/contacts/teams/{id}", "GET /v1/glossary", "GET /v1/bulletins",
            "GET /v1/meetings/series", "POST /v1/meetings/series", "GET /v1/meetings/series/{id}",
            "PUT /v1/meetings/series/{id}", "GET /v1/meetings", "GET /v1/meetings/{id}", "GET /v1/meetings/calendar.ics",
            "POST /v1/meetings/calendar-feeds", "DELETE /v1/meetings/calendar-feeds",
            "POST /v1/meetings/{id}/registrations", "GET /v1/meetings/{id}/registrations", "DELETE /v1/meetings/{id}/registrations",
            "POST /v1/meetings/{id}/invitations", "GET /v1/meetings/{id}/minutes", "POST /v1/meetings/{id}/minutes",
            "POST /v1/meetings/{id}/slots",
            "GET /v1/schools", "POST /v1/schools", "GET /v1/schools/{urn}", "PUT /v1/schools/{urn}",
            "GET /v1/schools/{urn}/contacts", "PUT /v1/schools/{urn}/contacts", "GET /v1/contacts/lists",
            "GET /v1/contacts/export.csv",
            "GET /v1/attendance/codes", "GET /v1/attendance/summary", "GET /v1/schools/{urn}/pupils", "POST /v1/schools/{urn}/pupils",
            "POST /v1/schools/{urn}/attendance/marks", "GET /v1/schools/{urn}/attendance/pupils/{upn}",
            "GET /v1/schools/{urn}/attendance/summary", "GET /v1/schools/{urn}/attendance/severe-absence",
            "POST /v1/schools/{urn}/attendance/severe-absence/meeting",
            "POST /v1/schools/{urn}/roll-removals", "GET /v1/schools/{urn}/roll-removals", "GET /v1/attendance/cme-cases",
            "GET /v1/attendance/cme-cases/{id}", "PATCH /v1/attendance/cme-cases/{id}",
            "POST /v1/attendance/legal-action-requests", "GET /v1/attendance/legal-action-requests",
            "GET /v1/attendance/legal-action-requests/{id}", "POST /v1/attendance/legal-action-requests/{id}/decision",
            "POST /v1/attendance/sap-referrals", "GET /v1/attendance/sap-referrals", "GET /v1/attendance/sap-referrals/{id}",
            "POST /v1/attendance/sap-referrals/{id}/actions",
            "GET /v1/fsps", "POST /v1/fsps", "GET /v1/fsps/reviews-due", "GET /v1/fsps/{id}", "PUT /v1/fsps/{id}",
            "POST /v1/fsps/{id}/consent", "POST /v1/fsps/{id}/activate", "POST /v1/fsps/{id}/team",
            "DELETE /v1/fsps/{id}/team/{member_id}", "POST /v1/fsps/{id}/actions", "PATCH /v1/fsps/{id}/actions/{action_id}",
            "POST /v1/fsps/{id}/actions/{action_id}/progress", "GET /v1/fsps/{id}/reviews", "POST /v1/fsps/{id}/reviews",
            "PUT /v1/fsps/{id}/reviews/current", "POST /v1/fsps/{id}/reviews/current/complete", "GET /v1/fsps/{id}/reviews/{number}",
            "POST /v1/fsps/{id}/transfer", "POST /v1/fsps/{id}/close", "POST /v1/fsps/{id}/reopen",
            "GET /v1/fsps/{id}/suggested-services",
            "GET /v1/professionals", "POST /v1/professionals", "PUT /v1/professionals/{id}",
            "GET /oruk", "GET /oruk/services", "GET /oruk/services/{id}", "GET /oruk/taxonomies",
            "GET /oruk/taxonomies/{id}", "GET /oruk/taxonomy_terms", "GET /oruk/taxonomy_terms/{id}",
            "GET /oruk/organizations", "GET /oruk/organizations/{id}", "GET /oruk/service_at_locations",
            "GET /oruk/service_at_locations/{id}");

    private static TestPlatform platform;
    private static OpenAPI document;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(Telemetry.noop());
        HttpResponse<String> served = platform.get("/openapi?format=json");
        assertThat(served.statusCode(), is(200));
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body());
        assertThat(parsed.getMessages(), empty());
        document = parsed.getOpenAPI();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static List<String> documented() {
        List<String> operations = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.add(method.name() + " " + path)));
        return operations;
    }

    @Test
    void documentsExactlyTheRoutesTheGatewayServes() {
        assertThat(new java.util.TreeSet<>(documented()), is(new java.util.TreeSet<>(ROUTES)));
    }

    @Test
    void everyDocumentedOperationIsRouted() {
        for (String route : documented()) {
            String[] parts = route.split(" ");
            String path = parts[1].replace("{id}", "6b0c2c1e-0000-4000-8000-000000000000").replace("{urn}", "116000").replace("{upn}", "B801200005001")
                    .replace("{member_id}", "adult-1").replace("{action_id}", "action-1").replace("{number}", "1");
            HttpResponse<String> response = platform.send(HttpRequest.newBuilder(platform.uri(path))
                    .method(parts[0], parts[0].equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json"));
            assertThat(route, response.statusCode(), not(405));
            assertThat(route + " " + response.body(), response.body().contains("There is no resource at"), is(false));
        }
    }

    @Test
    void everyWriteDocumentsItsSecurityAndErrors() {
        for (Map.Entry<String, PathItem> entry : document.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : entry.getValue().readOperationsMap().entrySet()) {
                String name = op.getKey() + " " + entry.getKey();
                if ((entry.getKey().startsWith("/v1/directory") || entry.getKey().startsWith("/v1/contacts")
                        || entry.getKey().startsWith("/v1/schools") || entry.getKey().startsWith("/v1/fsps")
                        || entry.getKey().startsWith("/v1/meetings") && !entry.getKey().endsWith("/calendar-feeds"))
                        && op.getKey() != PathItem.HttpMethod.GET) {
                    assertThat(name, op.getValue().getSecurity().isEmpty(), is(false));
                    assertThat(name, op.getValue().getResponses(), hasKey("401"));
                    assertThat(name, op.getValue().getResponses(), hasKey("403"));
                    assertThat(name, op.getValue().getResponses(), hasKey("400"));
                }
                if (entry.getKey().contains("{id}") || entry.getKey().contains("{urn}")) {
                    assertThat(name, op.getValue().getResponses(), hasKey("404"));
                }
            }
        }
    }

    @Test
    void servesYamlByDefault() {
        HttpResponse<String> yaml = platform.get("/openapi");
        assertThat(yaml.headers().firstValue("Content-Type").orElse(""), is("application/yaml"));
        assertThat(yaml.body().startsWith("openapi: 3.1.0"), is(true));
    }
}
