package uk.portsmouth.cfe.contacts.store;

import com.google.protobuf.Message;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.identifiers.PersonNames;
import uk.portsmouth.cfe.platform.mongo.ProtoDocuments;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.common.v1.KnownAs;
import uk.portsmouth.cfe.proto.contacts.v1.Invitee;
import uk.portsmouth.cfe.proto.contacts.v1.Minutes;
import uk.portsmouth.cfe.proto.contacts.v1.SeverelyAbsentPupil;
import uk.portsmouth.cfe.proto.contacts.v1.Slot;

/**
 * The "meeting_records" collection: what belongs to one meeting, one document a meeting: the
 * Severely Absent pupils it is about, who was invited, its minutes, its booked slots. Each change
 * is one conditional update of that document (a slot is booked once, minutes are recorded once).
 */
public final class MeetingRecordStore {

    private static final String PUPILS = "pupils";
    private static final String INVITEES = "invitees";
    private static final String MINUTES = "minutes";
    private static final String SLOTS = "slots";
    private static final String INVITE_VERSION = "_invite_version";

    private final MongoCollection<Document> records;

    public MeetingRecordStore(MongoDatabase database) {
        this.records = database.getCollection("meeting_records");
    }

    /** What is recorded of a meeting (all empty when nothing is). */
    public MeetingRecord find(String meetingId) {
        Document document = records.find(Filters.eq("_id", meetingId)).first();
        if (document == null) {
            return new MeetingRecord(List.of(), List.of(), Optional.empty(), List.of());
        }
        Document minutes = document.get(MINUTES, Document.class);
        return new MeetingRecord(
                read(document, PUPILS, SeverelyAbsentPupil::newBuilder),
                read(document, INVITEES, Invitee::newBuilder),
                Optional.ofNullable(minutes)
                        .map(m -> ProtoDocuments.fromDocument(m, Minutes.newBuilder())
                                .build()),
                read(document, SLOTS, Slot::newBuilder));
    }

    /** A meeting's pupils and the rest of what is recorded of it. */
    public record MeetingRecord(
            List<SeverelyAbsentPupil> pupils, List<Invitee> invitees, Optional<Minutes> minutes, List<Slot> slots) {}

    /** Each meeting whose pupil list names the child {@code upn}, with that child's entry only (subject access). */
    public Map<String, SeverelyAbsentPupil> meetingsAbout(String upn) {
        Map<String, SeverelyAbsentPupil> found = new java.util.TreeMap<>();
        for (Document document : records.find(Filters.eq(PUPILS + ".upn", upn))) {
            List<SeverelyAbsentPupil> pupils = read(document, PUPILS, SeverelyAbsentPupil::newBuilder);
            pupils.stream().filter(p -> p.getUpn().equals(upn)).forEach(p -> found.put(document.getString("_id"), p));
        }
        return found;
    }

    /**
     * The booked MET slots whose child is one of {@code children} (the name as written, compared
     * without case, accents or punctuation, and the birth date), oldest meeting first (subject access).
     */
    public List<Slot> slotsNaming(List<KnownAs> children) {
        List<String> birthDates = children.stream()
                .map(child -> Dates.text(child.getDateOfBirth()))
                .distinct()
                .toList();
        List<Slot> found = new ArrayList<>();
        if (birthDates.isEmpty()) {
            return found;
        }
        for (Document document : records.find(Filters.in(SLOTS + ".child_date_of_birth", birthDates))
                .sort(new Document("_id", 1))) {
            MeetingRecordStore.<Slot>read(document, SLOTS, Slot::newBuilder).stream()
                    .filter(slot -> children.stream()
                            .anyMatch(child -> child.getDateOfBirth().equals(slot.getChildDateOfBirth())
                                    && PersonNames.sameFullName(
                                            slot.getChildName(), child.getGivenName(), child.getFamilyName())))
                    .forEach(found::add);
        }
        return found;
    }

    /** The MET slots a person who signed in through {@code issuer} booked as {@code subject}. */
    public List<Slot> slotsBookedBy(String issuer, String subject) {
        List<Slot> found = new ArrayList<>();
        for (Document document :
                records.find(Filters.eq(SLOTS + ".booked_by", subject)).sort(new Document("_id", 1))) {
            MeetingRecordStore.<Slot>read(document, SLOTS, Slot::newBuilder).stream()
                    .filter(slot -> slot.getBookedBy().equals(subject)
                            && slot.getBookedByIssuer().equals(issuer))
                    .forEach(found::add);
        }
        return found;
    }

