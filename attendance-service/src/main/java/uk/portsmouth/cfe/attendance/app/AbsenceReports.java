package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.IllnessGuidanceTable;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.errors.VersionConflictException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.reference.TextLimits;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportMarks;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReportPage;
import uk.portsmouth.cfe.proto.attendance.v1.CreateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetIllnessSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessCount;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessGuidanceList;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessSummary;
import uk.portsmouth.cfe.proto.attendance.v1.ListOwnAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolAbsenceReportsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.OutbreakAlert;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.RecordAbsenceReportMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReviewAbsenceReportRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RollMatch;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolAbsenceReportPage;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksReply;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitMarksRequest;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateAbsenceReportRequest;
import uk.portsmouth.cfe.proto.common.v1.AuditSubject;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;

/**
 * Parents' absence reports. A parents' app (role {@code parent_app}) reports a child off school and
 * reads back, updates and cancels only the reports it sent; what it is told never depends on the
 * school's roll. The school (its own) and the LA see reports matched to the roll, acknowledge or
 * query them, and have the platform record illness or medical-appointment marks as an ordinary
 * batch. The LA sees counts without names, and possible outbreaks.
 */
public final class AbsenceReports {

    private static final List<String> APP = List.of(Roles.PARENT_APP);
    private static final List<String> LA = CallerContexts.LA_ROLES;
    private static final String APP_ONLY = "Only a parents' app reports absences";
    private static final String OWN_SCHOOL_OR_LA = "Only the school itself or the LA reads a school's absence reports";
    private static final int MAX_SUMMARY_DAYS = 92;

    /** Settings: how far ahead a first day may be (school days), and the outbreak alert's threshold and window. */
    public record Settings(int maxSchoolDaysAhead, int outbreakThreshold, int outbreakWindowDays) {}

    private final SchoolStore schools;
    private final PupilStore pupils;
    private final AbsenceReportStore reports;
    private final SchoolAttendance attendance;
    private final IllnessGuidanceTable guidance;
    private final AcademicCalendar calendar;
    private final Settings settings;
    private final AuditLog audit;
    private final Clock clock;

