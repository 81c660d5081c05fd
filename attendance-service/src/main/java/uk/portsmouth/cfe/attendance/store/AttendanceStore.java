package uk.portsmouth.cfe.attendance.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.bulk.BulkWriteResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;

/**
 * The "enrolment_marks" collection: one document an enrolment (school + pupil) and academic year,
 * holding its session codes, comments and corrections, and the counters kept current at every
 * write (the year, each term, each week), so that school and city reports read counters, not marks.
 * A document changes by one conditional replace (its version), so concurrent batches never lose a mark.
 */
public final class AttendanceStore {

    private static final String VERSION = "_version";
    private static final Bson COUNTERS = Projections.include("urn", "upn", "year", "counts", "terms", "weeks");

    private final MongoCollection<Document> marks;

    public AttendanceStore(MongoDatabase database) {
        this.marks = database.getCollection("enrolment_marks");
        // lets a store that only looks writes up by unique indexes (the embedded one) find a
        // conditional replace ({_id, _version}) without scanning; on MongoDB it costs next to nothing
        marks.createIndex(Indexes.ascending("_id", VERSION), new IndexOptions().unique(true).name("id_version"));
    }

    /** An enrolment-year's marks and their counters, with the version they were read at (0: none yet). */
    public record Stored(EnrolmentMarks marks, EnrolmentMarks.Counters counters, long version) {
    }

    /** One write: the marks after a batch, with the counters of them. */
    public record Write(EnrolmentMarks marks, long expectedVersion, EnrolmentMarks.Counters counters) {
    }

    /** What reports read: an enrolment-year's counters. */
    public record Counters(String urn, String upn, String year, EnrolmentMarks.Counters counters) {
    }

    public Map<String, Stored> find(Collection<String> ids) {
        Map<String, Stored> found = new HashMap<>();
        for (Document document : marks.find(Filters.in("_id", ids))) {
            found.put(document.getString("_id"), stored(document));
        }
        return found;
    }

    public Optional<Stored> find(String id) {
        return Optional.ofNullable(marks.find(Filters.eq("_id", id)).first()).map(AttendanceStore::stored);
    }

    /** Every enrolment-year's marks at a school (ranges that counters do not cover). */
    public List<EnrolmentMarks> marksAt(String urn, String year) {
        return marks.find(Filters.and(Filters.eq("urn", urn), Filters.eq("year", year))).map(d -> stored(d).marks())
                .into(new ArrayList<>());
    }

    /** The counters of a school's enrolments ({@code urn}), or of the whole city (null), for a year (or every year: null). */
    public List<Counters> counters(String urn, String year) {
        List<Bson> conditions = new ArrayList<>();
        if (urn != null) {
            conditions.add(Filters.eq("urn", urn));
        }
        if (year != null) {
            conditions.add(Filters.eq("year", year));
        }
        Bson filter = conditions.isEmpty() ? new Document() : Filters.and(conditions);
        return marks.find(filter).projection(COUNTERS).map(AttendanceStore::counters).into(new ArrayList<>());
    }

    /**
     * Writes each enrolment-year if it is still at its expected version (new ones are inserted);
     * returns the ids someone else changed first, which the caller reads again and retries.
     */
    public List<String> write(List<Write> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        List<WriteModel<Document>> models = new ArrayList<>();
        for (Write write : writes) {
            Document document = document(write);
            // a flat filter with _id at the top, so that every store (the embedded one too) finds it by the _id index
            Bson filter = new Document("_id", write.marks().id()).append(VERSION, write.expectedVersion());
            models.add(new ReplaceOneModel<>(filter, document, new ReplaceOptions().upsert(write.expectedVersion() == 0)));
        }
        List<String> lost = new ArrayList<>();
        try {
            BulkWriteResult result = marks.bulkWrite(models, new BulkWriteOptions().ordered(false));
            if (result.getMatchedCount() + result.getUpserts().size() < writes.size()) {
                lost.addAll(unwritten(writes));
            }
        } catch (MongoBulkWriteException e) {
            // an insert that met a document someone else inserted first (duplicate key)
            lost.addAll(unwritten(writes));
        }
        return lost;
    }

    /** The writes whose version is not in the store now. */
    private List<String> unwritten(List<Write> writes) {
        Map<String, Stored> now = find(writes.stream().map(w -> w.marks().id()).toList());
        List<String> lost = new ArrayList<>();
        for (Write write : writes) {
            Stored stored = now.get(write.marks().id());
            if (stored == null || stored.version() != write.expectedVersion() + 1 || !stored.marks().codes().equals(write.marks().codes())) {
                lost.add(write.marks().id());
            }
        }
        return lost;
    }

    private static Document document(Write write) {
        EnrolmentMarks m = write.marks();
        List<Document> history = m.history().stream()
                .map(c -> new Document("session", c.session()).append("code", c.code()).append("replaced_at", c.replacedAt()))
                .toList();
        Document terms = new Document();
        write.counters().terms().forEach((term, counts) -> terms.append(term, document(counts)));
        Document weeks = new Document();
        write.counters().weeks().forEach((monday, counts) -> weeks.append(monday.toString(), document(counts)));
        return new Document("_id", m.id()).append("urn", m.urn()).append("upn", m.upn()).append("year", m.academicYear())
                .append("codes", new Document(new TreeMap<>(m.codes())))
                .append("comments", new Document(new TreeMap<>(m.comments())))
                .append("history", history)
                .append("counts", document(write.counters().year())).append("terms", terms).append("weeks", weeks)
                .append(VERSION, write.expectedVersion() + 1);
    }

    private static Stored stored(Document document) {
        Map<String, String> codes = new TreeMap<>();
        document.get("codes", new Document()).forEach((k, v) -> codes.put(k, (String) v));
        Map<String, String> comments = new TreeMap<>();
        document.get("comments", new Document()).forEach((k, v) -> comments.put(k, (String) v));
        List<EnrolmentMarks.Correction> history = document.getList("history", Document.class, List.of()).stream()
                .map(h -> new EnrolmentMarks.Correction(h.getString("session"), h.getString("code"), h.getString("replaced_at")))
                .toList();
        return new Stored(new EnrolmentMarks(document.getString("urn"), document.getString("upn"), document.getString("year"),
                                             codes, comments, history),
                          counters(document).counters(), document.get(VERSION, Number.class).longValue());
    }

    private static Counters counters(Document document) {
        Map<String, SessionCounts> terms = new TreeMap<>();
        document.get("terms", new Document()).forEach((k, v) -> terms.put(k, counts((Document) v)));
        Map<LocalDate, SessionCounts> weeks = new TreeMap<>();
        document.get("weeks", new Document()).forEach((k, v) -> weeks.put(LocalDate.parse(k), counts((Document) v)));
        return new Counters(document.getString("urn"), document.getString("upn"), document.getString("year"),
                            new EnrolmentMarks.Counters(counts(document.get("counts", new Document())), terms, weeks));
    }

    static Document document(SessionCounts counts) {
        return new Document("possible", counts.possible()).append("present", counts.present())
                .append("approved", counts.approvedActivity()).append("authorised", counts.authorised())
                .append("unauthorised", counts.unauthorised()).append("not_possible", counts.notPossible());
    }

    static SessionCounts counts(Document document) {
        return new SessionCounts(number(document, "possible"), number(document, "present"), number(document, "approved"),
                                 number(document, "authorised"), number(document, "unauthorised"), number(document, "not_possible"));
    }

    static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
