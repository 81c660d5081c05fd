package uk.portsmouth.cfe.attendance.app;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReport;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;

/**
 * What the absence-report use cases share: finding a report the caller may know of (an app's own,
 * or one at the school asked for: "not found" otherwise), the roll it is matched against, each
 * party's view of a report, its audit subjects, and the checks of a list's query.
 */
public final class AbsenceReportLookup {

    private final SchoolStore schools;
    private final PupilStore pupils;
    private final AbsenceReportStore reports;

    public AbsenceReportLookup(SchoolStore schools, PupilStore pupils, AbsenceReportStore reports) {
        this.schools = schools;
        this.pupils = pupils;
        this.reports = reports;
    }

    /** The caller, if it is the school {@code urn} itself or the LA: a school's reports are theirs alone. */
    static CallerContext requireOwnSchoolOrLa(String urn) {
        return CallerContexts.requireOwnSchoolOrRole(
                urn, CallerContexts.LA_ROLES, "Only the school itself or the LA reads a school's absence reports");
    }

    /** A report this app sent; any other is "not found", so an app learns nothing of others' reports. */
    StoredRecord<AbsenceReportRecord> sentBy(CallerContext caller, String id) {
        return reports.find(id)
                .filter(r -> r.body().getCreatedByClient().equals(caller.getClientId()))
                .orElseThrow(() -> new NotFoundException("absence report", id));
    }

    StoredRecord<AbsenceReportRecord> atSchool(String urn, String id) {
        school(urn);
        return reports.find(id)
                .filter(r -> r.body().getReport().getSchoolUrn().equals(urn))
                .orElseThrow(() -> new NotFoundException("absence report", id));
    }

    School school(String urn) {
        return schools.find(urn).map(StoredRecord::body).orElseThrow(() -> new NotFoundException("school", urn));
    }

    List<Pupil> roll(String urn) {
        return List.copyOf(pupils.all(urn).values());
    }

    static AppAbsenceReport appView(StoredRecord<AbsenceReportRecord> stored) {
        return stored.body().getReport().toBuilder()
                .setVersion(stored.version())
                .build();
    }

    static SchoolAbsenceReport schoolView(AbsenceReportRecord record, long version, List<Pupil> roll) {
        return SchoolAbsenceReport.newBuilder()
                .setReport(record.getReport().toBuilder().setVersion(version))
                .setMatch(AbsenceReportRules.match(record.getReport().getChild(), roll))
                .setReviewedBy(record.getReviewedBy())
                .setReviewedAt(record.getReviewedAt())
                .setMarksRecordedAt(record.getMarksRecordedAt())
                .setMarksRecordedUpn(record.getMarksRecordedUpn())
                .build();
    }

    static List<AuditSubject> subjects(AbsenceReportRecord record) {
        List<AuditSubject> subjects = new ArrayList<>(List.of(
                AuditSubjects.of("absence_report", record.getReport().getId()),
                AuditSubjects.school(record.getReport().getSchoolUrn())));
        if (!record.getReport().getChild().getUpn().isEmpty()) {
            subjects.add(AuditSubjects.upn(record.getReport().getChild().getUpn()));
        }
        return subjects;
    }

    static List<AuditSubject> subjects(SchoolAbsenceReport view) {
        List<AuditSubject> subjects = new ArrayList<>(
                List.of(AuditSubjects.of("absence_report", view.getReport().getId())));
        if (!view.getMatch().getUpn().isEmpty()) {
            subjects.add(AuditSubjects.upn(view.getMatch().getUpn()));
        }
        return subjects;
    }

    /** {@code modified_after} as stored timestamps compare (empty when not given). */
    static String modifiedAfter(String value, FieldChecks checks) {
        if (value.isEmpty()) {
            return "";
        }
        try {
            return AbsenceReportStore.sortable(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            checks.fail("modified_after", "modified_after is an RFC 3339 date-time, e.g. 2026-12-01T08:00:00Z");
            return "";
        }
    }

    static Paging paging(PageRequest page, FieldChecks checks) {
        try {
            return Paging.of(page);
        } catch (InvalidInputException e) {
            checks.addAll(e.errors());
            return null;
        }
    }
}
