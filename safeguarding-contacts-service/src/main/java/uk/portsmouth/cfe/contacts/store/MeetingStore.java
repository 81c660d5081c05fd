package uk.portsmouth.cfe.contacts.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;

/** The "meeting_series" collection: one document a series, keyed by its slug. A city has dozens. */
public final class MeetingStore {

    private final VersionedRecords<MeetingSeries> series;

    public MeetingStore(MongoDatabase database) {
        this.series = new VersionedRecords<>(
                database.getCollection("meeting_series"),
                "meeting series",
                MeetingSeries::getId,
                MeetingSeries::newBuilder,
                (s, document) -> document.put("_name_sort", s.getName().toLowerCase(Locale.ROOT)));
    }

    /** Adds the series unless it exists (demo data; never undoes the LA's edits). */
    public boolean addIfAbsent(MeetingSeries meetingSeries) {
        return series.insertIfAbsent(meetingSeries, "demo-data");
    }

    /** Adds a new series; false when its id is taken. */
    public boolean insert(MeetingSeries meetingSeries, String modifiedBy) {
        return series.insert(meetingSeries, modifiedBy);
    }

    /** Adds a new record made by a client's create, with that request's fingerprint; false when its id is taken. */
    public boolean insert(MeetingSeries meetingSeries, String modifiedBy, String requestHash) {
        return series.insert(meetingSeries, modifiedBy, requestHash);
    }

    /** The fingerprint of the create that made record {@code id}. */
    public Optional<String> requestHash(String id) {
        return series.requestHash(id);
    }

    public long replace(MeetingSeries meetingSeries, long expectedVersion, String modifiedBy) {
        return series.replace(meetingSeries, expectedVersion, modifiedBy);
    }

    public Optional<StoredRecord<MeetingSeries>> findRecord(String id) {
        return series.find(id);
    }

    public Optional<MeetingSeries> find(String id) {
        return series.find(id).map(StoredRecord::body);
    }

    /** Every series in name order (dozens, plus one a school with Severely Absent Meetings). */
    public List<MeetingSeries> all() {
        return series.all(Sorts.ascending("_name_sort"));
    }
}
