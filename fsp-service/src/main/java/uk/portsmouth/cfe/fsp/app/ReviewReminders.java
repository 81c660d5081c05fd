package uk.portsmouth.cfe.fsp.app;

import com.google.protobuf.Struct;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import uk.portsmouth.cfe.fsp.domain.ReviewSchedule;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.fsp.store.ReviewReminderStore;
import uk.portsmouth.cfe.platform.events.EventData;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.events.PlatformEventTypes;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewReminder;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewReminderKind;

/**
 * Tells a plan's co-ordinator that its next review falls due soon ({@code fsp.review.due}, from
 * {@code noticeDays} before the date) or has passed ({@code fsp.review.overdue}): a sweep of the
 * active plans on a clock (a review falls due with no write to the plan), each reminder given once
 * a plan, review date and kind (docs/webhooks.md). The payload carries the plan's id and the
 * review's number and date, never the family: the co-ordinator reads the plan through the API.
 */
public final class ReviewReminders {

    private final PlanStore plans;
    private final ReviewReminderStore reminders;
    private final int noticeDays;
    private final Clock clock;

    public ReviewReminders(PlanStore plans, ReviewReminderStore reminders, int noticeDays, Clock clock) {
        this.plans = plans;
        this.reminders = reminders;
        this.noticeDays = noticeDays;
        this.clock = clock;
    }

    /** Gives every reminder owed today that was not given yet; how many it gave. */
    public int sweep() {
        LocalDate today = CityTime.today(clock);
        int given = 0;
        for (Plan plan : plans.activeWithReviewDueBy(today.plusDays(noticeDays))) {
            LocalDate due = Dates.toLocalDate(plan.getNextReviewDue());
            Optional<ReviewReminderKind> owed = ReviewSchedule.reminder(due, today, noticeDays);
            if (owed.isPresent() && remind(plan, due, owed.get())) {
                given++;
            }
        }
        return given;
    }

    private boolean remind(Plan plan, LocalDate due, ReviewReminderKind kind) {
        ReviewReminder reminder = ReviewReminder.newBuilder()
                .setId(plan.getId() + "-" + due + "-" + ClosedSets.jsonName(kind))
                .setPlanId(plan.getId())
                .setKind(kind)
                .setReviewNumber(plan.getReviewsCount() + 1)
                .setReviewDue(Dates.of(due))
                .setCoordinatorProfessionalId(plan.getCoordinator().getProfessionalId())
                .setRemindedAt(CityTime.timestamp(clock))
                .build();
        return reminders.remind(reminder, event(reminder));
    }

    private static List<EventDraft> event(ReviewReminder reminder) {
        Struct data = EventData.of()
                .text("plan_id", reminder.getPlanId())
                .number("review_number", reminder.getReviewNumber())
                .text("review_due", Dates.text(reminder.getReviewDue()))
                .text("coordinator_professional_id", reminder.getCoordinatorProfessionalId())
                .build();
        return List.of(new EventDraft(
                reminder.getKind() == ReviewSchedule.OVERDUE
                        ? PlatformEventTypes.FSP_REVIEW_OVERDUE
                        : PlatformEventTypes.FSP_REVIEW_DUE,
                reminder.getId(),
                reminder.getRemindedAt(),
                PlatformServices.FSP.serviceName(),
                "",
                "",
                data,
                reminder.getCoordinatorProfessionalId()));
    }
}
