package uk.portsmouth.cfe.attendance;

import io.grpc.ManagedChannel;
import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import uk.portsmouth.cfe.attendance.app.AbsenceReportLookup;
import uk.portsmouth.cfe.attendance.app.AttendanceReports;
import uk.portsmouth.cfe.attendance.app.AttendanceRetention;
import uk.portsmouth.cfe.attendance.app.ChildRecords;
import uk.portsmouth.cfe.attendance.app.IllnessSummaries;
import uk.portsmouth.cfe.attendance.app.InclusionSupportPanel;
import uk.portsmouth.cfe.attendance.app.LegalActions;
import uk.portsmouth.cfe.attendance.app.MarksFromAbsenceReports;
import uk.portsmouth.cfe.attendance.app.MarksIngest;
import uk.portsmouth.cfe.attendance.app.NewPupilReturns;
import uk.portsmouth.cfe.attendance.app.OutbreakWatch;
import uk.portsmouth.cfe.attendance.app.PanelReferrals;
import uk.portsmouth.cfe.attendance.app.ParentAbsenceReports;
import uk.portsmouth.cfe.attendance.app.PupilOverviews;
import uk.portsmouth.cfe.attendance.app.RollRemovalReturns;
import uk.portsmouth.cfe.attendance.app.SchoolAbsenceReviews;
import uk.portsmouth.cfe.attendance.app.SchoolAttendance;
import uk.portsmouth.cfe.attendance.app.SchoolLookup;
import uk.portsmouth.cfe.attendance.app.SchoolRolls;
import uk.portsmouth.cfe.attendance.app.Schools;
import uk.portsmouth.cfe.attendance.app.SevereAbsenceMeetingRequests;
import uk.portsmouth.cfe.attendance.demo.AbsenceReportDemoData;
import uk.portsmouth.cfe.attendance.demo.AttendanceDemoData;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.attendance.domain.AttendanceCodes;
import uk.portsmouth.cfe.attendance.domain.IllnessGuidanceTable;
import uk.portsmouth.cfe.attendance.grpc.AbsenceReportGrpcService;
import uk.portsmouth.cfe.attendance.grpc.AttendanceGrpcService;
import uk.portsmouth.cfe.attendance.grpc.CaseworkGrpcService;
import uk.portsmouth.cfe.attendance.grpc.InclusionPanelGrpcService;
import uk.portsmouth.cfe.attendance.grpc.NewPupilReturnGrpcService;
import uk.portsmouth.cfe.attendance.grpc.RollRemovalGrpcService;
import uk.portsmouth.cfe.attendance.grpc.SchoolRegistryGrpcService;
import uk.portsmouth.cfe.attendance.outbound.FamilyPlans;
import uk.portsmouth.cfe.attendance.outbound.MeetingScheduler;
import uk.portsmouth.cfe.attendance.store.AbsenceReportStore;
import uk.portsmouth.cfe.attendance.store.AttendanceStore;
import uk.portsmouth.cfe.attendance.store.CaseworkStore;
import uk.portsmouth.cfe.attendance.store.InclusionPanelStore;
import uk.portsmouth.cfe.attendance.store.NewPupilReturnStore;
import uk.portsmouth.cfe.attendance.store.OutbreakAlertStore;
import uk.portsmouth.cfe.attendance.store.PenaltyNoticeStore;
import uk.portsmouth.cfe.attendance.store.PupilStore;
import uk.portsmouth.cfe.attendance.store.RollRemovalStore;
import uk.portsmouth.cfe.attendance.store.SchoolStore;
import uk.portsmouth.cfe.attendance.store.SchoolTotalsStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.events.EventOutbox;
import uk.portsmouth.cfe.platform.grpc.GrpcChannels;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.time.CityTime;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlanLookupGrpc;

/** Wiring only: config -> stores and outbound ports -> use cases (app) -> gRPC adapters -> host. */
public final class Main {

    public static final String NAME = "attendance-service";

    private Main() {}

    public static void main(String[] args) {
        Config config = ServiceConfig.load(NAME);
        OpenTelemetry telemetry = Telemetry.create(NAME, config);
        ServiceHost.stopOnExit(start(config, telemetry)::close, telemetry);
    }

    /** Starts the service with {@code config}; the tests and the launcher call this too. */
    public static ServiceHost start(Config config, OpenTelemetry telemetry) {
        return start(config, telemetry, Clock.systemUTC());
    }

