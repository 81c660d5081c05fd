package uk.portsmouth.cfe.contacts.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The "calendar_feeds" collection: one personal feed link per person (keyed by their subject, so a
 * new link replaces the old), with who they were when they made it, so every fetch can check they
 * may still see each meeting. Only a hash of each secret is kept: a copy of the store gives nobody
 * a working link.
 */
public final class CalendarFeedStore {

    private static final String SECRET_HASH = "secret_hash";

    /** A live link: whose it is (roles, schools, professional id as signed in) and when it stops working. */
    public record Feed(CallerContext owner, Instant expiresAt) {}

    private final MongoCollection<Document> feeds;

    public CalendarFeedStore(MongoDatabase database) {
        this.feeds = database.getCollection("calendar_feeds");
        feeds.createIndex(
                Indexes.ascending(SECRET_HASH), new IndexOptions().unique(true).sparse(true));
    }

    /** {@code secret} becomes {@code owner}'s only link, until {@code expiresAt}. */
    public void replace(String secret, CallerContext owner, Instant createdAt, Instant expiresAt) {
        CallerContext stored = owner.toBuilder().clearCorrelationId().build();
        feeds.replaceOne(
                Filters.eq("_id", owner.getSubject()),
                new Document("_id", owner.getSubject())
                        .append(SECRET_HASH, hash(secret))
                        .append("owner", ProtoDocuments.toDocument(stored))
                        .append("created_at", createdAt.toString())
                        .append("expires_at", expiresAt.toString()),
                new ReplaceOptions().upsert(true));
    }

    /** Removes {@code subject}'s link; false when there was none. */
    public boolean revoke(String subject) {
        return feeds.deleteOne(Filters.eq("_id", subject)).getDeletedCount() == 1;
    }

    /** The link {@code secret} opens, expired or not. */
    public Optional<Feed> find(String secret) {
        return Optional.ofNullable(
                        feeds.find(Filters.eq(SECRET_HASH, hash(secret))).first())
                .map(d -> new Feed(
                        ProtoDocuments.fromDocument(d.get("owner", Document.class), CallerContext.newBuilder())
                                .build(),
                        Instant.parse(d.getString("expires_at"))));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
