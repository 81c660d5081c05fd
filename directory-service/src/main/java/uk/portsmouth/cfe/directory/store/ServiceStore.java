package uk.portsmouth.cfe.directory.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.directory.domain.SearchText;
import uk.portsmouth.cfe.directory.domain.ServiceQuery;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.directory.v1.Attribute;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTerm;

/**
 * The "services" collection: one document a service (its nested ORUK records inside it, so every
 * write is one atomic document write), plus "_" fields the queries use: words for text search,
 * term and taxonomy ids, localities, postcodes and a sort key.
 */
public final class ServiceStore {

    private static final String NAME_WORDS = "_name_words";
    private static final String KEYWORD_WORDS = "_keyword_words";
    private static final String DESCRIPTION_WORDS = "_description_words";
    private static final Bson BY_NAME = Sorts.ascending("_name_sort", "_id");

    private final MongoCollection<Document> services;
    private final VersionedRecords<Service> records;

    public ServiceStore(MongoDatabase database) {
        this.services = database.getCollection("services");
        this.records = new VersionedRecords<>(
                services, "service", Service::getId, Service::newBuilder, ServiceStore::queryFields);
        services.createIndex(Indexes.ascending("_name_sort"));
        services.createIndex(Indexes.ascending("last_modified"));
        services.createIndex(Indexes.ascending("organization_id"));
        services.createIndex(Indexes.ascending("_words"));
        services.createIndex(Indexes.ascending("_term_ids"));
        services.createIndex(Indexes.ascending("service_at_locations.id"));
    }

    public Optional<StoredRecord<Service>> find(String id) {
        return records.find(id);
    }

    /**
     * Adds a new service (version 1), remembering a fingerprint of the request that made it;
     * false when a service with its id exists already (a retried create).
     */
    public boolean insert(Service service, String organizationName, String modifiedBy, String requestHash) {
        return records.insert(service, modifiedBy, requestHash, searchedBy(service, organizationName));
    }

    /** The fingerprint of the request that created the service. */
    public Optional<String> requestHash(String id) {
        return records.requestHash(id);
    }

    /** Adds {@code service} unless a service with its id exists: replaying it changes nothing. */
    public boolean insertIfAbsent(Service service, String organizationName, String modifiedBy) {
        return records.insertIfAbsent(service, modifiedBy, searchedBy(service, organizationName));
    }

    /**
     * Replaces the service if it is still at {@code expectedVersion} (0 = whatever it is) and
     * returns its new version; a concurrent change makes it fail with the current version.
     */
    public long replace(Service service, String organizationName, long expectedVersion, String modifiedBy) {
        return records.replace(service, expectedVersion, modifiedBy, searchedBy(service, organizationName));
    }

    /**
     * Refreshes the organisation name services are found by, after the organisation is renamed: their
     * search words only (the record, its version and its create's fingerprint stay), and only where
     * no edit came meanwhile (an edit indexes its words itself).
     */
    public void renameOrganization(String organizationId, String organizationName) {
        for (Document document :
                services.find(Filters.eq("organization_id", organizationId)).projection(VersionedRecords.READ)) {
            StoredRecord<Service> stored = records.record(document);
            services.updateOne(
                    new Document("_id", stored.body().getId()).append(VersionedDocuments.VERSION, stored.version()),
                    new Document("$set", words(new Document(), stored.body(), organizationName)));
        }
    }

    /** One page of the services matching {@code query}: by relevance when text is searched, else by name. */
    public Page<Service> search(ServiceQuery query) {
        Bson filter = filter(query);
        Paging paging = query.paging();
        if (query.words().isEmpty()) {
            return records.page(filter, BY_NAME, paging);
        }
        // Relevance needs every match scored: read only the stored words of the matches (the
        // directory holds thousands of services, not millions), then the one page in full.
        List<Scored> scored = new ArrayList<>();
        services.find(filter)
                .projection(Projections.include("_name_sort", NAME_WORDS, KEYWORD_WORDS, DESCRIPTION_WORDS))
                .forEach(d -> scored.add(new Scored(
                        d.getString("_id"),
                        d.getString("_name_sort"),
                        SearchText.relevance(indexed(d), query.words()))));
        scored.sort(Comparator.comparingInt(Scored::score)
                .reversed()
                .thenComparing(Scored::nameSort)
                .thenComparing(Scored::id));
        List<String> pageIds = paging.slice(scored).stream().map(Scored::id).toList();
        Map<String, Service> byId = records.findAll(pageIds);
        List<Service> page =
                pageIds.stream().map(byId::get).filter(Objects::nonNull).toList();
        return new Page<>(paging.info(scored.size(), page.size()), page);
    }

