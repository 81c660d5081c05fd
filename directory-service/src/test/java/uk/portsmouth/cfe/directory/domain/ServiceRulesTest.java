package uk.portsmouth.cfe.directory.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.directory.v1.Address;
import uk.portsmouth.cfe.proto.directory.v1.Attribute;
import uk.portsmouth.cfe.proto.directory.v1.Location;
import uk.portsmouth.cfe.proto.directory.v1.LocationType;
import uk.portsmouth.cfe.proto.directory.v1.Phone;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocation;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;

class ServiceRulesTest {

    private static final String ORG = "7f3c1b2a-1111-4222-8333-444455556666";
    private static final String EDUCATION = Taxonomies.termId(Taxonomies.ASPECTS_OF_LIFE, "getting-a-good-education");

    private static Service.Builder valid() {
        return Service.newBuilder()
                .setName("Homework club")
                .setOrganizationId(ORG)
                .addAttributes(Attribute.newBuilder().setTaxonomyTermId(EDUCATION));
    }

    @Test
    void acceptsAMinimalService() {
        assertDoesNotThrow(() -> ServiceRules.validate(valid().build(), ORG::equals));
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        Service bad = valid().setName(" ")
                .setStatusValue(99)
                .setEmail("nope")
                .setUrl("ftp://x")
                .setMinimumAge(12)
                .setMaximumAge(5)
                .addAttributes(Attribute.newBuilder().setTaxonomyTermId("00000000-0000-4000-8000-000000000000"))
                .addPhones(Phone.newBuilder().setNumber("call us"))
                .build();
        InvalidInputException error =
                assertThrows(InvalidInputException.class, () -> ServiceRules.validate(bad, ORG::equals));
        assertThat(
                error.errors().stream().map(FieldError::field).toList(),
                containsInAnyOrder(
                        "/name",
                        "/status",
                        "/email",
                        "/url",
                        "/maximum_age",
                        "/attributes/1/taxonomy_term_id",
                        "/phones/0/number"));
    }

    @Test
    void rejectsAnUnknownOrganisation() {
        InvalidInputException error =
                assertThrows(InvalidInputException.class, () -> ServiceRules.validate(valid().build(), id -> false));
        assertThat(error.errors().stream().map(FieldError::field).toList(), contains("/organization_id"));
    }

    @Test
    void rejectsABadPostcodeAndLocationType() {
        Service bad = valid().addServiceAtLocations(ServiceAtLocation.newBuilder()
                        .setLocation(Location.newBuilder()
                                .setLocationTypeValue(99)
                                .addAddresses(Address.newBuilder().setPostalCode("XX"))))
                .build();
        InvalidInputException error =
                assertThrows(InvalidInputException.class, () -> ServiceRules.validate(bad, ORG::equals));
        assertThat(
                error.errors().stream().map(FieldError::field).toList(),
                containsInAnyOrder(
                        "/service_at_locations/0/location/location_type",
                        "/service_at_locations/0/location/addresses/0/postal_code"));
    }

    @Test
    void completingAssignsIdsLinksAndTerms() {
        Service service = valid().addServiceAtLocations(ServiceAtLocation.newBuilder()
                        .setLocation(Location.newBuilder()
                                .setLocationType(LocationType.LOCATION_TYPE_PHYSICAL)
                                .addAddresses(Address.newBuilder()
                                        .setAddress1("1 High St")
                                        .setCity("Portsmouth")
                                        .setPostalCode("po12ab"))))
                .build();
        Service complete =
                ServiceRules.complete(service, "4e1b0b5e-0000-4000-8000-000000000001", "2026-11-28T10:00:00.000Z");
        assertThat(complete.getStatus(), is(ServiceStatus.SERVICE_STATUS_ACTIVE));
        assertThat(complete.getAttributes(0).getLinkId(), is(complete.getId()));
        assertThat(complete.getAttributes(0).getTaxonomyTerm().getTerm(), is("getting-a-good-education"));
        assertThat(Ids.isUuid(complete.getAttributes(0).getId()), is(true));
        ServiceAtLocation at = complete.getServiceAtLocations(0);
        assertThat(at.getLocationId(), is(at.getLocation().getId()));
        assertThat(at.getLocation().getAddresses(0).getPostalCode(), is("PO1 2AB"));
        assertThat(at.getLocation().getAddresses(0).getCountry(), is("GB"));
    }

    @Test
    void normalisesPostcodes() {
        assertThat(
                List.of(ServiceRules.normalisePostcode("po6 3ln"), ServiceRules.normalisePostcode("PO63LN")),
                contains("PO6 3LN", "PO6 3LN"));
    }
}
