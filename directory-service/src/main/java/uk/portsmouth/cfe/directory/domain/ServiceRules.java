package uk.portsmouth.cfe.directory.domain;

import java.net.URI;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.proto.directory.v1.Attribute;
import uk.portsmouth.cfe.proto.directory.v1.Contact;
import uk.portsmouth.cfe.proto.directory.v1.Organization;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocation;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;

/**
 * What makes a directory record valid, and how an accepted record is completed (ids for nested
 * records, links back to the service, the full taxonomy term on each attribute).
 */
public final class ServiceRules {

    /** ORUK 3.0 service statuses. "inactive" and "defunct" retire a service; nothing is hard-deleted. */
    public static final int MAX_AGE = 120;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern UK_POSTCODE =
            Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", Pattern.CASE_INSENSITIVE);

    private ServiceRules() {}

    /**
     * Checks a service as an editor sent it; {@code organizationExists} says whether its
     * organisation is in the directory. Throws with every problem found, nothing is written.
     */
    public static void validate(Service service, java.util.function.Predicate<String> organizationExists) {
        FieldChecks checks = new FieldChecks();
        checks.text(service.getName(), "/name", TextLimits.ORUK_NAME, true);
        checks.text(service.getDescription(), "/description", TextLimits.DESCRIPTION, false);
        if (service.getStatusValue() != 0 && !ClosedSets.given(service.getStatus())) {
            checks.fail("/status", ClosedSets.rule("status", ServiceStatus.getDescriptor()));
        }
        if (service.getOrganizationId().isEmpty()) {
            checks.fail("/organization_id", "organization_id is required");
        } else if (!Ids.isUuid(service.getOrganizationId())) {
            checks.fail("/organization_id", "organization_id must be a UUID");
        } else if (!organizationExists.test(service.getOrganizationId())) {
            checks.fail("/organization_id", "no organization has id " + service.getOrganizationId());
        }
        url(checks, "/url", service.getUrl());
        email(checks, "/email", service.getEmail());
        email(checks, "/assurer_email", service.getAssurerEmail());
        if (service.hasMinimumAge()) {
            age(checks, "/minimum_age", service.getMinimumAge());
        }
        if (service.hasMaximumAge()) {
            age(checks, "/maximum_age", service.getMaximumAge());
        }
        if (service.hasMinimumAge() && service.hasMaximumAge() && service.getMinimumAge() > service.getMaximumAge()) {
            checks.fail("/maximum_age", "maximum_age must not be below minimum_age");
        }
        for (int i = 0; i < service.getAttributesCount(); i++) {
            String termId = service.getAttributes(i).getTaxonomyTermId();
            String field = "/attributes/" + i + "/taxonomy_term_id";
            if (termId.isEmpty()) {
                checks.fail(field, "taxonomy_term_id is required");
            } else if (Taxonomies.term(termId).isEmpty()) {
                checks.fail(field, "unknown taxonomy term " + termId);
            }
        }
        for (int i = 0; i < service.getContactsCount(); i++) {
            Contact contact = service.getContacts(i);
            email(checks, "/contacts/" + i + "/email", contact.getEmail());
            for (int p = 0; p < contact.getPhonesCount(); p++) {
                phone(
                        checks,
                        "/contacts/" + i + "/phones/" + p + "/number",
                        contact.getPhones(p).getNumber());
            }
        }
        for (int p = 0; p < service.getPhonesCount(); p++) {
            phone(checks, "/phones/" + p + "/number", service.getPhones(p).getNumber());
        }
        for (int i = 0; i < service.getServiceAtLocationsCount(); i++) {
            ServiceAtLocation at = service.getServiceAtLocations(i);
            if (!at.hasLocation()) {
                checks.fail("/service_at_locations/" + i + "/location", "location is required");
                continue;
            }
            if (!ClosedSets.given(at.getLocation().getLocationType())) {
                checks.fail(
                        "/service_at_locations/" + i + "/location/location_type",
                        "location_type must be physical, postal or virtual");
            }
            for (int a = 0; a < at.getLocation().getAddressesCount(); a++) {
                String postcode = at.getLocation().getAddresses(a).getPostalCode();
                if (!postcode.isEmpty()
                        && !UK_POSTCODE.matcher(postcode.strip()).matches()) {
                    checks.fail(
                            "/service_at_locations/" + i + "/location/addresses/" + a + "/postal_code",
                            "not a UK postcode");
                }
            }
        }
        checks.throwIfAny("The service is not valid");
    }

