package uk.portsmouth.cfe.platform.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the embedded store finds a filter's documents by an index rather than by reading the whole
 * collection. mongo-java-server uses an index only when a filter names exactly that index's fields;
 * these look-ups narrow any filter that pins a field to one plain value (a conditional write's
 * {@code {_id, _version, ...}} by its {@code _id}, a school's {@code {urn, year}} by a secondary
 * index), and the store then matches the whole filter on what they found, so the answer is the same
 * as a full read's.
 */
final class StoreLookups {

    private static final String ID = "_id";
    /** Whole numbers up to this are the same as doubles (past it the store keeps a long apart). */
    private static final long EXACT_IN_A_DOUBLE = 1L << 53;

    private StoreLookups() {}

    /**
     * The value a filter's {@code field} equals (at its top level or in a top-level {@code $and}), normalised as the store compares values (numbers as
     * doubles), or null when the filter does not pin it to one plain value (an operator, a regular
     * expression, an array, an embedded document or null all match in ways a key cannot say).
     */
    static Object pinned(Document filter, String field) {
        Object value = plain(filter.get(field));
        if (value == null && filter.get("$and") instanceof List<?> clauses) {
            // the driver's Filters.and(...) sends {$and: [...]}: every clause holds, so any may pin it
            for (Object clause : clauses) {
                value = clause instanceof Document part ? pinned(part, field) : null;
                if (value != null) {
                    return value;
                }
            }
        }
        return value;
    }

    /** {@code value} as an index key holds it, or null when it is not a plain value. */
    static Object plain(Object value) {
        if (value instanceof String
                || value instanceof Boolean
                || value instanceof ObjectId
                || value instanceof UUID
                || value instanceof Instant
                || value instanceof Date) {
            return value;
        }
        if (value instanceof Integer || value instanceof Double) {
            return new KeyValue(value).normalized().get(0); // 1 and 1.0 are one key, as the store compares them
        }
        if (value instanceof Long number && Math.abs(number) <= EXACT_IN_A_DOUBLE) {
            return new KeyValue(value).normalized().get(0);
        }
        return null;
    }

    /**
     * Whether a filter is exactly {@code {_id: {$in: [plain values]}}}: the {@code _id} index finds
     * exactly its documents, so they need not be matched against it again (which compares each with
     * every listed value: a batch of marks reads 600 enrolments so).
     */
    static boolean onlyIdsIn(Document filter) {
        return filter.size() == 1
                && filter.get(ID) instanceof Document condition
                && condition.size() == 1
                && condition.get("$in") instanceof List<?> ids
                && ids.stream().allMatch(id -> plain(id) != null);
    }

    /** Text bounds on a field (null: unbounded on that side). */
    record TextRange(String from, boolean fromIncluded, String to, boolean toIncluded) {}

    /**
     * The text range a filter puts {@code field} in ({@code {$gte: "a", $lt: "b"}}, at its top level
     * or in a top-level {@code $and}), or null when it does not bound it by text with those operators
     * alone.
     */
    static TextRange textRange(Document filter, String field) {
        if (filter.get(field) instanceof Document bounds && !bounds.isEmpty()) {
            String from = null;
            String to = null;
            boolean fromIncluded = false;
            boolean toIncluded = false;
            for (Map.Entry<String, Object> bound : bounds.entrySet()) {
                if (!(bound.getValue() instanceof String text)) {
                    return null;
                }
                switch (bound.getKey()) {
                    case "$gt", "$gte" -> {
                        from = text;
                        fromIncluded = bound.getKey().equals("$gte");
                    }
                    case "$lt", "$lte" -> {
                        to = text;
                        toIncluded = bound.getKey().equals("$lte");
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return from != null && to != null && from.compareTo(to) > 0
                    ? new TextRange(from, true, from, false) // nothing lies between: an empty range
                    : new TextRange(from, fromIncluded, to, toIncluded);
        }
        if (filter.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                TextRange range = clause instanceof Document part ? textRange(part, field) : null;
                if (range != null) {
                    return range;
                }
            }
        }
        return null;
    }

    /**
     * The positions of the one document a filter's {@code _id} names (none or one), found by the
     * {@code _id} index, or null when the filter does not pin {@code _id} to one plain value.
     */
    static <P> Iterable<P> byId(Document filter, List<Index<P>> indexes) {
        Object id = pinned(filter, ID);
        if (id == null || (filter.size() == 1 && filter.containsKey(ID))) {
            return null; // no _id, {_id: {$in: ...}}, or {_id} alone: the store's own index look-up answers it
        }
        Index<P> ids = idIndex(indexes);
        return ids == null ? null : ids.getPositions(new Document(ID, id));
    }

    /** The collection's {@code _id} index (none in the store's own system collections). */
    static <P> Index<P> idIndex(List<Index<P>> indexes) {
        for (Index<P> index : indexes) {
            if (index.getKeys().size() == 1 && ID.equals(index.getKeys().get(0).getKey())) {
                return index;
            }
        }
        return null;
    }
}
