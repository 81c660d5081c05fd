package uk.portsmouth.cfe.platform.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Work a service does on a clock rather than on a request (an outbreak watch, review reminders):
 * run every period on its own thread, a failed round logged and tried again at the next. Every
 * instance of a service runs it, so a task must be idempotent (its writes keyed or version-checked):
 * two instances doing the same round write once.
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());

    private final ScheduledExecutorService schedule;

    private PeriodicTask(ScheduledExecutorService schedule) {
        this.schedule = schedule;
    }

    /** Runs {@code task} every {@code period}, the first time one period from now. */
    public static PeriodicTask start(String name, Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(name + ": the period is positive");
        }
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon().factory());
        schedule.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, name + ": a round failed; the next one tries again", e);
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
        return new PeriodicTask(schedule);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
