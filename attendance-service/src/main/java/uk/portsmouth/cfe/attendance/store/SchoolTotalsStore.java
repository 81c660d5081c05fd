package uk.portsmouth.cfe.attendance.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bson.Document;
import uk.portsmouth.cfe.attendance.domain.GroupTotals;
import uk.portsmouth.cfe.attendance.domain.SchoolTotals;
import uk.portsmouth.cfe.attendance.domain.SessionCounts;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;

/**
 * The "school_attendance_totals" collection: one document a school and academic year (see
 * {@link SchoolTotals}). Marks writes add their differences with one atomic {@code $inc}; a rebuild
 * (at start-up, and when a roll sync moves pupils between groups) replaces a document only if no
 * write came in while it was being counted, so neither can lose the other's sessions.
 */
public final class SchoolTotalsStore {

    private static final String VERSION = VersionedDocuments.VERSION;
    private static final int REBUILD_ATTEMPTS = 5;
    /** The year's groups (the field "year" names the academic year). */
    private static final String YEAR_GROUPS = "year_groups";

    private final MongoCollection<Document> totals;

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

    /** Adds a batch's difference to a school-year's totals, in one atomic update. */
    public void add(String urn, String year, SchoolTotals difference) {
        if (difference.isEmpty()) {
            return;
        }
        Document increments = new Document(VERSION, 1L);
        difference.year().forEach((group, g) -> increment(increments, YEAR_GROUPS + "." + group + ".", g));
        difference
                .terms()
                .forEach((term, groups) ->
                        groups.forEach((group, g) -> increment(increments, "terms." + term + "." + group + ".", g)));
        difference.weeks().forEach((week, counts) -> increment(increments, "weeks." + week + ".", counts));
        totals.updateOne(
                Filters.eq("_id", id(urn, year)),
                Updates.combine(
                        new Document("$inc", increments),
                        Updates.setOnInsert("urn", urn),
                        Updates.setOnInsert("year", year)),
                new UpdateOptions().upsert(true));
    }

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
        Document document =
                new Document("_id", id(urn, year)).append("urn", urn).append("year", year);
        Document yearGroups = new Document();
        counted.year().forEach((group, g) -> yearGroups.append(group, document(g)));
        Document terms = new Document();
        counted.terms().forEach((term, groups) -> {
            Document byGroup = new Document();
            groups.forEach((group, g) -> byGroup.append(group, document(g)));
            terms.append(term, byGroup);
        });
        Document weeks = new Document();
        counted.weeks().forEach((week, counts) -> weeks.append(week.toString(), AttendanceStore.document(counts)));
        document.append(YEAR_GROUPS, yearGroups)
                .append("terms", terms)
                .append("weeks", weeks)
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

    /** The non-zero parts only: a store spends time on every path an update names. */
    private static void increment(Document increments, String prefix, GroupTotals g) {
        increment(increments, prefix, document(g));
    }

    private static void increment(Document increments, String prefix, SessionCounts counts) {
        increment(increments, prefix, AttendanceStore.document(counts));
    }

    private static void increment(Document increments, String prefix, Document values) {
        values.forEach((field, value) -> {
            if (((Number) value).longValue() != 0) {
                increments.append(prefix + field, value);
            }
        });
    }

    private static Document document(GroupTotals g) {
        return AttendanceStore.document(g.counts())
                .append("pupils", g.pupils())
                .append("persistent", g.persistent())
                .append("severe", g.severe());
    }

    private static SchoolTotals fromDocument(Document document) {
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
