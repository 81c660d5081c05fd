package uk.portsmouth.cfe.directory.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.directory.domain.SearchText;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.directory.v1.Organization;

/**
 * The "organizations" collection. ORUK organisations carry no last_modified, so the store keeps
 * its own ("_last_modified") for incremental pulls.
 */
public final class OrganizationStore {

    /** Reads return the stored message, its version and editor; the queryable copy stays in the database. */
    private static final Bson READ = ProtoDocuments.readProjection(VersionedDocuments.VERSION, "_modified_by");

    private final MongoCollection<Document> organizations;

    public OrganizationStore(MongoDatabase database) {
        this.organizations = database.getCollection("organizations");
        organizations.createIndex(Indexes.ascending("_name_sort"));
        organizations.createIndex(Indexes.ascending("_last_modified"));
    }

    public Optional<StoredRecord<Organization>> find(String id) {
        return Optional.ofNullable(organizations
                        .find(Filters.eq("_id", id))
                        .projection(READ)
                        .first())
                .map(OrganizationStore::record);
    }

    public boolean exists(String id) {
        return organizations.countDocuments(Filters.eq("_id", id)) > 0;
    }

    /** The organisation's name, or null when there is none with that id. */
    public String name(String id) {
        return find(id).map(r -> r.body().getName()).orElse(null);
    }

    /** The organisations with these ids, in one query (a page of services names a handful). */
    public Map<String, Organization> findAll(Collection<String> ids) {
        Map<String, Organization> found = new HashMap<>();
        organizations
                .find(Filters.in("_id", Set.copyOf(ids)))
                .projection(READ)
                .forEach(d -> found.put(d.getString("_id"), record(d).body()));
        return found;
    }

    /** Adds a new organisation; false when one with its id exists already (a retried create). */
    public boolean insert(Organization organization, String lastModified, String modifiedBy, String requestHash) {
        return VersionedDocuments.insertNew(
                organizations,
                document(organization, lastModified, 1, modifiedBy)
                        .append(VersionedDocuments.REQUEST_HASH, requestHash));
    }

    /** The fingerprint of the request that created the organisation. */
    public Optional<String> requestHash(String id) {
        return VersionedDocuments.requestHash(organizations, id);
    }

    /** Adds {@code organization} unless one with its id exists (idempotent demo loading). */
    public boolean insertIfAbsent(Organization organization, String lastModified, String modifiedBy) {
        return VersionedDocuments.insertIfAbsent(organizations, document(organization, lastModified, 1, modifiedBy));
    }

    /** Replaces the organisation if still at {@code expectedVersion} (0 = unconditional); returns the new version. */
    public long replace(Organization organization, String lastModified, long expectedVersion, String modifiedBy) {
        return VersionedDocuments.replace(
                organizations,
                "organization",
                organization.getId(),
                expectedVersion,
                version -> document(organization, lastModified, version, modifiedBy));
    }

    /** Organisations in name order, optionally those whose name has every word and changed after a time. */
    public Page<Organization> list(List<String> words, String modifiedAfter, Paging paging) {
        List<Bson> filters = new ArrayList<>();
        words.forEach(w -> filters.add(Filters.regex("_words", "^" + Pattern.quote(w))));
        if (modifiedAfter != null) {
            filters.add(Filters.gt("_last_modified", modifiedAfter));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        long total = organizations.countDocuments(filter);
        List<Organization> page = organizations
                .find(filter)
                .projection(READ)
                .sort(Sorts.ascending("_name_sort", "_id"))
                .skip(paging.offset())
                .limit(paging.size())
                .map(d -> record(d).body())
                .into(new ArrayList<>());
        return new Page<>(paging.info(total, page.size()), page);
    }

    private static Document document(Organization organization, String lastModified, long version, String modifiedBy) {
        Document document = ProtoDocuments.toDocument(
                organization.toBuilder().clearServices().build());
        document.put("_id", organization.getId());
        document.put(VersionedDocuments.VERSION, version);
        document.put("_modified_by", modifiedBy);
        document.put("_last_modified", lastModified);
        document.put("_name_sort", SearchText.sortKey(organization.getName()));
        document.put("_words", SearchText.words(organization.getName() + " " + organization.getDescription()));
        return document;
    }

    private static StoredRecord<Organization> record(Document document) {
        return new StoredRecord<>(
                ProtoDocuments.fromDocument(document, Organization.newBuilder()).build(),
                document.get(VersionedDocuments.VERSION, Number.class).longValue(),
                document.getString("_modified_by"));
    }
}
