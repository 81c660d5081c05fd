package uk.portsmouth.cfe.attendance.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.attendance.domain.EnrolmentMarks;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;

/**
 * The "enrolment_marks" collection: one document an enrolment (school + pupil) and academic year,
 * holding its session codes (one string for the year, see {@link YearCodes}) and comments (by week),
 * the corrections, and the counters kept current at every write (the year and each term, one string,
 * see {@link PackedCounters}), so that reports read counters, not marks. A batch decodes only the weeks it touches and writes the codes,
 * the counters and those weeks' comments: one conditional update on the document's version, of a
 * handful of top-level fields, so that concurrent batches never lose a mark.
 */
public final class AttendanceStore {

    /**
     * Changes at every write to a value no other write picks (random, never 0: "not there yet"), so a
     * writer that finds its own value in the store knows its write, not a racing one, landed.
     */
    private static final String VERSION = "_version";

    /** The counters as one string ({@link PackedCounters}); documents written before it hold the older two below. */
    private static final String COUNTERS_FIELD = "counters";

    private static final String OLDER_YEAR_COUNTS = "counts";
    private static final String OLDER_TERM_COUNTS = "terms";

    private static final Bson COUNTERS =
            Projections.include("urn", "upn", "year", COUNTERS_FIELD, OLDER_YEAR_COUNTS, OLDER_TERM_COUNTS);
    /** The fields of every write's filter, in the shard key's order. */
    static final Bson WRITE_FILTER_FIELDS = Indexes.ascending("urn", "year", "_id", VERSION);

    private static final Bson CODES = Projections.include("urn", "upn", "year", "codes", VERSION);

    private final MongoCollection<Document> marks;

    public AttendanceStore(MongoDatabase database) {
        this.marks = database.getCollection("enrolment_marks");
        // the conditional write's filter, field for field: the embedded store uses an index only
        // when a filter names exactly its fields (without it every write scanned the collection
        // under its lock, and the ingest grew with the square of the roll); the shard key first,
        // as a unique index on a sharded collection must have it; on MongoDB it costs little
        marks.createIndex(WRITE_FILTER_FIELDS, new IndexOptions().unique(true).name("write_filter"));
        dropIndexIfPresent(marks, "id_version"); // the index before, which no write's filter matched
        // a school's year (reports, the register; the shard key's prefix), the city's year
        // (totals, retention) and a child's history at any school (subject access)
        marks.createIndex(Indexes.ascending("urn", "year"));
        marks.createIndex(Indexes.ascending("year"));
        marks.createIndex(Indexes.ascending("upn"));
    }

    /**
     * An enrolment-year's marks (all of them, or the weeks asked for), its counters (the year and
     * each term), the version they were read at (0: none yet) and the year's codes as stored (which
     * a write of some weeks keeps for the others); {@code olderCounters}: its counters are still in
     * the layout before {@link PackedCounters} (the next write moves them).
     */
    public record Stored(
            EnrolmentMarks marks,
            EnrolmentMarks.Counters counters,
            long version,
            String yearCodes,
            boolean olderCounters) {
        /** An enrolment-year with no marks yet. */
        public static Stored none(String urn, String upn, String academicYear) {
            return new Stored(EnrolmentMarks.empty(urn, upn, academicYear), EnrolmentMarks.Counters.NONE, 0, "", false);
        }
    }

    /**
     * One write: the enrolment-year as read ({@code before}), after a batch (at least the weeks of the
     * batch's sessions), which sessions the batch gave, the corrections it made and the counters after
     * it (the year's and every term's).
     */
    public record Write(
            Stored before,
            EnrolmentMarks marks,
            Set<String> sessions,
            List<EnrolmentMarks.Correction> corrections,
            EnrolmentMarks.Counters counters) {}

    /** What reports read: an enrolment-year's counters. */
    public record Counters(String urn, String upn, EnrolmentMarks.Counters counters) {}

    /**
     * The enrolment-years with these ids, each with its counters and only the codes and comments of the weeks of
     * {@code sessions}.
     */
    public Map<String, Stored> find(Collection<String> ids, Collection<String> sessions) {
        Set<LocalDate> mondays =
                sessions.stream().map(EnrolmentMarks::weekOf).collect(Collectors.toCollection(TreeSet::new));
        List<String> fields = new ArrayList<>(
                List.of("urn", "upn", "year", COUNTERS_FIELD, OLDER_YEAR_COUNTS, OLDER_TERM_COUNTS, "codes", VERSION));
        mondays.forEach(monday -> fields.add("comments." + monday));
        Map<String, Stored> found = new HashMap<>();
        for (Document document : marks.find(Filters.in("_id", ids)).projection(Projections.include(fields))) {
            found.put(document.getString("_id"), stored(document, mondays));
        }
        return found;
    }

