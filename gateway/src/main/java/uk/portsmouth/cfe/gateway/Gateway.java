package uk.portsmouth.cfe.gateway;

import com.mongodb.client.MongoDatabase;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import uk.portsmouth.cfe.gateway.absencereports.AbsenceReportRoutes;
import uk.portsmouth.cfe.gateway.attendance.AttendanceRoutes;
import uk.portsmouth.cfe.gateway.attendance.CmeCaseRoutes;
import uk.portsmouth.cfe.gateway.attendance.IllnessRoutes;
import uk.portsmouth.cfe.gateway.attendance.InclusionPanelRoutes;
import uk.portsmouth.cfe.gateway.attendance.LegalActionRoutes;
import uk.portsmouth.cfe.gateway.attendance.NewPupilReturnRoutes;
import uk.portsmouth.cfe.gateway.attendance.SapReferralRoutes;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.CallerRoutes;
import uk.portsmouth.cfe.gateway.auth.ClientRegistry;
import uk.portsmouth.cfe.gateway.auth.ClientRoutes;
import uk.portsmouth.cfe.gateway.auth.ClientStore;
import uk.portsmouth.cfe.gateway.auth.OAuthRoutes;
import uk.portsmouth.cfe.gateway.auth.ProfessionalsBySignIn;
import uk.portsmouth.cfe.gateway.auth.Tokens;
import uk.portsmouth.cfe.gateway.contacts.BulletinRoutes;
import uk.portsmouth.cfe.gateway.contacts.ContactsRoutes;
import uk.portsmouth.cfe.gateway.contacts.GlossaryRoutes;
import uk.portsmouth.cfe.gateway.contacts.MeetingsRoutes;
import uk.portsmouth.cfe.gateway.dataprotection.AuditRoutes;
import uk.portsmouth.cfe.gateway.dataprotection.AuditTrails;
import uk.portsmouth.cfe.gateway.dataprotection.GatewayRefusals;
import uk.portsmouth.cfe.gateway.dataprotection.RetentionRoutes;
import uk.portsmouth.cfe.gateway.dataprotection.SubjectAccessRoutes;
import uk.portsmouth.cfe.gateway.directory.DirectoryRoutes;
import uk.portsmouth.cfe.gateway.directory.OrukRoutes;
import uk.portsmouth.cfe.gateway.fsp.FspRoutes;
import uk.portsmouth.cfe.gateway.fsp.PlanActionRoutes;
import uk.portsmouth.cfe.gateway.fsp.PlanCalls;
import uk.portsmouth.cfe.gateway.fsp.PlanReviewRoutes;
import uk.portsmouth.cfe.gateway.fsp.PlanTeamRoutes;
import uk.portsmouth.cfe.gateway.fsp.ProfessionalsRoutes;
import uk.portsmouth.cfe.gateway.http.Cors;
import uk.portsmouth.cfe.gateway.http.DirectProblems;
import uk.portsmouth.cfe.gateway.http.ErrorHandling;
import uk.portsmouth.cfe.gateway.http.HeadRequests;
import uk.portsmouth.cfe.gateway.http.IdempotencyKeys;
import uk.portsmouth.cfe.gateway.http.InputText;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Mount;
import uk.portsmouth.cfe.gateway.http.PublicReadCache;
import uk.portsmouth.cfe.gateway.http.RateLimits;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.gateway.http.RequestContext;
import uk.portsmouth.cfe.gateway.http.RequestsInFlight;
import uk.portsmouth.cfe.gateway.http.ResponseHardening;
import uk.portsmouth.cfe.gateway.openapi.ApiReferencePage;
import uk.portsmouth.cfe.gateway.openapi.DocumentedParameters;
import uk.portsmouth.cfe.gateway.openapi.DocumentedRoutes;
import uk.portsmouth.cfe.gateway.openapi.OpenApiDocument;
import uk.portsmouth.cfe.gateway.schools.PupilOverviewRoutes;
import uk.portsmouth.cfe.gateway.schools.PupilRollRoutes;
import uk.portsmouth.cfe.gateway.schools.RollRemovalRoutes;
import uk.portsmouth.cfe.gateway.schools.SchoolAbsenceReportRoutes;
import uk.portsmouth.cfe.gateway.schools.SchoolAttendanceRoutes;
import uk.portsmouth.cfe.gateway.schools.SchoolContactsRoutes;
import uk.portsmouth.cfe.gateway.schools.SchoolOverviewRoutes;
import uk.portsmouth.cfe.gateway.schools.SchoolsRoutes;
import uk.portsmouth.cfe.gateway.webhooks.WebhookRoutes;
import uk.portsmouth.cfe.gateway.webhooks.Webhooks;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.GrpcChannels;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.grpc.RememberedReplies;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.retention.AuditRetention;
import uk.portsmouth.cfe.platform.retention.Retention;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Logs;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.AbsenceReportServiceGrpc.AbsenceReportServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.AttendanceServiceGrpc.AttendanceServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc.CaseworkServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.InclusionPanelServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalServiceGrpc.RollRemovalServiceBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc.SchoolRegistryBlockingStub;
import uk.portsmouth.cfe.proto.common.v1.AuditTrailGrpc;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.EventOutboxGrpc;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.common.v1.RetentionGrpc;
import uk.portsmouth.cfe.proto.common.v1.SubjectAccessGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc.ContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.ListBulletinsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc.MeetingsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc.SchoolContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc.DirectoryServiceBlockingStub;
import uk.portsmouth.cfe.proto.directory.v1.ListAspectsOfLifeRequest;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRef;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalDirectoryGrpc;

