package uk.portsmouth.cfe.platform.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;

/**
 * mongo-java-server's in-memory store, with the look-ups its own leaves out: it keeps the
 * secondary indexes a service creates ({@link SecondaryIndex}; its own ignores them) and finds a
 * filter's documents by them, or by {@code _id}, whenever the filter pins their fields to plain
 * values ({@link StoreLookups}), where its own reads the whole collection unless a filter names
 * exactly one unique index's fields; and it keeps nothing for a unique index that includes
 * {@code _id} ({@link IdCoveredIndex}). Answers are the same; only the documents read differ.
 */
final class IndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName, getCursorRegistry());
    }

    private static final class IndexedDatabase extends MemoryDatabase {

        IndexedDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IndexedCollection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return IdCoveredIndex.covers(keys)
                    ? new IdCoveredIndex(indexName, keys, sparse)
                    : super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new SecondaryIndex(indexName, keys, sparse);
        }
    }

    private static final class IndexedCollection extends MemoryCollection {

        IndexedCollection(
                MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursors) {
            super(database, collectionName, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            if (isNaturalDescending(orderBy)) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            Index<Integer> ids = StoreLookups.idIndex(getIndexes());
            if (ids != null && StoreLookups.onlyIdsIn(query)) {
                // the _id index finds exactly these documents: nothing left to match them against
                return matchDocuments(
                        new Document(), ids.getPositions(query), orderBy, skip, limit, batchSize, fieldSelector);
            }
            Iterable<Integer> narrowed = narrowed(query);
            return narrowed == null
                    ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector)
                    : matchDocuments(query, narrowed, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * The positions that may match {@code query}: by its {@code _id}, else (when no unique index
         * answers it as it is) by the secondary index that offers the fewest; null: read them all.
         */
        private Iterable<Integer> narrowed(Document query) {
            Iterable<Integer> byId = StoreLookups.byId(query, getIndexes());
            if (byId != null) {
                return byId;
            }
            Collection<Integer> fewest = null;
            for (Index<Integer> index : getIndexes()) {
                if (!(index instanceof SecondaryIndex) && index.canHandle(query)) {
                    return null; // the store's own unique index look-up
                }
                if (index instanceof SecondaryIndex secondary) {
                    Collection<Integer> found = secondary.positions(query);
                    if (found != null && (fewest == null || found.size() < fewest.size())) {
                        fewest = found;
                    }
                }
            }
            return fewest;
        }

        @Override
        protected void removeDocument(Integer position) {
            for (Index<Integer> index : getIndexes()) {
                if (index instanceof SecondaryIndex secondary) {
                    secondary.removePosition(position);
                }
            }
            super.removeDocument(position);
        }

        /** Under the collection's lock, as every other read is (the store leaves this one out). */
        @Override
        public synchronized int count(Document query, int skip, int limit) {
            return super.count(query, skip, limit);
        }
    }
}
