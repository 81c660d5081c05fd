package uk.portsmouth.cfe.platform.audit;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.proto.common.v1.AuditEvent;
import uk.portsmouth.cfe.proto.common.v1.AuditOutcome;
import uk.portsmouth.cfe.proto.common.v1.AuditQuery;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Every read or write of personal data, and every refusal, leaves an event in the owning service's
 * "audit" collection, in one shape for every service ({@link AuditEvent}): when, which service, who
 * (caller, client, roles), on whose behalf (schools, professional), about whom (typed subjects:
 * UPN, plan, person...), what, why (purpose), with what outcome, and the correlation id of the
 * request. There is no update or delete path: events are only ever added (and, past their
 * retention, removed by the retention job alone).
 */
public final class AuditLog {

    private static final AuditOutcome OK = AuditOutcome.AUDIT_OUTCOME_OK;
    private static final AuditOutcome DENIED = AuditOutcome.AUDIT_OUTCOME_DENIED;
    private static final AuditOutcome INVALID = AuditOutcome.AUDIT_OUTCOME_INVALID;
    public static final int MAX_LIMIT = 200;

    /** Where {@link #recordAlongside} writes its events: a virtual thread each, none kept waiting. */
    private static final ExecutorService RECORDERS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("audit-alongside-", 0).factory());

    private final MongoCollection<Document> audit;
    private final String service;
    private final Clock clock;

    public AuditLog(MongoDatabase database, String service, Clock clock) {
        this.audit = database.getCollection("audit");
        this.service = service;
        this.clock = clock;
        audit.createIndex(Indexes.descending("at", "_id"));
        audit.createIndex(
                Indexes.compoundIndex(Indexes.ascending("subjects.kind", "subjects.id"), Indexes.descending("at")));
        audit.createIndex(Indexes.compoundIndex(Indexes.ascending("caller"), Indexes.descending("at")));
        audit.createIndex(Indexes.ascending("correlation_id"));
    }

    /** A read or write that went ahead. */
    public void record(CallerContext caller, String action, String detail, AuditSubject... subjects) {
        add(caller, action, OK, detail, Arrays.asList(subjects));
    }

    /** As {@link #record(CallerContext, String, String, AuditSubject...)}, about many subjects (a list read). */
    public void record(CallerContext caller, String action, String detail, Collection<AuditSubject> subjects) {
        add(caller, action, OK, detail, subjects);
    }

    /**
     * {@code read}'s answer, with its event ({@link #record}) written while it reads: the store's two
     * round trips overlap (a report waited for one, then the other). The answer is given only once
     * the event is stored, and never when it could not be; an event whose read then failed stays (the
     * attempt is recorded), so a caller checks the request before.
     */
    public <T> T recordAlongside(
            CallerContext caller, String action, String detail, AuditSubject subject, Supplier<T> read) {
        // the event's own thread, in the request's trace (its store span joins the request's)
        Future<?> recorded = RECORDERS.submit(Context.current().wrap(() -> record(caller, action, detail, subject)));
        T answer;
        try {
            answer = read.get();
        } catch (RuntimeException e) {
            try {
                await(recorded); // nothing of this call runs on after its answer
            } catch (RuntimeException recording) {
                e.addSuppressed(recording);
            }
            throw e;
        }
        await(recorded);
        return answer;
    }

    private static void await(Future<?> recorded) {
        try {
            recorded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while recording an audit event", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure
                    ? failure
                    : new IllegalStateException("Could not record an audit event", e.getCause());
        }
    }

    /** A request the access rules refused. */
    public void denied(CallerContext caller, String action, String detail, Collection<AuditSubject> subjects) {
        add(caller, action, DENIED, detail, subjects);
    }

    /** A request refused for its input (nothing written). */
    public void invalid(CallerContext caller, String action, String detail, AuditSubject... subjects) {
        add(caller, action, INVALID, detail, Arrays.asList(subjects));
    }

    private void add(
            CallerContext caller,
            String action,
            AuditOutcome outcome,
            String detail,
            Collection<AuditSubject> subjects) {
        List<Document> about = subjects.stream()
                .map(s -> new Document("kind", s.getKind()).append("id", s.getId()))
                .toList();
        audit.insertOne(new Document("_id", new ObjectId())
                .append("at", Date.from(clock.instant()))
                .append("service", service)
                .append("caller", caller.getSubject())
                .append("caller_name", caller.getDisplayName())
                .append("caller_issuer", caller.getIssuer())
                .append("client_id", caller.getClientId())
                .append("roles", caller.getRolesList())
                .append("school_urns", caller.getSchoolUrnsList())
                .append("professional_id", caller.getProfessionalId())
                .append("via_service", caller.getViaService())
                .append("action", action)
                .append("subjects", about)
                .append("purpose", caller.getPurpose())
                .append("outcome", ClosedSets.jsonName(outcome))
                .append("detail", detail)
                .append("correlation_id", caller.getCorrelationId()));
    }

    /** The events matching {@code query}, newest first (at most {@link #MAX_LIMIT}). */
    public List<AuditEvent> search(AuditQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.hasSubject()) {
            filters.add(Filters.elemMatch(
                    "subjects",
                    Filters.and(
                            Filters.eq("kind", query.getSubject().getKind()),
                            Filters.eq("id", query.getSubject().getId()))));
        }
        equal(filters, "caller", query.getCaller());
        equal(filters, "action", query.getAction());
        equal(filters, "outcome", ClosedSets.jsonName(query.getOutcome()));
        equal(filters, "correlation_id", query.getCorrelationId());
        if (!query.getFrom().isEmpty()) {
            filters.add(Filters.gte("at", Date.from(instant(query.getFrom(), "from"))));
        }
        if (!query.getTo().isEmpty()) {
            filters.add(Filters.lt("at", Date.from(instant(query.getTo(), "to"))));
        }
        if (!query.getBeforeAt().isEmpty()) {
            Date at = Date.from(instant(query.getBeforeAt(), "before_at"));
            if (!ObjectId.isValid(query.getBeforeId())) {
                throw InvalidInputException.of("cursor", "not a cursor this API gave");
            }
            filters.add(Filters.or(
                    Filters.lt("at", at),
                    Filters.and(Filters.eq("at", at), Filters.lt("_id", new ObjectId(query.getBeforeId())))));
        }
        int limit = query.getLimit() <= 0 ? 50 : Math.min(query.getLimit(), MAX_LIMIT);
        return audit.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.descending("at", "_id"))
                .limit(limit)
                .map(AuditLog::event)
                .into(new ArrayList<>());
    }

    /**
     * Events recorded before {@code cutoff}: counted, or with {@code delete} removed. The one delete
     * path, for the retention job alone (see docs/how-data-is-kept.md for making the collection
     * append-only to everyone else).
     */
    public long recordedBefore(Instant cutoff, boolean delete) {
        Bson old = Filters.lt("at", Date.from(cutoff));
        return delete ? audit.deleteMany(old).getDeletedCount() : audit.countDocuments(old);
    }

    /** How many events are about {@code subject} (for tests and reports). */
    public long count(AuditSubject subject) {
        return audit.countDocuments(Filters.elemMatch(
                "subjects", Filters.and(Filters.eq("kind", subject.getKind()), Filters.eq("id", subject.getId()))));
    }

    private static void equal(List<Bson> filters, String field, String value) {
        if (!value.isEmpty()) {
            filters.add(Filters.eq(field, value));
        }
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, field + " must be an RFC 3339 instant, e.g. 2026-12-01T09:00:00Z");
        }
    }

    private static AuditEvent event(Document d) {
        AuditEvent.Builder event = AuditEvent.newBuilder()
                .setId(d.getObjectId("_id").toHexString())
                .setAt(d.getDate("at")
                        .toInstant()
                        .truncatedTo(ChronoUnit.MILLIS)
                        .toString())
                .setService(text(d, "service"))
                .setCaller(text(d, "caller"))
                .setCallerName(text(d, "caller_name"))
                .setCallerIssuer(text(d, "caller_issuer"))
                .setClientId(text(d, "client_id"))
                .addAllRoles(d.getList("roles", String.class, List.of()))
                .addAllSchoolUrns(d.getList("school_urns", String.class, List.of()))
                .setProfessionalId(text(d, "professional_id"))
                .setViaService(text(d, "via_service"))
                .setAction(text(d, "action"))
                .setPurpose(text(d, "purpose"))
                .setOutcomeValue(ClosedSets.byJsonName(AuditOutcome.getDescriptor(), text(d, "outcome"))
                        .map(EnumValueDescriptor::getNumber)
                        .orElse(0))
                .setDetail(text(d, "detail"))
                .setCorrelationId(text(d, "correlation_id"));
        for (Document subject : d.getList("subjects", Document.class, List.of())) {
            event.addSubjects(AuditSubjects.of(text(subject, "kind"), text(subject, "id")));
        }
        return event.build();
    }

    private static String text(Document d, String field) {
        String value = d.getString(field);
        return value == null ? "" : value;
    }
}
