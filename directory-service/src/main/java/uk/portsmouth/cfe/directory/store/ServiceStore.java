package uk.portsmouth.cfe.directory.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.directory.domain.SearchText;
import uk.portsmouth.cfe.directory.domain.ServiceQuery;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
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

    private final MongoCollection<Document> services;

    public ServiceStore(MongoDatabase database) {
        this.services = database.getCollection("services");
        services.createIndex(Indexes.ascending("_name_sort"));
        services.createIndex(Indexes.ascending("last_modified"));
        services.createIndex(Indexes.ascending("organization_id"));
        services.createIndex(Indexes.ascending("_words"));
        services.createIndex(Indexes.ascending("_term_ids"));
        services.createIndex(Indexes.ascending("service_at_locations.id"));
    }

    public Optional<StoredRecord<Service>> find(String id) {
        return Optional.ofNullable(services.find(Filters.eq("_id", id)).first()).map(ServiceStore::record);
    }

    /** Adds a new service (version 1). */
    public void insert(Service service, String organizationName, String modifiedBy) {
        services.insertOne(document(service, organizationName, 1, modifiedBy));
    }

    /** Adds {@code service} unless a service with its id exists: replaying it changes nothing. */
    public boolean insertIfAbsent(Service service, String organizationName, String modifiedBy) {
        Document document = document(service, organizationName, 1, modifiedBy);
        UpdateResult result = services.updateOne(Filters.eq("_id", service.getId()),
                                                 new Document("$setOnInsert", document),
                                                 new UpdateOptions().upsert(true));
        return result.getUpsertedId() != null;
    }

    /**
     * Replaces the service if it is still at {@code expectedVersion} (0 = whatever it is) and
     * returns its new version; a concurrent change makes it fail with the current version.
     */
    public long replace(Service service, String organizationName, long expectedVersion, String modifiedBy) {
        long current = find(service.getId()).orElseThrow(() -> new NotFoundException("service", service.getId()))
                .version();
        long base = expectedVersion == 0 ? current : expectedVersion;
        if (base != current) {
            throw new VersionConflictException(expectedVersion, current);
        }
        UpdateResult result = services.replaceOne(Filters.and(Filters.eq("_id", service.getId()), Filters.eq("_version", base)),
                                                  document(service, organizationName, base + 1, modifiedBy),
                                                  new ReplaceOptions());
        if (result.getMatchedCount() == 0) {
            // someone else wrote between our read and our write
            throw new VersionConflictException(base, find(service.getId()).map(StoredRecord::version).orElse(0L));
        }
        return base + 1;
    }

    /** Refreshes the organisation name services are found by, after the organisation is renamed. */
    public void renameOrganization(String organizationId, String organizationName) {
        for (Document document : services.find(Filters.eq("organization_id", organizationId))) {
            StoredRecord<Service> stored = record(document);
            services.replaceOne(Filters.eq("_id", document.getString("_id")),
                                document(stored.body(), organizationName, stored.version(), stored.modifiedBy()));
        }
    }

    /** One page of the services matching {@code query}: by relevance when text is searched, else by name. */
    public Page<Service> search(ServiceQuery query, Function<String, String> organizationNames) {
        Bson filter = filter(query);
        Paging paging = query.paging();
        if (query.words().isEmpty()) {
            long total = services.countDocuments(filter);
            List<Service> page = services.find(filter)
                    .sort(Sorts.ascending("_name_sort", "_id"))
                    .skip(paging.offset())
                    .limit(paging.size())
                    .map(d -> record(d).body())
                    .into(new ArrayList<>());
            return new Page<>(paging.info(total, page.size()), page);
        }
        // Relevance needs every match scored; the directory holds thousands of services, not millions.
        List<Service> matches = services.find(filter).map(d -> record(d).body()).into(new ArrayList<>());
        Map<String, String> names = matches.stream().map(Service::getOrganizationId).distinct()
                .collect(Collectors.toMap(Function.identity(), id -> String.valueOf(organizationNames.apply(id))));
        matches.sort(SearchText.byRelevance(query.words(), s -> names.get(s.getOrganizationId())));
        List<Service> page = paging.slice(matches);
        return new Page<>(paging.info(matches.size(), page.size()), List.copyOf(page));
    }

    /** Services holding the service-at-location {@code id}. */
    public Optional<Service> findByServiceAtLocation(String id) {
        return Optional.ofNullable(services.find(Filters.eq("service_at_locations.id", id)).first())
                .map(d -> record(d).body());
    }

    /** Every service matching {@code query} that has a location, in name order (ORUK service_at_locations). */
    public List<Service> withLocations(ServiceQuery query, String postcodePrefix) {
        List<Bson> filters = new ArrayList<>(List.of(filter(query), Filters.exists("service_at_locations.0")));
        if (postcodePrefix != null && !postcodePrefix.isBlank()) {
            filters.add(Filters.regex("_postcodes", "^" + Pattern.quote(postcodePrefix)));
        }
        return services.find(Filters.and(filters))
                .sort(Sorts.ascending("_name_sort", "_id"))
                .map(d -> record(d).body())
                .into(new ArrayList<>());
    }

    public long count() {
        return services.countDocuments();
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

    private static Document document(Service service, String organizationName, long version, String modifiedBy) {
        Document document = ProtoDocuments.toDocument(service);
        List<TaxonomyTerm> terms = service.getAttributesList().stream().map(Attribute::getTaxonomyTerm).toList();
        document.put("_id", service.getId());
        document.put("_version", version);
        document.put("_modified_by", modifiedBy);
        document.put("_name_sort", SearchText.sortKey(service.getName()));
        document.put("_words", SearchText.indexWords(service, organizationName));
        document.put("_term_ids", terms.stream().map(TaxonomyTerm::getId).toList());
        document.put("_taxonomy_ids", terms.stream().map(TaxonomyTerm::getTaxonomyId).distinct().toList());
        document.put("_localities", terms.stream()
                .filter(t -> t.getTaxonomyId().equals(Taxonomies.taxonomyId(Taxonomies.LOCALITY)))
                .map(TaxonomyTerm::getTerm).toList());
        document.put("_postcodes", service.getServiceAtLocationsList().stream()
                .flatMap(at -> at.getLocation().getAddressesList().stream())
                .map(a -> a.getPostalCode()).filter(p -> !p.isEmpty()).distinct().toList());
        return document;
    }

    private static StoredRecord<Service> record(Document document) {
        Service service = ProtoDocuments.fromDocument(document, Service.newBuilder()).build();
        return new StoredRecord<>(service, document.get("_version", Number.class).longValue(),
                                  document.getString("_modified_by"));
    }
}
