package uk.portsmouth.cfe.fsp.domain;

import java.time.LocalDate;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewReminderKind;

/**
 * When a plan's reviews fall due: 6 and 12 weeks after it starts, then every 12 weeks while it is
 * open (the FSP Portal's review reminders). Review n is due on its own date whenever the earlier
 * ones were done, so a late review does not push the rest back.
 */
public final class ReviewSchedule {

    public static final int FIRST_REVIEW_WEEKS = 6;
    public static final int REVIEW_INTERVAL_WEEKS = 12;

    private ReviewSchedule() {}

    /** The date review {@code number} (1-based) is due for a plan that started on {@code start}. */
    public static LocalDate due(LocalDate start, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("reviews are numbered from 1");
        }
        return number == 1
                ? start.plusWeeks(FIRST_REVIEW_WEEKS)
                : start.plusWeeks((long) REVIEW_INTERVAL_WEEKS * (number - 1));
    }

    /** The next review's due date once {@code completedReviews} are done. */
    public static LocalDate nextDue(LocalDate start, int completedReviews) {
        return due(start, completedReviews + 1);
    }

    /** Overdue: the due date has passed (a review due today is due, not overdue). */
    public static boolean overdue(LocalDate due, LocalDate today) {
        return today.isAfter(due);
    }

    public static final ReviewReminderKind DUE = ReviewReminderKind.REVIEW_REMINDER_KIND_DUE;
    public static final ReviewReminderKind OVERDUE = ReviewReminderKind.REVIEW_REMINDER_KIND_OVERDUE;

    /**
     * The reminder a review due on {@code due} is owed on {@code today}: overdue once the date has
     * passed; due from {@code noticeDays} days before it to the day itself; none before that.
     */
    public static java.util.Optional<ReviewReminderKind> reminder(LocalDate due, LocalDate today, int noticeDays) {
        if (overdue(due, today)) {
            return java.util.Optional.of(OVERDUE);
        }
        return today.isBefore(due.minusDays(noticeDays)) ? java.util.Optional.empty() : java.util.Optional.of(DUE);
    }
}
