package uk.portsmouth.cfe.attendance.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.bson.Document;
import uk.portsmouth.cfe.attendance.domain.GroupTotals;
import uk.portsmouth.cfe.attendance.domain.SchoolTotals;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;

/**
 * The "school_attendance_totals" collection: one document a school and academic year (see
 * {@link SchoolTotals}), its totals one string ({@link PackedTotals}). A marks write adds its
 * difference by writing the sum on the version it was made from, and a rebuild (at start-up, and
 * when a roll sync moves pupils between groups) replaces a document only if no write came in while
 * it was being counted: each is conditional on the version, so neither can lose the other's sessions.
 */
public final class SchoolTotalsStore {

    private static final String VERSION = VersionedDocuments.VERSION;
    private static final int REBUILD_ATTEMPTS = 5;
    /** The totals as one string ({@link PackedTotals}); documents written before it hold the three below. */
    private static final String PACKED = "totals";
    /** The year's groups (the field "year" names the academic year), in the layout before {@link #PACKED}. */
    private static final String YEAR_GROUPS = "year_groups";

    private final MongoCollection<Document> totals;
    /** What this instance last wrote to each school-year, so that the next batch's sum needs no read. */
    private final Map<String, Kept> lastWritten = new ConcurrentHashMap<>();
    /** One sum at a time a school-year, within this instance (batches of a school run side by side). */
    private final Map<String, Lock> addingTo = new ConcurrentHashMap<>();

    public SchoolTotalsStore(MongoDatabase database) {
        this.totals = database.getCollection("school_attendance_totals");
        totals.createIndex(Indexes.ascending("year")); // the city's totals for a year
        totals.createIndex(Indexes.ascending("urn"));
        VersionedDocuments.indexVersions(totals); // a recount's conditional replace
    }

    /** Which document: a school and an academic year. */
    public record SchoolYear(String urn, String year) {}

    private static String id(String urn, String year) {
        return urn + ":" + year;
    }

    public Optional<SchoolTotals> find(String urn, String year) {
        return Optional.ofNullable(totals.find(Filters.eq("_id", id(urn, year))).first())
                .map(SchoolTotalsStore::fromDocument);
    }

    /** Every school's totals for an academic year, by URN. */
    public Map<String, SchoolTotals> all(String year) {
        Map<String, SchoolTotals> found = new TreeMap<>();
        totals.find(Filters.eq("year", year)).forEach(d -> found.put(d.getString("urn"), fromDocument(d)));
        return found;
    }

    /**
     * The version of each school's totals for an academic year ({@code urn}'s only, or every school's:
     * null), by URN: a few bytes a school, read to tell whether figures made from them still hold.
     */
    public Map<String, Long> versions(String urn, String year) {
        Map<String, Long> versions = new TreeMap<>();
        totals.find(urn == null ? Filters.eq("year", year) : Filters.eq("_id", id(urn, year)))
                .projection(new Document(VERSION, 1).append("urn", 1))
                .forEach(d -> versions.put(
                        d.getString("urn"), d.get(VERSION, Number.class).longValue()));
        return versions;
    }

    /** The versions of a school's documents (every academic year), or of the whole city's (null), by id. */
    private Map<String, Long> versions(String urn) {
        Map<String, Long> versions = new HashMap<>();
        totals.find(urn == null ? new Document() : Filters.eq("urn", urn))
                .projection(new Document(VERSION, 1))
                .forEach(d -> versions.put(
                        d.getString("_id"), d.get(VERSION, Number.class).longValue()));
        return versions;
    }

    /**
     * Adds a batch's difference to a school-year's totals: the sum written on the version it was made
     * from (this instance's last write, or read afresh when another writer came first), so no
     * difference is lost or counted twice; one at a time a school-year within this instance.
     */
    public void add(String urn, String year, SchoolTotals difference) {
        if (difference.isEmpty()) {
            return;
        }
        String id = id(urn, year);
        Lock adding = addingTo.computeIfAbsent(id, which -> new ReentrantLock());
        adding.lock();
        try {
            while (true) {
                Kept current = lastWritten.get(id);
                if (current == null) {
                    current = read(id);
                }
                SchoolTotals after = new SchoolTotals.Sum()
                        .add(current.totals())
                        .add(difference)
                        .total();
                if (written(urn, year, current, after)) {
                    lastWritten.put(id, new Kept(current.version() + 1, after, false));
                    return;
                }
                lastWritten.remove(id); // a recount (or another instance) wrote first: read it again
            }
        } finally {
            adding.unlock();
        }
    }

