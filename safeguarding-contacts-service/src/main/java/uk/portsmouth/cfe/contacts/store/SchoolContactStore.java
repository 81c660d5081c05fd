package uk.portsmouth.cfe.contacts.store;

import com.mongodb.client.MongoDatabase;
import java.util.Collection;
import java.util.Map;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContacts;

/**
 * The "school_contacts" collection: one document a school (keyed by URN) holding the people who
 * hold its roles. A school's document is made, empty, the first time it is asked for.
 */
public final class SchoolContactStore {

    private final VersionedRecords<SchoolContacts> contacts;

    public SchoolContactStore(MongoDatabase database) {
        this.contacts = new VersionedRecords<>(
                database.getCollection("school_contacts"),
                "school contacts",
                SchoolContacts::getUrn,
                SchoolContacts::newBuilder,
                (record, document) -> {});
    }

    /** The school's contacts (version 1 and empty the first time). */
    public StoredRecord<SchoolContacts> get(String urn) {
        ensure(urn);
        return contacts.find(urn).orElseThrow();
    }

    /** Seeds a school's contacts unless it has some (demo data; never undoes a school's edits). */
    public boolean insertIfAbsent(SchoolContacts schoolContacts, String modifiedBy) {
        return contacts.insertIfAbsent(schoolContacts, modifiedBy);
    }

    public long replace(SchoolContacts schoolContacts, long expectedVersion, String modifiedBy) {
        ensure(schoolContacts.getUrn());
        return contacts.replace(schoolContacts, expectedVersion, modifiedBy);
    }

    /** A school's document, empty at version 1, unless it has one. */
    private void ensure(String urn) {
        contacts.insertIfAbsent(SchoolContacts.newBuilder().setUrn(urn).build(), "");
    }

    /** The stored contacts of these schools, by URN (schools with none stored are absent). */
    public Map<String, SchoolContacts> findAll(Collection<String> urns) {
        return contacts.findAll(urns);
    }
}
