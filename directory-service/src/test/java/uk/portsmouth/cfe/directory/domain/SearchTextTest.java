package uk.portsmouth.cfe.directory.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.directory.v1.Service;

class SearchTextTest {

    @Test
    void wordsAreLowerCaseWithoutAccentsOrStopWords() {
        assertThat(
                SearchText.words("The Café for Young Carers, and FAMILIES"),
                contains("cafe", "young", "carers", "families"));
    }

    @Test
    void aNameMatchOutranksADescriptionMatch() {
        Service named = Service.newBuilder()
                .setName("Young Carers")
                .setDescription("Support")
                .build();
        Service described = Service.newBuilder()
                .setName("Family Hub")
                .setDescription("Includes young carers")
                .build();
        List<String> query = SearchText.words("young carers");
        assertThat(
                SearchText.relevance(SearchText.index(named, ""), query),
                greaterThan(SearchText.relevance(SearchText.index(described, ""), query)));
    }

    @Test
    void prefixesMatch() {
        Service service = Service.newBuilder().setName("Counselling").build();
        assertThat(SearchText.relevance(SearchText.index(service, ""), List.of("counsel")), greaterThan(0));
    }
}
