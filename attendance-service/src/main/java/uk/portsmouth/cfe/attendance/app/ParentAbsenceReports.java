package uk.portsmouth.cfe.attendance.app;

import com.google.type.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.IllnessGuidanceTable;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.events.PlatformEventTypes;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReportPage;
import uk.portsmouth.cfe.proto.attendance.v1.CreateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessGuidanceList;
import uk.portsmouth.cfe.proto.attendance.v1.ListOwnAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Absence reports, the parents' app's use cases: an app (role {@code parent_app}) reports a child
 * off school, and reads back, updates and cancels only the reports it sent; what it is told never
 * depends on the school's roll. Audited.
 */
public final class ParentAbsenceReports {
    private static final List<String> APP = List.of(Roles.PARENT_APP);
    private static final String APP_ONLY = "Only a parents' app reports absences";

    private final SchoolStore schools;
    private final AbsenceReportStore reports;
    private final IllnessGuidanceTable guidance;
    private final AcademicCalendar calendar;
    private final AbsenceReportLookup lookup;
    private final OutbreakWatch outbreaks;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxSchoolDaysAhead;

    public ParentAbsenceReports(
            SchoolStore schools,
            AbsenceReportStore reports,
            IllnessGuidanceTable guidance,
            AcademicCalendar calendar,
            AbsenceReportLookup lookup,
            OutbreakWatch outbreaks,
            AuditLog audit,
            Clock clock,
            int maxSchoolDaysAhead) {
        this.schools = schools;
        this.reports = reports;
        this.guidance = guidance;
        this.calendar = calendar;
        this.lookup = lookup;
        this.outbreaks = outbreaks;
        this.audit = audit;
        this.clock = clock;
        this.maxSchoolDaysAhead = maxSchoolDaysAhead;
    }

    public AppAbsenceReport create(CreateAbsenceReportRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(APP, APP_ONLY);
        LocalDate today = CityTime.today(clock);
        AbsenceReportRules.validate(
                request, guidance.categories(), new AbsenceReportRules.Limits(calendar, today, maxSchoolDaysAhead));
        if (schools.find(request.getSchoolUrn()).isEmpty()) {
            throw InvalidInputException.of("/school_urn", "no school has this URN");
        }
        String now = CityTime.timestamp(clock);
        AppAbsenceReport.Builder report = AppAbsenceReport.newBuilder()
                .setId("ar-" + UUID.randomUUID())
                .setSchoolUrn(request.getSchoolUrn())
                .setChild(request.getChild().toBuilder()
                        .setGivenName(request.getChild().getGivenName().strip())
                        .setFamilyName(request.getChild().getFamilyName().strip()))
                .setReporter(request.getReporter().toBuilder()
                        .setName(request.getReporter().getName().strip()))
                .setFirstDay(request.getFirstDay())
                .setExpectedReturn(request.getExpectedReturn())
                .setReason(request.getReason())
                .setSymptomCategory(request.getSymptomCategory())
                .setNote(request.getNote().strip())
                .setStatus(AbsenceReportRules.REPORTED)
                .setCreatedAt(now)
                .setUpdatedAt(now);
        guidance.of(request.getSymptomCategory()).ifPresent(report::setGuidance);
        AbsenceReportRecord record = AbsenceReportRecord.newBuilder()
                .setReport(report)
                .setCreatedByClient(caller.getClientId())
                .build();
        reports.insert(
                record,
                caller.getSubject(),
                AttendanceEvents.absenceReport(PlatformEventTypes.ABSENCE_REPORT_CREATED, record));
        outbreaks.reported(record.getReport());
        audit.record(
                caller,
                "create-absence-report",
                ClosedSets.jsonName(request.getReason()),
                AbsenceReportLookup.subjects(record));
        return report.setVersion(1).build();
    }

    public AppAbsenceReport getOwn(GetAbsenceReportRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(APP, APP_ONLY);
        StoredRecord<AbsenceReportRecord> stored = lookup.sentBy(caller, request.getId());
        audit.record(caller, "read-absence-report", "read", AbsenceReportLookup.subjects(stored.body()));
        return AbsenceReportLookup.appView(stored);
    }

