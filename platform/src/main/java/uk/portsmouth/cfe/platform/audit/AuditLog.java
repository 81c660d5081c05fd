package uk.portsmouth.cfe.platform.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Every read or write of personal data leaves a record in the owning service's "audit" collection:
 * who (subject, client, roles), what, which record, when, with what outcome, and the correlation id
 * that ties it to the request. Records are only ever added.
 */
public final class AuditLog {

    private final MongoCollection<Document> audit;
    private final Clock clock;

    public AuditLog(MongoDatabase database, Clock clock) {
        this.audit = database.getCollection("audit");
        this.clock = clock;
    }

    public void record(CallerContext caller, String action, String recordId, String outcome) {
        audit.insertOne(new Document("at", Date.from(clock.instant()))
                .append("subject", caller.getSubject())
                .append("client_id", caller.getClientId())
                .append("roles", caller.getRolesList())
                .append("action", action)
                .append("record", recordId)
                .append("outcome", outcome)
                .append("correlation_id", caller.getCorrelationId()));
    }

    /** How many records mention {@code recordId} (for tests and reports). */
    public long count(String recordId) {
        return audit.countDocuments(new Document("record", recordId));
    }
}