/** The running gateway: the public REST API over HTTP, calling the services over gRPC. */
public final class Gateway implements AutoCloseable {

    /** The named listener health and metrics are served on: never the public port. */
    public static final String MANAGEMENT_SOCKET = "management";

    /** Who the readiness check says it is when a cheap read needs a signed-in caller. */
    /** The directory's replies kept parsed: at most 256 (each under 64 KB, so 16 MB of bytes at worst). */
    private static final int DIRECTORY_REPLIES_KEPT = 256;

    private static final CallerContext READINESS_PROBE = CallerContext.newBuilder()
            .setSubject("gateway-readiness")
            .addRoles(Roles.LA_OFFICER)
            .build();

    private final List<Mount> mounts;
    private final WebServer server;
    private final List<ManagedChannel> channels;
    private final MongoConnection mongo;
    private final Retention retention;
    private final Webhooks webhooks;

    /** The gateway's webhook dispatcher: the gateway acting as itself (no end user) at the services' event outboxes. */
    private static final CallerContext WEBHOOK_DISPATCHER = CallerContext.newBuilder()
            .setSubject("webhook-dispatcher")
            .setActingService(Trust.GATEWAY)
            .build();

    /**
     * Where request budgets are kept: the gateway's database when {@code rate-limit.shared} (by
     * default, when a MongoDB URI is set: several gateway instances), else this instance's memory.
     */
    private static Optional<MongoDatabase> sharedBudgetStore(Config config, MongoConnection mongo) {
        boolean hasStore = !config.get("mongodb.uri").asString().orElse("").isBlank();
        return config.get("rate-limit.shared").asBoolean().orElse(hasStore)
                ? Optional.of(mongo.database())
                : Optional.empty();
    }

    private Gateway(
            WebServer server,
            List<ManagedChannel> channels,
            MongoConnection mongo,
            Retention retention,
            Webhooks webhooks,
            List<Mount> mounts) {
        this.webhooks = webhooks;
        this.server = server;
        this.mounts = mounts;
        this.channels = channels;
        this.mongo = mongo;
        this.retention = retention;
    }

