package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.attendance.app.InclusionSupportPanel;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnIspReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.InclusionPanelServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralPage;
import uk.portsmouth.cfe.proto.attendance.v1.IspReferralRecord;
import uk.portsmouth.cfe.proto.attendance.v1.ListIspReferralsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToInclusionPanelRequest;

/** The gRPC face of {@link InclusionSupportPanel}: each call goes to its use case and back, nothing more. */
public final class InclusionPanelGrpcService extends InclusionPanelServiceGrpc.InclusionPanelServiceImplBase {

    private final InclusionSupportPanel panel;

    public InclusionPanelGrpcService(InclusionSupportPanel panel) {
        this.panel = panel;
    }

    @Override
    public void referToInclusionPanel(
            ReferToInclusionPanelRequest request, StreamObserver<IspReferralRecord> response) {
        reply(response, panel.refer(request));
    }

    @Override
    public void listIspReferrals(ListIspReferralsRequest request, StreamObserver<IspReferralPage> response) {
        reply(response, panel.list(request));
    }

    @Override
    public void getIspReferral(GetCaseworkRequest request, StreamObserver<IspReferralRecord> response) {
        reply(response, panel.get(request));
    }

    @Override
    public void actOnIspReferral(ActOnIspReferralRequest request, StreamObserver<IspReferralRecord> response) {
        reply(response, panel.act(request));
    }
}
