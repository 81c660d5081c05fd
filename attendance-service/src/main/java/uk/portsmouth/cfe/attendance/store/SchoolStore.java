package uk.portsmouth.cfe.attendance.store;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.common.v1.Locality;

/** The "schools" collection: one document a school, keyed by its URN. */
public final class SchoolStore {

    private final VersionedRecords<School> schools;

    public SchoolStore(MongoDatabase database) {
        this.schools = new VersionedRecords<>(
                database.getCollection("schools"),
                "school",
                School::getUrn,
                School::newBuilder,
                (school, document) ->
                        document.put("_name_sort", school.getName().toLowerCase(Locale.ROOT)));
    }

    public Optional<StoredRecord<School>> find(String urn) {
        return schools.find(urn);
    }

    /** Adds a new school; false when its URN is taken. */
    public boolean insert(School school, String modifiedBy) {
        return schools.insert(school, modifiedBy);
    }

    /** Adds a new record made by a client's create, with that request's fingerprint; false when its id is taken. */
    public boolean insert(School school, String modifiedBy, String requestHash) {
        return schools.insert(school, modifiedBy, requestHash);
    }

    /** The fingerprint of the create that made record {@code id}. */
    public Optional<String> requestHash(String id) {
        return schools.requestHash(id);
    }

    /** Adds {@code school} unless its URN is there (demo data; never undoes the LA's edits). */
    public boolean insertIfAbsent(School school, String modifiedBy) {
        return schools.insertIfAbsent(school, modifiedBy);
    }

    public long replace(School school, long expectedVersion, String modifiedBy) {
        return schools.replace(school, expectedVersion, modifiedBy);
    }

    /** Schools in name order; {@code text} matches words of the name or the URN; empty filters match all. */
    public Page<School> list(Filter filter, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        if (!filter.text().isBlank()) {
            String contains = Pattern.quote(filter.text().strip());
            filters.add(Filters.or(
                    Filters.regex("name", contains, "i"),
                    Filters.eq("_id", filter.text().strip())));
        }
        if (ClosedSets.given(filter.phase())) {
            filters.add(Filters.eq("phase", ClosedSets.jsonName(filter.phase())));
        }
        if (ClosedSets.given(filter.locality())) {
            filters.add(Filters.eq("locality", ClosedSets.jsonName(filter.locality())));
        }
        if (!filter.urns().isEmpty()) {
            filters.add(Filters.in("_id", filter.urns()));
        }
        return schools.page(
                filters.isEmpty() ? new Document() : Filters.and(filters),
                Sorts.ascending("_name_sort", "_id"),
                paging);
    }

    /** Every school (the city has dozens). */
    public List<School> all() {
        return schools.all(Sorts.ascending("_name_sort", "_id"));
    }

    /** What a list asks for; an empty value does not filter. */
    public record Filter(String text, SchoolPhase phase, Locality locality, List<String> urns) {}
}