    /** Checks an organisation as an editor sent it. */
    public static void validate(Organization organization) {
        FieldChecks checks = new FieldChecks();
        checks.text(organization.getName(), "/name", TextLimits.ORUK_NAME, true);
        checks.text(organization.getDescription(), "/description", TextLimits.DESCRIPTION, true);
        email(checks, "/email", organization.getEmail());
        url(checks, "/website", organization.getWebsite());
        url(checks, "/uri", organization.getUri());
        if (!organization.getParentOrganizationId().isEmpty() && !Ids.isUuid(organization.getParentOrganizationId())) {
            checks.fail("/parent_organization_id", "parent_organization_id must be a UUID");
        }
        checks.throwIfAny("The organization is not valid");
    }

    /**
     * Completes an accepted service: its id, status (active unless given), ids for nested records,
     * their links back to the service, and each attribute's full taxonomy term.
     */
    public static Service complete(Service service, String id, String lastModified) {
        Service.Builder b =
                service.toBuilder().setId(id).setLastModified(lastModified).clearOrganization();
        if (b.getStatusValue() == 0) {
            b.setStatus(ServiceStatus.SERVICE_STATUS_ACTIVE);
        }
        b.setName(b.getName().strip());
        for (Attribute.Builder attribute : b.getAttributesBuilderList()) {
            attribute
                    .setId(idOr(attribute.getId()))
                    .setLinkId(id)
                    .setLinkType("service")
                    .setTaxonomyTerm(
                            Taxonomies.term(attribute.getTaxonomyTermId()).orElseThrow());
        }
        b.getContactsBuilderList().forEach(c -> {
            c.setId(idOr(c.getId())).setServiceId(id);
            c.getPhonesBuilderList().forEach(p -> p.setId(idOr(p.getId())));
        });
        b.getPhonesBuilderList().forEach(p -> p.setId(idOr(p.getId())));
        b.getSchedulesBuilderList().forEach(s -> s.setId(idOr(s.getId())).setServiceId(id));
        b.getServiceAreasBuilderList().forEach(a -> a.setId(idOr(a.getId())).setServiceId(id));
        b.getLanguagesBuilderList().forEach(l -> l.setId(idOr(l.getId())).setServiceId(id));
        b.getFundingBuilderList().forEach(f -> f.setId(idOr(f.getId())).setServiceId(id));
        b.getCostOptionsBuilderList().forEach(c -> c.setId(idOr(c.getId())).setServiceId(id));
        b.getServiceAtLocationsBuilderList().forEach(at -> {
            at.clearService();
            at.setId(idOr(at.getId())).setServiceId(id);
            at.getLocationBuilder().setId(idOr(at.getLocation().getId()));
            at.setLocationId(at.getLocation().getId());
            at.getLocationBuilder()
                    .getAddressesBuilderList()
                    .forEach(a -> a.setId(idOr(a.getId()))
                            .setLocationId(at.getLocation().getId())
                            .setPostalCode(normalisePostcode(a.getPostalCode()))
                            .setCountry(a.getCountry().isEmpty() ? "GB" : a.getCountry()));
        });
        return b.build();
    }

    /**
     * A service as a list shows it (a search's page, an organisation's services, a location's
     * service): what it is and who runs it, without its schedules, areas, locations, languages,
     * funding, costs, contacts, attributes and phones (its own record has them).
     */
    public static Service listed(Service service) {
        return service.toBuilder()
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

    /** Upper case with one space before the inward code: "po12ab" -> "PO1 2AB". */
    public static String normalisePostcode(String postcode) {
        String compact = postcode.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
        return compact.length() < 5
                ? compact
                : compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
    }

    private static String idOr(String id) {
        return Ids.isUuid(id) ? id : Ids.random();
    }

    private static void url(FieldChecks checks, String field, String value) {
        if (value.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                checks.fail(field, "must be an http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            checks.fail(field, "must be an http(s) URL");
        }
    }

    private static void email(FieldChecks checks, String field, String value) {
        if (!value.isEmpty() && !EMAIL.matcher(value).matches()) {
            checks.fail(field, "not an email address");
        }
    }

    private static void phone(FieldChecks checks, String field, String value) {
        String digits = value.replaceAll("[\\s()+-]", "");
        if (value.isBlank() || !digits.matches("[0-9]{3,15}")) {
            checks.fail(field, "not a phone number");
        }
    }

    private static void age(FieldChecks checks, String field, int age) {
        if (age < 0 || age > MAX_AGE) {
            checks.fail(field, "must be between 0 and " + MAX_AGE);
        }
    }
}
