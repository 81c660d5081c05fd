package uk.portsmouth.cfe.platform.retention;

import java.time.Period;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.proto.common.v1.RetentionAction;

/** The rule every service keeps for its own audit trail. */
public final class AuditRetention {

    private AuditRetention() {}

    /** Audit events go {@code retention.audit-events} after they were recorded (LA policy; P6Y unless set). */
    public static RetentionRule auditEvents(AuditLog audit) {
        return new RetentionRule(
                "audit_events",
                "Who read or changed personal data: kept for the LA's policy period after the event",
                Period.ofYears(6),
                RetentionAction.RETENTION_ACTION_DELETE,
                cutoff -> audit.recordedBefore(cutoff, false),
                cutoff -> audit.recordedBefore(cutoff, true));
    }
}
