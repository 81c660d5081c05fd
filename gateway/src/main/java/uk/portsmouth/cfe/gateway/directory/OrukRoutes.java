package uk.portsmouth.cfe.gateway.directory;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc.DirectoryServiceBlockingStub;
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListServiceAtLocationsRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomiesRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomyTermsRequest;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationPage;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocationPage;
import uk.portsmouth.cfe.proto.directory.v1.ServicePage;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyPage;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTermPage;

/**
 * {@code /oruk}: the Open Referral UK 3.0 feed, public and read-only, every service whatever its
 * status (partners must see retirements), ORUK query parameters and page envelope.
 */
public final class OrukRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/oruk";

    private final DirectoryServiceBlockingStub directory;
    private final Authenticator authenticator;
    private final String openApiUrl;

    public OrukRoutes(DirectoryServiceBlockingStub directory, Authenticator authenticator, String openApiUrl) {
        this.directory = directory;
        this.authenticator = authenticator;
        this.openApiUrl = openApiUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::about)
                .get("/services", this::services)
                .get(
                        "/services/{id}",
                        (req, res) -> Json.ok(
                                req,
                                res,
                                Json.proto(stub(req).getService(byId(req)).getService())))
                .get("/taxonomies", this::taxonomies)
                .get(
                        "/taxonomies/{id}",
                        (req, res) -> Json.ok(req, res, Json.proto(stub(req).getTaxonomy(byId(req)))))
                .get("/taxonomy_terms", this::taxonomyTerms)
                .get(
                        "/taxonomy_terms/{id}",
                        (req, res) -> Json.ok(req, res, Json.proto(stub(req).getTaxonomyTerm(byId(req)))))
                .get("/organizations", this::organizations)
                .get(
                        "/organizations/{id}",
                        (req, res) -> Json.ok(
                                req,
                                res,
                                Json.proto(stub(req).getOrganization(byId(req)).getOrganization())))
                .get("/service_at_locations", this::serviceAtLocations)
                .get(
                        "/service_at_locations/{id}",
                        (req, res) -> Json.ok(req, res, Json.proto(stub(req).getServiceAtLocation(byId(req)))))
                .get((req, res) -> {
                    throw Problems.notFound("The ORUK feed has no resource at "
                            + req.path().absolute().path());
                });
    }

    private DirectoryServiceBlockingStub stub(ServerRequest req) {
        // the feed is public and reads no token: every call is anonymous
        return authenticator.on(directory, req, Optional.empty());
    }

    private static GetByIdRequest byId(ServerRequest req) {
        return GetByIdRequest.newBuilder()
                .setId(req.path().pathParameters().get("id"))
                .build();
    }

    private void about(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.write(Json.map(
                        "version",
                        "HSDS-UK-3.0",
                        "profile",
                        "https://openreferraluk.org/",
                        "openapi_url",
                        openApiUrl)));
    }

    private void services(ServerRequest req, ServerResponse res) {
        boolean full = QueryParams.bool(req, "full") && !QueryParams.bool(req, "minimal");
        ServicePage page = stub(req)
                .searchServices(DirectoryQueries.services(req).setFull(full).build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void taxonomies(ServerRequest req, ServerResponse res) {
        TaxonomyPage page = stub(req)
                .listTaxonomies(ListTaxonomiesRequest.newBuilder()
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void taxonomyTerms(ServerRequest req, ServerResponse res) {
        TaxonomyTermPage page = stub(req)
                .listTaxonomyTerms(ListTaxonomyTermsRequest.newBuilder()
                        .setTaxonomyId(QueryParams.text(req, "taxonomy_id"))
                        .setText(QueryParams.text(req, "search"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void organizations(ServerRequest req, ServerResponse res) {
        OrganizationPage page = stub(req).listOrganizations(DirectoryQueries.organizations(req));
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void serviceAtLocations(ServerRequest req, ServerResponse res) {
        ServiceAtLocationPage page = stub(req)
                .listServiceAtLocations(ListServiceAtLocationsRequest.newBuilder()
                        .setText(QueryParams.text(req, "search"))
                        .addAllTaxonomyTermIds(QueryParams.all(req, "taxonomy_term_id"))
                        .setTaxonomyId(QueryParams.text(req, "taxonomy_id"))
                        .setOrganizationId(QueryParams.text(req, "organization_id"))
                        .setPostcode(QueryParams.text(req, "postcode"))
                        .setModifiedAfter(QueryParams.text(req, "modified_after"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }
}
