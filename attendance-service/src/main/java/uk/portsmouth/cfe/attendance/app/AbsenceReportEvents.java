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

/**
 * The events a parents' absence report's writes cause (docs/webhooks.md): created, updated by the
 * parent, reviewed by the school. The payload carries ids and what a receiver acts on, never the
 * child's or the parent's details: a receiver reads the report through the API, as its role lets it.
 */
final class AbsenceReportEvents {

    static final String CREATED = "absence-report.created";
    static final String UPDATED = "absence-report.updated";
    static final String REVIEWED = "absence-report.reviewed";

    private AbsenceReportEvents() {}

    /** The event {@code type} for {@code record} as just written, heard by its school and the app that sent it. */
    static List<EventDraft> of(String type, AbsenceReportRecord record) {
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

    private static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }
}
