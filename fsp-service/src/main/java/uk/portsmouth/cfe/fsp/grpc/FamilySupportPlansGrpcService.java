package uk.portsmouth.cfe.fsp.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.fsp.app.Caseloads;
import uk.portsmouth.cfe.fsp.app.FamilySupportPlans;
import uk.portsmouth.cfe.fsp.app.PlanInvolvements;
import uk.portsmouth.cfe.proto.fsp.v1.ActivatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddActionRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddProgressRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddTeamMemberRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CaseloadPage;
import uk.portsmouth.cfe.proto.fsp.v1.ClosePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CompleteReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CreatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc;
import uk.portsmouth.cfe.proto.fsp.v1.ListCaseloadRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ListReviewsDueRequest;
import uk.portsmouth.cfe.proto.fsp.v1.PlanInvolvement;
import uk.portsmouth.cfe.proto.fsp.v1.PlanInvolvementRequest;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRecord;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRef;
import uk.portsmouth.cfe.proto.fsp.v1.RecordConsentRequest;
import uk.portsmouth.cfe.proto.fsp.v1.RemoveTeamMemberRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ReopenPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Review;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewRef;
import uk.portsmouth.cfe.proto.fsp.v1.StartReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.SuggestedServices;
import uk.portsmouth.cfe.proto.fsp.v1.TransferPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateActionRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateReviewRequest;

/** The gRPC face of {@link FamilySupportPlans}: each call goes to its use case and back, nothing more. */
public final class FamilySupportPlansGrpcService extends FamilySupportPlansGrpc.FamilySupportPlansImplBase {

    private final FamilySupportPlans plans;
    private final Caseloads caseloads;
    private final PlanInvolvements involvements;

    public FamilySupportPlansGrpcService(FamilySupportPlans plans, Caseloads caseloads, PlanInvolvements involvements) {
        this.plans = plans;
        this.caseloads = caseloads;
        this.involvements = involvements;
    }

    @Override
    public void getPlanInvolvement(PlanInvolvementRequest request, StreamObserver<PlanInvolvement> response) {
        reply(response, involvements.getPlanInvolvement(request));
    }

    @Override
    public void createPlan(CreatePlanRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.createPlan(request));
    }

    @Override
    public void getPlan(PlanRef request, StreamObserver<PlanRecord> response) {
        reply(response, plans.getPlan(request));
    }

    @Override
    public void updatePlan(UpdatePlanRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.updatePlan(request));
    }

    @Override
    public void recordConsent(RecordConsentRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.recordConsent(request));
    }

    @Override
    public void activatePlan(ActivatePlanRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.activatePlan(request));
    }

    @Override
    public void addTeamMember(AddTeamMemberRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.addTeamMember(request));
    }

    @Override
    public void removeTeamMember(RemoveTeamMemberRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.removeTeamMember(request));
    }

    @Override
    public void addAction(AddActionRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.addAction(request));
    }

    @Override
    public void updateAction(UpdateActionRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.updateAction(request));
    }

    @Override
    public void addProgress(AddProgressRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.addProgress(request));
    }

    @Override
    public void startReview(StartReviewRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.startReview(request));
    }

    @Override
    public void updateReview(UpdateReviewRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.updateReview(request));
    }

    @Override
    public void completeReview(CompleteReviewRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.completeReview(request));
    }

    @Override
    public void getReview(ReviewRef request, StreamObserver<Review> response) {
        reply(response, plans.getReview(request));
    }

    @Override
    public void transferPlan(TransferPlanRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.transferPlan(request));
    }

    @Override
    public void closePlan(ClosePlanRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.closePlan(request));
    }

    @Override
    public void reopenPlan(ReopenPlanRequest request, StreamObserver<PlanRecord> response) {
        reply(response, plans.reopenPlan(request));
    }

    @Override
    public void listCaseload(ListCaseloadRequest request, StreamObserver<CaseloadPage> response) {
        reply(response, caseloads.listCaseload(request));
    }

    @Override
    public void listReviewsDue(ListReviewsDueRequest request, StreamObserver<CaseloadPage> response) {
        reply(response, caseloads.listReviewsDue(request));
    }

    @Override
    public void suggestServices(PlanRef request, StreamObserver<SuggestedServices> response) {
        reply(response, plans.suggestServices(request));
    }
}