    /** Every enrolment-year's marks of the child {@code upn}, at any school (subject access). */
    public List<EnrolmentMarks> marksOf(String upn) {
        return marks.find(Filters.eq("upn", upn))
                .map(d -> stored(d, null).marks())
                .into(new ArrayList<>());
    }

    /** The enrolment-years with these ids that hold marks. */
    public List<EnrolmentMarks> marksOf(Collection<String> ids) {
        return marks.find(Filters.in("_id", ids))
                .map(d -> stored(d, null).marks())
                .into(new ArrayList<>());
    }

    /** How many enrolment-years of the academic years {@code years} there are; with {@code delete}, deletes them. */
    public long years(Collection<String> years, boolean delete) {
        Bson inYears = Filters.in("year", years);
        return delete ? marks.deleteMany(inYears).getDeletedCount() : marks.countDocuments(inYears);
    }

    public Optional<Stored> find(String id) {
        return Optional.ofNullable(marks.find(Filters.eq("_id", id)).first()).map(d -> stored(d, null));
    }

    /** Every enrolment-year's codes at a school ({@code urn}) or in the city (null), one at a time (they are many). */
    public void forEachCodes(String urn, Consumer<EnrolmentMarks> action) {
        marks.find(urn == null ? new Document() : Filters.eq("urn", urn))
                .projection(CODES)
                .batchSize(MongoConnection.SCAN_BATCH_SIZE)
                .forEach(d -> action.accept(stored(d, null).marks()));
    }

    /** Every enrolment-year's marks at a school (ranges that counters do not cover). */
    public List<EnrolmentMarks> marksAt(String urn, String year) {
        return marks.find(Filters.and(Filters.eq("urn", urn), Filters.eq("year", year)))
                .batchSize(MongoConnection.SCAN_BATCH_SIZE)
                .map(d -> stored(d, null).marks())
                .into(new ArrayList<>());
    }

    /** The counters of a school's enrolments ({@code urn}), or of the whole city (null), for a year. */
    public List<Counters> counters(String urn, String year) {
        Bson filter =
                urn == null ? Filters.eq("year", year) : Filters.and(Filters.eq("urn", urn), Filters.eq("year", year));
        return marks.find(filter)
                .projection(COUNTERS)
                .batchSize(MongoConnection.SCAN_BATCH_SIZE)
                .map(AttendanceStore::counters)
                .into(new ArrayList<>());
    }

