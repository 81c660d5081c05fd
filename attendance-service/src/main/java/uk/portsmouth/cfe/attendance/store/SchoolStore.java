package uk.portsmouth.cfe.attendance.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.attendance.v1.School;

/** The "schools" collection: one document a school, keyed by its URN. */
public final class SchoolStore {

    private static final Bson READ = ProtoDocuments.readProjection(VersionedDocuments.VERSION, "_modified_by");

    private final MongoCollection<Document> schools;

    public SchoolStore(MongoDatabase database) {
        this.schools = database.getCollection("schools");
    }

    public Optional<StoredRecord<School>> find(String urn) {
        return Optional.ofNullable(schools.find(Filters.eq("_id", urn)).projection(READ).first()).map(SchoolStore::record);
    }

    /** Adds a new school; false when its URN is taken. */
    public boolean insert(School school, String modifiedBy) {
        return VersionedDocuments.insertNew(schools, document(school, 1, modifiedBy));
    }

    /** Adds {@code school} unless its URN is there (demo data; never undoes the LA's edits). */
    public boolean insertIfAbsent(School school, String modifiedBy) {
        return VersionedDocuments.insertIfAbsent(schools, document(school, 1, modifiedBy));
    }

    public long replace(School school, long expectedVersion, String modifiedBy) {
        return VersionedDocuments.replace(schools, "school", school.getUrn(), expectedVersion,
                                          version -> document(school, version, modifiedBy));
    }

    /** Schools in name order; {@code text} matches words of the name or the URN; empty filters match all. */
    public Page<School> list(Filter filter, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        if (!filter.text().isBlank()) {
            String contains = Pattern.quote(filter.text().strip());
            filters.add(Filters.or(Filters.regex("name", contains, "i"), Filters.eq("_id", filter.text().strip())));
        }
        if (!filter.phase().isEmpty()) {
            filters.add(Filters.eq("phase", filter.phase()));
        }
        if (!filter.locality().isEmpty()) {
            filters.add(Filters.eq("locality", filter.locality()));
        }
        if (!filter.urns().isEmpty()) {
            filters.add(Filters.in("_id", filter.urns()));
        }
        Bson query = filters.isEmpty() ? new Document() : Filters.and(filters);
        long total = schools.countDocuments(query);
        List<School> page = schools.find(query).projection(READ)
                .sort(Sorts.ascending("_name_sort", "_id"))
                .skip(paging.offset())
                .limit(paging.size())
                .map(d -> record(d).body())
                .into(new ArrayList<>());
        return new Page<>(paging.info(total, page.size()), page);
    }

    /** What a list asks for; an empty value does not filter. */
    public record Filter(String text, String phase, String locality, List<String> urns) {
    }

    private static Document document(School school, long version, String modifiedBy) {
        Document document = ProtoDocuments.toDocument(school);
        document.put("_id", school.getUrn());
        document.put(VersionedDocuments.VERSION, version);
        document.put("_modified_by", modifiedBy);
        document.put("_name_sort", school.getName().toLowerCase(Locale.ROOT));
        return document;
    }

    private static StoredRecord<School> record(Document document) {
        return new StoredRecord<>(ProtoDocuments.fromDocument(document, School.newBuilder()).build(),
                                  document.get(VersionedDocuments.VERSION, Number.class).longValue(),
                                  document.getString("_modified_by"));
    }
}
