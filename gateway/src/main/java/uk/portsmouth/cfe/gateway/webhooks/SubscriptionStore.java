package uk.portsmouth.cfe.gateway.webhooks;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The "webhook_subscriptions" collection in the gateway's own database, shared by every gateway
 * instance. Every change is one conditional replace on the version it was based on.
 */
final class SubscriptionStore {

    private final MongoCollection<Document> subscriptions;

    SubscriptionStore(MongoDatabase database) {
        this.subscriptions = database.getCollection("webhook_subscriptions");
        subscriptions.createIndex(new Document("client_id", 1).append("created_at", 1));
    }

    Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(Filters.eq("_id", id)).first())
                .map(SubscriptionStore::subscription);
    }

    /** The client's subscriptions, oldest first. */
    List<Subscription> of(String clientId) {
        return subscriptions
                .find(Filters.eq("client_id", clientId))
                .sort(Sorts.ascending("created_at", "_id"))
                .map(SubscriptionStore::subscription)
                .into(new ArrayList<>());
    }

    /** Every subscription events are queued for: active, or paused by its owner (its deliveries wait). */
    List<Subscription> listening() {
        return subscriptions
                .find(Filters.in("status", Subscription.ACTIVE, Subscription.PAUSED))
                .map(SubscriptionStore::subscription)
                .into(new ArrayList<>());
    }

    boolean insert(Subscription subscription) {
        try {
            subscriptions.insertOne(document(subscription, 1));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces it if still at {@code subscription.version()}; false when someone changed it first. */
    boolean replace(Subscription subscription) {
        return subscriptions
                        .replaceOne(
                                Filters.and(
                                        Filters.eq("_id", subscription.id()),
                                        Filters.eq("version", subscription.version())),
                                document(subscription, subscription.version() + 1))
                        .getMatchedCount()
                == 1;
    }

    /** Deletes it if still at {@code version}; false when someone changed it first. */
    boolean delete(String id, long version) {
        return subscriptions
                        .deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", version)))
                        .getDeletedCount()
                == 1;
    }

    private static Document document(Subscription s, long version) {
        return new Document("_id", s.id())
                .append("client_id", s.owner().clientId())
                .append("roles", s.owner().roles())
                .append("school_urns", s.owner().schoolUrns())
                .append("professional_id", s.owner().professionalId())
                .append("url", s.url())
                .append("events", s.events())
                .append("school_urn", s.schoolUrn())
                .append("description", s.description())
                .append("status", s.status())
                .append("disabled_reason", s.disabledReason())
                .append(
                        "secrets",
                        s.secrets().stream()
                                .map(secret -> new Document("value", secret.value())
                                        .append("created_at", secret.createdAt())
                                        .append("retires_at", secret.retiresAt()))
                                .toList())
                .append("failed_in_a_row", s.failedInARow())
                .append("created_at", s.createdAt())
                .append("updated_at", s.updatedAt())
                .append("version", version);
    }

    private static Subscription subscription(Document d) {
        return new Subscription(
                d.getString("_id"),
                new Subscription.Owner(
                        d.getString("client_id"),
                        d.getList("roles", String.class, List.of()),
                        d.getList("school_urns", String.class, List.of()),
                        d.get("professional_id", "")),
                d.getString("url"),
                d.getList("events", String.class, List.of()),
                d.getString("school_urn"),
                d.getString("description"),
                d.getString("status"),
                d.getString("disabled_reason"),
                d.getList("secrets", Document.class, List.of()).stream()
                        .map(secret -> new Subscription.Secret(
                                secret.getString("value"),
                                secret.getString("created_at"),
                                secret.getString("retires_at")))
                        .toList(),
                d.getInteger("failed_in_a_row", 0),
                d.getString("created_at"),
                d.getString("updated_at"),
                d.get("version", Number.class).longValue());
    }
}
