package uk.portsmouth.cfe.directory.store;

import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

/**
 * Creates that a client may retry: the id is derived from the client's idempotency key, so a
 * retry meets the first insert's duplicate-key error instead of writing a second record, and the
 * stored request fingerprint tells a true retry from a key reused for something else.
 */
final class Inserts {

    static final String REQUEST_HASH = "_request_hash";

    private Inserts() {
    }

    /** Inserts {@code document}; false when its {@code _id} is taken. */
    static boolean insertNew(MongoCollection<Document> collection, Document document) {
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

    static Optional<String> requestHash(MongoCollection<Document> collection, String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id))
                                           .projection(Projections.include(REQUEST_HASH)).first())
                .map(d -> d.getString(REQUEST_HASH));
    }
}
