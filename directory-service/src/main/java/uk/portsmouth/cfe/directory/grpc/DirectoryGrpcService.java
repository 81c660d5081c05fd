package uk.portsmouth.cfe.directory.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import uk.portsmouth.cfe.directory.domain.Ids;
import uk.portsmouth.cfe.directory.domain.SearchText;
import uk.portsmouth.cfe.directory.domain.ServiceQuery;
import uk.portsmouth.cfe.directory.domain.ServiceRules;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.directory.domain.Timestamps;
import uk.portsmouth.cfe.directory.store.OrganizationStore;
import uk.portsmouth.cfe.directory.store.ServiceStore;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.RequestFingerprints;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.directory.v1.CreateOrganizationRequest;
import uk.portsmouth.cfe.proto.directory.v1.CreateServiceRequest;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListAspectsOfLifeRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListOrganizationsRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListServiceAtLocationsRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomiesRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomyTermsRequest;
import uk.portsmouth.cfe.proto.directory.v1.Organization;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationPage;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationRecord;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocation;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocationPage;
import uk.portsmouth.cfe.proto.directory.v1.ServicePage;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;
import uk.portsmouth.cfe.proto.directory.v1.Taxonomy;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyPage;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTerm;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTermPage;
import uk.portsmouth.cfe.proto.directory.v1.UpdateOrganizationRequest;
import uk.portsmouth.cfe.proto.directory.v1.UpdateServiceRequest;

/**
 * The directory's gRPC contract: reads are open to every caller (the directory is public),
 * writes need the {@code directory_editor} (or {@code la_admin}) role and are attributed to the
 * caller. Handlers throw the platform's exceptions; the host maps them to statuses.
 */
public final class DirectoryGrpcService extends DirectoryServiceGrpc.DirectoryServiceImplBase {

    private static final List<String> EDITOR_ROLES = List.of(Roles.DIRECTORY_EDITOR, Roles.LA_ADMIN);
    private static final String EDITORS_ONLY = "Only directory editors may change the directory";

    private final ServiceStore services;
    private final OrganizationStore organizations;
    private final Clock clock;

