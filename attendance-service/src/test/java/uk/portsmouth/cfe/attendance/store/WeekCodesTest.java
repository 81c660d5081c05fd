package uk.portsmouth.cfe.attendance.store;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** A week's codes as one string and back: every session in its place, one- and two-character codes. */
class WeekCodesTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-11-02");

    @Test
    void aWeekRoundTrips() {
        Map<String, String> codes = new TreeMap<>(Map.of("2026-11-02:AM", "/", "2026-11-02:PM", "\\", "2026-11-04:PM", "C1",
                                                         "2026-11-06:AM", "#", "2026-11-08:PM", "Y4"));
        String week = WeekCodes.encode(MONDAY, codes);
        assertThat(week, is("/ \\       C1    #         Y4"));
        Map<String, String> decoded = new TreeMap<>();
        WeekCodes.decode(MONDAY, week, decoded);
        assertThat(decoded, is(codes));
    }

    @Test
    void sessionsOfOtherWeeksAreLeftOut() {
        String week = WeekCodes.encode(MONDAY, Map.of("2026-11-09:AM", "/", "2026-11-03:AM", "I"));
        Map<String, String> decoded = new TreeMap<>();
        WeekCodes.decode(MONDAY, week, decoded);
        assertThat(decoded, is(Map.of("2026-11-03:AM", "I")));
    }
}
