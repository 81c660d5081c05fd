package uk.portsmouth.cfe.gateway.auth;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The "api_clients" collection: clients registered through the API, shared by every gateway
 * instance. Every change is one conditional replace on the version it was based on.
 */
public final class ClientStore {

    private final MongoCollection<Document> clients;

    public ClientStore(MongoDatabase database) {
        this.clients = database.getCollection("api_clients");
    }

    public Optional<ApiClient> find(String id) {
        return Optional.ofNullable(clients.find(Filters.eq("_id", id)).first()).map(ClientStore::client);
    }

    /** Adds a client at version 1; false when the id is taken. */
    public boolean insert(ApiClient client) {
        try {
            clients.insertOne(document(client, 1));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the client if it is still at {@code client.version()}; false when someone changed it first. */
    public boolean replace(ApiClient client) {
        return clients.replaceOne(
                                Filters.and(Filters.eq("_id", client.id()), Filters.eq("version", client.version())),
                                document(client, client.version() + 1))
                        .getMatchedCount()
                == 1;
    }

    /** Notes a use; at most one write a minute a client, so token requests do not all write. */
    public void touch(String id, Instant now) {
        clients.updateOne(
                Filters.and(
                        Filters.eq("_id", id),
                        Filters.or(
                                Filters.eq("last_used_at", ""),
                                Filters.lt("last_used_at", now.minusSeconds(60).toString()))),
                Updates.set("last_used_at", now.toString()));
    }

    /** Every registered client, by id (a council has hundreds at most). */
    public List<ApiClient> all() {
        return clients.find()
                .sort(Sorts.ascending("_id"))
                .map(ClientStore::client)
                .into(new ArrayList<>());
    }

    private static Document document(ApiClient client, long version) {
        return new Document("_id", client.id())
                .append("name", client.name())
                .append("roles", client.roles())
                .append("school_urns", client.schoolUrns())
                .append("professional_id", client.professionalId())
                .append("contact_email", client.contactEmail())
                .append("status", client.status())
                .append(
                        "secrets",
                        client.secrets().stream()
                                .map(s -> new Document("hash", s.hash())
                                        .append("created_at", s.createdAt())
                                        .append("valid_until", s.validUntil()))
                                .toList())
                .append("created_at", client.createdAt())
                .append("created_by", client.createdBy())
                .append("last_used_at", client.lastUsedAt())
                .append("version", version);
    }

    private static ApiClient client(Document d) {
        List<ApiClient.Secret> secrets = d.getList("secrets", Document.class).stream()
                .map(s -> new ApiClient.Secret(
                        s.getString("hash"), s.getString("created_at"), s.getString("valid_until")))
                .toList();
        return new ApiClient(
                d.getString("_id"),
                d.getString("name"),
                d.getList("roles", String.class),
                d.getList("school_urns", String.class),
                d.getString("professional_id"),
                d.getString("contact_email"),
                d.getString("status"),
                secrets,
                d.getString("created_at"),
                d.getString("created_by"),
                d.getString("last_used_at"),
                d.get("version", Number.class).longValue());
    }
}
