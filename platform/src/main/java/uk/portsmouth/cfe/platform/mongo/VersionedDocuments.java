package uk.portsmouth.cfe.platform.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.bson.Document;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;

/**
 * Writes every service's collections make the same way: one document a record, a {@code _version}
 * for optimistic concurrency, and creates a client may retry (the id derives from the client's
 * idempotency key, so a retry meets the first insert's duplicate key, and the stored request
 * fingerprint tells a true retry from a key reused for something else).
 */
public final class VersionedDocuments {

    public static final String VERSION = "_version";
    public static final String REQUEST_HASH = "_request_hash";
    /** The events a record's writes caused that the gateway has not yet taken (platform.events.EventOutbox). */
    public static final String OUTBOX = "_outbox";

    /** The name of the index {@link #indexVersions} makes. */
    public static final String ID_VERSION_INDEX = "id_version";

    private VersionedDocuments() {}

    /**
     * Indexes {@code {_id, _version}}, the filter of every conditional write: the embedded store
     * (mongo-java-server) uses an index only when a filter names exactly that index's fields, so
     * without it each conditional write scans the whole collection under the collection's lock. On
     * MongoDB the {@code _id} index answers such a filter, and this one costs a little at each write.
     */
    public static void indexVersions(MongoCollection<Document> collection) {
        collection.createIndex(
                Indexes.ascending("_id", VERSION),
                new IndexOptions().unique(true).name(ID_VERSION_INDEX));
    }

    /** Inserts {@code document}; false when its {@code _id} is taken. */
    public static boolean insertNew(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Inserts {@code document} unless its {@code _id} exists: replaying it changes nothing. */
    public static boolean insertIfAbsent(MongoCollection<Document> collection, Document document) {
        UpdateResult result = collection.updateOne(
                Filters.eq("_id", document.get("_id")),
                new Document("$setOnInsert", document),
                new UpdateOptions().upsert(true));
        return result.getUpsertedId() != null;
    }

    public static Optional<String> requestHash(MongoCollection<Document> collection, String id) {
        return Optional.ofNullable(collection
                        .find(Filters.eq("_id", id))
                        .projection(Projections.include(REQUEST_HASH))
                        .first())
                .map(d -> d.getString(REQUEST_HASH));
    }

    public static Optional<Long> version(MongoCollection<Document> collection, String id) {
        return Optional.ofNullable(collection
                        .find(Filters.eq("_id", id))
                        .projection(Projections.include(VERSION))
                        .first())
                .map(d -> d.get(VERSION, Number.class).longValue());
    }

    /**
     * Replaces record {@code id} with {@code next.apply(newVersion)} if it is still at
     * {@code expectedVersion} (0 = whatever it is now); returns the new version. A change by
     * someone else since fails with the current version; nothing is written.
     */
    public static long replace(
            MongoCollection<Document> collection,
            String kind,
            String id,
            long expectedVersion,
            LongFunction<Document> next) {
        Document stored = Optional.ofNullable(collection
                        .find(Filters.eq("_id", id))
                        .projection(Projections.include(VERSION, REQUEST_HASH, OUTBOX))
                        .first())
                .orElseThrow(() -> new NotFoundException(kind, id));
        long current = stored.get(VERSION, Number.class).longValue();
        long base = expectedVersion == 0 ? current : expectedVersion;
        if (base != current) {
            throw new VersionConflictException(expectedVersion, current);
        }
        Document replacement = next.apply(base + 1);
        // a retry of the create that made the record must still be told from a reused key after edits
        if (stored.containsKey(REQUEST_HASH)) {
            replacement.put(REQUEST_HASH, stored.getString(REQUEST_HASH));
        }
        // events not yet taken stay, before this write's own (the version condition below makes it exact)
        List<Document> pending = new java.util.ArrayList<>(stored.getList(OUTBOX, Document.class, List.of()));
        pending.addAll(replacement.getList(OUTBOX, Document.class, List.of()));
        if (!pending.isEmpty()) {
            replacement.put(OUTBOX, pending);
        }
        // flat, with _id at the top: every store (the embedded one too) finds it by the _id index
        UpdateResult result = collection.replaceOne(new Document("_id", id).append(VERSION, base), replacement);
        if (result.getMatchedCount() == 0) {
            // someone else wrote between our read and our write
            throw new VersionConflictException(base, version(collection, id).orElse(0L));
        }
        return base + 1;
    }
}
