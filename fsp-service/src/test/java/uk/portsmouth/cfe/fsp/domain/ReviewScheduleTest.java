package uk.portsmouth.cfe.fsp.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReviewScheduleTest {

    private static final LocalDate START = LocalDate.of(2026, 9, 7);

    @Test
    void reviewsFallDueAtSixAndTwelveWeeksThenEveryTwelve() {
        assertThat(ReviewSchedule.due(START, 1), is(LocalDate.of(2026, 10, 19))); // +42 days
        assertThat(ReviewSchedule.due(START, 2), is(LocalDate.of(2026, 11, 30))); // +84 days
        assertThat(ReviewSchedule.due(START, 3), is(LocalDate.of(2027, 2, 22))); // +168 days
        assertThat(ReviewSchedule.due(START, 4), is(LocalDate.of(2027, 5, 17))); // +252 days
    }

    @Test
    void theNextReviewFollowsTheCompletedOnesNotTheirDates() {
        assertThat(ReviewSchedule.nextDue(START, 0), is(ReviewSchedule.due(START, 1)));
        assertThat(ReviewSchedule.nextDue(START, 2), is(LocalDate.of(2027, 2, 22)));
    }

    @Test
    void aReviewIsOverdueOnlyAfterItsDueDay() {
        LocalDate due = LocalDate.of(2026, 10, 19);
        assertThat(ReviewSchedule.overdue(due, due.minusDays(1)), is(false));
        assertThat(ReviewSchedule.overdue(due, due), is(false));
        assertThat(ReviewSchedule.overdue(due, due.plusDays(1)), is(true));
    }

    @Test
    void reviewsAreNumberedFromOne() {
        assertThrows(IllegalArgumentException.class, () -> ReviewSchedule.due(START, 0));
    }

    /** Review reminders with a week's notice, worked examples: the review's date, today, the reminder owed. */
    @org.junit.jupiter.params.ParameterizedTest(name = "due {0}, today {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "2026-12-15, 2026-12-07, none", // eight days ahead: not yet
        "2026-12-14, 2026-12-07, due", // seven days ahead: the notice begins
        "2026-12-07, 2026-12-07, due", // due today is due, not overdue
        "2026-12-06, 2026-12-07, overdue", // the day after
        "2026-09-01, 2026-12-07, overdue", // long overdue
        "2027-01-04, 2026-12-28, due", // across the year's end
    })
    void aReviewIsRemindedOfAWeekAheadThenOverdueTheDayAfter(String due, String today, String owed) {
        assertThat(
                ReviewSchedule.reminder(java.time.LocalDate.parse(due), java.time.LocalDate.parse(today), 7)
                        .map(uk.portsmouth.cfe.platform.proto.ClosedSets::jsonName)
                        .orElse("none"),
                org.hamcrest.Matchers.is(owed));
    }
}
