package uk.portsmouth.cfe.platform.mongo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;

class OptimisticWritesTest {

    @Test
    void aLostRaceIsReadAgainAndWrittenOnTheNextAttempt() {
        AtomicInteger runs = new AtomicInteger();
        String written = OptimisticWrites.retry(3, () -> {
            if (runs.incrementAndGet() < 3) {
                throw new VersionConflictException(runs.get(), runs.get() + 1);
            }
            return "written at attempt " + runs.get();
        });
        assertThat(written, is("written at attempt 3"));
    }

    @Test
    void racesLostEveryTimeEndInTheLastConflict() {
        AtomicInteger runs = new AtomicInteger();
        VersionConflictException last = assertThrows(
                VersionConflictException.class,
                () -> OptimisticWrites.retry(3, () -> {
                    throw new VersionConflictException(1, runs.incrementAndGet());
                }));
        assertThat(runs.get(), is(3));
        assertThat(last.currentVersion(), is(3L));
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        assertThrows(
                IllegalStateException.class,
                () -> OptimisticWrites.retry(3, () -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("not a race");
                }));
        assertThat(runs.get(), is(1));
    }
}
