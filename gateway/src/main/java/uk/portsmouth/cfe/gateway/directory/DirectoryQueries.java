package uk.portsmouth.cfe.gateway.directory;

import io.helidon.webserver.http.ServerRequest;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.proto.directory.v1.ListOrganizationsRequest;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;

/** The query parameters both the /v1 directory and the ORUK feed take, mapped to the directory's requests. */
final class DirectoryQueries {

    private DirectoryQueries() {}

    /**
     * ORUK's service filters: search (alias q), taxonomy_term_id, taxonomy_id, organization_id, modified_after,
     * minimum_age (services whose minimum age is at least it), maximum_age (whose maximum is at most it),
     * paging.
     */
    static SearchServicesRequest.Builder services(ServerRequest req) {
        String search = QueryParams.text(req, "search");
        SearchServicesRequest.Builder services = SearchServicesRequest.newBuilder()
                .setText(search.isEmpty() ? QueryParams.text(req, "q") : search)
                .addAllTaxonomyTermIds(QueryParams.all(req, "taxonomy_term_id"))
                .setTaxonomyId(QueryParams.text(req, "taxonomy_id"))
                .setOrganizationId(QueryParams.text(req, "organization_id"))
                .setModifiedAfter(QueryParams.text(req, "modified_after"))
                .setPage(QueryParams.page(req));
        QueryParams.integer(req, "minimum_age").ifPresent(services::setMinimumAgeAtLeast);
        QueryParams.integer(req, "maximum_age").ifPresent(services::setMaximumAgeAtMost);
        return services;
    }

    static ListOrganizationsRequest organizations(ServerRequest req) {
        return ListOrganizationsRequest.newBuilder()
                .setText(QueryParams.text(req, "search"))
                .setModifiedAfter(QueryParams.text(req, "modified_after"))
                .setFull(QueryParams.bool(req, "full"))
                .setPage(QueryParams.page(req))
                .build();
    }
}
