package uk.portsmouth.cfe.gateway.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.IdempotencyKeys;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.directory.v1.CreateOrganizationRequest;
import uk.portsmouth.cfe.proto.directory.v1.CreateServiceRequest;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc.DirectoryServiceBlockingStub;
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.GetDataQualityRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListAspectsOfLifeRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomiesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Organization;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationPage;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationRecord;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServicePage;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;
import uk.portsmouth.cfe.proto.directory.v1.Taxonomy;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTerm;
import uk.portsmouth.cfe.proto.directory.v1.UpdateOrganizationRequest;
import uk.portsmouth.cfe.proto.directory.v1.UpdateServiceRequest;

/**
 * {@code /v1/directory}: public search and reads of the Directory of Services; creating and
 * updating services and organisations for directory editors, with If-Match on every update.
 */
public final class DirectoryRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/directory";

    private static final Set<String> EDITORS = Set.of(Roles.DIRECTORY_EDITOR, Roles.LA_ADMIN);
    /** Fields a client may send back as it read them; the server owns their values. */
    private static final List<String> READ_ONLY = List.of("id", "last_modified", "organization", "services");

    private final DirectoryServiceBlockingStub directory;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public DirectoryRoutes(DirectoryServiceBlockingStub directory, Authenticator authenticator, RequestBodies bodies) {
        this.directory = directory;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/services", this::searchServices)
                .post("/services", this::createService)
                .get("/services/{id}", this::getService)
                .put("/services/{id}", this::updateService)
                .get("/organizations", this::listOrganizations)
                .post("/organizations", this::createOrganization)
                .get("/organizations/{id}", this::getOrganization)
                .put("/organizations/{id}", this::updateOrganization)
                .get("/taxonomies", this::taxonomies)
                .get("/aspects-of-life", this::aspectsOfLife)
                .get("/quality", this::dataQuality);
    }

    private void searchServices(ServerRequest req, ServerResponse res) {
        SearchServicesRequest.Builder search = DirectoryQueries.services(req)
                .setAspectOfLife(QueryParams.text(req, "aspect_of_life"))
                .setLocalityValue(QueryParams.closedSet(req, "locality", Locality.getDescriptor())
                        .getNumber())
                .setFull(QueryParams.bool(req, "full"));
        QueryParams.integer(req, "age").ifPresent(search::setAge);
        search.addAllStatuses(statuses(req));
        ServicePage page =
                authenticator.on(directory, req, authenticator.caller(req)).searchServices(search.build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    /**
     * Front ends see active services unless they ask for a status ("all" for every one);
     * incremental pulls ({@code modified_after}) see every status, so retirements reach partners.
     */
    private static List<ServiceStatus> statuses(ServerRequest req) {
        List<String> statuses = QueryParams.all(req, "status");
        if (statuses.contains("all") || (statuses.isEmpty() && req.query().contains("modified_after"))) {
            return List.of();
        }
        if (statuses.isEmpty()) {
            return List.of(ServiceStatus.SERVICE_STATUS_ACTIVE);
        }
        return statuses.stream()
                .map(name -> ClosedSets.byJsonName(ServiceStatus.getDescriptor(), name)
                        .map(ServiceStatus::valueOf)
                        .orElseThrow(() -> Problems.invalidParameter(
                                "status", ClosedSets.rule("status", ServiceStatus.getDescriptor()) + ", or all")))
                .toList();
    }

    private void getService(ServerRequest req, ServerResponse res) {
        ServiceRecord record = authenticator
                .on(directory, req, authenticator.caller(req))
                .getService(GetByIdRequest.newBuilder()
                        .setId(req.path().pathParameters().get("id"))
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getService()), ETags.ofVersion(record.getVersion()));
    }

    /** For editors: which services a feed consumer would drop or flag, and why. */
    private void dataQuality(ServerRequest req, ServerResponse res) {
        Caller editor = authenticator.require(req, EDITORS);
        Json.ok(
                req,
                res,
                Json.proto(authenticator
                        .on(directory, req, Optional.of(editor))
                        .getDataQuality(GetDataQualityRequest.getDefaultInstance())));
    }

    private void createService(ServerRequest req, ServerResponse res) {
        Caller editor = authenticator.require(req, EDITORS);
        Service service = Json.toProto(
                        RequestBodies.withoutServerFields(bodies.read(req, "ServiceInput"), READ_ONLY),
                        Service.newBuilder())
                .build();
        ServiceRecord created = authenticator
                .on(directory, req, Optional.of(editor))
                .createService(CreateServiceRequest.newBuilder()
                        .setService(service)
                        .setIdempotencyKey(IdempotencyKeys.of(req))
                        .build());
        res.header(
                HeaderNames.LOCATION,
                "/v1/directory/services/" + created.getService().getId());
        IdempotencyKeys.markReplayed(res, created.getReplayed());
        Json.send(
                req, res, Status.CREATED_201, Json.proto(created.getService()), ETags.ofVersion(created.getVersion()));
    }

    private void updateService(ServerRequest req, ServerResponse res) {
        Caller editor = authenticator.require(req, EDITORS);
        String id = req.path().pathParameters().get("id");
        long version = ETags.requiredVersion(req);
        JsonNode body = bodies.read(req, "ServiceInput");
        RequestBodies.requireIdOfPath(body, id);
        Service service = Json.toProto(RequestBodies.withoutServerFields(body, READ_ONLY), Service.newBuilder())
                .setId(id)
                .build();
        ServiceRecord updated = authenticator
                .on(directory, req, Optional.of(editor))
                .updateService(UpdateServiceRequest.newBuilder()
                        .setService(service)
                        .setExpectedVersion(version)
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(updated.getService()), ETags.ofVersion(updated.getVersion()));
    }

    private void listOrganizations(ServerRequest req, ServerResponse res) {
        OrganizationPage page = authenticator
                .on(directory, req, authenticator.caller(req))
                .listOrganizations(DirectoryQueries.organizations(req));
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void getOrganization(ServerRequest req, ServerResponse res) {
        OrganizationRecord record = authenticator
                .on(directory, req, authenticator.caller(req))
                .getOrganization(GetByIdRequest.newBuilder()
                        .setId(req.path().pathParameters().get("id"))
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getOrganization()), ETags.ofVersion(record.getVersion()));
    }

    private void createOrganization(ServerRequest req, ServerResponse res) {
        Caller editor = authenticator.require(req, EDITORS);
        Organization organization = Json.toProto(
                        RequestBodies.withoutServerFields(bodies.read(req, "OrganizationInput"), READ_ONLY),
                        Organization.newBuilder())
                .build();
        OrganizationRecord created = authenticator
                .on(directory, req, Optional.of(editor))
                .createOrganization(CreateOrganizationRequest.newBuilder()
                        .setOrganization(organization)
                        .setIdempotencyKey(IdempotencyKeys.of(req))
                        .build());
        res.header(
                HeaderNames.LOCATION,
                "/v1/directory/organizations/" + created.getOrganization().getId());
        IdempotencyKeys.markReplayed(res, created.getReplayed());
        Json.send(
                req,
                res,
                Status.CREATED_201,
                Json.proto(created.getOrganization()),
                ETags.ofVersion(created.getVersion()));
    }

    private void updateOrganization(ServerRequest req, ServerResponse res) {
        Caller editor = authenticator.require(req, EDITORS);
        String id = req.path().pathParameters().get("id");
        long version = ETags.requiredVersion(req);
        JsonNode body = bodies.read(req, "OrganizationInput");
        RequestBodies.requireIdOfPath(body, id);
        Organization organization = Json.toProto(
                        RequestBodies.withoutServerFields(body, READ_ONLY), Organization.newBuilder())
                .setId(id)
                .build();
        OrganizationRecord updated = authenticator
                .on(directory, req, Optional.of(editor))
                .updateOrganization(UpdateOrganizationRequest.newBuilder()
                        .setOrganization(organization)
                        .setExpectedVersion(version)
                        .build());
        Json.send(
                req, res, Status.OK_200, Json.proto(updated.getOrganization()), ETags.ofVersion(updated.getVersion()));
    }

    /** Every taxonomy with its terms: what a front end needs to build its filters. */
    private void taxonomies(ServerRequest req, ServerResponse res) {
        DirectoryServiceBlockingStub stub = authenticator.on(directory, req, authenticator.caller(req));
        ArrayNode taxonomies = Json.MAPPER.createArrayNode();
        for (Taxonomy taxonomy :
                stub.listTaxonomies(ListTaxonomiesRequest.getDefaultInstance()).getContentsList()) {
            taxonomies.add(Json.tree(stub.getTaxonomy(
                    GetByIdRequest.newBuilder().setId(taxonomy.getId()).build())));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("taxonomies", taxonomies);
        Json.ok(req, res, Json.write(body));
    }

    private void aspectsOfLife(ServerRequest req, ServerResponse res) {
        List<TaxonomyTerm> aspects = authenticator
                .on(directory, req, authenticator.caller(req))
                .listAspectsOfLife(ListAspectsOfLifeRequest.getDefaultInstance())
                .getContentsList();
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (TaxonomyTerm aspect : aspects) {
            items.addObject()
                    .put("id", aspect.getId())
                    .put("slug", aspect.getTerm())
                    .put("name", aspect.getName())
                    .put("description", aspect.getDescription());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("aspects_of_life", items);
        Json.ok(req, res, Json.write(body));
    }
}
