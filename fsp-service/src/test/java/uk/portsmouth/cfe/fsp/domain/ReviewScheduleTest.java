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
}
