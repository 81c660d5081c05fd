package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.events.PlatformEventTypes;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportStatus;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.ReviewAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReviewDecision;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReportPage;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Absence reports, the school's use cases: the school (its own) and the LA list and read the
 * reports sent about its pupils, each matched to the roll, and acknowledge or query them (a query's
 * note is shown to the parent). Audited.
 */
public final class SchoolAbsenceReviews {

    private final AbsenceReportStore reports;
    private final AbsenceReportLookup lookup;
    private final AuditLog audit;
    private final Clock clock;

    public SchoolAbsenceReviews(AbsenceReportStore reports, AbsenceReportLookup lookup, AuditLog audit, Clock clock) {
        this.reports = reports;
        this.lookup = lookup;
        this.audit = audit;
        this.clock = clock;
    }

    public SchoolAbsenceReportPage listAtSchool(ListSchoolAbsenceReportsRequest request) {
        CallerContext caller = AbsenceReportLookup.requireOwnSchoolOrLa(request.getUrn());
        lookup.school(request.getUrn());
        FieldChecks checks = new FieldChecks();
        LocalDate from = checks.date(request.getFrom(), "from", false);
        LocalDate to = checks.date(request.getTo(), "to", false);
        checks.inOrder(from, to, "to", "to is not before from");
        if (request.getStatus() == AbsenceReportStatus.UNRECOGNIZED) {
            checks.fail("status", "status is reported, acknowledged, queried or cancelled");
        }
        String after = AbsenceReportLookup.modifiedAfter(request.getModifiedAfter(), checks);
        Paging paging = AbsenceReportLookup.paging(request.getPage(), checks);
        checks.throwIfAny("The query is not valid");
        Page<AbsenceReportRecord> page =
                reports.atSchool(request.getUrn(), from, to, request.getStatus(), after, paging);
        List<Pupil> roll = lookup.roll(request.getUrn());
        List<SchoolAbsenceReport> contents = page.contents().stream()
                .map(r -> AbsenceReportLookup.schoolView(r, 0, roll))
                .toList();
        List<AuditSubject> subjects = new ArrayList<>(List.of(AuditSubjects.school(request.getUrn())));
        contents.forEach(r -> subjects.addAll(AbsenceReportLookup.subjects(r)));
        audit.record(caller, "list-school-absence-reports", "read " + contents.size(), subjects);
        return SchoolAbsenceReportPage.newBuilder()
                .setPage(page.info())
                .addAllContents(contents)
                .build();
    }

    public SchoolAbsenceReport getAtSchool(GetSchoolAbsenceReportRequest request) {
        CallerContext caller = AbsenceReportLookup.requireOwnSchoolOrLa(request.getUrn());
        StoredRecord<AbsenceReportRecord> stored = lookup.atSchool(request.getUrn(), request.getId());
        SchoolAbsenceReport view =
                AbsenceReportLookup.schoolView(stored.body(), stored.version(), lookup.roll(request.getUrn()));
        audit.record(caller, "read-school-absence-report", "read", AbsenceReportLookup.subjects(view));
        return view;
    }

    /** The school acknowledges a report, or queries it with a note the app shows the parent. */
    public SchoolAbsenceReport review(ReviewAbsenceReportRequest request) {
        CallerContext caller = AbsenceReportLookup.requireOwnSchoolOrLa(request.getUrn());
        StoredRecord<AbsenceReportRecord> stored =
                lookup.atSchool(request.getUrn(), request.getId()).atVersion(request.getExpectedVersion());
        FieldChecks checks = new FieldChecks();
        if (!ClosedSets.given(request.getDecision())) {
            checks.fail("/decision", "decision is acknowledged or queried");
        }
        checks.text(
                request.getNote(),
                "/note",
                TextLimits.NOTE,
                request.getDecision() == ReviewDecision.REVIEW_DECISION_QUERIED);
        checks.throwIfAny("The review is not valid");
        if (stored.body().getReport().getStatus() == AbsenceReportRules.CANCELLED) {
            throw new ConflictException("/decision", "the parent cancelled this report");
        }
        String now = CityTime.timestamp(clock);
        AbsenceReportRecord record = stored.body().toBuilder()
                .setReport(stored.body().getReport().toBuilder()
                        .setStatus(AbsenceReportRules.statusAfter(request.getDecision()))
                        .setSchoolNote(request.getNote().strip())
                        .setUpdatedAt(now))
                .setReviewedBy(caller.getSubject())
                .setReviewedAt(now)
                .build();
        long version = reports.replace(
                record,
                request.getExpectedVersion(),
                caller.getSubject(),
                AttendanceEvents.absenceReport(PlatformEventTypes.ABSENCE_REPORT_REVIEWED, record));
        SchoolAbsenceReport view = AbsenceReportLookup.schoolView(record, version, lookup.roll(request.getUrn()));
        audit.record(
                caller,
                "review-absence-report",
                ClosedSets.jsonName(request.getDecision()),
                AbsenceReportLookup.subjects(view));
        return view;
    }
}
