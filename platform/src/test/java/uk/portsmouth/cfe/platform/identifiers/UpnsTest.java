package uk.portsmouth.cfe.platform.identifiers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpnsTest {

    @ParameterizedTest
    // P851200012345 by hand: 8x2 + 5x3 + 1x4 + 2x5 + 1x9 + 2x10 + 3x11 + 4x12 + 5x13 = 220; 220 mod 23 = 13 -> P
    @ValueSource(strings = {"B801200005001", "P851200012345"})
    void validUpnsPass(String upn) {
        assertThat(upn, Upns.isValid(upn), is(true));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C801200005001",
                "B80120000500",
                "B8012000050011",
                "b801200005001",
                "B80120000500X1",
                "1801200005001",
                "B80120000500I"
            })
    void invalidUpnsFail(String upn) {
        assertThat(upn, Upns.isValid(upn), is(false));
    }

    @Test
    void theCheckLetterOfTheReferenceExample() {
        assertThat(Upns.checkLetter("801200005001"), is('B'));
    }

    @Test
    void aTemporaryUpnEndsInALetterThatCountsByTheTable() {
        // letter A has value 0 at position 13: same sum as a final 0
        String temporary = Upns.checkLetter("80120000500A") + "80120000500A";
        assertThat(Upns.checkLetter("80120000500A"), is(Upns.checkLetter("801200005000")));
        assertThat(Upns.isValid(temporary), is(true));
    }
}
