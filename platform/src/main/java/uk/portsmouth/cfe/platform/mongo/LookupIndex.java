package uk.portsmouth.cfe.platform.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * What the platform's indexes in the in-memory store ({@link SecondaryIndex}, {@link IdCoveredIndex})
 * share: neither refuses a document (uniqueness, where declared, comes from {@code _id}), neither
 * gives the store a document's one position (its unique indexes do), and the store never picks them
 * for a filter itself: the collection asks them ({@link IndexedMemoryBackend}). They tell the store
 * "sparse", so that a removal, whose position they are told afterwards, is not refused; they are
 * listed as declared.
 */
abstract class LookupIndex extends Index<Integer> {

    private final boolean declaredSparse;

    LookupIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, true);
        this.declaredSparse = sparse;
    }

    @Override
    public final Integer getPosition(Document document) {
        return null;
    }

    @Override
    public final void checkAdd(Document document, MongoCollection<Integer> collection) {
        // refuses nothing
    }

    @Override
    public final void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        // refuses nothing
    }

    @Override
    public final Integer remove(Document document) {
        return null; // the collection tells the position afterwards, where the index keeps one
    }

    @Override
    public final boolean canHandle(Document query) {
        return false; // asked by the collection, before the store's exact-match indexes
    }

    @Override
    public final Iterable<Integer> getPositions(Document query) {
        throw new UnsupportedOperationException("asked by the collection");
    }

    @Override
    public final long getDataSize() {
        return 0;
    }

    @Override
    public final Document toIndexDescription() {
        Document description = super.toIndexDescription();
        if (!declaredSparse) {
            description.remove("sparse");
        }
        return description;
    }
}
