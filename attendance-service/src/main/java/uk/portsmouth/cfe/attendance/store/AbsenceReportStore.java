package uk.portsmouth.cfe.attendance.store;

import com.google.type.Date;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.events.EventOutbox;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.mongo.VersionedRecords;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportStatus;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;

/**
 * The "absence_reports" collection: one versioned document a report, with the fields it is found
 * by (the school, the app that sent it, when it changed, its first day, the child's name and date
 * of birth) kept beside it for queries and indexes.
 */
public final class AbsenceReportStore {

    private static final String URN = "_urn";
    private static final String CLIENT = "_client";
    private static final String UPDATED_AT = "_updated_at";
    private static final String FIRST_DAY = "_first_day";
    private static final String STATUS = "_status";
    private static final String REASON = "_reason";
    private static final String UPN = "_upn";
    private static final String CHILD = "_child";

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final VersionedRecords<AbsenceReportRecord> reports;
    private final EventOutbox outbox;

    public AbsenceReportStore(MongoDatabase database) {
        MongoCollection<Document> collection = database.getCollection("absence_reports");
        this.reports = new VersionedRecords<>(
                collection,
                "absence report",
                r -> r.getReport().getId(),
                AbsenceReportRecord::newBuilder,
                AbsenceReportStore::queryFields);
        // a school's reports by date and its MIS polling for changes; an app's own; the city's by day;
        // a child's (subject access)
        collection.createIndex(Indexes.ascending(URN, FIRST_DAY));
        collection.createIndex(Indexes.ascending(URN, UPDATED_AT, "_id"));
        collection.createIndex(Indexes.ascending(CLIENT, UPDATED_AT, "_id"));
        collection.createIndex(Indexes.ascending(FIRST_DAY));
        collection.createIndex(Indexes.ascending(UPN));
        collection.createIndex(Indexes.ascending(CHILD));
        collection.createIndex(Indexes.ascending(UPDATED_AT));
        this.outbox = new EventOutbox(List.of(collection));
    }

    private static void queryFields(AbsenceReportRecord record, Document document) {
        AppAbsenceReport report = record.getReport();
        document.append(URN, report.getSchoolUrn())
                .append(CLIENT, record.getCreatedByClient())
                .append(UPDATED_AT, sortable(Instant.parse(report.getUpdatedAt())))
                .append(FIRST_DAY, Dates.text(report.getFirstDay()))
                .append(STATUS, ClosedSets.jsonName(report.getStatus()))
                .append(REASON, ClosedSets.jsonName(report.getReason()))
                .append(UPN, report.getChild().getUpn())
                .append(
                        CHILD,
                        childKey(
                                report.getChild().getGivenName(),
                                report.getChild().getFamilyName(),
                                report.getChild().getDateOfBirth()));
    }

    /** A moment as the store compares them: fixed width, so text order is time order. */
    public static String sortable(Instant moment) {
        return SORTABLE.format(moment);
    }

    /** A child as reports are found for subject access: the compared name and the date of birth. */
    public static String childKey(String given, String family, Date dateOfBirth) {
        return AbsenceReportRules.nameKey(given, family) + "|" + Dates.text(dateOfBirth);
    }

    /** Adds a report with the events its creation causes, in one write. */
    public boolean insert(AbsenceReportRecord record, String by, List<EventDraft> events) {
        return reports.insert(record, by, events);
    }

    /** The outbox of every report: the events their writes caused, until the gateway takes them. */
    public EventOutbox outbox() {
        return outbox;
    }

    /** Adds a demo report unless it is there (loading again adds nothing). */
    public void seed(AbsenceReportRecord record) {
        reports.insertIfAbsent(record, "demo-data");
    }

    public Optional<StoredRecord<AbsenceReportRecord>> find(String id) {
        return reports.find(id);
    }

    public long replace(AbsenceReportRecord record, long expectedVersion, String by) {
        return reports.replace(record, expectedVersion, by);
    }

    /** As {@link #replace}, recording the events the change causes in the same write. */
    public long replace(AbsenceReportRecord record, long expectedVersion, String by, List<EventDraft> events) {
        return reports.replace(record, expectedVersion, by, events);
    }

    /** The reports an app sent, oldest change first (an app catching up from {@code modifiedAfter}). */
    public Page<AbsenceReportRecord> sentBy(String client, String modifiedAfter, Paging paging) {
        Bson filter = Filters.eq(CLIENT, client);
        if (!modifiedAfter.isEmpty()) {
            filter = Filters.and(filter, Filters.gt(UPDATED_AT, modifiedAfter));
        }
        return reports.page(filter, Sorts.ascending(UPDATED_AT, "_id"), paging);
    }

    /**
     * A school's reports: of absences starting in [{@code from}, {@code to}] (either open), in
     * {@code status} (any when unspecified), changed after {@code modifiedAfter} (oldest change first, for
     * an MIS polling) or, without it, the latest first day first.
     */
    public Page<AbsenceReportRecord> atSchool(
            String urn, LocalDate from, LocalDate to, AbsenceReportStatus status, String modifiedAfter, Paging paging) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq(URN, urn)));
        if (from != null) {
            filters.add(Filters.gte(FIRST_DAY, from.toString()));
        }
        if (to != null) {
            filters.add(Filters.lte(FIRST_DAY, to.toString()));
        }
        if (ClosedSets.given(status)) {
            filters.add(Filters.eq(STATUS, ClosedSets.jsonName(status)));
        }
        if (!modifiedAfter.isEmpty()) {
            filters.add(Filters.gt(UPDATED_AT, modifiedAfter));
        }
        Bson sort = modifiedAfter.isEmpty()
                ? Sorts.orderBy(Sorts.descending(FIRST_DAY), Sorts.ascending("_id"))
                : Sorts.ascending(UPDATED_AT, "_id");
        return reports.page(Filters.and(filters), sort, paging);
    }

    /** Illness reports not cancelled whose first day is in [{@code from}, {@code to}] (the LA's counts). */
    public List<AbsenceReportRecord> illnessesStarting(LocalDate from, LocalDate to) {
        return reports.list(
                Filters.and(
                        Filters.eq(REASON, ClosedSets.jsonName(AbsenceReportRules.ILLNESS)),
                        Filters.ne(STATUS, ClosedSets.jsonName(AbsenceReportRules.CANCELLED)),
                        Filters.gte(FIRST_DAY, from.toString()),
                        Filters.lte(FIRST_DAY, to.toString())),
                Sorts.ascending(FIRST_DAY, "_id"));
    }

    /** Every report about a child: by the UPN the parent gave, or by a name and date of birth (subject access). */
    public List<AbsenceReportRecord> about(String upn, List<String> childKeys) {
        return reports.list(
                Filters.or(Filters.eq(UPN, upn), Filters.in(CHILD, childKeys)), Sorts.ascending(FIRST_DAY, "_id"));
    }

    /** Reports last changed before {@code cutoff}: counted, or deleted when {@code delete}. */
    public long changedBefore(Instant cutoff, boolean delete) {
        Bson old = Filters.lt(UPDATED_AT, sortable(cutoff));
        return delete ? reports.deleteAll(old) : reports.count(old);
    }
}
