package uk.portsmouth.cfe.platform.mongo;

import java.util.function.Supplier;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;

/**
 * A read-modify-write of a versioned record that a racing writer may beat: the whole step (read,
 * change, conditional write) runs again on a fresh read, a bounded number of times, and the last
 * conflict is thrown (the caller answers 409) when racing writers win every time.
 */
public final class OptimisticWrites {

    private OptimisticWrites() {}

    /** Runs {@code readModifyWrite} until it does not lose a race, at most {@code attempts} times. */
    public static <T> T retry(int attempts, Supplier<T> readModifyWrite) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (VersionConflictException lostRace) {
                if (attempt == attempts) {
                    throw lostRace;
                }
            }
        }
    }
}
