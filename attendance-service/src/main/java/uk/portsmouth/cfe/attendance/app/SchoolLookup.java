package uk.portsmouth.cfe.attendance.app;

import uk.portsmouth.cfe.attendance.domain.SchoolRules;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.proto.attendance.v1.School;

/**
 * The schools in the register, as the attendance use cases look them up: a school is never deleted
 * (a closed one stays: marks and returns refer to it), so one found once is not looked up again:
 * every batch of marks and every report asks.
 */
public final class SchoolLookup {
    /** The URNs found in the register so far (see {@link #requireSchool}). */
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final SchoolStore schools;

    public SchoolLookup(SchoolStore schools) {
        this.schools = schools;
    }

    /**
     * That school {@code urn} is in the register (404 otherwise). A school is never deleted (a closed
     * one stays: marks and returns refer to it), so one found once is not looked up again: every
     * batch of marks and every report asked it.
     */
    public void requireSchool(String urn) {
        if (!registered.contains(urn)) {
            school(urn);
            registered.add(urn);
        }
    }

    public School school(String urn) {
        if (!SchoolRules.isUrn(urn)) {
            throw new NotFoundException("school", urn);
        }
        return schools.find(urn).map(StoredRecord::body).orElseThrow(() -> new NotFoundException("school", urn));
    }
}
