package uk.portsmouth.cfe.platform.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for something another thread or process brings about (a copy catching up, a span ending, a
 * server going not-ready): the test goes on the moment the condition holds, and fails only if it
 * never does within a bound far above any normal wait. How fast it happens is a benchmark's
 * question, not a test's.
 */
public final class Eventually {

    /** Far above any normal wait on a loaded CI machine; reached only when the condition never holds. */
    public static final Duration BOUND = Duration.ofSeconds(60);

    /** Between looks: a look is often an HTTP request, and a tight loop would spend a client's rate budget. */
    private static final Duration BETWEEN_LOOKS = Duration.ofMillis(200);

    private Eventually() {}

    /** Returns once {@code condition} holds; fails, naming {@code what}, if it has not within {@link #BOUND}. */
    public static void holds(String what, BooleanSupplier condition) {
        Instant giveUp = Instant.now().plus(BOUND);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("never happened within " + BOUND + ": " + what);
            }
            try {
                Thread.sleep(BETWEEN_LOOKS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }
}
