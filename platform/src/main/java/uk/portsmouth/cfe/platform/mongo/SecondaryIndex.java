package uk.portsmouth.cfe.platform.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A secondary (non-unique) index for the in-memory embedded store, which otherwise ignores every
 * index that is not unique and reads the whole collection for any other filter. It keeps, for each
 * leading part of the index's fields ({@code urn}, then {@code urn, year}...), the positions of the
 * documents holding each combination of values, so a filter that pins those fields to plain values
 * is answered from them ({@link #positions}); and the first field's text values in order, so a filter
 * that bounds it by text ({@code {_changed_at: {$gte: "2026-12-07T10:00"}}}) is answered from the
 * range. The store still matches the whole filter on each document offered.
 *
 * <p>A document whose indexed field holds an array or an embedded document (which equality matches
 * in other ways) is kept aside and offered to every look-up, and one whose first field is not text to
 * every range. Positions are ascending, the store's natural order. Changed only under the
 * collection's lock, as the store's own indexes are.
 */
final class SecondaryIndex extends LookupIndex {

    private final List<String> fields;
    /** By how many leading fields (index 0: the first field alone), each combination's positions. */
    private final List<Map<KeyValue, NavigableSet<Integer>>> byLeadingFields = new ArrayList<>();
    /** Each indexed position's key (all fields), or null for a document kept aside. */
    private final Map<Integer, KeyValue> keyAt = new HashMap<>();

    private final NavigableSet<Integer> keptAside = new TreeSet<>();
    /** The first field's text values in order, each with its positions (for ranges). */
    private final NavigableMap<String, NavigableSet<Integer>> byFirstText = new TreeMap<>();
    /** The positions whose first field is not text (a range is offered them too). */
    private final NavigableSet<Integer> firstNotText = new TreeSet<>();

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.fields = keys.stream().map(IndexKey::getKey).toList();
        fields.forEach(f -> byLeadingFields.add(new HashMap<>()));
    }

    /**
     * The positions that may match {@code filter}: those of its longest run of leading fields pinned
     * to plain values, with the documents kept aside; null when the filter does not pin the first.
     */
    Collection<Integer> positions(Document filter) {
        List<Object> pinned = new ArrayList<>();
        for (String field : fields) {
            Object value = StoreLookups.pinned(filter, field);
            if (value == null) {
                break;
            }
            pinned.add(value);
        }
        if (pinned.isEmpty()) {
            return inRange(filter);
        }
        NavigableSet<Integer> found =
                byLeadingFields.get(pinned.size() - 1).getOrDefault(new KeyValue(pinned), new TreeSet<>());
        if (keptAside.isEmpty()) {
            return Collections.unmodifiableNavigableSet(found);
        }
        NavigableSet<Integer> withAside = new TreeSet<>(found);
        withAside.addAll(keptAside);
        return withAside;
    }

    /**
     * The positions whose first field may lie in the text range the filter gives it
     * ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}, nothing else), or null when it gives none.
     */
    private Collection<Integer> inRange(Document filter) {
        StoreLookups.TextRange range = StoreLookups.textRange(filter, fields.get(0));
        if (range == null) {
            return null;
        }
        NavigableMap<String, NavigableSet<Integer>> within = byFirstText;
        if (range.from() != null) {
            within = within.tailMap(range.from(), range.fromIncluded());
        }
        if (range.to() != null) {
            within = within.headMap(range.to(), range.toIncluded());
        }
        NavigableSet<Integer> found = new TreeSet<>(firstNotText);
        found.addAll(keptAside);
        within.values().forEach(found::addAll);
        return found;
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {
        KeyValue key = keyOf(document);
        keyAt.put(position, key);
        if (key == null) {
            keptAside.add(position);
            return;
        }
        if (key.get(0) instanceof String text) {
            byFirstText.computeIfAbsent(text, t -> new TreeSet<>()).add(position);
        } else {
            firstNotText.add(position);
        }
        for (int leading = 1; leading <= fields.size(); leading++) {
            byLeadingFields
                    .get(leading - 1)
                    .computeIfAbsent(leading(key, leading), k -> new TreeSet<>())
                    .add(position);
        }
    }

    /** Forgets the document at {@code position}, which the store is removing. */
    void removePosition(Integer position) {
        if (!keyAt.containsKey(position)) {
            return;
        }
        KeyValue key = keyAt.remove(position);
        if (key == null) {
            keptAside.remove(position);
            return;
        }
        if (key.get(0) instanceof String text) {
            forget(byFirstText, text, position);
        } else {
            firstNotText.remove(position);
        }
        for (int leading = 1; leading <= fields.size(); leading++) {
            forget(byLeadingFields.get(leading - 1), leading(key, leading), position);
        }
    }

    /** Takes {@code position} from {@code key}'s positions, and the key with its last one. */
    private static <K> void forget(Map<K, NavigableSet<Integer>> positionsByKey, K key, Integer position) {
        NavigableSet<Integer> positions = positionsByKey.get(key);
        if (positions != null) {
            positions.remove(position);
            if (positions.isEmpty()) {
                positionsByKey.remove(key);
            }
        }
    }

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> collection) {
        KeyValue key = keyOf(newDocument);
        if (keyAt.containsKey(position) && Objects.equals(keyAt.get(position), key)) {
            return; // a write that leaves the indexed fields as they were (the usual one)
        }
        removePosition(position);
        add(newDocument, position, collection);
    }

    /** The document's values of the index's fields, or null when one is not a plain value (kept aside). */
    private KeyValue keyOf(Document document) {
        List<Object> values = new ArrayList<>(fields.size());
        for (String field : fields) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, field);
            Object plain = StoreLookups.plain(value);
            if (plain == null && !Missing.isNullOrMissing(value)) {
                return null; // an array, an embedded document...: offered to every look-up
            }
            values.add(plain); // null: the field is missing or null, which no pinned value equals
        }
        return new KeyValue(values);
    }

    private static KeyValue leading(KeyValue key, int count) {
        return count == key.size()
                ? key
                : new KeyValue(key.stream().limit(count).toList());
    }

    @Override
    public long getCount() {
        return keyAt.size();
    }

    @Override
    public void drop() {
        byLeadingFields.forEach(Map::clear);
        keyAt.clear();
        keptAside.clear();
        byFirstText.clear();
        firstNotText.clear();
    }
}
