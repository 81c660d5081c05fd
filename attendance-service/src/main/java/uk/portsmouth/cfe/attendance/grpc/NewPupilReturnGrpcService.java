package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.attendance.app.NewPupilReturns;
import uk.portsmouth.cfe.proto.attendance.v1.GetNewPupilReturnRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListNewPupilReturnsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnPage;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnRecord;
import uk.portsmouth.cfe.proto.attendance.v1.NewPupilReturnServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.SubmitNewPupilReturnRequest;

/** The gRPC face of {@link NewPupilReturns}: each call goes to its use case and back, nothing more. */
public final class NewPupilReturnGrpcService extends NewPupilReturnServiceGrpc.NewPupilReturnServiceImplBase {

    private final NewPupilReturns returns;

    public NewPupilReturnGrpcService(NewPupilReturns returns) {
        this.returns = returns;
    }

    @Override
    public void listNewPupilReturns(ListNewPupilReturnsRequest request, StreamObserver<NewPupilReturnPage> response) {
        reply(response, returns.list(request));
    }

    @Override
    public void getNewPupilReturn(GetNewPupilReturnRequest request, StreamObserver<NewPupilReturnRecord> response) {
        reply(response, returns.get(request));
    }

    @Override
    public void submitNewPupilReturn(
            SubmitNewPupilReturnRequest request, StreamObserver<NewPupilReturnRecord> response) {
        reply(response, returns.submit(request));
    }
}
