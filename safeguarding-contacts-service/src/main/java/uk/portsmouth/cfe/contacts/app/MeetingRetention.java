package uk.portsmouth.cfe.contacts.app;

import java.time.Period;
import uk.portsmouth.cfe.contacts.domain.MeetingSchedule;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.retention.AuditRetention;
import uk.portsmouth.cfe.platform.retention.RetentionRule;
import uk.portsmouth.cfe.proto.common.v1.RetentionAction;

/**
 * How long the contacts service keeps what: the pupil lists of Severely Absent Meetings for a year
 * after the meeting (the school and the attendance service keep the measures themselves), and its
 * audit trail.
 */
public final class MeetingRetention {

    private MeetingRetention() {}

    public static RetentionRule[] rules(MeetingRecordStore records, AuditLog audit) {
        return new RetentionRule[] {
            new RetentionRule(
                    "severe_absence_pupil_lists",
                    "The pupils a Severely Absent Meeting discussed: a year after the meeting, then removed from it",
                    Period.ofYears(1),
                    RetentionAction.RETENTION_ACTION_ANONYMISE,
                    cutoff -> records.pupilListsBefore(
                            cutoff.atZone(MeetingSchedule.PORTSMOUTH).toLocalDateTime(), false),
                    cutoff -> records.pupilListsBefore(
                            cutoff.atZone(MeetingSchedule.PORTSMOUTH).toLocalDateTime(), true)),
            AuditRetention.auditEvents(audit)
        };
    }
}
