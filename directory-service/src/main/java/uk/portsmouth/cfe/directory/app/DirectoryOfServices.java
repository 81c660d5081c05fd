package uk.portsmouth.cfe.directory.app;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.portsmouth.cfe.directory.domain.DataQuality;
import uk.portsmouth.cfe.directory.domain.Ids;
import uk.portsmouth.cfe.directory.domain.SearchText;
import uk.portsmouth.cfe.directory.domain.ServiceQuery;
import uk.portsmouth.cfe.directory.domain.ServiceRules;
import uk.portsmouth.cfe.directory.domain.Timestamps;
import uk.portsmouth.cfe.directory.store.OrganizationStore;
import uk.portsmouth.cfe.directory.store.ServiceSearchIndex;
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
import uk.portsmouth.cfe.proto.directory.v1.DataQualityReport;
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.GetDataQualityRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListOrganizationsRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListServiceAtLocationsRequest;
import uk.portsmouth.cfe.proto.directory.v1.Organization;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationPage;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationRecord;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocation;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocationPage;
import uk.portsmouth.cfe.proto.directory.v1.ServicePage;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;
import uk.portsmouth.cfe.proto.directory.v1.UpdateOrganizationRequest;
import uk.portsmouth.cfe.proto.directory.v1.UpdateServiceRequest;

/**
 * The Directory of Services, its use cases: reads are open to every caller (the directory is public),
 * writes need the {@code directory_editor} (or {@code la_admin}) role and are attributed to the
 * caller. Handlers throw the platform's exceptions; the host maps them to statuses.
 */
public final class DirectoryOfServices {

    private static final List<String> EDITOR_ROLES = List.of(Roles.DIRECTORY_EDITOR, Roles.LA_ADMIN);
    private static final String EDITORS_ONLY = "Only directory editors may change the directory";

    private final ServiceStore services;
    private final ServiceSearchIndex index;
    private final OrganizationStore organizations;
    private final Clock clock;

    public DirectoryOfServices(
            ServiceStore services, ServiceSearchIndex index, OrganizationStore organizations, Clock clock) {
        this.services = services;
        this.index = index;
        this.organizations = organizations;
        this.clock = clock;
    }

    public ServicePage searchServices(SearchServicesRequest request) {
        ServiceQuery query = ServiceQuery.from(request);
        boolean full = request.getFull();
        // the same page object while the index does not move: the reply is encoded once (ServiceHost)
        return index.answer(
                query,
                full,
                hits -> ServicePage.newBuilder()
                        .setPage(query.paging().info(hits.total(), hits.found().size()))
                        .addAllContents(hits.found().stream()
                                .map(found -> full ? found.inFull() : found.listed())
                                .toList())
                        .build());
    }

    public ServiceRecord getService(GetByIdRequest request) {
        StoredRecord<Service> stored = services.find(validId(request.getId()))
                .orElseThrow(() -> new NotFoundException("service", request.getId()));
        return serviceRecord(withOrganization(stored.body()), stored.version(), stored.modifiedBy());
    }

    public ServiceRecord createService(CreateServiceRequest request) {
        CallerContext editor = CallerContexts.requireAnyRole(EDITOR_ROLES, EDITORS_ONLY);
        ServiceRules.validate(request.getService(), organizations::exists);
        String id = newId("service", editor, request.getIdempotencyKey());
        String fingerprint = RequestFingerprints.of(request.getService());
        Service service = ServiceRules.complete(request.getService(), id, now());
        if (!services.insert(
                service,
                organizations.name(service.getOrganizationId()),
                editor.getSubject(),
                fingerprint,
                DirectoryEvents.serviceChanged(service, "created"))) {
            RequestFingerprints.requireSame(fingerprint, services.requestHash(id));
            StoredRecord<Service> first = services.find(id).orElseThrow(() -> new NotFoundException("service", id));
            return serviceRecord(withOrganization(first.body()), first.version(), first.modifiedBy()).toBuilder()
                    .setReplayed(true)
                    .build();
        }
        index.catchUp(); // searchable here at once; on other instances at their next look
        return serviceRecord(withOrganization(service), 1, editor.getSubject());
    }

    public ServiceRecord updateService(UpdateServiceRequest request) {
        CallerContext editor = CallerContexts.requireAnyRole(EDITOR_ROLES, EDITORS_ONLY);
        String id = validId(request.getService().getId());
        ServiceRules.validate(request.getService(), organizations::exists);
        Service service = ServiceRules.complete(request.getService(), id, now());
        long version = services.replace(
                service,
                organizations.name(service.getOrganizationId()),
                request.getExpectedVersion(),
                editor.getSubject(),
                DirectoryEvents.serviceChanged(service, "updated"));
        index.catchUp();
        return serviceRecord(withOrganization(service), version, editor.getSubject());
    }

    public OrganizationPage listOrganizations(ListOrganizationsRequest request) {
        FieldChecks checks = new FieldChecks();
        String modifiedAfter = request.getModifiedAfter().isEmpty()
                ? null
                : ServiceQuery.parseInstant(request.getModifiedAfter(), "modified_after", checks);
        checks.throwIfAny("The search is not valid");
        Page<Organization> page =
                organizations.list(SearchText.words(request.getText()), modifiedAfter, Paging.of(request.getPage()));
        return OrganizationPage.newBuilder()
                .setPage(page.info())
                .addAllContents(
                        request.getFull()
                                ? page.contents().stream()
                                        .map(this::withServices)
                                        .toList()
                                : page.contents())
                .build();
    }

