package uk.portsmouth.cfe.fsp;

import io.grpc.ManagedChannel;
import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import uk.portsmouth.cfe.fsp.app.Caseloads;
import uk.portsmouth.cfe.fsp.app.FamilyRecords;
import uk.portsmouth.cfe.fsp.app.FamilySupportPlans;
import uk.portsmouth.cfe.fsp.app.OpenPlanLookup;
import uk.portsmouth.cfe.fsp.app.PlanInvolvements;
import uk.portsmouth.cfe.fsp.app.PlanRetention;
import uk.portsmouth.cfe.fsp.app.Professionals;
import uk.portsmouth.cfe.fsp.app.ReviewReminders;
import uk.portsmouth.cfe.fsp.demo.FspDemoData;
import uk.portsmouth.cfe.fsp.grpc.FamilySupportPlansGrpcService;
import uk.portsmouth.cfe.fsp.grpc.PlanLookupGrpcService;
import uk.portsmouth.cfe.fsp.grpc.ProfessionalDirectoryGrpcService;
import uk.portsmouth.cfe.fsp.outbound.DirectorySuggestions;
import uk.portsmouth.cfe.fsp.store.PlanStore;
import uk.portsmouth.cfe.fsp.store.ProfessionalStore;
import uk.portsmouth.cfe.fsp.store.ReviewReminderStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.grpc.GrpcChannels;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlanLookupGrpc;

/** Wiring only: config -> stores and outbound ports -> use cases (app) -> gRPC adapters -> host. */
public final class Main {

    public static final String NAME = "fsp-service";

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
        MongoConnection mongo = MongoConnection.open(config.get("mongodb"), "cfe_fsp", telemetry);
        PlanStore plans = new PlanStore(mongo.database());
        ProfessionalStore professionals = new ProfessionalStore(mongo.database());
        if (config.get("demo-data.load").asBoolean().orElse(false)) {
            FspDemoData.load(plans, professionals, clock);
        }
        // suggested support comes from the Directory of Services; plans never wait on it
        ManagedChannel directory = GrpcChannels.open(config, PlatformServices.DIRECTORY, trust, telemetry);
        DirectorySuggestions suggestions = new DirectorySuggestions(
                DirectoryServiceGrpc.newBlockingStub(directory),
                config.get("fsp.suggestions-per-aspect").asInt().orElse(5));
        AuditLog audit = new AuditLog(mongo.database(), NAME, clock);
        ReviewReminderStore reminders = new ReviewReminderStore(mongo.database());
        return ServiceHost.builder(config, trust, telemetry)
                .audit(audit)
                .subjectAccess(new FamilyRecords(plans, professionals))
                .retention(mongo.database(), clock, PlanRetention.rules(plans, reminders, audit))
                .events(reminders.outbox())
                .every(
                        "review-reminders",
                        config.get("fsp.review-reminders-every")
                                .as(java.time.Duration.class)
                                .orElse(java.time.Duration.ofMinutes(15)),
                        new ReviewReminders(
                                plans,
                                reminders,
                                config.get("fsp.review-notice-days").asInt().orElse(7),
                                clock)::sweep)
                .addService(new FamilySupportPlansGrpcService(
                        new FamilySupportPlans(
                                plans,
                                professionals,
                                suggestions,
                                audit,
                                clock,
                                config.get("fsp.reopen-window-days").asInt().orElse(90)),
                        new Caseloads(plans, audit, clock),
                        new PlanInvolvements(plans, audit)))
                .addService(new ProfessionalDirectoryGrpcService(new Professionals(professionals, audit)))
                .addService(new PlanLookupGrpcService(new OpenPlanLookup(plans, audit)))
                .acceptAsItself(
                        PlatformServices.ATTENDANCE.serviceName(), FamilySupportPlanLookupGrpc.getHasOpenPlanMethod())
                .readiness("mongodb", mongo::ping)
                .closeOnStop(mongo)
                .closeOnStop(directory::shutdownNow)
                .start();
    }
}
