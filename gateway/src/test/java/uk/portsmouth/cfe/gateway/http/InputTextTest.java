package uk.portsmouth.cfe.gateway.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.FieldError;

/** The edge's text checks: the year of any date, and where in a body a refused value is. */
class InputTextTest {

    /** The rule as first written, all by the pattern: the oracle for the quicker reading of plain dates. */
    private static final Pattern DATE = Pattern.compile("^([+-]?\\d{4,})-\\d{2}-\\d{2}(T.*)?$");

    private static boolean oracle(String value) {
        Matcher date = DATE.matcher(value);
        if (!date.matches()) {
            return true;
        }
        String year = date.group(1);
        return year.length() == 4
                && Character.isDigit(year.charAt(0))
                && Integer.parseInt(year) >= 1900
                && Integer.parseInt(year) <= 2199;
    }

    @Test
    void aDatesYearIsCheckedAsThePatternChecksIt() {
        List<String> worked = List.of(
                "2025-09-08",
                "1900-01-01",
                "2199-12-31",
                "1899-12-31",
                "2200-01-01",
                "0000-01-01",
                "+2025-09-08",
                "-2025-09-08",
                "20250-09-08",
                "2025-9-08",
                "2025-09-08T08:30:00Z",
                "2400-09-08T08:30:00Z",
                "2025-09-08T",
                "2025-09-08T\n",
                "2025-09-08\n",
                "2025/09/08",
                "AM",
                "",
                "A123456789012",
                "/",
                "2025-0a-08",
                "٢٠٢٥-09-08");
        for (String value : worked) {
            assertThat(value, InputText.sensibleYear(value), is(oracle(value)));
        }
        Random random = new Random(28);
        String alphabet = "0123456789-+T:Z \n/a";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(14);
            for (int c = 0; c < length; c++) {
                value.append(
                        random.nextInt(3) == 0
                                ? alphabet.charAt(random.nextInt(alphabet.length()))
                                : (char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean() && value.length() >= 10) {
                value.setCharAt(4, '-');
                value.setCharAt(7, '-');
            }
            assertThat(value.toString(), InputText.sensibleYear(value.toString()), is(oracle(value.toString())));
        }
    }

    @Test
    void aRefusedValueIsNamedByItsPlaceInTheBody() throws Exception {
        var body = new ObjectMapper()
                .readTree("{\"marks\":[{\"date\":\"2025-09-08\"},{\"date\":\"1066-10-14\",\"a/b~c\":\"x\\u0000\"}],"
                        + "\"contact_email\":\"not an address\",\"n\":1e400,\"\":\"2500-01-01\"}");
        List<FieldError> errors = new ArrayList<>();
        InputText.checkJson(body, "", errors);
        assertThat(
                errors.stream().map(e -> e.field() + " " + e.message()).toList(),
                contains(
                        "/marks/1/date must be a date from 1900 to 2199",
                        "/marks/1/a~1b~0c holds control characters or is not Unicode text",
                        "/contact_email must be an email address",
                        "/n is out of range",
                        "/ must be a date from 1900 to 2199"));
        List<FieldError> atRoot = new ArrayList<>();
        InputText.checkJson(new ObjectMapper().readTree("\"2500-01-01\""), "", atRoot);
        assertThat(atRoot.get(0).field(), is("/"));
    }
}
