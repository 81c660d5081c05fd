package uk.portsmouth.cfe.attendance.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;

/**
 * The "pupils" collection: one document an enrolment (school URN + UPN), so a dual-registered
 * pupil has one at each school. Upserts are idempotent replaces by id.
 */
public final class PupilStore {

    private static final Bson READ = ProtoDocuments.readProjection();

    private final MongoCollection<Document> pupils;

    public PupilStore(MongoDatabase database) {
        this.pupils = database.getCollection("pupils");
        // a school's roll in name order (by year group too), and a child at any school
        pupils.createIndex(Indexes.ascending("urn", "_name_sort", "_id"));
        pupils.createIndex(Indexes.ascending("urn", "year_group", "_name_sort", "_id"));
        pupils.createIndex(Indexes.ascending("upn"));
    }

    public static String id(String urn, String upn) {
        return urn + ":" + upn;
    }

    public Optional<Pupil> find(String urn, String upn) {
        return Optional.ofNullable(pupils.find(Filters.eq("_id", id(urn, upn)))
                        .projection(READ)
                        .first())
                .map(PupilStore::pupil);
    }

    /** Every enrolment of the child {@code upn}, at any school (subject access). */
    public List<Pupil> enrolmentsOf(String upn) {
        return pupils.find(Filters.eq("upn", upn))
                .projection(READ)
                .map(PupilStore::pupil)
                .into(new ArrayList<>());
    }

    /** The enrolments with these ids, by id. */
    public Map<String, Pupil> findAll(Collection<String> ids) {
        Map<String, Pupil> found = new HashMap<>();
        pupils.find(Filters.in("_id", ids)).projection(READ).forEach(d -> found.put(d.getString("_id"), pupil(d)));
        return found;
    }

    /** Those of {@code upns} on the roll of school {@code urn}, by UPN. */
    public Map<String, Pupil> onRoll(String urn, Collection<String> upns) {
        Map<String, Pupil> found = new HashMap<>();
        findAll(upns.stream().map(upn -> id(urn, upn)).toList()).values().stream()
                .filter(Pupil::getOnRoll)
                .forEach(pupil -> found.put(pupil.getUpn(), pupil));
        return found;
    }

    /** Adds or replaces each enrolment (one unordered bulk write). */
    public void upsert(Collection<Pupil> enrolments) {
        List<WriteModel<Document>> models = new ArrayList<>();
        for (Pupil pupil : enrolments) {
            Document document = ProtoDocuments.toDocument(pupil);
            document.put("_id", id(pupil.getUrn(), pupil.getUpn()));
            document.put(
                    "_name_sort",
                    (pupil.getFamilyName() + " " + pupil.getGivenName()).toLowerCase(java.util.Locale.ROOT));
            // stored explicitly: the message's JSON leaves out zero and false
            document.put("on_roll", pupil.getOnRoll());
            document.put("year_group", pupil.getYearGroup());
            models.add(new ReplaceOneModel<>(
                    Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true)));
        }
        if (!models.isEmpty()) {
            pupils.bulkWrite(models, new BulkWriteOptions().ordered(false));
        }
    }

    /** A school's enrolments in name order, optionally one year group. */
    public Page<Pupil> list(String urn, Integer yearGroup, Paging paging) {
        Bson filter = yearGroup == null
                ? Filters.eq("urn", urn)
                : Filters.and(Filters.eq("urn", urn), Filters.eq("year_group", yearGroup));
        long total = pupils.countDocuments(filter);
        List<Pupil> page = pupils.find(filter)
                .projection(READ)
                .sort(Sorts.ascending("_name_sort", "_id"))
                .skip(paging.offset())
                .limit(paging.size())
                .map(PupilStore::pupil)
                .into(new ArrayList<>());
        return new Page<>(paging.info(total, page.size()), page);
    }

    /** Every enrolment at a school ({@code urn}), or in the city (null), by id. */
    public Map<String, Pupil> all(String urn) {
        Map<String, Pupil> found = new HashMap<>();
        pupils.find(urn == null ? new Document() : Filters.eq("urn", urn))
                .projection(READ)
                .batchSize(MongoConnection.SCAN_BATCH_SIZE)
                .forEach(d -> found.put(d.getString("_id"), pupil(d)));
        return found;
    }

    private static Pupil pupil(Document document) {
        return ProtoDocuments.fromDocument(document, Pupil.newBuilder()).build();
    }
}
