package uk.portsmouth.cfe.platform.errors;

/** An update named a version that is no longer current (a lost update was prevented). */
public final class VersionConflictException extends RuntimeException {

    private final long currentVersion;

    public VersionConflictException(long expectedVersion, long currentVersion) {
        super("The record was changed by someone else: you sent version " + expectedVersion
                + ", the current version is " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
