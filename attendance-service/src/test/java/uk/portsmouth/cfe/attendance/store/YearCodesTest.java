package uk.portsmouth.cfe.attendance.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A year's codes as one string and back: every session in its place, one- and two-character codes, weeks kept
 * apart.
 */
class YearCodesTest {

    private static final String YEAR = "2025-26";
    private static final LocalDate FIRST_WEEK = LocalDate.parse("2025-09-01");
    private static final LocalDate NOVEMBER = LocalDate.parse("2025-11-03");

    @Test
    void aWeekRoundTrips() {
        Map<String, String> codes = new TreeMap<>(Map.of(
                "2025-09-01:AM",
                "/",
                "2025-09-01:PM",
                "\\",
                "2025-09-03:PM",
                "C1",
                "2025-09-05:AM",
                "#",
                "2025-09-07:PM",
                "Y4"));
        String year = YearCodes.with("", YEAR, Set.of(FIRST_WEEK), codes);
        assertThat(year, is("/ \\       C1    #         Y4"));
        Map<String, String> decoded = new TreeMap<>();
        YearCodes.decode(year, YEAR, List.of(FIRST_WEEK), decoded);
        assertThat(decoded, is(codes));
    }

    @Test
    void writingOneWeekKeepsTheOthers() {
        String september = YearCodes.with("", YEAR, Set.of(FIRST_WEEK), Map.of("2025-09-02:AM", "/"));
        String both =
                YearCodes.with(september, YEAR, Set.of(NOVEMBER), Map.of("2025-11-04:PM", "I", "2025-09-02:AM", "O"));
        // 2025-11-04 is day 64 of the year: PM is its second session, two characters a session
        assertThat(both.length(), is((64 * 2 + 1) * 2 + 1));
        Map<String, String> all = new TreeMap<>();
        YearCodes.decodeAll(both, YEAR, all);
        assertThat(all, is(Map.of("2025-09-02:AM", "/", "2025-11-04:PM", "I")));
        Map<String, String> november = new TreeMap<>();
        YearCodes.decode(both, YEAR, List.of(NOVEMBER), november);
        assertThat(november, is(Map.of("2025-11-04:PM", "I")));
    }

    @Test
    void aSessionLeftOutOfItsWeekBecomesUnmarked() {
        String marked = YearCodes.with(
                "", YEAR, Set.of(FIRST_WEEK, NOVEMBER), Map.of("2025-09-02:AM", "/", "2025-11-04:PM", "I"));
        String cleared = YearCodes.with(marked, YEAR, Set.of(NOVEMBER), Map.of());
        Map<String, String> all = new TreeMap<>();
        YearCodes.decodeAll(cleared, YEAR, all);
        assertThat(all, is(Map.of("2025-09-02:AM", "/")));
        assertThat(cleared, is("    /")); // Tuesday AM is the third session
    }

    @Test
    void daysBeforeTheYearAreIgnored() {
        // the week of Monday 2026-08-31 starts the next academic year on its Tuesday
        String year =
                YearCodes.with("", "2026-27", Set.of(LocalDate.parse("2026-08-31")), Map.of("2026-09-01:AM", "/"));
        assertThat(year, is("/"));
    }
}
