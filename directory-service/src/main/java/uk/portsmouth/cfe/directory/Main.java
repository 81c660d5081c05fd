package uk.portsmouth.cfe.directory;

import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import uk.portsmouth.cfe.directory.app.DirectoryOfServices;
import uk.portsmouth.cfe.directory.app.TaxonomyReads;
import uk.portsmouth.cfe.directory.demo.DirectoryDemoData;
import uk.portsmouth.cfe.directory.domain.SearchVocabulary;
import uk.portsmouth.cfe.directory.grpc.DirectoryGrpcService;
import uk.portsmouth.cfe.directory.store.OrganizationStore;
import uk.portsmouth.cfe.directory.store.ServiceSearchIndex;
import uk.portsmouth.cfe.directory.store.ServiceStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;
import uk.portsmouth.cfe.platform.retention.AuditRetention;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;

/** Wiring only: config -> stores and outbound ports -> use cases (app) -> gRPC adapters -> host. */
public final class Main {

    public static final String NAME = "directory-service";

    private Main() {}

    public static void main(String[] args) {
        Config config = ServiceConfig.load(NAME);
        OpenTelemetry telemetry = Telemetry.create(NAME, config);
        ServiceHost.stopOnExit(start(config, telemetry)::close, telemetry);
    }

    /** Starts the directory with {@code config}; the tests and the launcher call this too. */
    public static ServiceHost start(Config config, OpenTelemetry telemetry) {
        Trust trust = Trust.load(NAME, config);
        MongoConnection mongo = MongoConnection.open(config.get("mongodb"), "cfe_directory", telemetry);
        ServiceStore services = new ServiceStore(mongo.database(), Clock.systemUTC());
        OrganizationStore organizations = new OrganizationStore(mongo.database());
        if (config.get("demo-data.load").asBoolean().orElse(false)) {
            DirectoryDemoData.load(organizations, services, Clock.systemUTC());
        }
        // built from the store before the first request; then kept current from it
        ServiceSearchIndex index = ServiceSearchIndex.build(
                services,
                organizations,
                SearchVocabulary.load(),
                config.get("search.refresh-interval").as(Duration.class).orElse(Duration.ofSeconds(1)),
                config.get("search.refresh-overlap").as(Duration.class).orElse(Duration.ofSeconds(10)));
        AuditLog audit = new AuditLog(mongo.database(), NAME, Clock.systemUTC());
        return ServiceHost.builder(config, trust, telemetry)
                // the directory holds no one's personal data, but refusals are audited like everywhere
                .audit(audit)
                .events(services.outbox())
                .retention(mongo.database(), Clock.systemUTC(), AuditRetention.auditEvents(audit))
                // a kept search's page is the same object until the index moves: encoded once
                .repeatedRepliesEncodedOnce()
                .addService(new DirectoryGrpcService(
                        new DirectoryOfServices(services, index, organizations, Clock.systemUTC()),
                        new TaxonomyReads()))
                // suggested support for plans: fsp-service searches as itself (active services are public)
                .acceptAsItself(PlatformServices.FSP.serviceName(), DirectoryServiceGrpc.getSearchServicesMethod())
                .readiness("mongodb", mongo::ping)
                .closeOnStop(index)
                .closeOnStop(mongo)
                .start();
    }
}
