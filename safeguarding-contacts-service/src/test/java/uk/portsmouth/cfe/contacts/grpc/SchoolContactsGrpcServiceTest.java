package uk.portsmouth.cfe.contacts.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.contacts.v1.GetSchoolContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.ListNamedContactsRequest;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContact;
import uk.portsmouth.cfe.proto.contacts.v1.NamedContactEntry;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsRecord;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc;
import uk.portsmouth.cfe.proto.contacts.v1.SchoolContactsServiceGrpc.SchoolContactsServiceBlockingStub;
import uk.portsmouth.cfe.proto.contacts.v1.UpdateSchoolContactsRequest;

/**
 * The contacts tracker over a real gRPC channel, resolving schools through {@link FakeSchoolRegister}.
 */
class SchoolContactsGrpcServiceTest {

    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer-1")
            .addRoles("la_officer")
            .build();
    private static final CallerContext NORTH_SCHOOL = CallerContext.newBuilder()
            .setSubject("mis-1")
            .addRoles("school")
            .addSchoolUrns("100001")
            .build();
    private static final CallerContext PROFESSIONAL = CallerContext.newBuilder()
            .setSubject("p-1")
            .addRoles("professional")
            .build();
    private static final NamedContact DSL = NamedContact.newBuilder()
            .setRole("dsl")
            .setName("Sam Patel")
            .setEmail("dsl@alpha.example")
            .build();

    private static FakeSchoolRegister register;
    private static ServiceHost host;
    private static ManagedChannel channel;
    private static SchoolContactsServiceBlockingStub tracker;

    @BeforeAll
    static void start() {
        register = new FakeSchoolRegister();
        host = Main.start(
                TestTrust.serviceConfig(Main.NAME, false, Map.of("services.attendance.target", register.target())),
                Telemetry.noop());
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
        tracker = SchoolContactsServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
        register.close();
    }

    private static SchoolContactsServiceBlockingStub as(CallerContext caller) {
        return CallerContexts.attach(tracker, caller);
    }

    private static SchoolContactsRecord read(CallerContext caller, String urn) {
        return as(caller)
                .getSchoolContacts(
                        GetSchoolContactsRequest.newBuilder().setUrn(urn).build());
    }