    /** Starts the gateway as {@code config} says, accepting tokens for {@code clients}. */
    public static Gateway start(Config config, OpenTelemetry telemetry, ClientRegistry configuredClients) {
        Logs.configure(config);
        // every call the gateway makes is signed for the end user it serves (services believe nothing else)
        Trust trust = Trust.load(Trust.GATEWAY, config);
        ManagedChannel directoryChannel = GrpcChannels.open(config, PlatformServices.DIRECTORY, trust, telemetry);
        // the directory's pages are the same for many callers all day: each call still goes to the
        // directory for its caller, and a reply whose bytes came back before is not parsed again
        DirectoryServiceBlockingStub directory = DirectoryServiceGrpc.newBlockingStub(directoryChannel)
                .withInterceptors(new RememberedReplies(DIRECTORY_REPLIES_KEPT));
        ManagedChannel contactsChannel = GrpcChannels.open(config, PlatformServices.CONTACTS, trust, telemetry);
        ContactsServiceBlockingStub contacts = ContactsServiceGrpc.newBlockingStub(contactsChannel);
        ManagedChannel attendanceChannel = GrpcChannels.open(config, PlatformServices.ATTENDANCE, trust, telemetry);
        SchoolRegistryBlockingStub schools = SchoolRegistryGrpc.newBlockingStub(attendanceChannel);
        ManagedChannel fspChannel = GrpcChannels.open(config, PlatformServices.FSP, trust, telemetry);
        FamilySupportPlansBlockingStub fsp = FamilySupportPlansGrpc.newBlockingStub(fspChannel);

        String publicUrl = config.get("public-url").asString().orElse("http://localhost:8080");
        Tokens tokens = Tokens.fromConfig(
                config.get("auth"),
                Clock.systemUTC(),
                new ProfessionalsBySignIn(ProfessionalDirectoryGrpc.newBlockingStub(fspChannel)));
        // clients registered through the API live in the gateway's own database, shared by every instance
        MongoConnection mongo = MongoConnection.open(config.get("mongodb"), "cfe_gateway", telemetry);
        ClientStore clientStore = new ClientStore(mongo.database());
        ClientRegistry clients = configuredClients.withStore(
                clientStore,
                Clock.systemUTC(),
                config.get("auth.client-status-cache").as(Duration.class).orElse(Duration.ofSeconds(5)));
        Authenticator authenticator = new Authenticator(tokens, clients);
        OpenApiDocument openApi = OpenApiDocument.load();
        RequestBodies bodies = new RequestBodies(
                openApi.tree(), config.get("http.max-body-bytes").asLong().orElse(256 * 1024L));
        DocumentedRoutes documentedRoutes = new DocumentedRoutes(openApi.tree());
        RequestContext requestContext = new RequestContext(telemetry, documentedRoutes);
        long maxMarksBodyBytes =
                config.get("http.max-marks-body-bytes").asLong().orElse(2 * 1024 * 1024L);
        IdempotencyKeys idempotencyKeys = new IdempotencyKeys(
                mongo.database(),
                req -> authenticator
                        .caller(req)
                        .map(caller -> caller.clientId() + "/" + caller.subject())
                        .orElse("anonymous"),
                Math.max(bodies.maxBytes(), maxMarksBodyBytes),
                config.get("idempotency.keep").as(Duration.class).orElse(Duration.ofHours(24)),
                config.get("idempotency.lease").as(Duration.class).orElse(Duration.ofMinutes(2)),
                Clock.systemUTC());

        AuditLog audit = new AuditLog(mongo.database(), AuditTrails.GATEWAY, Clock.systemUTC());
        // the gateway's own trail (client management, the DPO's questions) ages out like the services'
        Retention retention = Retention.of(
                        AuditTrails.GATEWAY,
                        config.get("retention"),
                        mongo.database(),
                        audit,
                        Clock.systemUTC(),
                        AuditRetention.auditEvents(audit))
                .start();
        // the data protection officer's questions go to every service that keeps personal data
        Map<String, ManagedChannel> everyService = Map.of(
                PlatformServices.DIRECTORY.serviceName(), directoryChannel,
                PlatformServices.CONTACTS.serviceName(), contactsChannel,
                PlatformServices.ATTENDANCE.serviceName(), attendanceChannel,
                PlatformServices.FSP.serviceName(), fspChannel);
        // events the services' writes caused, for the clients subscribed to them (docs/webhooks.md)
        // on channels of their own: the background rounds' calls (and their failures while a service
        // restarts) never share a connection's state or its reconnect budget with callers' requests
        Map<String, ManagedChannel> eventChannels = Map.of(
                PlatformServices.ATTENDANCE.serviceName(),
                GrpcChannels.open(config, PlatformServices.ATTENDANCE, trust, telemetry),
                PlatformServices.DIRECTORY.serviceName(),
                GrpcChannels.open(config, PlatformServices.DIRECTORY, trust, telemetry),
                PlatformServices.FSP.serviceName(),
                GrpcChannels.open(config, PlatformServices.FSP, trust, telemetry));
        RequestsInFlight requestsInFlight = new RequestsInFlight();
        Webhooks webhooks = Webhooks.create(
                        config.get("webhooks"),
                        mongo.database(),
                        stubs(
                                eventChannels,
                                channel -> CallerContexts.attach(
                                        EventOutboxGrpc.newBlockingStub(channel), WEBHOOK_DISPATCHER)),
                        clients::refused,
                        authenticator,
                        bodies,
                        audit,
                        WEBHOOK_DISPATCHER,
                        requestsInFlight::now,
                        Clock.systemUTC())
                .start();
        AuditTrails auditTrails =
                new AuditTrails(stubs(everyService, AuditTrailGrpc::newBlockingStub), audit, authenticator);
        AttendanceServiceBlockingStub attendance = AttendanceServiceGrpc.newBlockingStub(attendanceChannel);
        CaseworkServiceBlockingStub casework = CaseworkServiceGrpc.newBlockingStub(attendanceChannel);
        AbsenceReportServiceBlockingStub absenceReports = AbsenceReportServiceGrpc.newBlockingStub(attendanceChannel);
        RollRemovalServiceBlockingStub rollRemovals = RollRemovalServiceGrpc.newBlockingStub(attendanceChannel);
        MeetingsServiceBlockingStub meetings = MeetingsServiceGrpc.newBlockingStub(contactsChannel);
        SchoolContactsServiceBlockingStub schoolContacts = SchoolContactsServiceGrpc.newBlockingStub(contactsChannel);
        Duration marksDeadline =
                config.get("services.marks-deadline").as(Duration.class).orElse(Duration.ofSeconds(30));
        PlanCalls planCalls = new PlanCalls(fsp, authenticator, bodies);
        // one routes class a prefix, the index in docs/architecture.md ("Route index"; RouteIndexTest)
        List<Mount> mounts = List.of(
                new Mount(OAuthRoutes.PREFIX, new OAuthRoutes(clients, tokens)),
                new Mount(
                        ClientRoutes.PREFIX,
                        new ClientRoutes(
                                clientStore,
                                clients,
                                authenticator,
                                bodies,
                                meetings,
                                schools,
                                ProfessionalDirectoryGrpc.newBlockingStub(fspChannel),
                                audit,
                                Clock.systemUTC(),
                                config.get("auth.secret-rotation-overlap")
                                        .as(Duration.class)
                                        .orElse(Duration.ofDays(7)))),
                new Mount(ApiReferencePage.PREFIX, new ApiReferencePage()),
                new Mount(DirectoryRoutes.PREFIX, new DirectoryRoutes(directory, authenticator, bodies)),
                new Mount(
                        OrukRoutes.PREFIX,
                        new OrukRoutes(directory, authenticator, publicUrl + "/openapi?format=json")),
                new Mount(ContactsRoutes.PREFIX, new ContactsRoutes(contacts, schoolContacts, authenticator, bodies)),
                new Mount(GlossaryRoutes.PREFIX, new GlossaryRoutes(contacts, authenticator)),
                new Mount(BulletinRoutes.PREFIX, new BulletinRoutes(contacts, authenticator)),
                new Mount(
                        MeetingsRoutes.PREFIX,
                        new MeetingsRoutes(
                                meetings,
                                authenticator,
                                bodies,
                                publicUrl,
                                config.get("meetings.calendar-organizer")
                                        .asString()
                                        .orElse("mailto:meetings@cfe.portsmouth.gov.uk"))),
                new Mount(SchoolsRoutes.PREFIX, new SchoolsRoutes(schools, authenticator, bodies)),
                new Mount(PupilRollRoutes.PREFIX, new PupilRollRoutes(attendance, authenticator, bodies)),
                new Mount(
                        SchoolAttendanceRoutes.PREFIX,
                        new SchoolAttendanceRoutes(
                                attendance, authenticator, bodies, maxMarksBodyBytes, marksDeadline)),
                new Mount(
                        SchoolAbsenceReportRoutes.PREFIX,
                        new SchoolAbsenceReportRoutes(absenceReports, authenticator, bodies)),
                new Mount(RollRemovalRoutes.PREFIX, new RollRemovalRoutes(rollRemovals, authenticator, bodies)),
                new Mount(SchoolContactsRoutes.PREFIX, new SchoolContactsRoutes(schoolContacts, authenticator, bodies)),
                new Mount(
                        PupilOverviewRoutes.PREFIX, new PupilOverviewRoutes(attendance, fsp, meetings, authenticator)),
                new Mount(
                        SchoolOverviewRoutes.PREFIX,
                        new SchoolOverviewRoutes(attendance, casework, meetings, authenticator)),
                new Mount(AttendanceRoutes.PREFIX, new AttendanceRoutes(attendance, authenticator)),
                new Mount(IllnessRoutes.PREFIX, new IllnessRoutes(absenceReports, authenticator)),
                new Mount(CmeCaseRoutes.PREFIX, new CmeCaseRoutes(rollRemovals, authenticator, bodies)),
                new Mount(LegalActionRoutes.PREFIX, new LegalActionRoutes(casework, authenticator, bodies)),
                new Mount(SapReferralRoutes.PREFIX, new SapReferralRoutes(casework, authenticator, bodies)),
                new Mount(
                        InclusionPanelRoutes.PREFIX,
                        new InclusionPanelRoutes(
                                InclusionPanelServiceGrpc.newBlockingStub(attendanceChannel), authenticator, bodies)),
                new Mount(
                        NewPupilReturnRoutes.PREFIX,
                        new NewPupilReturnRoutes(
                                NewPupilReturnServiceGrpc.newBlockingStub(attendanceChannel), authenticator, bodies)),
                new Mount(AbsenceReportRoutes.PREFIX, new AbsenceReportRoutes(absenceReports, authenticator, bodies)),
                new Mount(FspRoutes.PREFIX, new FspRoutes(planCalls, bodies)),
                new Mount(PlanTeamRoutes.PREFIX, new PlanTeamRoutes(planCalls, bodies)),
                new Mount(PlanActionRoutes.PREFIX, new PlanActionRoutes(planCalls, bodies)),
                new Mount(PlanReviewRoutes.PREFIX, new PlanReviewRoutes(planCalls)),
                new Mount(
                        ProfessionalsRoutes.PREFIX,
                        new ProfessionalsRoutes(
                                ProfessionalDirectoryGrpc.newBlockingStub(fspChannel), authenticator, bodies)),
                new Mount(AuditRoutes.PREFIX, new AuditRoutes(auditTrails, audit, authenticator)),
                new Mount(CallerRoutes.PREFIX, new CallerRoutes(authenticator)),
                new Mount(WebhookRoutes.PREFIX, webhooks.routes()),
                new Mount(
                        RetentionRoutes.PREFIX,
                        new RetentionRoutes(
                                stubs(everyService, RetentionGrpc::newBlockingStub), retention, audit, authenticator)),
                new Mount(
                        SubjectAccessRoutes.PREFIX,
                        new SubjectAccessRoutes(
                                // the directory holds no one's personal data: nothing to ask it
                                stubs(
                                        Map.of(
                                                PlatformServices.ATTENDANCE.serviceName(), attendanceChannel,
                                                PlatformServices.FSP.serviceName(), fspChannel,
                                                PlatformServices.CONTACTS.serviceName(), contactsChannel),
                                        SubjectAccessGrpc::newBlockingStub),
                                auditTrails,
                                audit,
                                authenticator,
                                Clock.systemUTC())));
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(requestsInFlight::filter)
                .addFilter(requestContext::filter)
                .addFilter(new HeadRequests(documentedRoutes)::filter)
                .addFilter(Cors.fromConfig(config.get("cors"))::filter)
                .addFilter(ResponseHardening::filter)
                .addFilter(InputText::filter)
                .addFilter(new DocumentedParameters(openApi.tree(), documentedRoutes)::filter)
                .addFilter(
                        new RateLimits(config.get("rate-limit"), authenticator, sharedBudgetStore(config, mongo))
                                ::filter)
                .addFilter(idempotencyKeys::filter)
                .addFilter(PublicReadCache.fromConfig(config.get("public-read-cache"))::filter)
                .get("/.well-known/jwks.json", (req, res) -> Json.ok(req, res, Json.write(tokens.jwks())))
                .get("/openapi", openApi::serve);
        Mount.registerAll(routing, mounts);
        routing.any(ErrorHandling.unrouted(documentedRoutes));
        ErrorHandling.register(routing, documentedRoutes, GatewayRefusals.recorder(audit, authenticator));

        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .featuresDiscoverServices(false)
                .directHandlers(DirectProblems.handlers())
                .addFeature(ServiceHost.observeFeature(
                        List.of(
                                reachable(
                                        "directory-service",
                                        () -> directory
                                                .withDeadlineAfter(1, TimeUnit.SECONDS)
                                                .listAspectsOfLife(ListAspectsOfLifeRequest.getDefaultInstance())),
                                reachable(
                                        "safeguarding-contacts-service",
                                        () -> contacts.withDeadlineAfter(1, TimeUnit.SECONDS)
                                                .listBulletins(ListBulletinsRequest.newBuilder()
                                                        .setPage(PageRequest.newBuilder()
                                                                .setPerPage(1))
                                                        .build())),
                                reachable(
                                        "attendance-service",
                                        () -> CallerContexts.attach(
                                                        schools.withDeadlineAfter(1, TimeUnit.SECONDS), READINESS_PROBE)
                                                .listSchools(ListSchoolsRequest.newBuilder()
                                                        .setPage(PageRequest.newBuilder()
                                                                .setPerPage(1))
                                                        .build())),
                                reachable(
                                        "fsp-service",
                                        () -> answersNotFound(() -> fsp.withDeadlineAfter(1, TimeUnit.SECONDS)
                                                .getPlan(PlanRef.getDefaultInstance())))),
                        List.of(MANAGEMENT_SOCKET)))
                .routing(routing)
                .build()
                .start();
        return new Gateway(
                server,
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(
                                        directoryChannel, contactsChannel, attendanceChannel, fspChannel),
                                eventChannels.values().stream())
                        .toList(),
                mongo,
                retention,
                webhooks,
                mounts);
    }

    /** A stub of one kind for each service, by service name. */
    private static <S> Map<String, S> stubs(
            Map<String, ManagedChannel> channels, java.util.function.Function<ManagedChannel, S> stub) {
        Map<String, S> stubs = new java.util.HashMap<>();
        channels.forEach((service, channel) -> stubs.put(service, stub.apply(channel)));
        return Map.copyOf(stubs);
    }

    public int port() {
        return server.port();
    }

    /** The routes classes and the prefixes they are mounted at (the route index, docs/architecture.md). */
    public List<Mount> mounts() {
        return mounts;
    }

    /** Where {@code /observe/health} and {@code /observe/metrics} answer (probes, Prometheus). */
    public int managementPort() {
        return server.port(MANAGEMENT_SOCKET);
    }

    @Override
    public void close() {
        server.stop();
        webhooks.close();
        retention.close();
        for (ManagedChannel channel : channels) {
            channel.shutdown();
            try {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mongo.close();
    }

    /** A call that reaches the service answers "not found" for a plan with no id (and reads nothing). */
    private static void answersNotFound(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
                throw e;
            }
        }
    }

    /** Readiness: a service behind the gateway answers a cheap call within a second. */
    private static HealthCheck reachable(String name, Runnable cheapCall) {
        return ServiceHost.readinessCheck(name, () -> {
            try {
                cheapCall.run();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
