package uk.portsmouth.cfe.platform.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A burst of probes costs one look at the store; a change shows once the answer is a second old. */
class ReadinessCheckTest {

    @Test
    void oneLookAnswersABurstAndALaterProbeLooksAgain() throws InterruptedException {
        AtomicInteger looks = new AtomicInteger();
        AtomicBoolean up = new AtomicBoolean(true);
        HealthCheck check = ServiceHost.readinessCheck("store", () -> {
            looks.incrementAndGet();
            return up.get();
        });
        for (int i = 0; i < 1_000; i++) {
            assertThat(check.call().status(), is(HealthCheckResponse.Status.UP));
        }
        assertThat(looks.get(), is(1));
        up.set(false);
        Thread.sleep(ServiceHost.READINESS_TTL.toMillis() + 100);
        check.call(); // looks again (answering what it found)
        assertThat(check.call().status(), is(HealthCheckResponse.Status.DOWN));
        assertThat(looks.get(), is(2));
    }
}
