package uk.portsmouth.cfe.fsp.app;

import java.time.Period;
import java.time.ZoneOffset;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.fsp.store.ReviewReminderStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.retention.AuditRetention;
import uk.portsmouth.cfe.platform.retention.RetentionRule;
import uk.portsmouth.cfe.proto.common.v1.RetentionAction;

/**
 * How long the FSP service keeps what: closed plans for the LA's period after closure, the review
 * reminders it gave for a year, and its audit trail.
 */
public final class PlanRetention {

    private PlanRetention() {}

    public static RetentionRule[] rules(PlanStore plans, ReviewReminderStore reminders, AuditLog audit) {
        return new RetentionRule[] {
            new RetentionRule(
                    "closed_plans",
                    "Family Support Plans, whole, once closed: the LA's period after the closure date",
                    Period.ofYears(6),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> plans.closedBefore(cutoff.atOffset(ZoneOffset.UTC).toLocalDate(), false),
                    cutoff -> plans.closedBefore(cutoff.atOffset(ZoneOffset.UTC).toLocalDate(), true)),
            new RetentionRule(
                    "review_reminders",
                    "Reminders that a plan's review was due or overdue (the plan keeps its reviews): a year",
                    Period.ofYears(1),
                    RetentionAction.RETENTION_ACTION_DELETE,
                    cutoff -> reminders.givenBefore(cutoff, false),
                    cutoff -> reminders.givenBefore(cutoff, true)),
            AuditRetention.auditEvents(audit)
        };
    }
}
