package uk.portsmouth.cfe.fsp.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.fsp.app.OpenPlanLookup;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlanLookupGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.HasOpenPlanReply;
import uk.portsmouth.cfe.proto.fsp.v1.HasOpenPlanRequest;

/** The gRPC face of {@link OpenPlanLookup}: each call goes to its use case and back, nothing more. */
public final class PlanLookupGrpcService extends FamilySupportPlanLookupGrpc.FamilySupportPlanLookupImplBase {

    private final OpenPlanLookup lookup;

    public PlanLookupGrpcService(OpenPlanLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void hasOpenPlan(HasOpenPlanRequest request, StreamObserver<HasOpenPlanReply> response) {
        reply(response, lookup.hasOpenPlan(request));
    }
}
