package uk.portsmouth.cfe.gateway.webhooks;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A round of work repeated on a schedule that slows when idle: after a round that did something the
 * next runs {@code busy} later; after one that did nothing the wait doubles, up to {@code idle}.
 * {@link #wake} runs it at once (the dispatcher queued deliveries, a client asked for a
 * redelivery), so an idle gateway polls its store seldom without making new work wait.
 */
final class Rounds {

    private final ScheduledExecutorService schedule;
    private final Duration busy;
    private final Duration idle;
    private final IntSupplier round;

    private long waitMillis;
    private ScheduledFuture<?> next;
    private boolean wokenWhileRunning;

    /** {@code round} says how much it did; it runs on {@code schedule}'s one thread, never twice at once. */
    Rounds(ScheduledExecutorService schedule, Duration busy, Duration idle, IntSupplier round) {
        this.schedule = schedule;
        this.busy = busy;
        this.idle = idle.compareTo(busy) < 0 ? busy : idle;
        this.round = round;
        this.waitMillis = busy.toMillis();
    }

    synchronized Rounds start() {
        next = schedule.schedule(this::run, 0, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs the round now, or straight after the one running. */
    synchronized void wake() {
        if (next == null) {
            return; // not started, or stopped
        }
        if (next.cancel(false)) {
            waitMillis = busy.toMillis();
            next = schedule.schedule(this::run, 0, TimeUnit.MILLISECONDS);
        } else {
            wokenWhileRunning = true;
        }
    }

    private void run() {
        int done = 0;
        try {
            done = round.getAsInt();
        } finally {
            synchronized (this) {
                waitMillis = done > 0 || wokenWhileRunning
                        ? busy.toMillis()
                        : Math.min(idle.toMillis(), Math.max(1, waitMillis * 2));
                long wait = wokenWhileRunning ? 0 : waitMillis;
                wokenWhileRunning = false;
                if (!schedule.isShutdown()) {
                    next = schedule.schedule(this::run, wait, TimeUnit.MILLISECONDS);
                }
            }
        }
    }
}
