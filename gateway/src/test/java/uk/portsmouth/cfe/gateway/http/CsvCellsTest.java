package uk.portsmouth.cfe.gateway.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every cell a spreadsheet would evaluate is defused; ordinary text and phone numbers are not touched. */
class CsvCellsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "=SUM(A1:A2)|true",
                "+cmd|true",
                "-2+3|true",
                "@SUM(1)|true",
                " =1+1|true",
                "   @x|true",
                "\u00A0=HYPERLINK(1)|true",
                "\u2007-1+1|true",
                "\t=1|true",
                "\r=1|true",
                "\tplain|true",
                "\uFF1D1+1|true",
                "+44 23 9268 8888|false",
                "-1|false",
                "(023) 9268 8888|false",
                "Jane Smith|false",
                "jane@school.example|false",
                "a=b|false",
                "|false",
            })
    void defusesWhatASpreadsheetWouldRun(String value, boolean defused) {
        String cell = value == null ? "" : value.replace("\\t", "\t").replace("\\r", "\r");
        assertThat(CsvCells.safe(cell), is(defused ? "'" + cell : cell));
    }
}