    @Test
    void aSchoolKeepsItsOwnContactsAndEveryRoleShowsEvenWhenVacant() {
        SchoolContactsRecord before = read(NORTH_SCHOOL, "100001");
        assertThat(before.getSchoolContacts().getSchoolName(), is("Alpha Primary"));
        assertThat(before.getSchoolContacts().getContactsCount(), is(11));
        SchoolContactsRecord after = as(NORTH_SCHOOL)
                .updateSchoolContacts(UpdateSchoolContactsRequest.newBuilder()
                        .setUrn("100001")
                        .addContacts(DSL)
                        .setExpectedVersion(before.getVersion())
                        .build());
        assertThat(after.getVersion(), is(before.getVersion() + 1));
        assertThat(
                after.getSchoolContacts().getContactsList().stream()
                        .filter(c -> !c.getVacant())
                        .map(NamedContact::getName)
                        .toList(),
                contains("Sam Patel"));
        assertThat(
                after.getSchoolContacts().getContactsList().stream()
                        .filter(c -> c.getRole().equals("headteacher"))
                        .map(NamedContact::getVacant)
                        .toList(),
                contains(true));
        assertThat(register.callers.get(register.callers.size() - 1).getSubject(), is("mis-1"));

        StatusRuntimeException stale = assertThrows(
                StatusRuntimeException.class,
                () -> as(NORTH_SCHOOL)
                        .updateSchoolContacts(UpdateSchoolContactsRequest.newBuilder()
                                .setUrn("100001")
                                .setExpectedVersion(before.getVersion())
                                .build()));
        assertThat(stale.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
    }

    @Test
    void badContactsAreRefusedWithTheirFieldsAndNothingIsWritten() {
        long version = read(OFFICER, "100003").getVersion();
        StatusRuntimeException bad = assertThrows(
                StatusRuntimeException.class,
                () -> as(OFFICER)
                        .updateSchoolContacts(UpdateSchoolContactsRequest.newBuilder()
                                .setUrn("100003")
                                .addContacts(DSL.toBuilder().setEmail("not-an-email"))
                                .addContacts(DSL.toBuilder().setRole("caretaker"))
                                .addContacts(DSL.toBuilder().setPhone("12"))
                                .addContacts(NamedContact.newBuilder()
                                        .setRole("senco")
                                        .setName("No Route"))
                                .build()));
        assertThat(bad.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        List<String> fields =
                GrpcErrors.fieldErrors(bad).stream().map(FieldError::field).toList();
        assertThat(fields, hasItem("/contacts/0/email"));
        assertThat(fields, hasItem("/contacts/1/role"));
        assertThat(fields, hasItem("/contacts/2/phone"));
        assertThat(fields, hasItem("/contacts/3/email"));
        assertThat(read(OFFICER, "100003").getVersion(), is(version));
    }

    @Test
    void nobodyElseSeesOrChangesASchoolsContacts() {
        assertThat(code(() -> read(NORTH_SCHOOL, "100002")), is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> as(NORTH_SCHOOL)
                        .updateSchoolContacts(UpdateSchoolContactsRequest.newBuilder()
                                .setUrn("100002")
                                .addContacts(DSL)
                                .build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(code(() -> read(PROFESSIONAL, "100001")), is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> tracker.getSchoolContacts(
                        GetSchoolContactsRequest.newBuilder().setUrn("100001").build())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                code(() -> as(NORTH_SCHOOL).listNamedContacts(ListNamedContactsRequest.getDefaultInstance())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(code(() -> read(OFFICER, "999999")), is(Status.Code.NOT_FOUND));
    }

    @Test
    void theLaDrawsTargetedLists() {
        as(OFFICER)
                .updateSchoolContacts(UpdateSchoolContactsRequest.newBuilder()
                        .setUrn("100002")
                        .addContacts(DSL.toBuilder().setName("Alex Reid").setEmail("dsl@beta.example"))
                        .addContacts(NamedContact.newBuilder()
                                .setRole("attendance_lead")
                                .setName("Jo Bell")
                                .setPhone("023 9600 0001"))
                        .build());
        List<NamedContactEntry> northDsls = as(OFFICER)
                .listNamedContacts(ListNamedContactsRequest.newBuilder()
                        .addRoles("dsl")
                        .setLocality(Locality.LOCALITY_NORTH)
                        .setIncludeVacant(true)
                        .build())
                .getContentsList();
        assertThat(
                northDsls.stream().map(NamedContactEntry::getLocality).toList(),
                everyItem(is(Locality.LOCALITY_NORTH)));
        assertThat(northDsls.stream().map(e -> e.getContact().getRole()).toList(), everyItem(is("dsl")));
        assertThat(northDsls.stream().map(e -> e.getUrn()).toList(), hasItem("100002"));

        List<NamedContactEntry> secondaryLeads = as(OFFICER)
                .listNamedContacts(ListNamedContactsRequest.newBuilder()
                        .addRoles("attendance_lead")
                        .setPhase(SchoolPhase.SCHOOL_PHASE_SECONDARY)
                        .build())
                .getContentsList();
        assertThat(secondaryLeads.stream().map(e -> e.getContact().getName()).toList(), contains("Jo Bell"));

        List<NamedContactEntry> vacant = as(OFFICER)
                .listNamedContacts(ListNamedContactsRequest.newBuilder()
                        .addRoles("headteacher")
                        .setIncludeVacant(true)
                        .build())
                .getContentsList();
        assertThat(vacant.size(), is(3));
        assertThat(
                code(() -> as(OFFICER)
                        .listNamedContacts(ListNamedContactsRequest.newBuilder()
                                .addRoles("caretaker")
                                .build())),
                is(Status.Code.INVALID_ARGUMENT));
    }

    private static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }
}