    /** A school-year's totals as stored now, with their version (0: none yet). */
    private Kept read(String id) {
        Document document = totals.find(Filters.eq("_id", id)).first();
        return document == null
                ? new Kept(0, new SchoolTotals(Map.of(), Map.of(), Map.of()), false)
                : new Kept(
                        document.get(VERSION, Number.class).longValue(),
                        fromDocument(document),
                        !document.containsKey(PACKED));
    }

    /** Writes {@code after} if the school-year is still at the version of {@code current}; false when it is not. */
    private boolean written(String urn, String year, Kept current, SchoolTotals after) {
        Document update = new Document(
                        "$set", new Document(PACKED, PackedTotals.pack(after)).append(VERSION, current.version() + 1))
                .append("$setOnInsert", new Document("urn", urn).append("year", year));
        if (current.olderLayout()) {
            update.append(
                    "$unset", new Document(YEAR_GROUPS, "").append("terms", "").append("weeks", ""));
        }
        try {
            UpdateResult result = totals.updateOne(
                    new Document("_id", id(urn, year)).append(VERSION, current.version()),
                    update,
                    new UpdateOptions().upsert(current.version() == 0));
            return result.getMatchedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another writer inserted it first
            }
            throw e;
        }
    }

    /** A school-year's totals at a version; {@code olderLayout}: stored before they were one string. */
    private record Kept(long version, SchoolTotals totals, boolean olderLayout) {}

    /**
     * Replaces a school's totals ({@code urn}), or every school's (null), with what {@code count}
     * counts; counted again if a marks write changed them meanwhile.
     */
    public void rebuild(String urn, Supplier<Map<SchoolYear, SchoolTotals>> count) {
        for (int attempt = 1; attempt <= REBUILD_ATTEMPTS; attempt++) {
            Map<String, Long> versions = versions(urn);
            boolean replacedAll = true;
            for (Map.Entry<SchoolYear, SchoolTotals> counted : count.get().entrySet()) {
                SchoolYear which = counted.getKey();
                replacedAll &= replace(
                        which.urn(),
                        which.year(),
                        counted.getValue(),
                        versions.getOrDefault(id(which.urn(), which.year()), 0L));
            }
            if (replacedAll) {
                return;
            }
        }
        throw new IllegalStateException(
                "school attendance totals kept changing while being counted: " + (urn == null ? "city" : urn));
    }

    /**
     * Replaces a school-year's totals if it is still at {@code expectedVersion} (0: not there yet);
     * false when a write came first, and the caller counts again.
     */
    private boolean replace(String urn, String year, SchoolTotals counted, long expectedVersion) {
        Document document = new Document("_id", id(urn, year))
                .append("urn", urn)
                .append("year", year)
                .append(PACKED, PackedTotals.pack(counted))
                .append(VERSION, expectedVersion + 1);
        try {
            long matched = totals.replaceOne(
                            new Document("_id", id(urn, year)).append(VERSION, expectedVersion),
                            document,
                            new ReplaceOptions().upsert(expectedVersion == 0))
                    .getMatchedCount();
            return expectedVersion == 0 || matched == 1;
        } catch (MongoWriteException e) {
            return false; // a write inserted it meanwhile (duplicate _id)
        }
    }

    private static SchoolTotals fromDocument(Document document) {
        String packed = document.getString(PACKED);
        if (packed != null) {
            return PackedTotals.unpack(packed);
        }
        // written before the totals were one string (the next batch's write moves them)
        Map<String, GroupTotals> year = groups(document.get(YEAR_GROUPS, new Document()));
        Map<String, Map<String, GroupTotals>> terms = new TreeMap<>();
        document.get("terms", new Document()).forEach((term, groups) -> terms.put(term, groups((Document) groups)));
        Map<LocalDate, SessionCounts> weeks = new TreeMap<>();
        document.get("weeks", new Document())
                .forEach((week, counts) -> weeks.put(LocalDate.parse(week), AttendanceStore.counts((Document) counts)));
        return new SchoolTotals(year, terms, weeks);
    }

    private static Map<String, GroupTotals> groups(Document groups) {
        Map<String, GroupTotals> parsed = new TreeMap<>();
        groups.forEach((group, value) -> {
            Document g = (Document) value;
            parsed.put(
                    group,
                    new GroupTotals(
                            AttendanceStore.counts(g), AttendanceStore.number(g, "pupils"),
                            AttendanceStore.number(g, "persistent"), AttendanceStore.number(g, "severe")));
        });
        return parsed;
    }
}
