package uk.portsmouth.cfe.directory.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.directory.domain.SearchText;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.directory.v1.Organization;

/**
 * The "organizations" collection, versioned records (platform {@code VersionedRecords}) plus the
 * fields its queries use. ORUK organisations carry no last_modified, so the store keeps its own
 * ("_last_modified") for incremental pulls; their services are stored with the services.
 */
public final class OrganizationStore {

    private final MongoCollection<Document> collection;
    private final VersionedRecords<Organization> organizations;

    public OrganizationStore(MongoDatabase database) {
        this.collection = database.getCollection("organizations");
        collection.createIndex(Indexes.ascending("_name_sort"));
        collection.createIndex(Indexes.ascending("_last_modified"));
        this.organizations = new VersionedRecords<>(
                collection, "organization", Organization::getId, Organization::newBuilder, (organization, document) -> {
                    document.put("_name_sort", SearchText.sortKey(organization.getName()));
                    document.put(
                            "_words", SearchText.words(organization.getName() + " " + organization.getDescription()));
                });
    }

    public Optional<StoredRecord<Organization>> find(String id) {
        return organizations.find(id);
    }

    public boolean exists(String id) {
        return collection.countDocuments(Filters.eq("_id", id)) > 0;
    }

    /** The organisation's name, or null when there is none with that id. */
    public String name(String id) {
        return find(id).map(r -> r.body().getName()).orElse(null);
    }

    /** The organisations with these ids, in one query (a page of services names a handful). */
    public Map<String, Organization> findAll(Collection<String> ids) {
        return organizations.findAll(Set.copyOf(ids));
    }

    /** Adds a new organisation; false when one with its id exists already (a retried create). */
    public boolean insert(Organization organization, String lastModified, String modifiedBy, String requestHash) {
        return organizations.insert(withoutServices(organization), modifiedBy, requestHash, at(lastModified));
    }

    /** The fingerprint of the request that created the organisation. */
    public Optional<String> requestHash(String id) {
        return organizations.requestHash(id);
    }

    /** Adds {@code organization} unless one with its id exists (idempotent demo loading). */
    public boolean insertIfAbsent(Organization organization, String lastModified, String modifiedBy) {
        return organizations.insertIfAbsent(withoutServices(organization), modifiedBy, at(lastModified));
    }

    /** Replaces the organisation if still at {@code expectedVersion} (0 = unconditional); returns the new version. */
    public long replace(Organization organization, String lastModified, long expectedVersion, String modifiedBy) {
        return organizations.replace(withoutServices(organization), expectedVersion, modifiedBy, at(lastModified));
    }

    /** Organisations in name order, optionally those whose name has every word and changed after a time. */
    public Page<Organization> list(List<String> words, String modifiedAfter, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        words.forEach(w -> filters.add(Filters.regex("_words", "^" + Pattern.quote(w))));
        if (modifiedAfter != null) {
            filters.add(Filters.gt("_last_modified", modifiedAfter));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return organizations.page(filter, Sorts.ascending("_name_sort", "_id"), paging);
    }

    private static Organization withoutServices(Organization organization) {
        return organization.toBuilder().clearServices().build();
    }

    private static Consumer<Document> at(String lastModified) {
        return document -> document.put("_last_modified", lastModified);
    }
}
