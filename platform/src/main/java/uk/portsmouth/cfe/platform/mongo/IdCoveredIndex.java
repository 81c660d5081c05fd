package uk.portsmouth.cfe.platform.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
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
final class IdCoveredIndex extends Index<Integer> {

    private final boolean declaredSparse;

    IdCoveredIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, true); // "sparse" to the store: it holds no position to give back on a removal
        this.declaredSparse = sparse;
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
    public Integer getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
        // unique through _id
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {
        // nothing kept
    }

    @Override
    public Integer remove(Document document) {
        return null;
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // found by _id first
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        throw new UnsupportedOperationException("found by _id");
    }

    @Override
    public long getCount() {
        return 0;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        // unique through _id
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

    @Override
    public Document toIndexDescription() {
        return SecondaryIndex.declared(super.toIndexDescription(), declaredSparse);
    }
}
