package uk.portsmouth.cfe.contacts;

import io.grpc.ManagedChannel;
import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import uk.portsmouth.cfe.contacts.app.CalendarFeeds;
import uk.portsmouth.cfe.contacts.app.ContactsTracker;
import uk.portsmouth.cfe.contacts.app.KeyTeams;
import uk.portsmouth.cfe.contacts.app.MeetingLookup;
import uk.portsmouth.cfe.contacts.app.MeetingRecords;
import uk.portsmouth.cfe.contacts.app.MeetingRegistrations;
import uk.portsmouth.cfe.contacts.app.MeetingRetention;
import uk.portsmouth.cfe.contacts.app.MeetingSeriesAdmin;
import uk.portsmouth.cfe.contacts.app.PeopleInMeetings;
import uk.portsmouth.cfe.contacts.app.SevereAbsenceMeetings;
import uk.portsmouth.cfe.contacts.demo.ContactsDemoData;
import uk.portsmouth.cfe.contacts.grpc.ContactsGrpcService;
import uk.portsmouth.cfe.contacts.grpc.MeetingsGrpcService;
import uk.portsmouth.cfe.contacts.grpc.SchoolContactsGrpcService;
import uk.portsmouth.cfe.contacts.outbound.SchoolDirectory;
import uk.portsmouth.cfe.contacts.store.CalendarFeedStore;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.contacts.store.ReferenceStore;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.contacts.store.SchoolContactStore;
import uk.portsmouth.cfe.contacts.store.TeamStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.grpc.GrpcChannels;
import uk.portsmouth.cfe.platform.grpc.PlatformServices;
import uk.portsmouth.cfe.platform.mongo.MongoConnection;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.trust.Trust;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingsServiceGrpc;

/** Wiring only: config -> stores and outbound ports -> use cases (app) -> gRPC adapters -> host. */
public final class Main {

    public static final String NAME = "safeguarding-contacts-service";

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
        MongoConnection mongo = MongoConnection.open(config.get("mongodb"), "cfe_contacts", telemetry);
        TeamStore teams = new TeamStore(mongo.database());
        ReferenceStore reference = new ReferenceStore(mongo.database());
        MeetingStore meetings = new MeetingStore(mongo.database());
        SchoolContactStore schoolContacts = new SchoolContactStore(mongo.database());
        if (config.get("demo-data.load").asBoolean().orElse(false)) {
            ContactsDemoData.load(teams, reference, meetings, schoolContacts);
        }
        AuditLog audit = new AuditLog(mongo.database(), NAME, clock);
        // the school register is attendance-service's: schools are resolved there by URN
        ManagedChannel attendance = GrpcChannels.open(config, PlatformServices.ATTENDANCE, trust, telemetry);
        SchoolDirectory schools = new SchoolDirectory(schoolContacts, SchoolRegistryGrpc.newBlockingStub(attendance));
        RegistrationStore registrations = new RegistrationStore(mongo.database());
        MeetingRecordStore meetingRecords = new MeetingRecordStore(mongo.database());
        MeetingLookup lookup = new MeetingLookup(meetings, registrations, meetingRecords, audit, clock);
        return ServiceHost.builder(config, trust, telemetry)
                .audit(audit)
                .subjectAccess(new PeopleInMeetings(meetingRecords, registrations))
                .retention(mongo.database(), clock, MeetingRetention.rules(meetingRecords, audit))
                .addService(new ContactsGrpcService(new KeyTeams(teams, reference, clock)))
                .addService(new SchoolContactsGrpcService(new ContactsTracker(schools, audit, clock)))
                .addService(new MeetingsGrpcService(
                        new MeetingSeriesAdmin(meetings, lookup),
                        new MeetingRegistrations(registrations, lookup, audit),
                        new MeetingRecords(registrations, meetingRecords, schools, lookup, audit, clock),
                        new SevereAbsenceMeetings(meetings, meetingRecords, lookup, audit, clock),
                        new CalendarFeeds(
                                new CalendarFeedStore(mongo.database()),
                                registrations,
                                meetings,
                                audit,
                                config.get("calendar-feeds.lifetime")
                                        .as(Duration.class)
                                        .orElse(Duration.ofDays(90)),
                                clock)))
                // attendance-service schedules Severely Absent Meetings for the LA officer it serves
                .acceptForItsUsers(
                        PlatformServices.ATTENDANCE.serviceName(),
                        MeetingsServiceGrpc.getScheduleSevereAbsenceMeetingMethod())
                .readiness("mongodb", mongo::ping)
                .closeOnStop(mongo)
                .closeOnStop(attendance::shutdownNow)
                .start();
    }
}
