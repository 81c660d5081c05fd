package uk.portsmouth.cfe.contacts.grpc;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import uk.portsmouth.cfe.contacts.Main;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.grpc.ServiceCalls;
import uk.portsmouth.cfe.platform.testing.TestTrust;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPage;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRecord;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.common.v1.PageInfo;

/**
 * The school register contract (attendance-service), answering from a fixed list on a real gRPC
 * server: the contacts service's tests run without attendance-service, whose own behaviour is
 * tested there and end to end through the gateway.
 */
final class FakeSchoolRegister extends SchoolRegistryGrpc.SchoolRegistryImplBase implements AutoCloseable {

    static final List<School> SCHOOLS = List.of(
            School.newBuilder()
                    .setUrn("100001")
                    .setName("Alpha Primary")
                    .setPhase(SchoolPhase.SCHOOL_PHASE_PRIMARY)
                    .setLocality(Locality.LOCALITY_NORTH)
                    .build(),
            School.newBuilder()
                    .setUrn("100002")
                    .setName("Beta Academy")
                    .setPhase(SchoolPhase.SCHOOL_PHASE_SECONDARY)
                    .setLocality(Locality.LOCALITY_NORTH)
                    .build(),
            School.newBuilder()
                    .setUrn("100003")
                    .setName("Gamma Primary")
                    .setPhase(SchoolPhase.SCHOOL_PHASE_PRIMARY)
                    .setLocality(Locality.LOCALITY_SOUTH)
                    .build());

    /** Who the register was asked by: the caller, passed on. */
    final List<CallerContext> callers = new CopyOnWriteArrayList<>();

    private final Server server;

    FakeSchoolRegister() {
        // it verifies its callers as attendance-service does: the contacts service passing on its user
        server = TestTrust.standIn(
                "attendance-service",
                new ServiceCalls()
                        .forItsUsers(
                                Main.NAME,
                                SchoolRegistryGrpc.getGetSchoolMethod(),
                                SchoolRegistryGrpc.getListSchoolsMethod()),
                this);
    }

    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    @Override
    public void getSchool(GetSchoolRequest request, StreamObserver<SchoolRecord> response) {
        callers.add(CallerContexts.current());
        SCHOOLS.stream()
                .filter(s -> s.getUrn().equals(request.getUrn()))
                .findFirst()
                .ifPresentOrElse(
                        s -> {
                            response.onNext(SchoolRecord.newBuilder()
                                    .setSchool(s)
                                    .setVersion(1)
                                    .build());
                            response.onCompleted();
                        },
                        () -> response.onError(Status.NOT_FOUND
                                .withDescription("no school " + request.getUrn())
                                .asRuntimeException()));
    }

    @Override
    public void listSchools(ListSchoolsRequest request, StreamObserver<SchoolPage> response) {
        callers.add(CallerContexts.current());
        List<School> matching = SCHOOLS.stream()
                .filter(s -> request.getLocalityValue() == 0 || s.getLocality() == request.getLocality())
                .filter(s -> request.getPhaseValue() == 0 || s.getPhase() == request.getPhase())
                .toList();
        response.onNext(SchoolPage.newBuilder()
                .addAllContents(matching)
                .setPage(PageInfo.newBuilder().setLastPage(true).setTotalItems(matching.size()))
                .build());
        response.onCompleted();
    }
}