    public AbsenceReports(
            SchoolStore schools,
            PupilStore pupils,
            AbsenceReportStore reports,
            SchoolAttendance attendance,
            IllnessGuidanceTable guidance,
            AcademicCalendar calendar,
            Settings settings,
            AuditLog audit,
            Clock clock) {
        this.schools = schools;
        this.pupils = pupils;
        this.reports = reports;
        this.attendance = attendance;
        this.guidance = guidance;
        this.calendar = calendar;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    // --- the parents' app -------------------------------------------------------------------------

    public AppAbsenceReport create(CreateAbsenceReportRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(APP, APP_ONLY);
        LocalDate today = CityTime.today(clock);
        AbsenceReportRules.validate(
                request,
                guidance.categories(),
                new AbsenceReportRules.Limits(calendar, today, settings.maxSchoolDaysAhead()));
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
        reports.insert(record, caller.getSubject());
        audit.record(caller, "create-absence-report", request.getReason(), subjects(record));
        return report.setVersion(1).build();
    }

    public AppAbsenceReport getOwn(GetAbsenceReportRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(APP, APP_ONLY);
        StoredRecord<AbsenceReportRecord> stored = sentBy(caller, request.getId());
        audit.record(caller, "read-absence-report", "read", subjects(stored.body()));
        return appView(stored);
    }

    public AppAbsenceReportPage listOwn(ListOwnAbsenceReportsRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(APP, APP_ONLY);
        FieldChecks checks = new FieldChecks();
        String after = modifiedAfter(request.getModifiedAfter(), checks);
        Paging paging = paging(request.getPage(), checks);
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
                sentBy(caller, request.getId()).atVersion(request.getExpectedVersion());
        AppAbsenceReport report = stored.body().getReport();
        FieldChecks checks = new FieldChecks();
        int said = (request.getReturnedOn().isEmpty() ? 0 : 1)
                + (request.getExpectedReturn().isEmpty() ? 0 : 1)
                + (request.getCancelled() ? 1 : 0);
        if (said != 1) {
            checks.fail("/returned_on", "say one of returned_on, expected_return or cancelled");
        }
        LocalDate firstDay = LocalDate.parse(report.getFirstDay());
        LocalDate latest = CityTime.today(clock).plusDays(AbsenceReportRules.MAX_DAYS_BACK);
        for (String field : List.of("returned_on", "expected_return")) {
            String value = field.equals("returned_on") ? request.getReturnedOn() : request.getExpectedReturn();
            LocalDate day = AbsenceReportRules.date(value, "/" + field, false, checks);
            AbsenceReportRules.checkReturn(firstDay, day, "/" + field, checks);
            if (day != null && day.isAfter(latest)) {
                checks.fail("/" + field, field + " is at most " + AbsenceReportRules.MAX_DAYS_BACK + " days ahead");
            }
        }
        checks.text(request.getNote(), "/note", TextLimits.NOTE, false);
        checks.throwIfAny("The update is not valid");
        if (report.getStatus().equals(AbsenceReportRules.CANCELLED)) {
            throw new ConflictException("/cancelled", "the report is cancelled: send a new one");
        }
        AppAbsenceReport.Builder updated = report.toBuilder().setUpdatedAt(CityTime.timestamp(clock));
        if (request.getCancelled()) {
            updated.setStatus(AbsenceReportRules.CANCELLED);
        } else if (!request.getReturnedOn().isEmpty()) {
            updated.setReturnedOn(request.getReturnedOn());
        } else {
            updated.setExpectedReturn(request.getExpectedReturn()).clearReturnedOn();
        }
        if (!request.getNote().isBlank()) {
            updated.setNote(request.getNote().strip());
        }
        AbsenceReportRecord record =
                stored.body().toBuilder().setReport(updated).build();
        long version = reports.replace(record, request.getExpectedVersion(), caller.getSubject());
        String what =
                request.getCancelled() ? "cancelled" : request.getReturnedOn().isEmpty() ? "still ill" : "back";
        audit.record(caller, "update-absence-report", what, subjects(record));
        return updated.setVersion(version).build();
    }

    public IllnessGuidanceList guidance() {
        return IllnessGuidanceList.newBuilder().addAllCategories(guidance.all()).build();
    }

    // --- the school and the LA --------------------------------------------------------------------

    public SchoolAbsenceReportPage listAtSchool(ListSchoolAbsenceReportsRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        school(request.getUrn());
        FieldChecks checks = new FieldChecks();
        LocalDate from = AbsenceReportRules.date(request.getFrom(), "from", false, checks);
        LocalDate to = AbsenceReportRules.date(request.getTo(), "to", false, checks);
        checks.inOrder(from, to, "to", "to is not before from");
        if (!request.getStatus().isEmpty() && !AbsenceReportRules.STATUSES.contains(request.getStatus())) {
            checks.fail("status", "status is reported, acknowledged, queried or cancelled");
        }
        String after = modifiedAfter(request.getModifiedAfter(), checks);
        Paging paging = paging(request.getPage(), checks);
        checks.throwIfAny("The query is not valid");
        Page<AbsenceReportRecord> page =
                reports.atSchool(request.getUrn(), from, to, request.getStatus(), after, paging);
        List<Pupil> roll = roll(request.getUrn());
        List<SchoolAbsenceReport> contents =
                page.contents().stream().map(r -> schoolView(r, 0, roll)).toList();
        List<AuditSubject> subjects = new ArrayList<>(List.of(AuditSubjects.school(request.getUrn())));
        contents.forEach(r -> subjects.addAll(subjects(r)));
        audit.record(caller, "list-school-absence-reports", "read " + contents.size(), subjects);
        return SchoolAbsenceReportPage.newBuilder()
                .setPage(page.info())
                .addAllContents(contents)
                .build();
    }

    public SchoolAbsenceReport getAtSchool(GetSchoolAbsenceReportRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        StoredRecord<AbsenceReportRecord> stored = atSchool(request.getUrn(), request.getId());
        SchoolAbsenceReport view = schoolView(stored.body(), stored.version(), roll(request.getUrn()));
        audit.record(caller, "read-school-absence-report", "read", subjects(view));
        return view;
    }

    /** The school acknowledges a report, or queries it with a note the app shows the parent. */
    public SchoolAbsenceReport review(ReviewAbsenceReportRequest request) {
        CallerContext caller = CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        StoredRecord<AbsenceReportRecord> stored =
                atSchool(request.getUrn(), request.getId()).atVersion(request.getExpectedVersion());
        FieldChecks checks = new FieldChecks();
        if (!AbsenceReportRules.DECISIONS.contains(request.getDecision())) {
            checks.fail("/decision", "decision is acknowledged or queried");
        }
        checks.text(
                request.getNote(),
                "/note",
                TextLimits.NOTE,
                request.getDecision().equals(AbsenceReportRules.QUERIED));
        checks.throwIfAny("The review is not valid");
        if (stored.body().getReport().getStatus().equals(AbsenceReportRules.CANCELLED)) {
            throw new ConflictException("/decision", "the parent cancelled this report");
        }
        String now = CityTime.timestamp(clock);
        AbsenceReportRecord record = stored.body().toBuilder()
                .setReport(stored.body().getReport().toBuilder()
                        .setStatus(request.getDecision())
                        .setSchoolNote(request.getNote().strip())
                        .setUpdatedAt(now))
                .setReviewedBy(caller.getSubject())
                .setReviewedAt(now)
                .build();
        long version = reports.replace(record, request.getExpectedVersion(), caller.getSubject());
        SchoolAbsenceReport view = schoolView(record, version, roll(request.getUrn()));
        audit.record(caller, "review-absence-report", request.getDecision(), subjects(view));
        return view;
    }

    /**
     * Records the report's school days up to today as illness ({@code I}) or medical appointment
     * ({@code M}) marks for the matched pupil, through the ordinary marks batch (same checks, audited,
     * a correction where a mark exists).
     */
    public AbsenceReportMarks recordMarks(RecordAbsenceReportMarksRequest request) {
        CallerContexts.requireOwnSchoolOrRole(request.getUrn(), LA, OWN_SCHOOL_OR_LA);
        AppAbsenceReport report =
                atSchool(request.getUrn(), request.getId()).body().getReport();
        if (report.getStatus().equals(AbsenceReportRules.CANCELLED)) {
            throw new ConflictException("/status", "the parent cancelled this report");
        }
        String code = switch (report.getReason()) {
            case AbsenceReportRules.ILLNESS -> "I";
            case AbsenceReportRules.MEDICAL_APPOINTMENT -> "M";
            default ->
                throw new ConflictException(
                        "/reason", "only illness and medical appointments have a code to record; use the register");
        };
        String upn = pupilFor(report, request.getUpn(), roll(request.getUrn()));
        LocalDate backOn = report.getReturnedOn().isEmpty()
                ? (report.getExpectedReturn().isEmpty() ? null : LocalDate.parse(report.getExpectedReturn()))
                : LocalDate.parse(report.getReturnedOn());
        List<LocalDate> days = AbsenceReportRules.daysOff(
                LocalDate.parse(report.getFirstDay()), backOn, CityTime.today(clock), calendar);
        if (days.isEmpty()) {
            throw new ConflictException("/first_day", "no school day of this absence has begun yet");
        }
        List<Mark> marks = new ArrayList<>();
        for (LocalDate day : days) {
            for (String session : List.of("AM", "PM")) {
                marks.add(Mark.newBuilder()
                        .setUpn(upn)
                        .setDate(day.toString())
                        .setSession(session)
                        .setCode(code)
                        .setComment("absence report " + report.getId())
                        .build());
            }
        }
        SubmitMarksReply reply = attendance.submitMarks(SubmitMarksRequest.newBuilder()
                .setUrn(request.getUrn())
                .addAllMarks(marks)
                .build());
        if (!reply.getAccepted()) {
            throw new ConflictException(
                    "/marks",
                    "the register refused these marks: " + reply.getErrors(0).getReason());
        }
        SchoolAbsenceReport view = markRecorded(request.getUrn(), request.getId(), upn);
        return AbsenceReportMarks.newBuilder()
                .setReport(view)
                .setCode(code)
                .setSessions(marks.size())
                .setRecorded(reply.getRecorded())
                .setCorrected(reply.getCorrected())
                .setUnchanged(reply.getUnchanged())
                .build();
    }

    /** Notes on the report that its marks were recorded (read again: a review may have happened meanwhile). */
    private SchoolAbsenceReport markRecorded(String urn, String id, String upn) {
        for (int attempt = 0; ; attempt++) {
            StoredRecord<AbsenceReportRecord> stored = atSchool(urn, id);
            AbsenceReportRecord record = stored.body().toBuilder()
                    .setMarksRecordedAt(CityTime.timestamp(clock))
                    .setMarksRecordedUpn(upn)
                    .build();
            try {
                long version = reports.replace(
                        record, stored.version(), CallerContexts.current().getSubject());
                return schoolView(record, version, roll(urn));
            } catch (VersionConflictException lostRace) {
                if (attempt == 2) {
                    throw lostRace;
                }
            }
        }
    }

    public IllnessSummary illness(GetIllnessSummaryRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(LA, "Only the LA sees the city's illness reports");
        FieldChecks checks = new FieldChecks();
        LocalDate today = CityTime.today(clock);
        LocalDate to = Optional.ofNullable(AbsenceReportRules.date(request.getTo(), "to", false, checks))
                .orElse(today);
        LocalDate from = Optional.ofNullable(AbsenceReportRules.date(request.getFrom(), "from", false, checks))
                .orElse(to.minusDays(13));
        checks.inOrder(from, to, "to", "to is not before from");
        if (ChronoUnit.DAYS.between(from, to) >= MAX_SUMMARY_DAYS) {
            checks.fail("from", "a summary covers at most " + MAX_SUMMARY_DAYS + " days");
        }
        checks.throwIfAny("The query is not valid");
        Map<String, String> schoolNames =
                schools.all().stream().collect(Collectors.toMap(School::getUrn, School::getName, (a, b) -> a));
        List<AbsenceReportRecord> cases =
                reports.illnessesStarting(from.minusDays(AbsenceReportRules.MAX_ABSENCE_DAYS), to);
        Map<String, Integer> byDay = new TreeMap<>();
        Map<String, Integer> bySchool = new TreeMap<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        List<AbsenceReportRules.Case> started = new ArrayList<>();
        for (AbsenceReportRecord record : cases) {
            AppAbsenceReport r = record.getReport();
            LocalDate firstDay = LocalDate.parse(r.getFirstDay());
            String back = r.getReturnedOn().isEmpty() ? r.getExpectedReturn() : r.getReturnedOn();
            List<LocalDate> off = AbsenceReportRules.daysOff(
                            firstDay, back.isEmpty() ? firstDay.plusDays(1) : LocalDate.parse(back), to, calendar)
                    .stream()
                    .filter(day -> !day.isBefore(from))
                    .toList();
            off.forEach(day -> byDay.merge(day + "|" + r.getSymptomCategory(), 1, Integer::sum));
            if (!off.isEmpty() || !firstDay.isBefore(from)) {
                bySchool.merge(r.getSchoolUrn() + "|" + r.getSymptomCategory(), 1, Integer::sum);
                byCategory.merge(r.getSymptomCategory(), 1, Integer::sum);
            }
            if (!firstDay.isBefore(from)) {
                started.add(new AbsenceReportRules.Case(r.getSchoolUrn(), r.getSymptomCategory(), firstDay));
            }
        }
        IllnessSummary.Builder summary = IllnessSummary.newBuilder()
                .setFrom(from.toString())
                .setTo(to.toString())
                .setAlertThreshold(settings.outbreakThreshold())
                .setAlertWindowDays(settings.outbreakWindowDays());
        byDay.forEach((key, n) -> summary.addByDay(count(key, n, (c, k) -> c.setDate(k))));
        bySchool.forEach((key, n) -> summary.addBySchool(
                count(key, n, (c, urn) -> c.setUrn(urn).setSchoolName(schoolNames.getOrDefault(urn, "")))));
        byCategory.forEach((category, n) -> summary.addByCategory(
                IllnessCount.newBuilder().setSymptomCategory(category).setReports(n)));
        for (AbsenceReportRules.Outbreak outbreak :
                AbsenceReportRules.outbreaks(started, settings.outbreakThreshold(), settings.outbreakWindowDays())) {
            summary.addAlerts(OutbreakAlert.newBuilder()
                    .setUrn(outbreak.urn())
                    .setSchoolName(schoolNames.getOrDefault(outbreak.urn(), ""))
                    .setSymptomCategory(outbreak.category())
                    .setReports(outbreak.reports())
                    .setWindowFrom(outbreak.from().toString())
                    .setWindowTo(outbreak.to().toString()));
        }
        audit.record(caller, "read-illness-summary", from + ".." + to + ": " + cases.size() + " reports");
        return summary.build();
    }

    private static IllnessCount.Builder count(
            String key, int reports, BiFunction<IllnessCount.Builder, String, IllnessCount.Builder> first) {
        String[] parts = key.split("\\|", 2);
        return first.apply(IllnessCount.newBuilder(), parts[0])
                .setSymptomCategory(parts[1])
                .setReports(reports);
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** A report this app sent; any other is "not found", so an app learns nothing of others' reports. */
    private StoredRecord<AbsenceReportRecord> sentBy(CallerContext caller, String id) {
        return reports.find(id)
                .filter(r -> r.body().getCreatedByClient().equals(caller.getClientId()))
                .orElseThrow(() -> new NotFoundException("absence report", id));
    }

    private StoredRecord<AbsenceReportRecord> atSchool(String urn, String id) {
        school(urn);
        return reports.find(id)
                .filter(r -> r.body().getReport().getSchoolUrn().equals(urn))
                .orElseThrow(() -> new NotFoundException("absence report", id));
    }

    private School school(String urn) {
        return schools.find(urn).map(StoredRecord::body).orElseThrow(() -> new NotFoundException("school", urn));
    }

    private List<Pupil> roll(String urn) {
        return List.copyOf(pupils.all(urn).values());
    }

    /** The pupil the marks are for: the one matched, or the one the school chose among those that fit. */
    private static String pupilFor(AppAbsenceReport report, String chosen, List<Pupil> roll) {
        RollMatch match = AbsenceReportRules.match(report.getChild(), roll);
        if (chosen.isEmpty()) {
            if (!match.getStatus().equals("matched")) {
                throw new ConflictException(
                        "/upn",
                        match.getStatus().equals("ambiguous")
                                ? "more than one pupil fits: say which with upn"
                                : "no pupil on the roll fits this child: record it in the register");
            }
            return match.getUpn();
        }
        boolean fits = roll.stream()
                .anyMatch(p -> p.getOnRoll()
                        && p.getUpn().equals(chosen)
                        && p.getDateOfBirth().equals(report.getChild().getDateOfBirth()));
        if (!fits) {
            throw InvalidInputException.of("/upn", "upn is not a pupil on the roll born on the reported date");
        }
        return chosen;
    }

    private static AppAbsenceReport appView(StoredRecord<AbsenceReportRecord> stored) {
        return stored.body().getReport().toBuilder()
                .setVersion(stored.version())
                .build();
    }

    private static SchoolAbsenceReport schoolView(AbsenceReportRecord record, long version, List<Pupil> roll) {
        return SchoolAbsenceReport.newBuilder()
                .setReport(record.getReport().toBuilder().setVersion(version))
                .setMatch(AbsenceReportRules.match(record.getReport().getChild(), roll))
                .setReviewedBy(record.getReviewedBy())
                .setReviewedAt(record.getReviewedAt())
                .setMarksRecordedAt(record.getMarksRecordedAt())
                .setMarksRecordedUpn(record.getMarksRecordedUpn())
                .build();
    }

    private static List<AuditSubject> subjects(AbsenceReportRecord record) {
        List<AuditSubject> subjects = new ArrayList<>(List.of(
                AuditSubjects.of("absence_report", record.getReport().getId()),
                AuditSubjects.school(record.getReport().getSchoolUrn())));
        if (!record.getReport().getChild().getUpn().isEmpty()) {
            subjects.add(AuditSubjects.upn(record.getReport().getChild().getUpn()));
        }
        return subjects;
    }

    private static List<AuditSubject> subjects(SchoolAbsenceReport view) {
        List<AuditSubject> subjects = new ArrayList<>(
                List.of(AuditSubjects.of("absence_report", view.getReport().getId())));
        if (!view.getMatch().getUpn().isEmpty()) {
            subjects.add(AuditSubjects.upn(view.getMatch().getUpn()));
        }
        return subjects;
    }

    /** {@code modified_after} as stored timestamps compare (empty when not given). */
    private static String modifiedAfter(String value, FieldChecks checks) {
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

    private static Paging paging(PageRequest page, FieldChecks checks) {
        try {
            return Paging.of(page);
        } catch (InvalidInputException e) {
            checks.addAll(e.errors());
            return null;
        }
    }
}