    /** As {@link #start(Config, OpenTelemetry)}, on {@code clock} (tests fix "now"). */
    public static ServiceHost start(Config config, OpenTelemetry telemetry, Clock clock) {
        Trust trust = Trust.load(NAME, config);
        MongoConnection mongo = MongoConnection.open(config.get("mongodb"), "cfe_attendance", telemetry);
        SchoolStore schools = new SchoolStore(mongo.database());
        PupilStore pupils = new PupilStore(mongo.database());
        AttendanceStore marks = new AttendanceStore(mongo.database());
        AttendanceCodes codes = ReferenceData.codes();
        AcademicCalendar calendar = ReferenceData.calendar(config.get("academic-calendar"));
        if (config.get("demo-data.load").asBoolean().orElse(false)) {
            AttendanceDemoData.load(
                    schools,
                    pupils,
                    marks,
                    codes,
                    calendar,
                    CityTime.today(clock),
                    config.get("demo-data.roll-size").asInt().orElse(30));
        }
        // Severely Absent Meetings are scheduled by safeguarding-contacts-service
        ManagedChannel contacts = GrpcChannels.open(config, PlatformServices.CONTACTS, trust, telemetry);
        // whether a pupil's family has an open Family Support Plan (panel referrals); unknown while it is not there
        ManagedChannel fsp = GrpcChannels.open(config, PlatformServices.FSP, trust, telemetry);
        AuditLog audit = new AuditLog(mongo.database(), NAME, clock);
        SchoolTotalsStore totals = new SchoolTotalsStore(mongo.database());
        MarksIngest ingest = new MarksIngest(pupils, marks, totals, codes, calendar, clock);
        // reports read the school totals: counted from the marks before the first request (mends a crash between a
        // batch's two writes)
        ingest.recountAllTotals();
        AttendanceReports reports = new AttendanceReports(schools, pupils, marks, totals, codes, calendar, clock);
        RollRemovalStore removals = new RollRemovalStore(mongo.database());
        CaseworkStore casework = new CaseworkStore(mongo.database());
        PenaltyNoticeStore notices = new PenaltyNoticeStore(mongo.database());
        NewPupilReturnStore newPupilReturns = new NewPupilReturnStore(mongo.database());
        InclusionPanelStore inclusionPanel = new InclusionPanelStore(mongo.database());
        SchoolLookup register = new SchoolLookup(schools);
        SchoolAttendance schoolAttendance =
                new SchoolAttendance(pupils, inclusionPanel, codes, calendar, ingest, reports, register, audit, clock);
        SchoolRolls rolls = new SchoolRolls(pupils, newPupilReturns, ingest, register, audit, clock);
        AttendanceGrpcService attendance = new AttendanceGrpcService(
                rolls,
                schoolAttendance,
                new SevereAbsenceMeetingRequests(
                        calendar,
                        reports,
                        new MeetingScheduler(MeetingsServiceGrpc.newBlockingStub(contacts)),
                        register,
                        audit),
                new PupilOverviews(reports, casework, removals, inclusionPanel, calendar, audit, clock));
        AbsenceReportStore absenceReports = new AbsenceReportStore(mongo.database());
        IllnessGuidanceTable guidance = IllnessGuidanceTable.load();
        if (config.get("demo-data.load").asBoolean().orElse(false)) {
            AbsenceReportDemoData.load(absenceReports, schools, pupils, calendar, guidance, clock);
        }
        Config absence = config.get("absence-reports");
        IllnessSummaries.OutbreakRule outbreakRule = new IllnessSummaries.OutbreakRule(
                absence.get("outbreak.threshold").asInt().orElse(5),
                absence.get("outbreak.window-days").asInt().orElse(7));
        OutbreakAlertStore outbreakAlerts = new OutbreakAlertStore(mongo.database());
        OutbreakWatch outbreakWatch = new OutbreakWatch(schools, absenceReports, outbreakAlerts, outbreakRule, clock);
        AbsenceReportLookup absenceReportLookup = new AbsenceReportLookup(schools, pupils, absenceReports);
        return ServiceHost.builder(config, trust, telemetry)
                .audit(audit)
                .subjectAccess(new ChildRecords(
                        pupils, marks, removals, newPupilReturns, casework, inclusionPanel, absenceReports))
                .events(EventOutbox.combining(
                        List.of(absenceReports.outbox(), removals.outbox(), outbreakAlerts.outbox())))
                .every(
                        "outbreak-watch",
                        absence.get("outbreak.sweep-every").as(Duration.class).orElse(Duration.ofMinutes(5)),
                        outbreakWatch::sweep)
                .retention(
                        mongo.database(),
                        clock,
                        AttendanceRetention.rules(
                                marks,
                                casework,
                                inclusionPanel,
                                removals,
                                newPupilReturns,
                                absenceReports,
                                notices,
                                audit))
                .addService(new SchoolRegistryGrpcService(new Schools(schools, clock)))
                .addService(attendance)
                .addService(new AbsenceReportGrpcService(
                        new ParentAbsenceReports(
                                schools,
                                absenceReports,
                                guidance,
                                calendar,
                                absenceReportLookup,
                                outbreakWatch,
                                audit,
                                clock,
                                absence.get("max-school-days-ahead").asInt().orElse(5)),
                        new SchoolAbsenceReviews(absenceReports, absenceReportLookup, audit, clock),
                        new MarksFromAbsenceReports(
                                absenceReports, schoolAttendance, calendar, absenceReportLookup, clock),
                        new IllnessSummaries(schools, absenceReports, calendar, outbreakRule, audit, clock)))
                .addService(new InclusionPanelGrpcService(new InclusionSupportPanel(
                        schools,
                        pupils,
                        marks,
                        inclusionPanel,
                        rolls,
                        schoolAttendance,
                        codes,
                        calendar,
                        audit,
                        clock)))
                .addService(new NewPupilReturnGrpcService(new NewPupilReturns(schools, newPupilReturns, audit, clock)))
                .addService(new RollRemovalGrpcService(new RollRemovalReturns(schools, pupils, removals, audit, clock)))
                .addService(new CaseworkGrpcService(
                        new LegalActions(pupils, marks, casework, notices, codes, calendar, audit, clock),
                        new PanelReferrals(
                                pupils,
                                marks,
                                casework,
                                codes,
                                calendar,
                                new FamilyPlans(FamilySupportPlanLookupGrpc.newBlockingStub(fsp)),
                                audit,
                                clock)))
                // the contacts service resolves schools for the user it serves
                .acceptForItsUsers(
                        PlatformServices.CONTACTS.serviceName(),
                        SchoolRegistryGrpc.getGetSchoolMethod(),
                        SchoolRegistryGrpc.getListSchoolsMethod())
                .readiness("mongodb", mongo::ping)
                .closeOnStop(mongo)
                .closeOnStop(contacts::shutdownNow)
                .closeOnStop(fsp::shutdownNow)
                .start();
    }
}
