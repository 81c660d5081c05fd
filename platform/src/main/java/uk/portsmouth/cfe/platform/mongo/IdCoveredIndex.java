package uk.portsmouth.cfe.platform.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * A unique index whose fields include {@code _id} ({@code {_id, _version}}, a batch's
 * {@code {urn, year, _id, _version}}), in the in-memory embedded store: {@code _id} alone already
 * makes it unique, and the store finds such a filter's document by {@code _id}
 * ({@link StoreLookups#byId}), so it keeps nothing. The store's own kept one key a document and moved
 * it at every write, as each write changes the version.
 */
final class IdCoveredIndex extends LookupIndex {

    IdCoveredIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    /** Whether a unique index on {@code keys} is one of these. */
    static boolean covers(List<IndexKey> keys) {
        return keys.size() > 1 && keys.stream().anyMatch(key -> key.getKey().equals("_id"));
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {
        // nothing kept
    }

    @Override
    public long getCount() {
        return 0;
    }

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> collection) {
        // nothing kept
    }

    @Override
    public void drop() {
        // nothing kept
    }
}
