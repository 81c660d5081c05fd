package uk.portsmouth.cfe.directory.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.directory.domain.Timestamps;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.events.EventOutbox;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedDocuments;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.proto.directory.v1.Service;

/**
 * The "services" collection: one document a service (its nested ORUK records inside it, so every
 * write is one atomic document write), plus what the search index reads it by: the name of the
 * service's organisation and when the service last changed in any way that the index must see
 * ({@code _changed_at}: an edit, or its organisation renamed). Searching and listing are the
 * index's ({@link ServiceSearchIndex}); the store answers by id.
 */
public final class ServiceStore {

    private static final String ORGANIZATION_NAME = "_organization_name";
    private static final String CHANGED_AT = "_changed_at";

    private final MongoCollection<Document> services;
    private final VersionedRecords<Service> records;
    private final Clock clock;
    private final EventOutbox outbox;

    public ServiceStore(MongoDatabase database, Clock clock) {
        this.services = database.getCollection("services");
        this.clock = clock;
        this.records = new VersionedRecords<>(
                services, "service", Service::getId, Service::newBuilder, (service, document) -> {});
        this.outbox = new EventOutbox(List.of(services));
        services.createIndex(Indexes.ascending(CHANGED_AT));
        services.createIndex(Indexes.ascending("organization_id"));
        services.createIndex(Indexes.ascending("service_at_locations.id"));
    }

    /**
     * A service as the search index reads it, with its organisation's name, when it changed and its
     * version (two changes can share a moment: the version tells them apart).
     */
    public record Indexable(Service service, String organizationName, String changedAt, long version) {}

    public Optional<StoredRecord<Service>> find(String id) {
        return records.find(id);
    }

    /**
     * Adds a new service (version 1), remembering a fingerprint of the request that made it, with
     * the events its creation causes in the same write; false when a service with its id exists already (a retried create).
     */
    public boolean insert(
            Service service, String organizationName, String modifiedBy, String requestHash, List<EventDraft> events) {
        return records.insert(service, modifiedBy, requestHash, searchedBy(organizationName), events);
    }

    /** The fingerprint of the request that created the service. */
    public Optional<String> requestHash(String id) {
        return records.requestHash(id);
    }

    /** Adds {@code service} unless a service with its id exists: replaying it changes nothing. */
    public boolean insertIfAbsent(Service service, String organizationName, String modifiedBy) {
        return records.insertIfAbsent(service, modifiedBy, searchedBy(organizationName));
    }

    /**
     * Replaces the service if it is still at {@code expectedVersion} (0 = whatever it is) and
     * returns its new version, with the events the change causes in the same write; a concurrent change makes it fail with the current version.
     */
    public long replace(
            Service service,
            String organizationName,
            long expectedVersion,
            String modifiedBy,
            List<EventDraft> events) {
        return records.replace(service, expectedVersion, modifiedBy, searchedBy(organizationName), events);
    }

    /** The events the services' writes caused, until the gateway takes them. */
    public EventOutbox outbox() {
        return outbox;
    }

    /**
     * Refreshes the organisation name services are found by, after the organisation is renamed: the
     * name and the change time only (the record, its version and its create's fingerprint stay), and
     * only where no edit came meanwhile (an edit records the name itself).
     */
    public void renameOrganization(String organizationId, String organizationName) {
        for (Document document :
                services.find(Filters.eq("organization_id", organizationId)).projection(VersionedRecords.READ)) {
            StoredRecord<Service> stored = records.record(document);
            Document changed = new Document();
            searchedBy(organizationName).accept(changed);
            services.updateOne(
                    new Document("_id", stored.body().getId()).append(VersionedDocuments.VERSION, stored.version()),
                    new Document("$set", changed));
        }
    }

    /** Every service changed at or after {@code since} (null: every service), oldest change first. */
    public List<Indexable> changedSince(String since) {
        Bson filter = since == null ? new Document() : Filters.gte(CHANGED_AT, since);
        List<Indexable> changed = new ArrayList<>();
        services.find(filter)
                .projection(
                        Projections.fields(VersionedRecords.READ, Projections.include(ORGANIZATION_NAME, CHANGED_AT)))
                .sort(Sorts.ascending(CHANGED_AT))
                .forEach(document -> {
                    StoredRecord<Service> record = records.record(document);
                    changed.add(new Indexable(
                            record.body(),
                            document.get(ORGANIZATION_NAME, ""),
                            document.get(CHANGED_AT, ""),
                            record.version()));
                });
        return changed;
    }

    /** Services holding the service-at-location {@code id}. */
    public Optional<Service> findByServiceAtLocation(String id) {
        return records.first(Filters.eq("service_at_locations.id", id));
    }

    public long count() {
        return records.count();
    }

    private Consumer<Document> searchedBy(String organizationName) {
        return document -> {
            document.put(ORGANIZATION_NAME, organizationName == null ? "" : organizationName);
            document.put(CHANGED_AT, Timestamps.format(clock.instant()));
        };
    }
}
