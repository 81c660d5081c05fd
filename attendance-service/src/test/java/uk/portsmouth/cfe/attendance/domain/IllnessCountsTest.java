package uk.portsmouth.cfe.attendance.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.attendance.domain.IllnessCounts.DayAndCategory;
import uk.portsmouth.cfe.attendance.domain.IllnessCounts.Place;
import uk.portsmouth.cfe.platform.testing.TestDates;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;

/** The LA's illness counts over a period and the outbreak window, as worked examples. */
class IllnessCountsTest {

    private static final AcademicCalendar AUTUMN = new AcademicCalendar(List.of(new AcademicCalendar.Term(
            "2026-27", "autumn", LocalDate.parse("2026-09-02"), LocalDate.parse("2026-12-18"), List.of())));

    private static AppAbsenceReport report(String urn, String category, String firstDay, String back) {
        return AppAbsenceReport.newBuilder()
                .setSchoolUrn(urn)
                .setSymptomCategory(category)
                .setFirstDay(TestDates.date(firstDay))
                .setExpectedReturn(TestDates.date(back))
                .build();
    }

    @Test
    void aReportCountsOnEachSchoolDayOfThePeriodAndOnceForItsSchool() {
        // the period: Monday 23 to Friday 27 November 2026
        LocalDate from = LocalDate.parse("2026-11-23");
        LocalDate to = LocalDate.parse("2026-11-27");
        IllnessCounts.Period period = IllnessCounts.count(
                List.of(
                        // off Thursday 19 to the weekend: Friday 20 is before the period, so it
                        // touches no day of it and did not begin in it: not counted
                        report("100001", "flu", "2026-11-19", "2026-11-23"),
                        // off Friday 20, back Wednesday 25: Monday and Tuesday in the period
                        report("100001", "flu", "2026-11-20", "2026-11-25"),
                        // first day Thursday 26, no return given: that day alone
                        report("100001", "vomiting", "2026-11-26", ""),
                        // another school, off Friday 27 and back next Monday
                        report("100002", "flu", "2026-11-27", "2026-11-30")),
                from,
                to,
                AUTUMN);
        assertThat(
                period.byDay(),
                is(Map.of(
                        new DayAndCategory(LocalDate.parse("2026-11-23"), "flu"), 1,
                        new DayAndCategory(LocalDate.parse("2026-11-24"), "flu"), 1,
                        new DayAndCategory(LocalDate.parse("2026-11-26"), "vomiting"), 1,
                        new DayAndCategory(LocalDate.parse("2026-11-27"), "flu"), 1)));
        assertThat(
                period.bySchool(),
                is(Map.of(
                        new Place("100001", "flu"), 1,
                        new Place("100001", "vomiting"), 1,
                        new Place("100002", "flu"), 1)));
        assertThat(period.byCategory(), is(Map.of("flu", 2, "vomiting", 1)));
        assertThat(
                period.started(),
                is(List.of(
                        new IllnessCounts.Case("100001", "vomiting", LocalDate.parse("2026-11-26")),
                        new IllnessCounts.Case("100002", "flu", LocalDate.parse("2026-11-27")))));
        // ordered by school, then category (the summary lists them so)
        assertThat(
                List.copyOf(period.bySchool().keySet()),
                is(List.of(new Place("100001", "flu"), new Place("100001", "vomiting"), new Place("100002", "flu"))));
    }

    @Test
    void anOutbreakIsEnoughChildrenWithOneCategoryAtOneSchoolWithinTheWindow() {
        LocalDate day = LocalDate.parse("2026-11-20");
        List<IllnessCounts.Case> cases = List.of(
                new IllnessCounts.Case("1", "flu", day),
                new IllnessCounts.Case("1", "flu", day.plusDays(2)),
                new IllnessCounts.Case("1", "flu", day.plusDays(6)),
                new IllnessCounts.Case("1", "flu", day.plusDays(9)),
                new IllnessCounts.Case("1", "chickenpox", day),
                new IllnessCounts.Case("2", "flu", day));
        // three within seven days (20th-26th); the 29th starts a window without the 20th
        List<IllnessCounts.Outbreak> found = IllnessCounts.outbreaks(cases, 3, 7);
        assertThat(found.size(), is(1));
        assertThat(found.get(0).urn(), is("1"));
        assertThat(found.get(0).reports(), is(3));
        assertThat(found.get(0).to(), is(day.plusDays(6)));
        assertThat(IllnessCounts.outbreaks(cases, 4, 7).size(), is(0));
        assertThat(IllnessCounts.outbreaks(cases, 4, 10).get(0).reports(), is(4));
    }