    public AppAbsenceReportPage listOwn(ListOwnAbsenceReportsRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(APP, APP_ONLY);
        FieldChecks checks = new FieldChecks();
        String after = AbsenceReportLookup.modifiedAfter(request.getModifiedAfter(), checks);
        Paging paging = AbsenceReportLookup.paging(request.getPage(), checks);
        checks.throwIfAny("The query is not valid");
        Page<AbsenceReportRecord> page = reports.sentBy(caller.getClientId(), after, paging);
        audit.record(
                caller,
                "list-absence-reports",
                "read " + page.contents().size(),
                page.contents().stream()
                        .map(r ->
                                AuditSubjects.of("absence_report", r.getReport().getId()))
                        .toList());
        return AppAbsenceReportPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents().stream()
                        .map(AbsenceReportRecord::getReport)
                        .toList())
                .build();
    }

    /** The app says the child is back, or still ill (a new expected return), or cancels the report. */
    public AppAbsenceReport update(UpdateAbsenceReportRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(APP, APP_ONLY);
        StoredRecord<AbsenceReportRecord> stored =
                lookup.sentBy(caller, request.getId()).atVersion(request.getExpectedVersion());
        AppAbsenceReport report = stored.body().getReport();
        FieldChecks checks = new FieldChecks();
        int said = (!Dates.given(request.getReturnedOn()) ? 0 : 1)
                + (!Dates.given(request.getExpectedReturn()) ? 0 : 1)
                + (request.getCancelled() ? 1 : 0);
        if (said != 1) {
            checks.fail("/returned_on", "say one of returned_on, expected_return or cancelled");
        }
        LocalDate firstDay = Dates.toLocalDate(report.getFirstDay());
        LocalDate latest = CityTime.today(clock).plusDays(AbsenceReportRules.MAX_DAYS_BACK);
        for (String field : List.of("returned_on", "expected_return")) {
            Date value = field.equals("returned_on") ? request.getReturnedOn() : request.getExpectedReturn();
            LocalDate day = checks.date(value, "/" + field, false);
            AbsenceReportRules.checkReturn(firstDay, day, "/" + field, checks);
            if (day != null && day.isAfter(latest)) {
                checks.fail("/" + field, field + " is at most " + AbsenceReportRules.MAX_DAYS_BACK + " days ahead");
            }
        }
        checks.text(request.getNote(), "/note", TextLimits.NOTE, false);
        checks.throwIfAny("The update is not valid");
        if (report.getStatus() == AbsenceReportRules.CANCELLED) {
            throw new ConflictException("/cancelled", "the report is cancelled: send a new one");
        }
        AppAbsenceReport.Builder updated = report.toBuilder().setUpdatedAt(CityTime.timestamp(clock));
        if (request.getCancelled()) {
            updated.setStatus(AbsenceReportRules.CANCELLED);
        } else if (Dates.given(request.getReturnedOn())) {
            updated.setReturnedOn(request.getReturnedOn());
        } else {
            updated.setExpectedReturn(request.getExpectedReturn()).clearReturnedOn();
        }
        if (!request.getNote().isBlank()) {
            updated.setNote(request.getNote().strip());
        }
        AbsenceReportRecord record =
                stored.body().toBuilder().setReport(updated).build();
        long version = reports.replace(
                record,
                request.getExpectedVersion(),
                caller.getSubject(),
                AttendanceEvents.absenceReport(PlatformEventTypes.ABSENCE_REPORT_UPDATED, record));
        String what =
                request.getCancelled() ? "cancelled" : !Dates.given(request.getReturnedOn()) ? "still ill" : "back";
        audit.record(caller, "update-absence-report", what, AbsenceReportLookup.subjects(record));
        return updated.setVersion(version).build();
    }

    public IllnessGuidanceList guidance() {
        return IllnessGuidanceList.newBuilder().addAllCategories(guidance.all()).build();
    }
}
