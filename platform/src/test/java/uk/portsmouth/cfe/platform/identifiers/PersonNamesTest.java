package uk.portsmouth.cfe.platform.identifiers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class PersonNamesTest {

    @Test
    void accentsCaseAndPunctuationDoNotMakeAnotherName() {
        assertThat(PersonNames.plain("Zoë O'Neil-Smith"), is(PersonNames.plain("zoe oneil smith")));
        assertThat(PersonNames.plain("  J. R.  "), is("jr"));
    }

    @Test
    void aFullNameIsTheGivenAndFamilyNameInEitherOrder() {
        assertThat(PersonNames.sameFullName("Zoë O’Neil Smith", "Zoe", "O'Neil-Smith"), is(true));
        assertThat(PersonNames.sameFullName("O'NEIL-SMITH Zoe", "Zoe", "O'Neil-Smith"), is(true));
        assertThat(PersonNames.sameFullName("Zoe Smith", "Zoe", "O'Neil-Smith"), is(false));
        assertThat(PersonNames.sameFullName("Zoey O'Neil-Smith", "Zoe", "O'Neil-Smith"), is(false));
        assertThat(PersonNames.sameFullName(" - ", "", ""), is(false));
    }
}
