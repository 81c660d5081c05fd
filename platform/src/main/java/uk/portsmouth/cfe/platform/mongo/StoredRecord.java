package uk.portsmouth.cfe.platform.mongo;

/** A record as stored: the ORUK body plus its version (for If-Match) and who last changed it. */
public record StoredRecord<T>(T body, long version, String modifiedBy) {
}
