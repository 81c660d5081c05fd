package uk.portsmouth.cfe.attendance.grpc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
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
import uk.portsmouth.cfe.attendance.Main;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.service.ServiceHost;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.attendance.v1.CreateSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRecord;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc.SchoolRegistryBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolStatus;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateSchoolRequest;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;

/** The school register over a real gRPC channel, its store the embedded MongoDB, seeded with the demo city. */
class SchoolRegistryGrpcServiceTest {

    private static final CallerContext OFFICER = CallerContext.newBuilder()
            .setSubject("officer-1")
            .addRoles("la_officer")
            .build();
    private static final CallerContext SCHOOL = CallerContext.newBuilder()
            .setSubject("school-1")
            .addRoles("school")
            .addSchoolUrns("116000")
            .build();
    private static final CallerContext PARTNER = CallerContext.newBuilder()
            .setSubject("partner-1")
            .addRoles("partner")
            .build();

    private static ServiceHost host;
    private static ManagedChannel channel;
    private static SchoolRegistryBlockingStub registry;

    @BeforeAll
    static void start() {
        host = Main.start(
                TestTrust.serviceConfig(Main.NAME, true, Map.of("demo-data.roll-size", "0")), Telemetry.noop());
        channel = TestTrust.asGateway(host.grpcTarget(), Main.NAME);
        registry = SchoolRegistryGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        host.close();
    }

    private static SchoolRegistryBlockingStub as(CallerContext caller) {
        return CallerContexts.attach(registry, caller);
    }

    private static List<School> all(ListSchoolsRequest.Builder request) {
        return as(OFFICER)
                .listSchools(request.setPage(PageRequest.newBuilder().setPerPage(100))
                        .build())
                .getContentsList();
    }

    @Test
    void theDemoCityHasTheGuidesMixOfSchools() {
        // another test adds a nursery school
        assertThat(
                all(ListSchoolsRequest.newBuilder()).stream()
                        .filter(s -> s.getPhase() != SchoolPhase.SCHOOL_PHASE_NURSERY)
                        .count(),
                is(67L));
        assertThat(
                all(ListSchoolsRequest.newBuilder().setPhase(SchoolPhase.SCHOOL_PHASE_PRIMARY))
                        .size(),
                is(46));
        assertThat(
                all(ListSchoolsRequest.newBuilder().setPhase(SchoolPhase.SCHOOL_PHASE_SECONDARY))
                        .size(),
                is(9));
        assertThat(
                all(ListSchoolsRequest.newBuilder().setPhase(SchoolPhase.SCHOOL_PHASE_SPECIAL))
                        .size(),
                is(5));
        assertThat(
                all(ListSchoolsRequest.newBuilder().setPhase(SchoolPhase.SCHOOL_PHASE_INDEPENDENT))
                        .size(),
                is(4));
        assertThat(
                all(ListSchoolsRequest.newBuilder().setPhase(SchoolPhase.SCHOOL_PHASE_ALL_THROUGH))
                        .size(),
                is(1));
        assertThat(
                all(ListSchoolsRequest.newBuilder().setPhase(SchoolPhase.SCHOOL_PHASE_UTC))
                        .size(),
                is(1));
        assertThat(
                all(ListSchoolsRequest.newBuilder().setPhase(SchoolPhase.SCHOOL_PHASE_COLLEGE))
                        .size(),
                is(1));
        assertThat(
                all(ListSchoolsRequest.newBuilder().setLocality(Locality.LOCALITY_NORTH)).stream()
                        .map(School::getLocality)
                        .toList(),
                everyItem(is(Locality.LOCALITY_NORTH)));
    }

    @Test
    void otherServicesLookSchoolsUpByUrn() {
        List<School> found =
                all(ListSchoolsRequest.newBuilder().addUrns("116000").addUrns("999999"));
        assertThat(found.size(), is(1));
        assertThat(found.get(0).getUrn(), is("116000"));
        assertThat(
                as(SCHOOL)
                        .getSchool(
                                GetSchoolRequest.newBuilder().setUrn("116000").build())
                        .getSchool()
                        .getUrn(),
                is("116000"));
    }

    @Test
    void partnersAndThePublicDoNotReadTheRegister() {
        assertThat(
                status(() -> as(PARTNER).listSchools(ListSchoolsRequest.getDefaultInstance())),
                is(Status.Code.PERMISSION_DENIED));
        assertThat(
                status(() -> registry.getSchool(
                        GetSchoolRequest.newBuilder().setUrn("116000").build())),
                is(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void unknownSchoolsAndFiltersAreRefused() {
        assertThat(
                status(() -> as(OFFICER)
                        .getSchool(
                                GetSchoolRequest.newBuilder().setUrn("999999").build())),
                is(Status.Code.NOT_FOUND));
        assertThat(
                status(() -> as(OFFICER)
                        .listSchools(ListSchoolsRequest.newBuilder()
                                .setPhaseValue(99)
                                .build())),
                is(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void theLaMaintainsTheRegisterAndNobodyElse() {
        School school = School.newBuilder()
                .setUrn("190001")
                .setLaestab("8513999")
                .setName("Test Nursery School")
                .setPhase(SchoolPhase.SCHOOL_PHASE_NURSERY)
                .setLocality(Locality.LOCALITY_SOUTH)
                .build();
        assertThat(
                status(() -> as(SCHOOL)
                        .createSchool(CreateSchoolRequest.newBuilder()
                                .setSchool(school)
                                .build())),
                is(Status.Code.PERMISSION_DENIED));
        SchoolRecord created = as(OFFICER)
                .createSchool(CreateSchoolRequest.newBuilder().setSchool(school).build());
        assertThat(created.getVersion(), is(1L));
        // a retry answers the school it registered; another school under that URN is refused
        assertThat(
                as(OFFICER)
                        .createSchool(CreateSchoolRequest.newBuilder()
                                .setSchool(school)
                                .build()),
                is(created));
        assertThat(
                status(() -> as(OFFICER)
                        .createSchool(CreateSchoolRequest.newBuilder()
                                .setSchool(school.toBuilder().setName("Another Nursery School"))
                                .build())),
                is(Status.Code.ALREADY_EXISTS));
        SchoolRecord closed = as(OFFICER)
                .updateSchool(UpdateSchoolRequest.newBuilder()
                        .setSchool(school.toBuilder().setStatus(SchoolStatus.SCHOOL_STATUS_CLOSED))
                        .setExpectedVersion(1)
                        .build());
        assertThat(closed.getVersion(), is(2L));
        assertThat(
                as(OFFICER)
                        .getSchool(
                                GetSchoolRequest.newBuilder().setUrn("190001").build())
                        .getSchool()
                        .getStatus(),
                is(SchoolStatus.SCHOOL_STATUS_CLOSED));
        assertThat(
                status(() -> as(OFFICER)
                        .updateSchool(UpdateSchoolRequest.newBuilder()
                                .setSchool(school)
                                .setExpectedVersion(1)
                                .build())),
                is(Status.Code.FAILED_PRECONDITION));
        assertThat(
                status(() -> as(OFFICER)
                        .createSchool(CreateSchoolRequest.newBuilder()
                                .setSchool(school.toBuilder().setUrn("12"))
                                .build())),
                is(Status.Code.INVALID_ARGUMENT));
    }

    private static Status.Code status(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }
}
