package uk.portsmouth.cfe.attendance.app;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCase;
import uk.portsmouth.cfe.proto.attendance.v1.OutbreakAlert;
import uk.portsmouth.cfe.proto.attendance.v1.RaisedOutbreakAlert;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemoval;

/**
 * The events the attendance service's writes cause (docs/webhooks.md): a parents' absence report
 * created, updated by the parent, reviewed by the school; a removal from the roll notified, and the
 * CME case it opened; an outbreak alert raised. The payload carries ids and what a receiver acts on, never a child's or a
 * parent's name: a receiver reads the record through the API, as its role lets it.
 */
final class AttendanceEvents {

    static final String CREATED = "absence-report.created";
    static final String UPDATED = "absence-report.updated";
    static final String REVIEWED = "absence-report.reviewed";
    static final String ROLL_REMOVAL_NOTIFIED = "roll-removal.notified";
    static final String CME_CASE_OPENED = "cme-case.opened";
    static final String OUTBREAK_ALERT = "attendance.outbreak-alert";

    private AttendanceEvents() {}

    /** The event {@code type} for {@code record} as just written, heard by its school and the app that sent it. */
    static List<EventDraft> absenceReport(String type, AbsenceReportRecord record) {
        AppAbsenceReport report = record.getReport();
        Struct data = Struct.newBuilder()
                .putFields("id", text(report.getId()))
                .putFields("school_urn", text(report.getSchoolUrn()))
                .putFields("status", text(ClosedSets.jsonName(report.getStatus())))
                .putFields("reason", text(ClosedSets.jsonName(report.getReason())))
                .putFields("first_day", text(Dates.text(report.getFirstDay())))
                .putFields("updated_at", text(report.getUpdatedAt()))
                .build();
        return List.of(new EventDraft(
                type,
                report.getId(),
                report.getUpdatedAt(),
                PlatformServices.ATTENDANCE.serviceName(),
                report.getSchoolUrn(),
                record.getCreatedByClient(),
                data));
    }

    /** A removal from the roll notified by its school (the LA hears it). */
    static List<EventDraft> rollRemovalNotified(RollRemoval removal) {
        Struct data = Struct.newBuilder()
                .putFields("id", text(removal.getId()))
                .putFields("urn", text(removal.getUrn()))
                .putFields("deletion_date", text(Dates.text(removal.getDeletionDate())))
                .putFields("ground", text(removal.getGround()))
                .putFields(
                        "late",
                        Value.newBuilder().setBoolValue(removal.getLate()).build())
                .putFields("cme_case_id", text(removal.getCmeCaseId()))
                .build();
        return List.of(new EventDraft(
                ROLL_REMOVAL_NOTIFIED,
                removal.getId(),
                removal.getNotifiedAt(),
                PlatformServices.ATTENDANCE.serviceName(),
                removal.getUrn(),
                "",
                data));
    }

    /** A child missing education: the case a removal opened (the LA hears it). */
    static List<EventDraft> cmeCaseOpened(CmeCase cmeCase) {
        Struct data = Struct.newBuilder()
                .putFields("id", text(cmeCase.getId()))
                .putFields("from_urn", text(cmeCase.getFromUrn()))
                .putFields("removal_id", text(cmeCase.getRemovalId()))
                .putFields("reason", text(cmeCase.getReason()))
                .putFields("status", text(ClosedSets.jsonName(cmeCase.getStatus())))
                .putFields("opened_at", text(cmeCase.getOpenedAt()))
                .build();
        return List.of(new EventDraft(
                CME_CASE_OPENED,
                cmeCase.getId(),
                cmeCase.getOpenedAt(),
                PlatformServices.ATTENDANCE.serviceName(),
                cmeCase.getFromUrn(),
                "",
                data));
    }

    /** An outbreak alert raised (the LA hears it): the school and the counts, no child. */
    static List<EventDraft> outbreakAlert(RaisedOutbreakAlert raised) {
        OutbreakAlert alert = raised.getAlert();
        Struct data = Struct.newBuilder()
                .putFields("id", text(raised.getId()))
                .putFields("school_urn", text(alert.getUrn()))
                .putFields("school_name", text(alert.getSchoolName()))
                .putFields("symptom_category", text(alert.getSymptomCategory()))
                .putFields("reports", number(alert.getReports()))
                .putFields("window_from", text(Dates.text(alert.getWindowFrom())))
                .putFields("window_to", text(Dates.text(alert.getWindowTo())))
                .putFields("threshold", number(raised.getThreshold()))
                .putFields("window_days", number(raised.getWindowDays()))
                .putFields("raised_at", text(raised.getRaisedAt()))
                .build();
        return List.of(new EventDraft(
                OUTBREAK_ALERT,
                raised.getId(),
                raised.getRaisedAt(),
                PlatformServices.ATTENDANCE.serviceName(),
                alert.getUrn(),
                "",
                data));
    }

    private static Value number(int value) {
        return Value.newBuilder().setNumberValue(value).build();
    }

    private static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }
}
