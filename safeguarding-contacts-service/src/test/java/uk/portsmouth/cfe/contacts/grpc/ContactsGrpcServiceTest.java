package uk.portsmouth.cfe.contacts.grpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.contacts.Main;
import uk.portsmouth.cfe.platform.config.ServiceConfig;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.GrpcChannels;
import uk.portsmouth.cfe.platform.grpc.GrpcErrors;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ContactRoute;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.ContactsServiceGrpc.ContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.CreateTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GetTeamRequest;
import uk.portsmouth.cfe.proto.contacts.v1.GlossaryEntry;
import uk.portsmouth.cfe.proto.contacts.v1.ListBulletinsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingSeriesRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListMeetingsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListRegistrationsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.RegisterRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Registration;
import uk.portsmouth.cfe.proto.contacts.v1.ListTeamsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Meeting;
import uk.portsmouth.cfe.proto.contacts.v1.MeetingSeries;
import uk.portsmouth.cfe.proto.contacts.v1.SearchGlossaryRequest;
import uk.portsmouth.cfe.proto.contacts.v1.Team;
import uk.portsmouth.cfe.proto.contacts.v1.TeamRecord;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateTeamRequest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contacts service over a real gRPC channel, its store the embedded MongoDB, seeded from the guide. */
class ContactsGrpcServiceTest {

    private static final CallerContext OFFICER = CallerContext.newBuilder().setSubject("officer-1").addRoles("la_officer").build();
    private static final CallerContext SCHOOL = CallerContext.newBuilder().setSubject("school-1").addRoles("school").build();

    private static ServiceHost host;
    private static ManagedChannel channel;
    private static ContactsServiceBlockingStub anonymous;

    @BeforeAll
    static void start() {
        // the demo meetings are in the 2026-27 academic year: fix "now" inside it
        host = Main.start(ServiceConfig.load(Main.NAME, Map.of("grpc.port", "0", "server.port", "0", "demo-data.load", "true")),
                          Telemetry.noop(), Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
        channel = GrpcChannels.open(host.grpcTarget(), Duration.ofSeconds(5), Telemetry.noop());
        anonymous = ContactsServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
    }

    private static Team.Builder newTeam(String name) {
        return Team.newBuilder().setName(name).setPurpose("Testing").addTiers(2)
                .addContactRoutes(ContactRoute.newBuilder().setKind("email").setValue("team@example.org"));
    }

    @Test
    void theGuidesTeamsAreThereWithTheirRoutes() {
        var all = anonymous.listTeams(ListTeamsRequest.newBuilder().setPage(PageRequest.newBuilder().setPerPage(100)).build());
        assertThat(all.getPage().getTotalItems(), greaterThanOrEqualTo(20));
        Team mash = anonymous.getTeam(GetTeamRequest.newBuilder().setId("multi-agency-safeguarding-hub-mash").build()).getTeam();
        assertThat(mash.getContactRoutesList().stream().filter(r -> r.getKind().equals("phone")).map(ContactRoute::getValue).toList(),
                   contains("02392 688793", "0845 671 0271"));
        Team lado = anonymous.getTeam(GetTeamRequest.newBuilder().setId("local-authority-designated-officer-lado").build()).getTeam();
        assertThat(lado.getContactRoutes(0).getUnknown(), is(true));
        assertThat(lado.getContactRoutes(0).getValue(), is(""));
    }

    @Test
    void filtersByTierAndText() {
        var tier4 = anonymous.listTeams(ListTeamsRequest.newBuilder().setTier(4).setPage(PageRequest.newBuilder().setPerPage(100)).build());
        tier4.getContentsList().forEach(t -> assertThat(t.getName(), t.getTiersList(), hasItem(4)));
        var found = anonymous.listTeams(ListTeamsRequest.newBuilder().setText("allegation").build());
        assertThat(found.getContents(0).getId(), is("local-authority-designated-officer-lado"));
        StatusRuntimeException bad = assertThrows(StatusRuntimeException.class,
                () -> anonymous.listTeams(ListTeamsRequest.newBuilder().setTier(9).build()));
        assertThat(GrpcErrors.fieldErrors(bad).get(0).field(), is("tier"));
    }

    @Test
    void glossaryHasBothMeaningsOfPep() {
        List<GlossaryEntry> pep = anonymous.searchGlossary(SearchGlossaryRequest.newBuilder().setText("PEP").build()).getContentsList();
        assertThat(pep.get(0).getMeaningsList(), contains("Personal Education Plan", "Portsmouth Education Partnership"));
        List<String> byMeaning = anonymous.searchGlossary(SearchGlossaryRequest.newBuilder().setText("safeguarding hub").build())
                .getContentsList().stream().map(GlossaryEntry::getAcronym).toList();
        assertThat(byMeaning, hasItem("MASH"));
        assertThat(anonymous.searchGlossary(SearchGlossaryRequest.getDefaultInstance()).getPage().getTotalItems(),
                   greaterThanOrEqualTo(100));
    }

    @Test
    void restrictedMeetingsExistOnlyForTheLa() {
        ContactsServiceBlockingStub officer = CallerContexts.attach(anonymous, OFFICER);
        List<String> publicSeries = anonymous.listMeetingSeries(ListMeetingSeriesRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPerPage(100)).build()).getContentsList().stream().map(MeetingSeries::getId).toList();
        List<String> laSeries = officer.listMeetingSeries(ListMeetingSeriesRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPerPage(100)).build()).getContentsList().stream().map(MeetingSeries::getId).toList();
        assertThat(publicSeries.contains("marac") || publicSeries.contains("met-weekly"), is(false));
        assertThat(laSeries, hasItem("marac"));
        assertThat(laSeries, hasItem("met-weekly"));
        assertThat(assertThrows(StatusRuntimeException.class, () -> anonymous.getMeetingSeries(
                GetMeetingSeriesRequest.newBuilder().setId("marac").build())).getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(CallerContexts.attach(anonymous, SCHOOL).listMeetings(ListMeetingsRequest.newBuilder()
                .setFrom("2026-09-01").setTo("2027-08-31").setPage(PageRequest.newBuilder().setPerPage(100)).build())
                .getContentsList().stream().noneMatch(Meeting::getRestricted), is(true));
    }