    public DirectoryGrpcService(ServiceStore services, OrganizationStore organizations, Clock clock) {
        this.services = services;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public void searchServices(SearchServicesRequest request, StreamObserver<ServicePage> response) {
        ServiceQuery query = ServiceQuery.from(request);
        Page<Service> page = services.search(query);
        Map<String, Organization> owners = owners(page.contents());
        reply(
                response,
                ServicePage.newBuilder()
                        .setPage(page.info())
                        .addAllContents(page.contents().stream()
                                .map(s -> request.getFull() ? withOrganization(s, owners) : summary(s, owners))
                                .toList())
                        .build());
    }

    @Override
    public void getService(GetByIdRequest request, StreamObserver<ServiceRecord> response) {
        StoredRecord<Service> stored = services.find(validId(request.getId()))
                .orElseThrow(() -> new NotFoundException("service", request.getId()));
        reply(response, serviceRecord(withOrganization(stored.body()), stored.version(), stored.modifiedBy()));
    }

    @Override
    public void createService(CreateServiceRequest request, StreamObserver<ServiceRecord> response) {
        CallerContext editor = CallerContexts.requireAnyRole(EDITOR_ROLES, EDITORS_ONLY);
        ServiceRules.validate(request.getService(), organizations::exists);
        String id = newId("service", editor, request.getIdempotencyKey());
        String fingerprint = RequestFingerprints.of(request.getService());
        Service service = ServiceRules.complete(request.getService(), id, now());
        if (!services.insert(
                service, organizations.name(service.getOrganizationId()), editor.getSubject(), fingerprint)) {
            RequestFingerprints.requireSame(fingerprint, services.requestHash(id));
            StoredRecord<Service> first = services.find(id).orElseThrow(() -> new NotFoundException("service", id));
            reply(
                    response,
                    serviceRecord(withOrganization(first.body()), first.version(), first.modifiedBy()).toBuilder()
                            .setReplayed(true)
                            .build());
            return;
        }
        reply(response, serviceRecord(withOrganization(service), 1, editor.getSubject()));
    }

    @Override
    public void updateService(UpdateServiceRequest request, StreamObserver<ServiceRecord> response) {
        CallerContext editor = CallerContexts.requireAnyRole(EDITOR_ROLES, EDITORS_ONLY);
        String id = validId(request.getService().getId());
        ServiceRules.validate(request.getService(), organizations::exists);
        Service service = ServiceRules.complete(request.getService(), id, now());
        long version = services.replace(
                service,
                organizations.name(service.getOrganizationId()),
                request.getExpectedVersion(),
                editor.getSubject());
        reply(response, serviceRecord(withOrganization(service), version, editor.getSubject()));
    }

    @Override
    public void listOrganizations(ListOrganizationsRequest request, StreamObserver<OrganizationPage> response) {
        FieldChecks checks = new FieldChecks();
        String modifiedAfter = request.getModifiedAfter().isEmpty()
                ? null
                : ServiceQuery.parseInstant(request.getModifiedAfter(), "modified_after", checks);
        checks.throwIfAny("The search is not valid");
        Page<Organization> page =
                organizations.list(SearchText.words(request.getText()), modifiedAfter, Paging.of(request.getPage()));
        reply(
                response,
                OrganizationPage.newBuilder()
                        .setPage(page.info())
                        .addAllContents(
                                request.getFull()
                                        ? page.contents().stream()
                                                .map(this::withServices)
                                                .toList()
                                        : page.contents())
                        .build());
    }

    @Override
    public void getOrganization(GetByIdRequest request, StreamObserver<OrganizationRecord> response) {
        StoredRecord<Organization> stored = organizations
                .find(validId(request.getId()))
                .orElseThrow(() -> new NotFoundException("organization", request.getId()));
        reply(response, organizationRecord(withServices(stored.body()), stored.version(), stored.modifiedBy()));
    }

    @Override
    public void createOrganization(CreateOrganizationRequest request, StreamObserver<OrganizationRecord> response) {
        CallerContext editor = CallerContexts.requireAnyRole(EDITOR_ROLES, EDITORS_ONLY);
        ServiceRules.validate(request.getOrganization());
        String id = newId("organization", editor, request.getIdempotencyKey());
        String fingerprint = RequestFingerprints.of(request.getOrganization());
        Organization organization =
                request.getOrganization().toBuilder().setId(id).clearServices().build();
        if (!organizations.insert(organization, now(), editor.getSubject(), fingerprint)) {
            RequestFingerprints.requireSame(fingerprint, organizations.requestHash(id));
            StoredRecord<Organization> first =
                    organizations.find(id).orElseThrow(() -> new NotFoundException("organization", id));
            reply(
                    response,
                    organizationRecord(first.body(), first.version(), first.modifiedBy()).toBuilder()
                            .setReplayed(true)
                            .build());
            return;
        }
        reply(response, organizationRecord(organization, 1, editor.getSubject()));
    }

    @Override
    public void updateOrganization(UpdateOrganizationRequest request, StreamObserver<OrganizationRecord> response) {
        CallerContext editor = CallerContexts.requireAnyRole(EDITOR_ROLES, EDITORS_ONLY);
        String id = validId(request.getOrganization().getId());
        ServiceRules.validate(request.getOrganization());
        Organization organization =
                request.getOrganization().toBuilder().clearServices().build();
        long version = organizations.replace(organization, now(), request.getExpectedVersion(), editor.getSubject());
        services.renameOrganization(id, organization.getName());
        reply(response, organizationRecord(withServices(organization), version, editor.getSubject()));
    }

    @Override
    public void listAspectsOfLife(ListAspectsOfLifeRequest request, StreamObserver<TaxonomyTermPage> response) {
        List<TaxonomyTerm> aspects = Taxonomies.ASPECT_TERMS;
        reply(
                response,
                TaxonomyTermPage.newBuilder()
                        .setPage(new Paging(1, aspects.size()).info(aspects.size(), aspects.size()))
                        .addAllContents(aspects)
                        .build());
    }

    @Override
    public void listTaxonomies(ListTaxonomiesRequest request, StreamObserver<TaxonomyPage> response) {
        Paging paging = Paging.of(request.getPage());
        List<Taxonomy> page = paging.slice(Taxonomies.TAXONOMIES);
        reply(
                response,
                TaxonomyPage.newBuilder()
                        .setPage(paging.info(Taxonomies.TAXONOMIES.size(), page.size()))
                        .addAllContents(page)
                        .build());
    }

    @Override
    public void getTaxonomy(GetByIdRequest request, StreamObserver<Taxonomy> response) {
        String id = validId(request.getId());
        Taxonomy taxonomy = Taxonomies.TAXONOMIES.stream()
                .filter(t -> t.getId().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("taxonomy", id));
        reply(response, taxonomy.toBuilder().addAllTaxonomyTerms(termsOf(id)).build());
    }

    @Override
    public void listTaxonomyTerms(ListTaxonomyTermsRequest request, StreamObserver<TaxonomyTermPage> response) {
        Paging paging = Paging.of(request.getPage());
        if (!request.getTaxonomyId().isEmpty() && !Ids.isUuid(request.getTaxonomyId())) {
            throw InvalidInputException.of("taxonomy_id", "taxonomy_id must be a UUID");
        }
        List<String> words = SearchText.words(request.getText());
        List<TaxonomyTerm> matching = (request.getTaxonomyId().isEmpty()
                        ? Taxonomies.TAXONOMIES.stream()
                                .flatMap(t -> termsOf(t.getId()).stream())
                                .toList()
                        : termsOf(request.getTaxonomyId()))
                .stream()
                        .filter(t -> words.stream()
                                .allMatch(w -> SearchText.words(t.getName() + " " + t.getDescription()).stream()
                                        .anyMatch(tw -> tw.startsWith(w))))
                        .toList();
        List<TaxonomyTerm> page = paging.slice(matching);
        reply(
                response,
                TaxonomyTermPage.newBuilder()
                        .setPage(paging.info(matching.size(), page.size()))
                        .addAllContents(page)
                        .build());
    }

    @Override
    public void getTaxonomyTerm(GetByIdRequest request, StreamObserver<TaxonomyTerm> response) {
        String id = validId(request.getId());
        reply(response, Taxonomies.term(id).orElseThrow(() -> new NotFoundException("taxonomy term", id)));
    }

    @Override
    public void listServiceAtLocations(
            ListServiceAtLocationsRequest request, StreamObserver<ServiceAtLocationPage> response) {
        ServiceQuery query = ServiceQuery.from(SearchServicesRequest.newBuilder()
                .setText(request.getText())
                .addAllTaxonomyTermIds(request.getTaxonomyTermIdsList())
                .setTaxonomyId(request.getTaxonomyId())
                .setOrganizationId(request.getOrganizationId())
                .setModifiedAfter(request.getModifiedAfter())
                .setPage(request.getPage())
                .build());
        String postcode = ServiceRules.normalisePostcode(request.getPostcode());
        List<Service> located = services.withLocations(query, postcode);
        Map<String, Organization> owners = owners(located);
        List<ServiceAtLocation> all = located.stream()
                .flatMap(s -> s.getServiceAtLocationsList().stream()
                        .filter(at -> postcode.isEmpty()
                                || at.getLocation().getAddressesList().stream()
                                        .anyMatch(a -> a.getPostalCode().startsWith(postcode)))
                        .map(at -> at.toBuilder().setService(summary(s, owners)).build()))
                .toList();
        List<ServiceAtLocation> page = query.paging().slice(all);
        reply(
                response,
                ServiceAtLocationPage.newBuilder()
                        .setPage(query.paging().info(all.size(), page.size()))
                        .addAllContents(page)
                        .build());
    }

    @Override
    public void getServiceAtLocation(GetByIdRequest request, StreamObserver<ServiceAtLocation> response) {
        String id = validId(request.getId());
        Service service = services.findByServiceAtLocation(id)
                .orElseThrow(() -> new NotFoundException("service_at_location", id));
        ServiceAtLocation at = service.getServiceAtLocationsList().stream()
                .filter(s -> s.getId().equals(id))
                .findFirst()
                .orElseThrow();
        reply(
                response,
                at.toBuilder()
                        .setService(summary(service, owners(List.of(service))))
                        .build());
    }

    private List<TaxonomyTerm> termsOf(String taxonomyId) {
        return Taxonomies.allTerms().stream()
                .filter(t -> t.getTaxonomyId().equals(taxonomyId))
                .sorted(java.util.Comparator.comparing(TaxonomyTerm::getName))
                .toList();
    }

    /** The ORUK list shape: one-to-one fields and the organisation, no nested lists. */
    private static Service summary(Service service, Map<String, Organization> owners) {
        return withOrganization(service, owners).toBuilder()
                .clearSchedules()
                .clearServiceAreas()
                .clearServiceAtLocations()
                .clearLanguages()
                .clearFunding()
                .clearCostOptions()
                .clearContacts()
                .clearAttributes()
                .clearPhones()
                .build();
    }

    private Service withOrganization(Service service) {
        return withOrganization(service, owners(List.of(service)));
    }

    private static Service withOrganization(Service service, Map<String, Organization> owners) {
        Organization owner = owners.get(service.getOrganizationId());
        return owner == null
                ? service
                : service.toBuilder().setOrganization(owner).build();
    }

    /** The organisations of these services, read in one query. */
    private Map<String, Organization> owners(List<Service> services) {
        return organizations.findAll(
                services.stream().map(Service::getOrganizationId).toList());
    }

    private Organization withServices(Organization organization) {
        Page<Service> page = services.search(ServiceQuery.from(SearchServicesRequest.newBuilder()
                .setOrganizationId(organization.getId())
                .setPage(PageRequest.newBuilder().setPerPage(Paging.MAX_SIZE))
                .build()));
        return organization.toBuilder()
                .addAllServices(
                        page.contents().stream().map(s -> summary(s, Map.of())).toList())
                .build();
    }

    private static ServiceRecord serviceRecord(Service service, long version, String modifiedBy) {
        return ServiceRecord.newBuilder()
                .setService(service)
                .setVersion(version)
                .setModifiedBy(modifiedBy)
                .build();
    }

    private static OrganizationRecord organizationRecord(Organization organization, long version, String modifiedBy) {
        return OrganizationRecord.newBuilder()
                .setOrganization(organization)
                .setVersion(version)
                .setModifiedBy(modifiedBy)
                .build();
    }

    /** A new record's id: random, or derived from the caller's idempotency key so a retry finds the first. */
    private static String newId(String kind, CallerContext caller, String idempotencyKey) {
        return idempotencyKey.isEmpty()
                ? Ids.random()
                : Ids.stable(kind + ":" + caller.getSubject() + ":" + idempotencyKey);
    }

    private static String validId(String id) {
        if (!Ids.isUuid(id)) {
            throw InvalidInputException.of("id", "id must be a UUID");
        }
        return id;
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }
}