    /**
     * Writes each enrolment-year if it is still at the version it was read at (new ones are inserted),
     * setting its codes (the batch's weeks re-encoded), comments of those weeks, corrections and
     * counters; returns the ids someone else changed first, which the caller reads again and retries.
     *
     * <p>What was written is decided from the write results alone, never by reading back (a later
     * writer may already have moved a written record on): every write is an upsert on
     * {@code {_id, version read}}, so one whose record moved on tries to insert a second record
     * with that {@code _id} and fails with a duplicate key, reported with its index.
     */
    public List<String> write(List<Write> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        List<WriteModel<Document>> models = new ArrayList<>();
        for (Write write : writes) {
            // flat, and exactly the fields of the "write_filter" index, so that every store (the
            // embedded one too) finds it by an index; with the shard key (school, academic year), as
            // an upsert on a sharded collection must have, and so that it goes to one shard
            Bson filter = new Document("_id", write.marks().id())
                    .append(VERSION, write.before().version())
                    .append("urn", write.marks().urn())
                    .append("year", write.marks().academicYear());
            models.add(new UpdateOneModel<>(filter, update(write, newVersion()), new UpdateOptions().upsert(true)));
        }
        try {
            marks.bulkWrite(models, new BulkWriteOptions().ordered(false));
            return List.of();
        } catch (MongoBulkWriteException e) {
            List<String> lost = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                lost.add(writes.get(error.getIndex()).marks().id());
            }
            return lost;
        }
    }

    private static void dropIndexIfPresent(MongoCollection<Document> collection, String name) {
        for (Document index : collection.listIndexes()) {
            if (name.equals(index.getString("name"))) {
                collection.dropIndex(name);
            }
        }
    }

    private static long newVersion() {
        long version;
        do {
            version = ThreadLocalRandom.current().nextLong();
        } while (version == 0);
        return version;
    }

    private static Bson update(Write write, long version) {
        EnrolmentMarks m = write.marks();
        // the weeks the batch's sessions fall in, whole (they were read whole); top-level fields only
        Set<LocalDate> mondays =
                write.sessions().stream().map(EnrolmentMarks::weekOf).collect(Collectors.toCollection(TreeSet::new));
        Document set = new Document(VERSION, version)
                .append("codes", YearCodes.with(write.before().yearCodes(), m.academicYear(), mondays, m.codes()))
                .append(COUNTERS_FIELD, PackedCounters.pack(write.counters()));
        Document unset = new Document();
        if (write.before().olderCounters()) {
            unset.append(OLDER_YEAR_COUNTS, "").append(OLDER_TERM_COUNTS, "");
        }
        boolean hadComments = !write.before().marks().comments().isEmpty();
        for (LocalDate monday : mondays) {
            Map<String, Object> comments = inWeek(m.comments(), monday);
            if (comments.isEmpty()) {
                if (hadComments) {
                    unset.append("comments." + monday, "");
                }
            } else {
                set.append("comments." + monday, new Document(comments));
            }
        }
        // one update document, built directly (this runs for every pupil of every batch)
        Document update = new Document("$set", set)
                .append(
                        "$setOnInsert",
                        new Document("urn", m.urn()).append("upn", m.upn()).append("year", m.academicYear()));
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        if (!write.corrections().isEmpty()) {
            update.append(
                    "$push",
                    new Document(
                            "history",
                            new Document(
                                    "$each",
                                    write.corrections().stream()
                                            .map(c -> new Document("session", c.session())
                                                    .append("code", c.code())
                                                    .append("replaced_at", c.replacedAt()))
                                            .toList())));
        }
        return update;
    }

    /** The sessions of one week, with their values. */
    private static Map<String, Object> inWeek(Map<String, String> bySession, LocalDate monday) {
        Map<String, Object> week = new TreeMap<>();
        bySession.forEach((session, value) -> {
            if (EnrolmentMarks.weekOf(session).equals(monday)) {
                week.put(session, value);
            }
        });
        return week;
    }

    /** An enrolment-year as stored, with the codes of the weeks of {@code mondays} (null: all). */
    private static Stored stored(Document document, Set<LocalDate> mondays) {
        String year = document.getString("year");
        String yearCodes = document.get("codes", "");
        Map<String, String> codes = new TreeMap<>();
        if (mondays == null) {
            YearCodes.decodeAll(yearCodes, year, codes);
        } else {
            YearCodes.decode(yearCodes, year, mondays, codes);
        }
        Map<String, String> comments = new TreeMap<>();
        document.get("comments", new Document())
                .forEach((monday, week) -> ((Document) week).forEach((k, v) -> comments.put(k, (String) v)));
        List<EnrolmentMarks.Correction> history = document.getList("history", Document.class, List.of()).stream()
                .map(h -> new EnrolmentMarks.Correction(
                        h.getString("session"), h.getString("code"), h.getString("replaced_at")))
                .toList();
        return new Stored(
                new EnrolmentMarks(
                        document.getString("urn"), document.getString("upn"), year, codes, comments, history),
                counters(document).counters(),
                document.get(VERSION, Number.class).longValue(),
                yearCodes,
                document.containsKey(OLDER_YEAR_COUNTS));
    }

    private static Counters counters(Document document) {
        String packed = document.getString(COUNTERS_FIELD);
        if (packed != null) {
            return new Counters(document.getString("urn"), document.getString("upn"), PackedCounters.unpack(packed));
        }
        // written before the counters were one string
        Map<String, SessionCounts> terms = new TreeMap<>();
        document.get(OLDER_TERM_COUNTS, new Document()).forEach((k, v) -> terms.put(k, counts((Document) v)));
        return new Counters(
                document.getString("urn"),
                document.getString("upn"),
                new EnrolmentMarks.Counters(counts(document.get(OLDER_YEAR_COUNTS, new Document())), terms, Map.of()));
    }

    static SessionCounts counts(Document document) {
        return new SessionCounts(
                number(document, "possible"),
                number(document, "present"),
                number(document, "approved"),
                number(document, "authorised"),
                number(document, "unauthorised"),
                number(document, "not_possible"));
    }

    static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
