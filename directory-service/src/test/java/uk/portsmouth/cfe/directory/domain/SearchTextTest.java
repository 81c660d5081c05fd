package uk.portsmouth.cfe.directory.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void wordsAreLowerCaseWithoutAccentsOrStopWords() {
        assertThat(
                SearchText.words("The Café for Young Carers, and FAMILIES"),
                contains("cafe", "young", "carers", "families"));
    }

    @Test
    void plainAndAccentedTextSplitAlike() {
        assertThat(SearchText.words("  counselling, 1-to-1 & C++ help!"), contains("counselling", "c++", "help"));
        assertThat(SearchText.words("Naïve  CAFÉ—crèche"), contains("naive", "cafe", "creche"));
        assertThat(SearchText.words("parenting Parenting PARENTING"), contains("parenting"));
        assertThat(SearchText.words(" \t "), empty());
        assertThat(SearchText.words(null), empty());
    }
}