    private record Scored(String id, String nameSort, int score) {}

    private static SearchText.IndexedWords indexed(Document document) {
        return new SearchText.IndexedWords(
                document.getList(NAME_WORDS, String.class, List.of()),
                document.getList(KEYWORD_WORDS, String.class, List.of()),
                document.getList(DESCRIPTION_WORDS, String.class, List.of()));
    }

    /** Services holding the service-at-location {@code id}. */
    public Optional<Service> findByServiceAtLocation(String id) {
        return records.first(Filters.eq("service_at_locations.id", id));
    }

    /** Every service matching {@code query} that has a location, in name order (ORUK service_at_locations). */
    public List<Service> withLocations(ServiceQuery query, String postcodePrefix) {
        List<Bson> filters = new ArrayList<>(List.of(filter(query), Filters.exists("service_at_locations.0")));
        if (postcodePrefix != null && !postcodePrefix.isBlank()) {
            filters.add(Filters.regex("_postcodes", "^" + Pattern.quote(postcodePrefix)));
        }
        return records.list(Filters.and(filters), BY_NAME);
    }

    public long count() {
        return records.count();
    }

    private static Bson filter(ServiceQuery query) {
        List<Bson> filters = new ArrayList<>();
        for (String word : query.words()) {
            filters.add(Filters.regex("_words", "^" + Pattern.quote(word)));
        }
        if (!query.termIds().isEmpty()) {
            filters.add(Filters.all("_term_ids", query.termIds()));
        }
        if (!query.taxonomyId().isEmpty()) {
            filters.add(Filters.eq("_taxonomy_ids", query.taxonomyId()));
        }
        if (query.age() != null) {
            filters.add(Filters.or(Filters.exists("minimum_age", false), Filters.lte("minimum_age", query.age())));
            filters.add(Filters.or(Filters.exists("maximum_age", false), Filters.gte("maximum_age", query.age())));
        }
        if (!query.locality().isEmpty()) {
            // a service tagged with no locality serves the whole city
            filters.add(Filters.or(Filters.eq("_localities", query.locality()), Filters.size("_localities", 0)));
        }
        if (!query.organizationId().isEmpty()) {
            filters.add(Filters.eq("organization_id", query.organizationId()));
        }
        if (!query.statuses().isEmpty()) {
            filters.add(Filters.in("status", query.statuses()));
        }
        if (query.modifiedAfter() != null) {
            filters.add(Filters.gt("last_modified", query.modifiedAfter()));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    /** The fields the queries use that come from the service alone. */
    private static void queryFields(Service service, Document document) {
        List<TaxonomyTerm> terms = service.getAttributesList().stream()
                .map(Attribute::getTaxonomyTerm)
                .toList();
        document.put("_name_sort", SearchText.sortKey(service.getName()));
        document.put("_term_ids", terms.stream().map(TaxonomyTerm::getId).toList());
        document.put(
                "_taxonomy_ids",
                terms.stream().map(TaxonomyTerm::getTaxonomyId).distinct().toList());
        document.put(
                "_localities",
                terms.stream()
                        .filter(t -> t.getTaxonomyId().equals(Taxonomies.taxonomyId(Taxonomies.LOCALITY)))
                        .map(TaxonomyTerm::getTerm)
                        .toList());
        document.put(
                "_postcodes",
                service.getServiceAtLocationsList().stream()
                        .flatMap(at -> at.getLocation().getAddressesList().stream())
                        .map(a -> a.getPostalCode())
                        .filter(p -> !p.isEmpty())
                        .distinct()
                        .toList());
    }

    private static Consumer<Document> searchedBy(Service service, String organizationName) {
        return document -> words(document, service, organizationName);
    }

    /** Puts the words a service is searched by (its own and its organisation's name) into {@code document}. */
    private static Document words(Document document, Service service, String organizationName) {
        SearchText.IndexedWords words = SearchText.index(service, organizationName);
        document.put("_words", words.all());
        document.put(NAME_WORDS, words.name());
        document.put(KEYWORD_WORDS, words.keywords());
        document.put(DESCRIPTION_WORDS, words.description());
        return document;
    }
}
