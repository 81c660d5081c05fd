package uk.portsmouth.cfe.attendance.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.attendance.app.LegalActions;
import uk.portsmouth.cfe.attendance.app.PanelReferrals;
import uk.portsmouth.cfe.proto.attendance.v1.ActOnSapReferralRequest;
import uk.portsmouth.cfe.proto.attendance.v1.CaseworkServiceGrpc;
import uk.portsmouth.cfe.proto.attendance.v1.DecideLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionPage;
import uk.portsmouth.cfe.proto.attendance.v1.LegalActionRecord;
import uk.portsmouth.cfe.proto.attendance.v1.ListCaseworkRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ReferToPanelRequest;
import uk.portsmouth.cfe.proto.attendance.v1.RequestLegalActionRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralPage;
import uk.portsmouth.cfe.proto.attendance.v1.SapReferralRecord;

/** The gRPC face of {@link LegalActions} and {@link PanelReferrals}: each call goes to its use case and back, nothing more. */
public final class CaseworkGrpcService extends CaseworkServiceGrpc.CaseworkServiceImplBase {

    private final LegalActions legalActions;
    private final PanelReferrals panelReferrals;

    public CaseworkGrpcService(LegalActions legalActions, PanelReferrals panelReferrals) {
        this.legalActions = legalActions;
        this.panelReferrals = panelReferrals;
    }

    @Override
    public void requestLegalAction(RequestLegalActionRequest request, StreamObserver<LegalActionRecord> response) {
        reply(response, legalActions.requestLegalAction(request));
    }

    @Override
    public void listLegalActions(ListCaseworkRequest request, StreamObserver<LegalActionPage> response) {
        reply(response, legalActions.listLegalActions(request));
    }

    @Override
    public void getLegalAction(GetCaseworkRequest request, StreamObserver<LegalActionRecord> response) {
        reply(response, legalActions.getLegalAction(request));
    }

    @Override
    public void decideLegalAction(DecideLegalActionRequest request, StreamObserver<LegalActionRecord> response) {
        reply(response, legalActions.decideLegalAction(request));
    }

    @Override
    public void referToPanel(ReferToPanelRequest request, StreamObserver<SapReferralRecord> response) {
        reply(response, panelReferrals.referToPanel(request));
    }

    @Override
    public void listSapReferrals(ListCaseworkRequest request, StreamObserver<SapReferralPage> response) {
        reply(response, panelReferrals.listSapReferrals(request));
    }

    @Override
    public void getSapReferral(GetCaseworkRequest request, StreamObserver<SapReferralRecord> response) {
        reply(response, panelReferrals.getSapReferral(request));
    }

    @Override
    public void actOnSapReferral(ActOnSapReferralRequest request, StreamObserver<SapReferralRecord> response) {
        reply(response, panelReferrals.actOnSapReferral(request));
    }
}
