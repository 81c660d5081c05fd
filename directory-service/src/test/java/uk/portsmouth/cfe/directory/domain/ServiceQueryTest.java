package uk.portsmouth.cfe.directory.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;

class ServiceQueryTest {

    @Test
    void resolvesAnAspectSlugToItsTerm() {
        ServiceQuery query = ServiceQuery.from(SearchServicesRequest.newBuilder()
                .setAspectOfLife("financial-stability")
                .build());
        assertThat(query.termIds(), contains(Taxonomies.termId(Taxonomies.ASPECTS_OF_LIFE, "financial-stability")));
        assertThat(query.paging().size(), is(20));
    }

    @Test
    void normalisesModifiedAfterToTheStoredForm() {
        ServiceQuery query = ServiceQuery.from(SearchServicesRequest.newBuilder()
                .setModifiedAfter("2026-11-01T10:00:00+01:00")
                .build());
        assertThat(query.modifiedAfter(), is("2026-11-01T09:00:00.000Z"));
    }

    @Test
    void rejectsEveryBadFilter() {
        SearchServicesRequest request = SearchServicesRequest.newBuilder()
                .setAspectOfLife("happiness")
                .setLocality(Locality.LOCALITY_CITY_WIDE) // a team may be city-wide, a search is by one area
                .setAge(200)
                .setModifiedAfter("yesterday")
                .addTaxonomyTermIds("not-a-uuid")
                .addStatusesValue(99)
                .setPage(PageRequest.newBuilder().setPerPage(500))
                .build();
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> ServiceQuery.from(request));
        assertThat(
                error.errors().stream().map(FieldError::field).toList(),
                containsInAnyOrder(
                        "aspect_of_life",
                        "locality",
                        "age",
                        "modified_after",
                        "taxonomy_term_id",
                        "status",
                        "per_page"));
    }
}
