package uk.portsmouth.cfe.platform.mongo;

import com.google.protobuf.Message;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;

/**
 * A collection of versioned records: one document a record, keyed by its id, holding the message,
 * its version (for If-Match) and who last wrote it. Stores add their own queries on top.
 *
 * @param <M> the record's message
 */
public final class VersionedRecords<M extends Message> {

    public static final String MODIFIED_BY = "_modified_by";

    /** Reads the stored message, its version and editor; the stores' own "_" query fields stay in the database. */
    public static final Bson READ = ProtoDocuments.readProjection(VersionedDocuments.VERSION, MODIFIED_BY);

    private static final Consumer<Document> NO_MORE_FIELDS = document -> {};

    private final MongoCollection<Document> collection;
    private final String kind;
    private final Function<M, String> id;
    private final Supplier<Message.Builder> builder;
    private final BiConsumer<M, Document> extraFields;

    /**
     * @param kind        what a record is called in errors ("team", "school")
     * @param id          the record's id, used as {@code _id}
     * @param builder     a new builder of the message
     * @param extraFields adds stored-only fields to a record's document (sort keys...)
     */
    public VersionedRecords(
            MongoCollection<Document> collection,
            String kind,
            Function<M, String> id,
            Supplier<Message.Builder> builder,
            BiConsumer<M, Document> extraFields) {
        this.collection = collection;
        this.kind = kind;
        this.id = id;
        this.builder = builder;
        this.extraFields = extraFields;
        VersionedDocuments.indexVersions(collection);
    }

    public Optional<StoredRecord<M>> find(String recordId) {
        return Optional.ofNullable(collection
                        .find(Filters.eq("_id", recordId))
                        .projection(READ)
                        .first())
                .map(this::record);
    }

    /** The records with these ids, by id (ids with no record are absent). */
    public Map<String, M> findAll(Collection<String> ids) {
        return collection
                .find(Filters.in("_id", ids))
                .projection(READ)
                .map(d -> record(d).body())
                .into(new ArrayList<>())
                .stream()
                .collect(Collectors.toMap(id, Function.identity()));
    }

    /** Adds a new record at version 1; false when its id is taken. */
    public boolean insert(M record, String modifiedBy) {
        return VersionedDocuments.insertNew(collection, document(record, 1, modifiedBy, NO_MORE_FIELDS));
    }

    /**
     * Adds a new record at version 1 with the fingerprint of the create that made it (see
     * {@link RequestFingerprints}); false when its id is taken.
     */
    public boolean insert(M record, String modifiedBy, String requestHash) {
        return insert(record, modifiedBy, requestHash, NO_MORE_FIELDS);
    }

    /** As {@link #insert(Message, String, String)}, adding fields that depend on more than the record. */
    public boolean insert(M record, String modifiedBy, String requestHash, Consumer<Document> moreFields) {
        return insert(record, modifiedBy, requestHash, moreFields, List.of());
    }

    /** As {@link #insert(Message, String, String, Consumer)}, recording {@code events} in the same write (its outbox). */
    public boolean insert(
            M record, String modifiedBy, String requestHash, Consumer<Document> moreFields, List<EventDraft> events) {
        Document document = document(record, 1, modifiedBy, moreFields.andThen(d -> outbox(d, events, 1)));
        document.put(VersionedDocuments.REQUEST_HASH, requestHash);
        return VersionedDocuments.insertNew(collection, document);
    }

    /** As {@link #insert(Message, String)}, recording {@code events} in the same write (its outbox). */
    public boolean insert(M record, String modifiedBy, List<EventDraft> events) {
        return VersionedDocuments.insertNew(
                collection, document(record, 1, modifiedBy, document -> outbox(document, events, 1)));
    }

    /** The fingerprint of the create that made record {@code recordId}, if one was kept. */
    public Optional<String> requestHash(String recordId) {
        return VersionedDocuments.requestHash(collection, recordId);
    }

    /** Adds {@code record} at version 1 unless its id exists (seeding; never undoes an edit). */
    public boolean insertIfAbsent(M record, String modifiedBy) {
        return insertIfAbsent(record, modifiedBy, NO_MORE_FIELDS);
    }

    /** As {@link #insertIfAbsent(Message, String)}, recording {@code events} with the insert only (a retry adds none). */
    public boolean insertIfAbsent(M record, String modifiedBy, List<EventDraft> events) {
        return insertIfAbsent(record, modifiedBy, document -> outbox(document, events, 1));
    }

