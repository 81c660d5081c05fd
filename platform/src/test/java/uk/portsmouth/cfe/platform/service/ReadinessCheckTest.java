package uk.portsmouth.cfe.platform.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.testing.TestClock;

/** A burst of probes costs one look at the store; a change shows once the answer is a second old. */
class ReadinessCheckTest {

    @Test
    void oneLookAnswersABurstAndALaterProbeLooksAgain() {
        TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
        AtomicInteger looks = new AtomicInteger();
        AtomicBoolean up = new AtomicBoolean(true);
        HealthCheck check = ServiceHost.readinessCheck(
                "store",
                () -> {
                    looks.incrementAndGet();
                    return up.get();
                },
                () -> clock.instant().toEpochMilli() * 1_000_000L);
        for (int i = 0; i < 1_000; i++) {
            assertThat(check.call().status(), is(HealthCheckResponse.Status.UP));
        }
        assertThat(looks.get(), is(1));
        up.set(false);
        clock.advance(ServiceHost.READINESS_TTL.dividedBy(2));
        assertThat("still the answer kept", check.call().status(), is(HealthCheckResponse.Status.UP));
        clock.advance(ServiceHost.READINESS_TTL);
        check.call(); // looks again (answering what it found)
        assertThat(check.call().status(), is(HealthCheckResponse.Status.DOWN));
        assertThat(looks.get(), is(2));
    }
}