    /**
     * Meetings held before {@code cutoff} that still list pupils: counted, or with {@code anonymise}
     * their pupil lists removed (the meeting, its minutes and its slots stay).
     */
    public long pupilListsBefore(java.time.LocalDateTime cutoff, boolean anonymise) {
        long found = 0;
        for (Document document : records.find(Filters.exists(PUPILS + ".0")).projection(new Document("_id", 1))) {
            String id = document.getString("_id");
            int at = id.indexOf('@');
            if (at > 0 && java.time.LocalDateTime.parse(id.substring(at + 1)).isBefore(cutoff)) {
                found++;
                if (anonymise) {
                    records.updateOne(Filters.eq("_id", id), Updates.unset(PUPILS));
                }
            }
        }
        return found;
    }

    /** Sets the pupils a Severely Absent Meeting is about (a new request replaces the list). */
    public void setPupils(String meetingId, List<SeverelyAbsentPupil> pupils) {
        records.updateOne(
                Filters.eq("_id", meetingId), Updates.set(PUPILS, documents(pupils)), new UpdateOptions().upsert(true));
    }

    /** Adds the invitees not invited yet (by email, any case); returns how many were added. */
    public int invite(String meetingId, List<Invitee> invitees) {
        records.updateOne(
                Filters.eq("_id", meetingId),
                Updates.setOnInsert(INVITE_VERSION, 0L),
                new UpdateOptions().upsert(true));
        // a record kept before anyone was invited (a Severely Absent Meeting's pupils) starts counting here
        records.updateOne(
                Filters.and(Filters.eq("_id", meetingId), Filters.exists(INVITE_VERSION, false)),
                Updates.set(INVITE_VERSION, 0L));
        Document current = records.find(Filters.eq("_id", meetingId)).first();
        long version = current.get(INVITE_VERSION, Number.class).longValue();
        List<Invitee> invited = read(current, INVITEES, Invitee::newBuilder);
        Set<String> known = invited.stream().map(MeetingRecordStore::key).collect(Collectors.toSet());
        List<Invitee> added = new ArrayList<>();
        for (Invitee invitee : invitees) {
            if (known.add(key(invitee))) {
                added.add(invitee);
            }
        }
        if (added.isEmpty()) {
            return 0;
        }
        boolean written = records.updateOne(
                                Filters.and(Filters.eq("_id", meetingId), Filters.eq(INVITE_VERSION, version)),
                                Updates.combine(
                                        Updates.pushEach(INVITEES, documents(added)), Updates.inc(INVITE_VERSION, 1L)))
                        .getModifiedCount()
                == 1;
        if (!written) {
            // someone else invited people at the same moment: the caller sends it again
            throw new VersionConflictException(version, version + 1);
        }
        return added.size();
    }

    /** Records the minutes unless there are some already; false when there are. */
    public boolean recordMinutes(Minutes minutes) {
        records.updateOne(
                Filters.eq("_id", minutes.getMeetingId()),
                Updates.setOnInsert(PUPILS, List.of()),
                new UpdateOptions().upsert(true));
        return records.updateOne(
                                Filters.and(Filters.eq("_id", minutes.getMeetingId()), Filters.exists(MINUTES, false)),
                                Updates.set(MINUTES, ProtoDocuments.toDocument(minutes)))
                        .getModifiedCount()
                == 1;
    }

    /** Books {@code slot} unless its start is booked already; false when it is. */
    public boolean book(Slot slot) {
        records.updateOne(
                Filters.eq("_id", slot.getMeetingId()),
                Updates.setOnInsert(SLOTS, List.of()),
                new UpdateOptions().upsert(true));
        return records.updateOne(
                                Filters.and(
                                        Filters.eq("_id", slot.getMeetingId()),
                                        Filters.ne(SLOTS + ".start", slot.getStart())),
                                Updates.push(SLOTS, ProtoDocuments.toDocument(slot)))
                        .getModifiedCount()
                == 1;
    }

    private static String key(Invitee invitee) {
        return invitee.getEmail().toLowerCase(Locale.ROOT);
    }

    private static List<Document> documents(List<? extends Message> messages) {
        return messages.stream().map(ProtoDocuments::toDocument).toList();
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> List<M> read(
            Document document, String field, Supplier<Message.Builder> builder) {
        List<M> messages = new ArrayList<>();
        for (Document item : document.getList(field, Document.class, List.of())) {
            messages.add((M) ProtoDocuments.fromDocument(item, builder.get()).build());
        }
        return messages;
    }
}