    /**
     * Outbreak alerts, worked examples (threshold 3, a 7-day window; blocks are weeks from Monday:
     * Mon 16 - Sun 22 November 2026, Mon 23 - Sun 29, Mon 30 - Sun 6 December). Each row: the days
     * children at one school were first off with one category, and the alerts raised (the window's
     * last day, then how many children it holds).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                // too few in any window
                "2026-11-16 2026-11-18                                  | ''",
                // three within seven days, all in one week: one alert, on the day the third fell ill
                "2026-11-16 2026-11-17 2026-11-18                       | 2026-11-18:3",
                // a fourth the same week raises nothing more
                "2026-11-16 2026-11-17 2026-11-18 2026-11-20            | 2026-11-18:3",
                // three on the same day count together
                "2026-11-19 2026-11-19 2026-11-19                       | 2026-11-19:3",
                // the window is seven days, both ends counted: the 16th to the 22nd is one, the 17th to the 23rd not
                "2026-11-16 2026-11-17 2026-11-22                       | 2026-11-22:3",
                "2026-11-16 2026-11-17 2026-11-23                       | ''",
                // a window crossing into the next week: the first alert of that week
                "2026-11-20 2026-11-21 2026-11-23                       | 2026-11-23:3",
                // an outbreak lasting into a second week is raised again, once, in that week
                "2026-11-19 2026-11-20 2026-11-21 2026-11-24 2026-11-25 | 2026-11-21:3 2026-11-24:4",
                // a lull: the second week's window no longer holds three
                "2026-11-16 2026-11-17 2026-11-18 2026-11-27            | 2026-11-18:3",
            })
    void anAlertIsRaisedOnceASchoolCategoryAndWeekOnTheDayTheThresholdIsReached(String firstDays, String expected) {
        List<IllnessCounts.Case> cases = java.util.Arrays.stream(
                        firstDays.strip().split("\\s+"))
                .map(day -> new IllnessCounts.Case("116000", "flu", LocalDate.parse(day)))
                .toList();
        List<String> alerts = IllnessCounts.alerts(cases, 3, 7).stream()
                .map(a -> a.to() + ":" + a.reports())
                .toList();
        assertThat(
                alerts,
                is(expected.isBlank() ? List.of() : List.of(expected.strip().split(" "))));
        IllnessCounts.alerts(cases, 3, 7).forEach(a -> assertThat(a.from(), is(a.to().minusDays(6))));
    }

    @Test
    void alertsAreCountedPerSchoolAndCategoryAndTheSameCasesInAnyOrderGiveTheSameAlerts() {
        LocalDate day = LocalDate.parse("2026-11-16");
        List<IllnessCounts.Case> cases = new java.util.ArrayList<>(List.of(
                new IllnessCounts.Case("1", "flu", day),
                new IllnessCounts.Case("2", "flu", day),
                new IllnessCounts.Case("1", "vomiting", day),
                new IllnessCounts.Case("1", "flu", day.plusDays(1)),
                new IllnessCounts.Case("1", "flu", day.plusDays(2))));
        List<IllnessCounts.Outbreak> forwards = IllnessCounts.alerts(cases, 3, 7);
        java.util.Collections.reverse(cases);
        assertThat(IllnessCounts.alerts(cases, 3, 7), is(forwards));
        assertThat(forwards.size(), is(1));
        assertThat(forwards.get(0).urn() + "/" + forwards.get(0).category(), is("1/flu"));
        assertThat(
                IllnessCounts.alertBlock(LocalDate.parse("2026-11-16"), 7),
                is(IllnessCounts.alertBlock(LocalDate.parse("2026-11-22"), 7)));
        assertThat(
                IllnessCounts.alertBlock(LocalDate.parse("2026-11-23"), 7),
                is(IllnessCounts.alertBlock(LocalDate.parse("2026-11-22"), 7) + 1));
    }
}
