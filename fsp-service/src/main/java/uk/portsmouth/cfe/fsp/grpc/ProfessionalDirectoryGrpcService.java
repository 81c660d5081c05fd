package uk.portsmouth.cfe.fsp.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.fsp.app.Professionals;
import uk.portsmouth.cfe.proto.fsp.v1.FindSignedInProfessionalRequest;
import uk.portsmouth.cfe.proto.fsp.v1.GetProfessionalRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ListProfessionalsRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalDirectoryGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalPage;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalRecord;
import uk.portsmouth.cfe.proto.fsp.v1.SaveProfessionalRequest;

/** The gRPC face of {@link Professionals}: each call goes to its use case and back, nothing more. */
public final class ProfessionalDirectoryGrpcService extends ProfessionalDirectoryGrpc.ProfessionalDirectoryImplBase {

    private final Professionals professionals;

    public ProfessionalDirectoryGrpcService(Professionals professionals) {
        this.professionals = professionals;
    }

    @Override
    public void listProfessionals(ListProfessionalsRequest request, StreamObserver<ProfessionalPage> response) {
        reply(response, professionals.listProfessionals(request));
    }

    @Override
    public void getProfessional(GetProfessionalRequest request, StreamObserver<ProfessionalRecord> response) {
        reply(response, professionals.getProfessional(request));
    }

    @Override
    public void findSignedInProfessional(
            FindSignedInProfessionalRequest request, StreamObserver<Professional> response) {
        reply(response, professionals.findSignedInProfessional(request));
    }

    @Override
    public void saveProfessional(SaveProfessionalRequest request, StreamObserver<ProfessionalRecord> response) {
        reply(response, professionals.saveProfessional(request));
    }
}
