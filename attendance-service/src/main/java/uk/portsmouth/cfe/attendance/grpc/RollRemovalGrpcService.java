package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.attendance.app.RollRemovalReturns;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCasePage;
import uk.portsmouth.cfe.proto.attendance.v1.CmeCaseRecord;
import uk.portsmouth.cfe.proto.attendance.v1.GetCmeCaseRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListCmeCasesRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListRollRemovalsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.NotifyRollRemovalRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemoval;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalPage;
import uk.portsmouth.cfe.proto.attendance.v1.RollRemovalServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateCmeCaseRequest;

/** The gRPC face of {@link RollRemovalReturns}: each call goes to its use case and back, nothing more. */
public final class RollRemovalGrpcService extends RollRemovalServiceGrpc.RollRemovalServiceImplBase {

    private final RollRemovalReturns removals;

    public RollRemovalGrpcService(RollRemovalReturns removals) {
        this.removals = removals;
    }

    @Override
    public void notifyRollRemoval(NotifyRollRemovalRequest request, StreamObserver<RollRemoval> response) {
        reply(response, removals.notifyRollRemoval(request));
    }

    @Override
    public void listRollRemovals(ListRollRemovalsRequest request, StreamObserver<RollRemovalPage> response) {
        reply(response, removals.listRollRemovals(request));
    }

    @Override
    public void listCmeCases(ListCmeCasesRequest request, StreamObserver<CmeCasePage> response) {
        reply(response, removals.listCmeCases(request));
    }

    @Override
    public void getCmeCase(GetCmeCaseRequest request, StreamObserver<CmeCaseRecord> response) {
        reply(response, removals.getCmeCase(request));
    }

    @Override
    public void updateCmeCase(UpdateCmeCaseRequest request, StreamObserver<CmeCaseRecord> response) {
        reply(response, removals.updateCmeCase(request));
    }
}
