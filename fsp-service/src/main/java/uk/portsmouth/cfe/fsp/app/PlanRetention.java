package uk.portsmouth.cfe.fsp.app;

import java.time.Period;
import java.time.ZoneOffset;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.retention.AuditRetention;
import uk.portsmouth.cfe.platform.retention.RetentionRule;
import uk.portsmouth.cfe.proto.common.v1.RetentionAction;

/** How long the FSP service keeps what: closed plans for the LA's period after closure, and its audit trail. */
public final class PlanRetention {

    private PlanRetention() {}

    public static RetentionRule[] rules(PlanStore plans, AuditLog audit) {
        return new RetentionRule[] {
            new RetentionRule(
                    "closed_plans",
                    "Family Support Plans, whole, once closed: the LA's period after the closure date",
                    Period.ofYears(6),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> plans.closedBefore(cutoff.atOffset(ZoneOffset.UTC).toLocalDate(), false),
                    cutoff -> plans.closedBefore(cutoff.atOffset(ZoneOffset.UTC).toLocalDate(), true)),
            AuditRetention.auditEvents(audit)
        };
    }
}
