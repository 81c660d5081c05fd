package uk.portsmouth.cfe.contacts.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.contacts.Main;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRoute;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRouteKind;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc.ContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.CreateTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryEntry;
import uk.portsmouth.cfe.proto.contacts.v1.ListBulletinsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListTeamsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.SearchGlossaryRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Team;
import uk.portsmouth.cfe.proto.contacts.v1.TeamRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateTeamRequest;

/** The contacts service over a real gRPC channel, its store the embedded MongoDB, seeded from the guide. */
class ContactsGrpcServiceTest {

    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer-1")
            .addRoles("la_officer")
            .build();
    private static final CallerContext SCHOOL =
            CallerContext.newBuilder().setSubject("school-1").addRoles("school").build();

    private static ServiceHost host;
    private static ManagedChannel channel;
    private static ContactsServiceBlockingStub anonymous;

    @BeforeAll
    static void start() {
        // the demo meetings are in the 2026-27 academic year: fix "now" inside it
        host = Main.start(
                TestTrust.serviceConfig(Main.NAME, true, Map.of()),
                Telemetry.noop(),
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
        anonymous = ContactsServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
    }

    private static Team.Builder newTeam(String name) {
        return Team.newBuilder()
                .setName(name)
                .setPurpose("Testing")
                .addTiers(2)
                .addContactRoutes(ContactRoute.newBuilder()
                        .setKind(ContactRouteKind.CONTACT_ROUTE_KIND_EMAIL)
                        .setValue("team@example.org"));
    }

    @Test
    void theGuidesTeamsAreThereWithTheirRoutes() {
        var all = anonymous.listTeams(ListTeamsRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPerPage(100))
                .build());
        assertThat(all.getPage().getTotalItems(), greaterThanOrEqualTo(20));
        Team mash = anonymous
                .getTeam(GetTeamRequest.newBuilder()
                        .setId("multi-agency-safeguarding-hub-mash")
                        .build())
                .getTeam();
        assertThat(
                mash.getContactRoutesList().stream()
                        .filter(r -> r.getKind() == ContactRouteKind.CONTACT_ROUTE_KIND_PHONE)
                        .map(ContactRoute::getValue)
                        .toList(),
                contains("02392 688793", "0845 671 0271"));
        Team lado = anonymous
                .getTeam(GetTeamRequest.newBuilder()
                        .setId("local-authority-designated-officer-lado")
                        .build())
                .getTeam();
        assertThat(lado.getContactRoutes(0).getUnknown(), is(true));
        assertThat(lado.getContactRoutes(0).getValue(), is(""));
    }

    @Test
    void filtersByTierAndText() {
        var tier4 = anonymous.listTeams(ListTeamsRequest.newBuilder()
                .setTier(4)
                .setPage(PageRequest.newBuilder().setPerPage(100))
                .build());
        tier4.getContentsList().forEach(t -> assertThat(t.getName(), t.getTiersList(), hasItem(4)));
        var found = anonymous.listTeams(
                ListTeamsRequest.newBuilder().setText("allegation").build());
        assertThat(found.getContents(0).getId(), is("local-authority-designated-officer-lado"));
        StatusRuntimeException bad = assertThrows(
                StatusRuntimeException.class,
                () -> anonymous.listTeams(
                        ListTeamsRequest.newBuilder().setTier(9).build()));
        assertThat(GrpcErrors.fieldErrors(bad).get(0).field(), is("tier"));
    }

    @Test
    void glossaryHasBothMeaningsOfPep() {
        List<GlossaryEntry> pep = anonymous
                .searchGlossary(
                        SearchGlossaryRequest.newBuilder().setText("PEP").build())
                .getContentsList();
        assertThat(
                pep.get(0).getMeaningsList(), contains("Personal Education Plan", "Portsmouth Education Partnership"));
        List<String> byMeaning = anonymous
                .searchGlossary(SearchGlossaryRequest.newBuilder()
                        .setText("safeguarding hub")
                        .build())
                .getContentsList()
                .stream()
                .map(GlossaryEntry::getAcronym)
                .toList();
        assertThat(byMeaning, hasItem("MASH"));
        assertThat(
                anonymous
                        .searchGlossary(SearchGlossaryRequest.getDefaultInstance())
                        .getPage()
                        .getTotalItems(),
                greaterThanOrEqualTo(100));
    }

    @Test
    void bulletins() {
        assertThat(
                anonymous
                        .listBulletins(ListBulletinsRequest.getDefaultInstance())
                        .getPage()
                        .getTotalItems(),
                is(7));
    }

    @Test
    void theLaMaintainsTeamsOthersMayNot() {
        for (ContactsServiceBlockingStub stub : List.of(anonymous, CallerContexts.attach(anonymous, SCHOOL))) {
            StatusRuntimeException denied = assertThrows(
                    StatusRuntimeException.class,
                    () -> stub.createTeam(CreateTeamRequest.newBuilder()
                            .setTeam(newTeam("Not allowed"))
                            .build()));
            assertThat(denied.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
        }
        ContactsServiceBlockingStub officer = CallerContexts.attach(anonymous, OFFICER);
        TeamRecord created = officer.createTeam(CreateTeamRequest.newBuilder()
                .setTeam(newTeam("Inclusion Service"))
                .build());
        assertThat(created.getTeam().getId(), is("inclusion-service"));
        assertThat(created.getModifiedBy(), is("officer-1"));

        // the same create again (a client's retry) answers the team it made; another team of that name is refused
        TeamRecord retried = officer.createTeam(CreateTeamRequest.newBuilder()
                .setTeam(newTeam("Inclusion Service"))
                .build());
        assertThat(retried, is(created));
        StatusRuntimeException duplicate = assertThrows(
                StatusRuntimeException.class,
                () -> officer.createTeam(CreateTeamRequest.newBuilder()
                        .setTeam(newTeam("Inclusion Service").setPurpose("Something else"))
                        .build()));
        assertThat(duplicate.getStatus().getCode(), is(Status.Code.ALREADY_EXISTS));

        TeamRecord updated = officer.updateTeam(UpdateTeamRequest.newBuilder()
                .setTeam(created.getTeam().toBuilder().setPurpose("Inclusion"))
                .setExpectedVersion(1)
                .build());
        assertThat(updated.getVersion(), is(2L));
        StatusRuntimeException stale = assertThrows(
                StatusRuntimeException.class,
                () -> officer.updateTeam(UpdateTeamRequest.newBuilder()
                        .setTeam(created.getTeam())
                        .setExpectedVersion(1)
                        .build()));
        assertThat(GrpcErrors.currentVersion(stale).orElseThrow(), is(2L));

        StatusRuntimeException invalid = assertThrows(
                StatusRuntimeException.class,
                () -> officer.createTeam(CreateTeamRequest.newBuilder()
                        .setTeam(newTeam("Bad email")
                                .clearContactRoutes()
                                .addContactRoutes(ContactRoute.newBuilder()
                                        .setKind(ContactRouteKind.CONTACT_ROUTE_KIND_EMAIL)
                                        .setValue("nope")))
                        .build()));
        assertThat(
                GrpcErrors.fieldErrors(invalid).stream().map(FieldError::field).toList(),
                contains("/contact_routes/0/value"));
    }
}
