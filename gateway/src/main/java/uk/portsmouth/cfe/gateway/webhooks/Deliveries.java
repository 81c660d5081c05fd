package uk.portsmouth.cfe.gateway.webhooks;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The "webhook_deliveries" collection: one delivery an event a subscription hears, under an id made
 * from both (so queuing it again, by a second gateway or after an event came back, adds nothing),
 * with every attempt. A gateway instance takes a due delivery by leasing it (one conditional
 * update): another instance, or this one after a crash, takes it again only once the lease ends.
 */
final class Deliveries {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final MongoCollection<Document> deliveries;

    Deliveries(MongoDatabase database) {
        this.deliveries = database.getCollection("webhook_deliveries");
        deliveries.createIndex(new Document("status", 1).append("next_attempt_at", 1));
        deliveries.createIndex(new Document("subscription_id", 1).append("created_at", -1));
        // leasing a known delivery: the filter names exactly these fields (the embedded store then
        // uses the index instead of reading every delivery)
        deliveries.createIndex(new Document("_id", 1)
                .append("status", 1)
                .append("next_attempt_at", 1)
                .append("lease_until", 1));
    }

    /** A moment as the store compares them: fixed width, so text order is time order. */
    static String sortable(Instant moment) {
        return SORTABLE.format(moment);
    }

    /** The delivery of event {@code eventId} to subscription {@code subscriptionId}: the same id however often queued. */
    static String id(String subscriptionId, String eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((subscriptionId + "|" + eventId).getBytes(StandardCharsets.UTF_8));
            return "dlv_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Queues a delivery, due now; false when it was queued already. */
    boolean queue(Subscription subscription, String eventId, String eventType, String body, Instant now) {
        try {
            deliveries.insertOne(new Document("_id", id(subscription.id(), eventId))
                    .append("subscription_id", subscription.id())
                    .append("client_id", subscription.owner().clientId())
                    .append("event_id", eventId)
                    .append("event_type", eventType)
                    .append("body", body)
                    .append("status", PENDING)
                    .append("attempts", List.of())
                    .append("next_attempt_at", sortable(now))
                    .append("lease_until", "")
                    .append("lease_owner", "")
                    .append("created_at", sortable(now))
                    .append("updated_at", sortable(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Leases the most overdue delivery due at {@code now}, of a subscription not in {@code busy}, to
     * {@code owner} until {@code until}; empty when none is due.
     */
    Optional<Document> lease(Instant now, Instant until, String owner, java.util.Collection<String> busy) {
        String at = sortable(now);
        Bson due = Filters.and(
                Filters.eq("status", PENDING),
                Filters.lte("next_attempt_at", at),
                Filters.lte("lease_until", at),
                Filters.nin("subscription_id", busy));
        return Optional.ofNullable(deliveries.findOneAndUpdate(
                due,
                Updates.combine(Updates.set("lease_until", sortable(until)), Updates.set("lease_owner", owner)),
                new FindOneAndUpdateOptions()
                        .sort(Sorts.ascending("next_attempt_at"))
                        .returnDocument(ReturnDocument.AFTER)));
    }

    /**
     * Leases delivery {@code id}, which this instance just queued, if it is due and not leased: read
     * by its key, then taken with one update conditional on every field the read saw (so another
     * instance's lease, or an attempt recorded meanwhile, makes it fail). Empty when it is not to be
     * made now.
     */
    Optional<Document> lease(String id, Instant now, Instant until, String owner) {
        Document seen = deliveries.find(Filters.eq("_id", id)).first();
        String at = sortable(now);
        if (seen == null
                || !PENDING.equals(seen.getString("status"))
                || seen.getString("next_attempt_at").compareTo(at) > 0
                || seen.getString("lease_until").compareTo(at) > 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(deliveries.findOneAndUpdate(
                Filters.and(
                        Filters.eq("_id", id),
                        Filters.eq("status", PENDING),
                        Filters.eq("next_attempt_at", seen.getString("next_attempt_at")),
                        Filters.eq("lease_until", seen.getString("lease_until"))),
                Updates.combine(Updates.set("lease_until", sortable(until)), Updates.set("lease_owner", owner)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /**
     * Records an attempt by the lease's {@code owner}: {@code status} next (pending again, delivered
     * or failed), due again at {@code next}; false when the lease was lost meanwhile.
     */
    boolean attempted(String id, String owner, Document attempt, String status, Instant next, Instant now) {
        return deliveries
                        .updateOne(
                                Filters.and(Filters.eq("_id", id), Filters.eq("lease_owner", owner)),
                                Updates.combine(
                                        Updates.push("attempts", attempt),
                                        Updates.set("status", status),
                                        Updates.set("next_attempt_at", sortable(next)),
                                        Updates.set("lease_until", ""),
                                        Updates.set("lease_owner", ""),
                                        Updates.set("updated_at", sortable(now))))
                        .getModifiedCount()
                == 1;
    }

    /** Puts a leased delivery back, due at {@code next}, without counting an attempt (its subscription is paused). */
    void postpone(String id, String owner, Instant next) {
        deliveries.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("lease_owner", owner)),
                Updates.combine(
                        Updates.set("next_attempt_at", sortable(next)),
                        Updates.set("lease_until", ""),
                        Updates.set("lease_owner", "")));
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(deliveries.find(Filters.eq("_id", id)).first());
    }

    /** A subscription's deliveries, newest first, {@code skip} then at most {@code limit}; and how many there are. */
    List<Document> of(String subscriptionId, int skip, int limit) {
        return deliveries
                .find(Filters.eq("subscription_id", subscriptionId))
                .sort(Sorts.descending("created_at", "_id"))
                .skip(skip)
                .limit(limit)
                .into(new ArrayList<>());
    }

    long count(String subscriptionId) {
        return deliveries.countDocuments(Filters.eq("subscription_id", subscriptionId));
    }

    /** Makes a delivery due again now (its attempts kept); false when it is pending already. */
    boolean redeliver(String id, Instant now) {
        return deliveries
                        .updateOne(
                                Filters.and(Filters.eq("_id", id), Filters.ne("status", PENDING)),
                                Updates.combine(
                                        Updates.set("status", PENDING),
                                        Updates.set("next_attempt_at", sortable(now)),
                                        Updates.set("updated_at", sortable(now))))
                        .getModifiedCount()
                == 1;
    }

    /** Deletes the deliveries made or failed for good before {@code cutoff} (kept that long to be read); how many. */
    long deleteFinishedBefore(Instant cutoff) {
        return deliveries
                .deleteMany(Filters.and(
                        Filters.in("status", List.of(DELIVERED, FAILED)), Filters.lt("updated_at", sortable(cutoff))))
                .getDeletedCount();
    }
}