    /** As {@link #insertIfAbsent(Message, String)}, adding fields that depend on more than the record. */
    public boolean insertIfAbsent(M record, String modifiedBy, Consumer<Document> moreFields) {
        return VersionedDocuments.insertIfAbsent(collection, document(record, 1, modifiedBy, moreFields));
    }

    /** Replaces the record if still at {@code expectedVersion} (0 = any); the new version. */
    public long replace(M record, long expectedVersion, String modifiedBy) {
        return replace(record, expectedVersion, modifiedBy, NO_MORE_FIELDS);
    }

    /** As {@link #replace(Message, long, String)}, adding fields that depend on more than the record. */
    public long replace(M record, long expectedVersion, String modifiedBy, Consumer<Document> moreFields) {
        return VersionedDocuments.replace(
                collection,
                kind,
                id.apply(record),
                expectedVersion,
                version -> document(record, version, modifiedBy, moreFields));
    }

    /** As {@link #replace(Message, long, String)}, recording {@code events} in the same write (its outbox). */
    public long replace(M record, long expectedVersion, String modifiedBy, List<EventDraft> events) {
        return replace(record, expectedVersion, modifiedBy, NO_MORE_FIELDS, events);
    }

    /** As {@link #replace(Message, long, String, Consumer)}, recording {@code events} in the same write (its outbox). */
    public long replace(
            M record, long expectedVersion, String modifiedBy, Consumer<Document> moreFields, List<EventDraft> events) {
        return VersionedDocuments.replace(collection, kind, id.apply(record), expectedVersion, version -> {
            Document document = document(record, version, modifiedBy, moreFields);
            outbox(document, events, version);
            return document;
        });
    }

    private static void outbox(Document document, List<EventDraft> events, long version) {
        if (!events.isEmpty()) {
            document.put(
                    VersionedDocuments.OUTBOX,
                    events.stream()
                            .map(event -> ProtoDocuments.toDocument(event.at(version)))
                            .toList());
        }
    }

    /** The first record matching {@code filter}. */
    public Optional<M> first(Bson filter) {
        return Optional.ofNullable(collection.find(filter).projection(READ).first())
                .map(d -> record(d).body());
    }

    /** Every record matching {@code filter}, in {@code sort} order. */
    public List<M> list(Bson filter, Bson sort) {
        return collection
                .find(filter)
                .projection(READ)
                .sort(sort)
                .map(d -> record(d).body())
                .into(new ArrayList<>());
    }

    public long count() {
        return collection.countDocuments();
    }

    /** How many records match {@code filter}. */
    public long count(Bson filter) {
        return collection.countDocuments(filter);
    }

    /** Deletes the records matching {@code filter}: for the retention job only; how many went. */
    public long deleteAll(Bson filter) {
        return collection.deleteMany(filter).getDeletedCount();
    }

    /** One page of the records matching {@code filter}, in {@code sort} order. */
    public Page<M> page(Bson filter, Bson sort, Paging paging) {
        long total = collection.countDocuments(filter);
        List<M> page = collection
                .find(filter)
                .projection(READ)
                .sort(sort)
                .skip(paging.offset())
                .limit(paging.size())
                .map(d -> record(d).body())
                .into(new ArrayList<>());
        return new Page<>(paging.info(total, page.size()), page);
    }

    /** Every record, in {@code sort} order (small collections only). */
    public List<M> all(Bson sort) {
        return collection
                .find()
                .projection(READ)
                .sort(sort)
                .map(d -> record(d).body())
                .into(new ArrayList<>());
    }

    private Document document(M record, long version, String modifiedBy, Consumer<Document> moreFields) {
        Document document = ProtoDocuments.toDocument(record);
        document.put("_id", id.apply(record));
        document.put(VersionedDocuments.VERSION, version);
        document.put(MODIFIED_BY, modifiedBy);
        extraFields.accept(record, document);
        moreFields.accept(document);
        return document;
    }

    /** The record in a document read with {@link #READ}. */
    @SuppressWarnings("unchecked")
    public StoredRecord<M> record(Document document) {
        return new StoredRecord<>(
                (M) ProtoDocuments.fromDocument(document, builder.get()).build(),
                document.get(VersionedDocuments.VERSION, Number.class).longValue(),
                document.getString(MODIFIED_BY));
    }
}
