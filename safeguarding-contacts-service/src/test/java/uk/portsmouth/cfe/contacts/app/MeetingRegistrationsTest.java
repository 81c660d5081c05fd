package uk.portsmouth.cfe.contacts.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.contacts.demo.ContactsDemoData;
import uk.portsmouth.cfe.contacts.store.MeetingRecordStore;
import uk.portsmouth.cfe.contacts.store.MeetingStore;
import uk.portsmouth.cfe.contacts.store.ReferenceStore;
import uk.portsmouth.cfe.contacts.store.RegistrationStore;
import uk.portsmouth.cfe.contacts.store.SchoolContactStore;
import uk.portsmouth.cfe.contacts.store.TeamStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.ForbiddenException;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.grpc.AsCaller;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.EmbeddedMongo;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.platform.testing.TestClock;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.contacts.v1.CancelRegistrationRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.RegistrationStatus;

/**
 * The registration use cases on their own (no server, no channel; the stores in memory, the clock
 * the test's): who may take, give up and see places, what is audited, and that a meeting that has
 * taken place takes no change.
 */
class MeetingRegistrationsTest {

    private static final CallerContext ANN = AsCaller.of("ann", List.of(Roles.PROFESSIONAL));
    private static final CallerContext BOB = AsCaller.of("bob", List.of(Roles.SCHOOL), "100001");
    private static final CallerContext OFFICER = AsCaller.of("officer", List.of(Roles.LA_OFFICER));

    private EmbeddedMongo mongo;
    private MongoClient client;
    private TestClock clock;
    private AuditLog audit;
    private MeetingRegistrations registrations;
    private String meetingId;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri());
        MongoDatabase database = client.getDatabase("contacts");
        MeetingStore meetings = new MeetingStore(database);
        ContactsDemoData.load(
                new TeamStore(database), new ReferenceStore(database), meetings, new SchoolContactStore(database));
        clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
        audit = new AuditLog(database, "test", clock);
        RegistrationStore places = new RegistrationStore(database);
        MeetingLookup lookup = new MeetingLookup(meetings, places, new MeetingRecordStore(database), audit, clock);
        registrations = new MeetingRegistrations(places, lookup, audit);
        meetingId = AsCaller.call(
                        CallerContexts.ANONYMOUS,
                        () -> new MeetingSeriesAdmin(meetings, lookup)
                                .listMeetings(ListMeetingsRequest.newBuilder()
                                        .setSeriesId("locality-mat-network-central")
                                        .build()))
                .getContents(0)
                .getId();
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    private Registration register(CallerContext caller) {
        return AsCaller.call(
                caller,
                () -> registrations.register(RegisterRequest.newBuilder()
                        .setMeetingId(meetingId)
                        .setName(caller.getSubject())
                        .setEmail(caller.getSubject() + "@example.org")
                        .setOrganisation("Portsmouth")
                        .build()));
    }

    private List<String> registered() {
        return AsCaller.call(
                        OFFICER,
                        () -> registrations.listRegistrations(ListRegistrationsRequest.newBuilder()
                                .setMeetingId(meetingId)
                                .build()))
                .getRegisteredList()
                .stream()
                .map(Registration::getSubject)
                .toList();
    }

    @Test
    void aSignedInPersonTakesOnePlaceAndIsAudited() {
        assertThrows(ForbiddenException.class, () -> register(CallerContexts.ANONYMOUS));
        assertThat(register(ANN).getStatus(), is(RegistrationStatus.REGISTRATION_STATUS_REGISTERED));
        assertThrows(ConflictException.class, () -> register(ANN));
        assertThat(registered(), is(List.of("ann")));
        assertThat(audit.count(AuditSubjects.meeting(meetingId)), greaterThan(0L));
    }

    @Test
    void onlyTheLaSeesWhoIsRegisteredOrGivesUpSomeoneElsesPlace() {
        register(ANN);
        register(BOB);
        ListRegistrationsRequest list =
                ListRegistrationsRequest.newBuilder().setMeetingId(meetingId).build();
        assertThrows(ForbiddenException.class, () -> AsCaller.call(ANN, () -> registrations.listRegistrations(list)));
        CancelRegistrationRequest annsPlace = CancelRegistrationRequest.newBuilder()
                .setMeetingId(meetingId)
                .setSubject("ann")
                .build();
        assertThrows(
                ForbiddenException.class, () -> AsCaller.call(BOB, () -> registrations.cancelRegistration(annsPlace)));
        assertThat(registered(), is(List.of("ann", "bob")));
        AsCaller.call(OFFICER, () -> registrations.cancelRegistration(annsPlace));
        assertThat(registered(), is(List.of("bob")));
    }

    @Test
    void aMeetingThatHasTakenPlaceTakesNoChange() {
        register(ANN);
        clock.advance(Duration.ofDays(400));
        CancelRegistrationRequest own =
                CancelRegistrationRequest.newBuilder().setMeetingId(meetingId).build();
        assertThrows(
                InvalidInputException.class, () -> AsCaller.call(ANN, () -> registrations.cancelRegistration(own)));
        assertThrows(InvalidInputException.class, () -> register(BOB));
        assertThat(registered(), is(List.of("ann")));
    }
}