    @Test
    void meetingsInADateRangeForALocality() {
        var north = anonymous.listMeetings(ListMeetingsRequest.newBuilder().setFrom("2026-09-01").setTo("2026-09-30")
                .setLocality("north").build()).getContentsList();
        List<String> series = north.stream().map(Meeting::getSeriesId).distinct().toList();
        assertThat(series, hasItem("locality-mat-network-north"));
        assertThat(series.contains("locality-mat-network-south"), is(false));
        for (String[] bad : new String[][] {{"2026-09-30", "2026-09-01", "to"}, {"2026-01-01", "2027-06-01", "to"},
                                             {"someday", "", "from"}}) {
            StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> anonymous.listMeetings(
                    ListMeetingsRequest.newBuilder().setFrom(bad[0]).setTo(bad[1]).build()));
            assertThat(GrpcErrors.fieldErrors(error).get(0).field(), is(bad[2]));
        }
    }

    @Test
    void registrationFillsThePlacesThenTheWaitingListAndOnlyTheLaSeesWho() {
        String san = "school-attendance-network@2027-02-03T13:30";
        for (int i = 0; i < 60; i++) {
            CallerContext attendee = CallerContext.newBuilder().setSubject("attendee-" + i).addRoles("school").build();
            Registration placed = CallerContexts.attach(anonymous, attendee).register(RegisterRequest.newBuilder()
                    .setMeetingId(san).setName("Attendee " + i).setEmail("a" + i + "@school.example").build());
            assertThat(placed.getStatus(), is("registered"));
        }
        ContactsServiceBlockingStub late = CallerContexts.attach(anonymous, SCHOOL);
        Registration waiting = late.register(RegisterRequest.newBuilder().setMeetingId(san).setName("Late")
                                                      .setEmail("late@school.example").build());
        assertThat(waiting.getStatus(), is("waiting"));
        assertThat(waiting.getWaitingPosition(), is(1));
        StatusRuntimeException twice = assertThrows(StatusRuntimeException.class, () -> late.register(
                RegisterRequest.newBuilder().setMeetingId(san).setName("Late").setEmail("late@school.example").build()));
        assertThat(twice.getStatus().getCode(), is(Status.Code.ALREADY_EXISTS));

        var list = CallerContexts.attach(anonymous, OFFICER).listRegistrations(
                ListRegistrationsRequest.newBuilder().setMeetingId(san).build());
        assertThat(list.getRegisteredCount(), is(60));
        assertThat(list.getWaitingCount(), is(1));
        assertThat(assertThrows(StatusRuntimeException.class, () -> late.listRegistrations(
                ListRegistrationsRequest.newBuilder().setMeetingId(san).build())).getStatus().getCode(),
                   is(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void registrationRefusals() {
        ContactsServiceBlockingStub school = CallerContexts.attach(anonymous, SCHOOL);
        RegisterRequest.Builder ok = RegisterRequest.newBuilder().setName("Jo").setEmail("jo@school.example");
        assertThat(assertThrows(StatusRuntimeException.class, () -> anonymous.register(
                ok.setMeetingId("mental-health-education-network@2027-03-10T15:45").build())).getStatus().getCode(),
                   is(Status.Code.PERMISSION_DENIED));
        for (String missing : List.of("marac@2026-12-15T09:00", "school-attendance-network@2027-02-04T13:30", "nonsense",
                                      "school-attendance-network@tuesday")) {
            assertThat(missing, assertThrows(StatusRuntimeException.class, () -> school.register(
                    ok.setMeetingId(missing).build())).getStatus().getCode(), is(Status.Code.NOT_FOUND));
        }
        StatusRuntimeException past = assertThrows(StatusRuntimeException.class, () -> school.register(
                ok.setMeetingId("school-attendance-network@2026-10-07T13:30").build()));
        assertThat(GrpcErrors.fieldErrors(past).get(0).field(), is("/meeting_id"));
        StatusRuntimeException badEmail = assertThrows(StatusRuntimeException.class, () -> school.register(
                ok.setMeetingId("mental-health-education-network@2027-03-10T15:45").setEmail("jo").build()));
        assertThat(GrpcErrors.fieldErrors(badEmail).get(0).field(), is("/email"));
    }

    @Test
    void bulletins() {
        assertThat(anonymous.listBulletins(ListBulletinsRequest.getDefaultInstance()).getPage().getTotalItems(), is(7));
    }

    @Test
    void theLaMaintainsTeamsOthersMayNot() {
        for (ContactsServiceBlockingStub stub : List.of(anonymous, CallerContexts.attach(anonymous, SCHOOL))) {
            StatusRuntimeException denied = assertThrows(StatusRuntimeException.class,
                    () -> stub.createTeam(CreateTeamRequest.newBuilder().setTeam(newTeam("Not allowed")).build()));
            assertThat(denied.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
        }
        ContactsServiceBlockingStub officer = CallerContexts.attach(anonymous, OFFICER);
        TeamRecord created = officer.createTeam(CreateTeamRequest.newBuilder().setTeam(newTeam("Inclusion Service")).build());
        assertThat(created.getTeam().getId(), is("inclusion-service"));
        assertThat(created.getModifiedBy(), is("officer-1"));

        StatusRuntimeException duplicate = assertThrows(StatusRuntimeException.class,
                () -> officer.createTeam(CreateTeamRequest.newBuilder().setTeam(newTeam("Inclusion Service")).build()));
        assertThat(duplicate.getStatus().getCode(), is(Status.Code.ALREADY_EXISTS));

        TeamRecord updated = officer.updateTeam(UpdateTeamRequest.newBuilder()
                .setTeam(created.getTeam().toBuilder().setPurpose("Inclusion")).setExpectedVersion(1).build());
        assertThat(updated.getVersion(), is(2L));
        StatusRuntimeException stale = assertThrows(StatusRuntimeException.class, () -> officer.updateTeam(
                UpdateTeamRequest.newBuilder().setTeam(created.getTeam()).setExpectedVersion(1).build()));
        assertThat(GrpcErrors.currentVersion(stale).orElseThrow(), is(2L));

        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class, () -> officer.createTeam(
                CreateTeamRequest.newBuilder().setTeam(newTeam("Bad email").clearContactRoutes()
                        .addContactRoutes(ContactRoute.newBuilder().setKind("email").setValue("nope"))).build()));
        assertThat(GrpcErrors.fieldErrors(invalid).stream().map(FieldError::field).toList(), contains("/contact_routes/0/value"));
    }
}
