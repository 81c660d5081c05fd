package uk.portsmouth.cfe.platform.mongo;

import uk.portsmouth.cfe.platform.errors.VersionConflictException;

/** A record as stored: the body plus its version (for If-Match) and who last changed it. */
public record StoredRecord<T>(T body, long version, String modifiedBy) {

    /**
     * This record, if it is still at {@code expectedVersion} (0 = any): a change judged against a
     * stale read is refused as stale before anything else is checked.
     */
    public StoredRecord<T> atVersion(long expectedVersion) {
        if (expectedVersion != 0 && expectedVersion != version) {
            throw new VersionConflictException(expectedVersion, version);
        }
        return this;
    }
}
