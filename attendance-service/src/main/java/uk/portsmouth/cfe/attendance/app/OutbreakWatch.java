package uk.portsmouth.cfe.attendance.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import uk.portsmouth.cfe.attendance.app.IllnessSummaries.OutbreakRule;
import uk.portsmouth.cfe.attendance.domain.AbsenceReportRules;
import uk.portsmouth.cfe.attendance.domain.IllnessCounts;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.OutbreakAlertStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.proto.attendance.v1.AppAbsenceReport;
import uk.portsmouth.cfe.proto.attendance.v1.OutbreakAlert;
import uk.portsmouth.cfe.proto.attendance.v1.RaisedOutbreakAlert;
import uk.portsmouth.cfe.proto.attendance.v1.School;

/**
 * Raises outbreak alerts as the parents' reports come in, so the LA is told rather than finding
 * them in the illness summary: after every illness report its school and category are counted again
 * (with the report committed, so two reports racing are each counted by the later check), and an
 * alert the counts raise ({@link IllnessCounts#alerts}) is recorded with its
 * {@code attendance.outbreak-alert} event, once a school, category and block of days. A sweep every
 * few minutes raises what a check missed (an instance that stopped between a report and its check).
 */
public final class OutbreakWatch {

    private static final Logger LOG = Logger.getLogger(OutbreakWatch.class.getName());

    private final SchoolStore schools;
    private final AbsenceReportStore reports;
    private final OutbreakAlertStore alerts;
    private final OutbreakRule rule;
    private final Clock clock;

    public OutbreakWatch(
            SchoolStore schools,
            AbsenceReportStore reports,
            OutbreakAlertStore alerts,
            OutbreakRule rule,
            Clock clock) {
        this.schools = schools;
        this.reports = reports;
        this.alerts = alerts;
        this.rule = rule;
        this.clock = clock;
    }

    /**
     * Counts the school and category of {@code report}, just written, again: raises the alerts of the
     * blocks it may have changed. A failure is logged, never the report's: the sweep raises it later.
     */
    void reported(AppAbsenceReport report) {
        if (!report.getReason().equals(AbsenceReportRules.ILLNESS)) {
            return;
        }
        try {
            LocalDate firstDay = Dates.toLocalDate(report.getFirstDay());
            int reach = rule.windowDays() - 1;
            // the windows the report is in end up to `reach` days after it; the first such window of its
            // block may begin `reach` days before the block does
            raiseFrom(
                    firstDay.minusDays(2L * reach),
                    firstDay.plusDays(reach),
                    report.getSchoolUrn(),
                    report.getSymptomCategory());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "outbreak check after report " + report.getId() + " failed; the sweep repeats it",
                    e);
        }
    }

    /** Raises every alert the last few weeks' reports (and those of days ahead) raise that is not yet raised; how many. */
    public int sweep() {
        LocalDate today = CityTime.today(clock);
        return raiseFrom(
                today.minusDays(4L * rule.windowDays()), today.plusDays(AbsenceReportRules.MAX_DAYS_BACK), "", "");
    }

    /**
     * Raises the alerts among the illness reports first off in [{@code from}, {@code to}] (of one school
     * and category, or all when empty) whose window lies wholly in that range.
     */
    private int raiseFrom(LocalDate from, LocalDate to, String urn, String category) {
        List<IllnessCounts.Case> cases = reports.illnessesStarting(from, to).stream()
                .map(r -> r.getReport())
                .filter(r -> urn.isEmpty()
                        || (r.getSchoolUrn().equals(urn)
                                && r.getSymptomCategory().equals(category)))
                .map(r -> new IllnessCounts.Case(
                        r.getSchoolUrn(), r.getSymptomCategory(), Dates.toLocalDate(r.getFirstDay())))
                .toList();
        int raised = 0;
        for (IllnessCounts.Outbreak outbreak : IllnessCounts.alerts(cases, rule.threshold(), rule.windowDays())) {
            if (!outbreak.from().isBefore(from) && raise(outbreak)) {
                raised++;
            }
        }
        return raised;
    }

    private boolean raise(IllnessCounts.Outbreak outbreak) {
        String schoolName = schools.find(outbreak.urn())
                .map(s -> s.body())
                .map(School::getName)
                .orElse("");
        RaisedOutbreakAlert alert = RaisedOutbreakAlert.newBuilder()
                .setId("ob-" + outbreak.urn() + "-" + outbreak.category() + "-"
                        + IllnessCounts.alertBlock(outbreak.to(), rule.windowDays()))
                .setAlert(OutbreakAlert.newBuilder()
                        .setUrn(outbreak.urn())
                        .setSchoolName(schoolName)
                        .setSymptomCategory(outbreak.category())
                        .setReports(outbreak.reports())
                        .setWindowFrom(Dates.of(outbreak.from()))
                        .setWindowTo(Dates.of(outbreak.to())))
                .setThreshold(rule.threshold())
                .setWindowDays(rule.windowDays())
                .setRaisedAt(CityTime.timestamp(clock))
                .build();
        return alerts.raise(alert, AttendanceEvents.outbreakAlert(alert));
    }
}
