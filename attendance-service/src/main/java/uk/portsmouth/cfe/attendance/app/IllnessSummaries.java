package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.IllnessCounts;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportRecord;
import uk.portsmouth.cfe.proto.attendance.v1.GetIllnessSummaryRequest;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessCount;
import uk.portsmouth.cfe.proto.attendance.v1.IllnessSummary;
import uk.portsmouth.cfe.proto.attendance.v1.OutbreakAlert;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * The LA's view of the city's illness reports over a period: counts without names by day, school
 * and symptom category, and the schools where one category's reports reached the outbreak threshold
 * within the window (the counting is {@link IllnessCounts}). Audited.
 */
public final class IllnessSummaries {
    private static final int MAX_SUMMARY_DAYS = 92;

    /** An outbreak alert: at least {@code threshold} children first off with one category within {@code windowDays}. */
    public record OutbreakRule(int threshold, int windowDays) {}

    private final SchoolStore schools;
    private final AbsenceReportStore reports;
    private final AcademicCalendar calendar;
    private final OutbreakRule outbreakRule;
    private final AuditLog audit;
    private final Clock clock;

    public IllnessSummaries(
            SchoolStore schools,
            AbsenceReportStore reports,
            AcademicCalendar calendar,
            OutbreakRule outbreakRule,
            AuditLog audit,
            Clock clock) {
        this.schools = schools;
        this.reports = reports;
        this.calendar = calendar;
        this.outbreakRule = outbreakRule;
        this.audit = audit;
        this.clock = clock;
    }

    public IllnessSummary illness(GetIllnessSummaryRequest request) {
        CallerContext caller =
                CallerContexts.requireAnyRole(CallerContexts.LA_ROLES, "Only the LA sees the city's illness reports");
        FieldChecks checks = new FieldChecks();
        LocalDate today = CityTime.today(clock);
        LocalDate to =
                Optional.ofNullable(checks.date(request.getTo(), "to", false)).orElse(today);
        LocalDate from = Optional.ofNullable(checks.date(request.getFrom(), "from", false))
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
        IllnessCounts.Period period = IllnessCounts.count(
                cases.stream().map(AbsenceReportRecord::getReport).toList(), from, to, calendar);
        IllnessSummary.Builder summary = IllnessSummary.newBuilder()
                .setFrom(Dates.of(from))
                .setTo(Dates.of(to))
                .setAlertThreshold(outbreakRule.threshold())
                .setAlertWindowDays(outbreakRule.windowDays());
        period.byDay()
                .forEach((day, n) -> summary.addByDay(IllnessCount.newBuilder()
                        .setDate(Dates.of(day.day()))
                        .setSymptomCategory(day.category())
                        .setReports(n)));
        period.bySchool()
                .forEach((place, n) -> summary.addBySchool(IllnessCount.newBuilder()
                        .setUrn(place.urn())
                        .setSchoolName(schoolNames.getOrDefault(place.urn(), ""))
                        .setSymptomCategory(place.category())
                        .setReports(n)));
        period.byCategory()
                .forEach((category, n) -> summary.addByCategory(
                        IllnessCount.newBuilder().setSymptomCategory(category).setReports(n)));
        for (IllnessCounts.Outbreak outbreak :
                IllnessCounts.outbreaks(period.started(), outbreakRule.threshold(), outbreakRule.windowDays())) {
            summary.addAlerts(OutbreakAlert.newBuilder()
                    .setUrn(outbreak.urn())
                    .setSchoolName(schoolNames.getOrDefault(outbreak.urn(), ""))
                    .setSymptomCategory(outbreak.category())
                    .setReports(outbreak.reports())
                    .setWindowFrom(Dates.of(outbreak.from()))
                    .setWindowTo(Dates.of(outbreak.to())));
        }
        audit.record(caller, "read-illness-summary", from + ".." + to + ": " + cases.size() + " reports");
        return summary.build();
    }
}
