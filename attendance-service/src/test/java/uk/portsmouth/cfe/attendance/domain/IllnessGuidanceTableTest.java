package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessGuidance;

class IllnessGuidanceTableTest {

    private static final IllnessGuidanceTable TABLE = IllnessGuidanceTable.load();

    @Test
    void covidCountsDaysAfterTheDayOfTheTestNotHours() {
        IllnessGuidance covid = TABLE.of("covid_19_positive_test").orElseThrow();
        assertThat(covid.getExclusionHours(), is(0));
        assertThat(covid.getExclusionDays(), is(3));
        assertThat(covid.getCountedFrom(), is("the day of the test"));
        // the UKHSA table's reading: a test on Monday, off Tuesday to Thursday, back on Friday
        LocalDate test = LocalDate.parse("2026-11-30");
        assertThat(test.getDayOfWeek(), is(DayOfWeek.MONDAY));
        assertThat(test.plusDays(covid.getExclusionDays() + 1L).getDayOfWeek(), is(DayOfWeek.FRIDAY));
    }

    @Test
    void aRowCountsInHoursOrInDaysNeverBoth() {
        for (IllnessGuidance row : TABLE.all()) {
            assertThat(row.getCategory(), row.getExclusionHours() > 0 && row.getExclusionDays() > 0, is(false));
            assertThat(
                    row.getCategory(),
                    row.getExclusionDays() > 0,
                    is(!row.getCountedFrom().isEmpty()));
        }
    }
}
