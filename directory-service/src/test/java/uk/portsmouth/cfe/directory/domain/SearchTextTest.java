package uk.portsmouth.cfe.directory.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void wordsAreLowerCaseWithoutAccentsOrStopWords() {
        assertThat(
                SearchText.words("The Café for Young Carers, and FAMILIES"),
                contains("cafe", "young", "carers", "families"));
    }
}
