package uk.portsmouth.cfe.platform.retention;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.proto.common.v1.RetentionAction;

/**
 * Two instances of one service over one store: of every instance asking at once whether a sweep
 * is due, exactly one sweeps; the next sweep comes an interval later; both report the same last run.
 */
class RetentionScheduleTest {

    private static final Instant START = Instant.parse("2026-12-01T02:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final AtomicInteger sweeps = new AtomicInteger();
    private EmbeddedMongo store;
    private MongoConnection first;
    private MongoConnection second;

    @BeforeEach
    void start() {
        store = EmbeddedMongo.inMemory();
        first = connect();
        second = connect();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        store.close();
    }

    private MongoConnection connect() {
        return MongoConnection.open(
                Config.just(ConfigSources.create(Map.of("mongodb.uri", store.uri())))
                        .get("mongodb"),
                "retention_test",
                OpenTelemetry.noop());
    }

    /** One instance's job: a rule that only counts its sweeps. */
    private Retention instance(MongoConnection connection) {
        AuditLog audit = new AuditLog(connection.database(), "test-service", clock);
        RetentionRule counted = new RetentionRule(
                "test_records",
                "records a test counts",
                Period.ofYears(1),
                RetentionAction.RETENTION_ACTION_DELETE,
                cutoff -> 0L,
                cutoff -> {
                    sweeps.incrementAndGet();
                    return 0L;
                });
        return Retention.of(
                "test-service",
                Config.just(ConfigSources.create(Map.of("interval", "PT24H"))),
                connection.database(),
                audit,
                clock,
                counted);
    }

    @Test
    void oneSweepAnIntervalWhicheverInstanceAsks() throws Exception {
        List<Retention> instances = List.of(instance(first), instance(second));
        assertThat(claimsAtOnce(instances, 16), is(1));
        assertThat(sweeps.get(), is(1));

        clock.advance(Duration.ofHours(23));
        assertThat(claimsAtOnce(instances, 16), is(0));
        assertThat(sweeps.get(), is(1));

        clock.advance(Duration.ofHours(1));
        assertThat(claimsAtOnce(instances, 16), is(1));
        assertThat(sweeps.get(), is(2));
        // either instance tells the DPO when the last sweep was, whichever ran it
        String expected = START.plus(Duration.ofHours(24)).toString();
        assertThat(instances.get(0).report().getLastRun(), is(expected));
        assertThat(instances.get(1).report().getLastRun(), is(expected));
    }

    @Test
    void aRunTheDpoAsksForAlwaysRunsAndIsTheLastRun() {
        Retention one = instance(first);
        assertThat(one.report().getLastRun(), is(""));
        one.runNow();
        one.runNow();
        assertThat(sweeps.get(), is(2));
        assertThat(instance(second).report().getLastRun(), is(START.toString()));
        // the scheduled sweep is still due: the DPO's run does not move the schedule
        assertThat(instance(second).runIfDue(), is(true));
    }

    /** {@code threads} asking at once, spread over the instances: how many claimed a sweep. */
    private static int claimsAtOnce(List<Retention> instances, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> asked = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Retention instance = instances.get(i % instances.size());
                asked.add(pool.submit(() -> {
                    go.await();
                    return instance.runIfDue();
                }));
            }
            go.countDown();
            int claimed = 0;
            for (Future<Boolean> answer : asked) {
                claimed += answer.get() ? 1 : 0;
            }
            return claimed;
        } finally {
            pool.shutdownNow();
        }
    }
}
