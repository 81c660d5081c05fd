package uk.portsmouth.cfe.attendance.app;

import com.google.protobuf.Struct;
import java.util.List;
import uk.portsmouth.cfe.platform.events.EventData;
import uk.portsmouth.cfe.platform.events.EventDraft;
import uk.portsmouth.cfe.platform.events.PlatformEventTypes;
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

    private AttendanceEvents() {}

    /** The event {@code type} for {@code record} as just written, heard by its school and the app that sent it. */
    static List<EventDraft> absenceReport(String type, AbsenceReportRecord record) {
        AppAbsenceReport report = record.getReport();
        Struct data = EventData.of()
                .text("id", report.getId())
                .text("school_urn", report.getSchoolUrn())
                .text("status", ClosedSets.jsonName(report.getStatus()))
                .text("reason", ClosedSets.jsonName(report.getReason()))
                .text("first_day", Dates.text(report.getFirstDay()))
                .text("updated_at", report.getUpdatedAt())
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
        Struct data = EventData.of()
                .text("id", removal.getId())
                .text("urn", removal.getUrn())
                .text("deletion_date", Dates.text(removal.getDeletionDate()))
                .text("ground", removal.getGround())
                .flag("late", removal.getLate())
                .text("cme_case_id", removal.getCmeCaseId())
                .build();
        return List.of(new EventDraft(
                PlatformEventTypes.ROLL_REMOVAL_NOTIFIED,
                removal.getId(),
                removal.getNotifiedAt(),
                PlatformServices.ATTENDANCE.serviceName(),
                removal.getUrn(),
                "",
                data));
    }

    /** A child missing education: the case a removal opened (the LA hears it). */
    static List<EventDraft> cmeCaseOpened(CmeCase cmeCase) {
        Struct data = EventData.of()
                .text("id", cmeCase.getId())
                .text("from_urn", cmeCase.getFromUrn())
                .text("removal_id", cmeCase.getRemovalId())
                .text("reason", cmeCase.getReason())
                .text("status", ClosedSets.jsonName(cmeCase.getStatus()))
                .text("opened_at", cmeCase.getOpenedAt())
                .build();
        return List.of(new EventDraft(
                PlatformEventTypes.CME_CASE_OPENED,
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
        Struct data = EventData.of()
                .text("id", raised.getId())
                .text("school_urn", alert.getUrn())
                .text("school_name", alert.getSchoolName())
                .text("symptom_category", alert.getSymptomCategory())
                .number("reports", alert.getReports())
                .text("window_from", Dates.text(alert.getWindowFrom()))
                .text("window_to", Dates.text(alert.getWindowTo()))
                .number("threshold", raised.getThreshold())
                .number("window_days", raised.getWindowDays())
                .text("raised_at", raised.getRaisedAt())
                .build();
        return List.of(new EventDraft(
                PlatformEventTypes.OUTBREAK_ALERT,
                raised.getId(),
                raised.getRaisedAt(),
                PlatformServices.ATTENDANCE.serviceName(),
                alert.getUrn(),
                "",
                data));
    }
}