    public OrganizationRecord getOrganization(GetByIdRequest request) {
        StoredRecord<Organization> stored = organizations
                .find(validId(request.getId()))
                .orElseThrow(() -> new NotFoundException("organization", request.getId()));
        return organizationRecord(withServices(stored.body()), stored.version(), stored.modifiedBy());
    }

    public OrganizationRecord createOrganization(CreateOrganizationRequest request) {
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
            return organizationRecord(first.body(), first.version(), first.modifiedBy()).toBuilder()
                    .setReplayed(true)
                    .build();
        }
        return organizationRecord(organization, 1, editor.getSubject());
    }

    public OrganizationRecord updateOrganization(UpdateOrganizationRequest request) {
        CallerContext editor = CallerContexts.requireAnyRole(EDITOR_ROLES, EDITORS_ONLY);
        String id = validId(request.getOrganization().getId());
        ServiceRules.validate(request.getOrganization());
        Organization organization =
                request.getOrganization().toBuilder().clearServices().build();
        long version = organizations.replace(organization, now(), request.getExpectedVersion(), editor.getSubject());
        services.renameOrganization(id, organization.getName());
        index.catchUp();
        return organizationRecord(withServices(organization), version, editor.getSubject());
    }

    public ServiceAtLocationPage listServiceAtLocations(ListServiceAtLocationsRequest request) {
        ServiceQuery query = ServiceQuery.from(SearchServicesRequest.newBuilder()
                .setText(request.getText())
                .addAllTaxonomyTermIds(request.getTaxonomyTermIdsList())
                .setTaxonomyId(request.getTaxonomyId())
                .setOrganizationId(request.getOrganizationId())
                .setModifiedAfter(request.getModifiedAfter())
                .setPage(request.getPage())
                .build());
        String postcode = ServiceRules.normalisePostcode(request.getPostcode());
        List<ServiceSearchIndex.Found> found = index.withLocations(query, postcode);
        List<Service> located =
                found.stream().map(ServiceSearchIndex.Found::service).toList();
        Map<String, Organization> owners = ownersFound(found);
        List<ServiceAtLocation> all = located.stream()
                .flatMap(s -> s.getServiceAtLocationsList().stream()
                        .filter(at -> postcode.isEmpty()
                                || at.getLocation().getAddressesList().stream()
                                        .anyMatch(a -> a.getPostalCode().startsWith(postcode)))
                        .map(at -> at.toBuilder().setService(summary(s, owners)).build()))
                .toList();
        List<ServiceAtLocation> page = query.paging().slice(all);
        return ServiceAtLocationPage.newBuilder()
                .setPage(query.paging().info(all.size(), page.size()))
                .addAllContents(page)
                .build();
    }

    /** For editors: which services a feed consumer would drop or flag, and why (domain DataQuality). */
    public DataQualityReport getDataQuality(GetDataQualityRequest request) {
        CallerContexts.requireAnyRole(EDITOR_ROLES, "Only directory editors see the directory's data quality");
        List<Service> all = services.changedSince(null).stream()
                .map(ServiceStore.Indexable::service)
                .toList();
        Set<String> owners = organizations
                .findAll(all.stream().map(Service::getOrganizationId).distinct().toList())
                .keySet();
        return DataQuality.of(all, owners);
    }

    public ServiceAtLocation getServiceAtLocation(GetByIdRequest request) {
        String id = validId(request.getId());
        Service service = services.findByServiceAtLocation(id)
                .orElseThrow(() -> new NotFoundException("service_at_location", id));
        ServiceAtLocation at = service.getServiceAtLocationsList().stream()
                .filter(s -> s.getId().equals(id))
                .findFirst()
                .orElseThrow();
        return at.toBuilder()
                .setService(summary(service, owners(List.of(service))))
                .build();
    }

    /** The ORUK list shape: one-to-one fields and the organisation, no nested lists. */
    private static Service summary(Service service, Map<String, Organization> owners) {
        return ServiceRules.listed(withOrganization(service, owners));
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
        ServiceSearchIndex.Hits hits = index.search(ServiceQuery.from(SearchServicesRequest.newBuilder()
                .setOrganizationId(organization.getId())
                .setPage(PageRequest.newBuilder().setPerPage(Paging.MAX_SIZE))
                .build()));
        return organization.toBuilder()
                .addAllServices(hits.found().stream()
                        .map(f -> summary(f.service(), Map.of()))
                        .toList())
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

    static String validId(String id) {
        if (!Ids.isUuid(id)) {
            throw InvalidInputException.of("id", "id must be a UUID");
        }
        return id;
    }

    /** The organisations of the services found, as the index holds them. */
    private static Map<String, Organization> ownersFound(List<ServiceSearchIndex.Found> found) {
        Map<String, Organization> owners = new java.util.HashMap<>();
        found.stream()
                .map(ServiceSearchIndex.Found::organization)
                .filter(java.util.Objects::nonNull)
                .forEach(o -> owners.put(o.getId(), o));
        return owners;
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }
}
