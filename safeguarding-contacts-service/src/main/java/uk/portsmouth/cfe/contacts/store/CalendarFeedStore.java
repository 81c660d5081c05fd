package uk.portsmouth.cfe.contacts.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * The "calendar_feeds" collection: personal feed links. Only a hash of each secret is kept, so a
 * copy of the store gives nobody a working link.
 */
public final class CalendarFeedStore {

    private final MongoCollection<Document> feeds;

    public CalendarFeedStore(MongoDatabase database) {
        this.feeds = database.getCollection("calendar_feeds");
    }

    public void add(String secret, String subject, String createdAt) {
        feeds.insertOne(new Document("_id", hash(secret)).append("subject", subject).append("created_at", createdAt));
    }

    /** Whose feed {@code secret} opens. */
    public Optional<String> subject(String secret) {
        return Optional.ofNullable(feeds.find(Filters.eq("_id", hash(secret))).first()).map(d -> d.getString("subject"));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
