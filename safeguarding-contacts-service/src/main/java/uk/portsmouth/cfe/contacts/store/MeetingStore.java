package uk.portsmouth.cfe.contacts.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;

/** The "meeting_series" collection: one document a series, keyed by its slug. A city has dozens. */
public final class MeetingStore {

    private static final Bson READ = ProtoDocuments.readProjection();

    private final MongoCollection<Document> series;

    public MeetingStore(MongoDatabase database) {
        this.series = database.getCollection("meeting_series");
    }

    /** Adds the series unless it exists (demo data; never undoes the LA's edits). */
    public boolean addIfAbsent(MeetingSeries meetingSeries) {
        Document document = ProtoDocuments.toDocument(meetingSeries);
        document.put("_id", meetingSeries.getId());
        document.put("_name_sort", meetingSeries.getName().toLowerCase(java.util.Locale.ROOT));
        return VersionedDocuments.insertIfAbsent(series, document);
    }

    public Optional<MeetingSeries> find(String id) {
        return Optional.ofNullable(series.find(Filters.eq("_id", id)).projection(READ).first())
                .map(d -> ProtoDocuments.fromDocument(d, MeetingSeries.newBuilder()).build());
    }

    /** Every series in name order. */
    public List<MeetingSeries> all() {
        return series.find().projection(READ).sort(Sorts.ascending("_name_sort"))
                .map(d -> ProtoDocuments.fromDocument(d, MeetingSeries.newBuilder()).build())
                .into(new ArrayList<>());
    }
}
