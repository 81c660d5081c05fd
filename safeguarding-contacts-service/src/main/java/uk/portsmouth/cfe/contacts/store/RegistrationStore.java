package uk.portsmouth.cfe.contacts.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationStatus;

/**
 * The "registrations" collection: one document a meeting holding its places and its waiting list.
 * Each registration is one conditional update (room left, caller not yet registered), so two people
 * taking the last place at once cannot both get it, and no one is registered twice.
 */
public final class RegistrationStore {

    private static final String REGISTERED = "registered";
    private static final String WAITING = "waiting";
    private static final String REGISTRANTS = "_registrants";

    private final MongoCollection<Document> registrations;

    public RegistrationStore(MongoDatabase database) {
        this.registrations = database.getCollection("registrations");
    }

    /**
     * Gives {@code registration} a place if fewer than {@code capacity} (0 = no limit) are taken,
     * else a place on the waiting list; empty when its subject is registered or waiting already.
     */
    public Optional<Registration> register(String meetingId, int capacity, Registration registration) {
        registrations.updateOne(
                Filters.eq("_id", meetingId),
                Updates.combine(
                        Updates.setOnInsert(REGISTERED, List.of()),
                        Updates.setOnInsert(WAITING, List.of()),
                        Updates.setOnInsert(REGISTRANTS, List.of())),
                new UpdateOptions().upsert(true));
        Bson notYet = Filters.and(Filters.eq("_id", meetingId), Filters.ne(REGISTRANTS, registration.getSubject()));
        Bson roomLeft = capacity > 0 ? Filters.exists(REGISTERED + "." + (capacity - 1), false) : new Document();
        Registration placed = registration.toBuilder()
                .setStatus(RegistrationStatus.REGISTRATION_STATUS_REGISTERED)
                .build();
        if (add(Filters.and(notYet, roomLeft), REGISTERED, placed)) {
            return Optional.of(placed);
        }
        if (capacity > 0
                && add(
                        notYet,
                        WAITING,
                        registration.toBuilder()
                                .setStatus(RegistrationStatus.REGISTRATION_STATUS_WAITING)
                                .build())) {
            List<Registration> waiting = list(meetingId).waiting();
            for (int i = 0; i < waiting.size(); i++) {
                if (waiting.get(i).getSubject().equals(registration.getSubject())) {
                    return Optional.of(
                            waiting.get(i).toBuilder().setWaitingPosition(i + 1).build());
                }
            }
        }
        return Optional.empty();
    }

    /** The meeting's places and waiting list, in the order they were taken. */
    public Places list(String meetingId) {
        Document document = registrations.find(Filters.eq("_id", meetingId)).first();
        if (document == null) {
            return new Places(List.of(), List.of());
        }
        return new Places(read(document, REGISTERED), read(document, WAITING));
    }

    /**
     * Takes {@code subject} off the meeting (a place or the waiting list); when a place frees, the
     * first waiting takes it. False when {@code subject} was neither registered nor waiting.
     */
    public boolean cancel(String meetingId, String subject, int capacity) {
        Bson theirs = Filters.and(Filters.eq("_id", meetingId), Filters.eq(REGISTRANTS, subject));
        boolean removed = registrations
                        .updateOne(
                                theirs,
                                Updates.combine(
                                        Updates.pull(REGISTERED, new Document("subject", subject)),
                                        Updates.pull(WAITING, new Document("subject", subject)),
                                        Updates.pull(REGISTRANTS, subject)))
                        .getModifiedCount()
                == 1;
        if (removed && capacity > 0) {
            promoteFirstWaiting(meetingId, capacity);
        }
        return removed;
    }

    /** The meetings {@code subject} has a place at or waits for. */
    public List<String> meetingsOf(String subject) {
        return registrations
                .find(Filters.eq(REGISTRANTS, subject))
                .projection(new Document("_id", 1))
                .map(d -> d.getString("_id"))
                .into(new ArrayList<>());
    }

    /** The places and waiting-list entries a person who signed in through {@code issuer} took as {@code subject}. */
    public List<Registration> byPerson(String issuer, String subject) {
        List<Registration> found = new ArrayList<>();
        for (Document document :
                registrations.find(Filters.eq(REGISTRANTS, subject)).sort(new Document("_id", 1))) {
            for (List<Registration> list : List.of(read(document, REGISTERED), read(document, WAITING))) {
                list.stream()
                        .filter(r ->
                                r.getSubject().equals(subject) && r.getIssuer().equals(issuer))
                        .forEach(found::add);
            }
        }
        return found;
    }

    /** Moves the first waiting into a free place: one update, only while a place is free and they are still first. */
    private void promoteFirstWaiting(String meetingId, int capacity) {
        List<Registration> waiting = list(meetingId).waiting();
        if (waiting.isEmpty()) {
            return;
        }
        Registration first = waiting.get(0);
        registrations.updateOne(
                Filters.and(
                        Filters.eq("_id", meetingId),
                        Filters.eq(WAITING + ".0.subject", first.getSubject()),
                        Filters.exists(REGISTERED + "." + (capacity - 1), false)),
                Updates.combine(
                        Updates.popFirst(WAITING),
                        Updates.push(
                                REGISTERED,
                                ProtoDocuments.toDocument(first.toBuilder()
                                        .setStatus(RegistrationStatus.REGISTRATION_STATUS_REGISTERED)
                                        .build()))));
    }

    /** Who has a place and who is waiting. */
    public record Places(List<Registration> registered, List<Registration> waiting) {}

    private boolean add(Bson filter, String list, Registration registration) {
        return registrations
                        .updateOne(
                                filter,
                                Updates.combine(
                                        Updates.push(list, ProtoDocuments.toDocument(registration)),
                                        Updates.addToSet(REGISTRANTS, registration.getSubject())))
                        .getModifiedCount()
                == 1;
    }

    private static List<Registration> read(Document document, String list) {
        List<Registration> registrations = new ArrayList<>();
        for (Document item : document.getList(list, Document.class, List.of())) {
            registrations.add(
                    ProtoDocuments.fromDocument(item, Registration.newBuilder()).build());
        }
        return registrations;
    }
}
