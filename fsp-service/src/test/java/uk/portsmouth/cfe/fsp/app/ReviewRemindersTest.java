package uk.portsmouth.cfe.fsp.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.fsp.store.ReviewReminderStore;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.proto.common.v1.PlatformEvent;
import uk.portsmouth.cfe.proto.fsp.v1.Family;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;

/**
 * Review reminders on their own (the store in memory, the clock the test's: Monday 7 December
 * 2026, a week's notice): each reminder once a plan, review date and kind, however many sweeps
 * (and instances) run; a closed plan none; the payload names the plan and its co-ordinator, not the family.
 */
class ReviewRemindersTest {

    private EmbeddedMongo mongo;
    private MongoClient client;
    private PlanStore plans;
    private ReviewReminderStore reminders;
    private TestClock clock;
    private ReviewReminders reviewReminders;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
        MongoDatabase database = client.getDatabase("fsp");
        plans = new PlanStore(database);
        reminders = new ReviewReminderStore(database);
        clock = new TestClock(Instant.parse("2026-12-07T06:00:00Z"));
        reviewReminders = new ReviewReminders(plans, reminders, 7, clock);
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    private void plan(String id, PlanStatus status, String due, String coordinator) {
        plans.insert(
                Plan.newBuilder()
                        .setId(id)
                        .setStatus(status)
                        .setFamily(Family.newBuilder().setFamilyName("Secret"))
                        .setCoordinator(Professional.newBuilder().setProfessionalId(coordinator))
                        .setNextReviewDue(Dates.of(LocalDate.parse(due)))
                        .build(),
                "test");
    }

    private List<String> events() {
        return reminders.outbox().pending(100).stream()
                .map(e -> e.getType() + " "
                        + e.getData().getFieldsOrThrow("plan_id").getStringValue())
                .toList();
    }

    @Test
    void eachReminderIsGivenOnceAsTheDaysPass() {
        plan("fsp-in-a-week", PlanStatus.PLAN_STATUS_ACTIVE, "2026-12-14", "prof-1");
        plan("fsp-in-eight-days", PlanStatus.PLAN_STATUS_ACTIVE, "2026-12-15", "prof-1");
        plan("fsp-yesterday", PlanStatus.PLAN_STATUS_ACTIVE, "2026-12-06", "prof-2");
        plan("fsp-closed", PlanStatus.PLAN_STATUS_CLOSED, "2026-12-06", "prof-2");
        assertThat(reviewReminders.sweep(), is(2));
        assertThat(reviewReminders.sweep(), is(0));
        assertThat(events(), is(List.of("fsp.review.due fsp-in-a-week", "fsp.review.overdue fsp-yesterday")));
        clock.advance(Duration.ofDays(1)); // the 8th: the second plan's notice begins
        assertThat(reviewReminders.sweep(), is(1));
        clock.advance(Duration.ofDays(7)); // the 15th: the first is overdue, the second due today
        assertThat(reviewReminders.sweep(), is(1));
        clock.advance(Duration.ofDays(1)); // the 16th: the second overdue
        assertThat(reviewReminders.sweep(), is(1));
        assertThat(
                events(),
                is(List.of(
                        "fsp.review.due fsp-in-a-week",
                        "fsp.review.overdue fsp-yesterday",
                        "fsp.review.due fsp-in-eight-days",
                        "fsp.review.overdue fsp-in-a-week",
                        "fsp.review.overdue fsp-in-eight-days")));
        PlatformEvent overdue = reminders.outbox().pending(100).get(1);
        assertThat(overdue.getProfessionalId(), is("prof-2"));
        assertThat(overdue.getService(), is("fsp-service"));
        assertThat(overdue.getData().getFieldsOrThrow("review_due").getStringValue(), is("2026-12-06"));
        assertThat(overdue.getData().getFieldsOrThrow("review_number").getNumberValue(), is(1.0));
        assertThat(overdue.getData().toString().contains("Secret"), is(false));
    }

    @Test
    void instancesSweepingAtOnceGiveEachReminderOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            plan("fsp-" + i, PlanStatus.PLAN_STATUS_ACTIVE, i % 2 == 0 ? "2026-12-01" : "2026-12-10", "prof-" + i);
        }
        ExecutorService instances = Executors.newFixedThreadPool(6);
        List<Future<Integer>> given = instances.invokeAll(
                java.util.Collections.nCopies(6, () -> new ReviewReminders(plans, reminders, 7, clock).sweep()));
        int total = 0;
        for (Future<Integer> one : given) {
            total += one.get();
        }
        instances.shutdown();
        assertThat(total, is(20));
        assertThat(events().size(), is(20)); // the recount
    }
}
