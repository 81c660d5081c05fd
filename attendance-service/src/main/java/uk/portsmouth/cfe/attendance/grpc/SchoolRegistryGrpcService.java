package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.attendance.app.Schools;
import uk.portsmouth.cfe.proto.attendance.v1.CreateSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPage;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRecord;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateSchoolRequest;

/** The gRPC face of {@link Schools}: each call goes to its use case and back, nothing more. */
public final class SchoolRegistryGrpcService extends SchoolRegistryGrpc.SchoolRegistryImplBase {

    private final Schools schools;

    public SchoolRegistryGrpcService(Schools schools) {
        this.schools = schools;
    }

    @Override
    public void listSchools(ListSchoolsRequest request, StreamObserver<SchoolPage> response) {
        reply(response, schools.listSchools(request));
    }

    @Override
    public void getSchool(GetSchoolRequest request, StreamObserver<SchoolRecord> response) {
        reply(response, schools.getSchool(request));
    }

    @Override
    public void createSchool(CreateSchoolRequest request, StreamObserver<SchoolRecord> response) {
        reply(response, schools.createSchool(request));
    }

    @Override
    public void updateSchool(UpdateSchoolRequest request, StreamObserver<SchoolRecord> response) {
        reply(response, schools.updateSchool(request));
    }
}
