package uk.portsmouth.cfe.gateway.fsp;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.fsp.v1.CompleteReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRecord;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRef;
import uk.portsmouth.cfe.proto.fsp.v1.Review;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewRef;
import uk.portsmouth.cfe.proto.fsp.v1.StartReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateReviewRequest;

/**
 * {@code /v1/fsps/{id}/reviews}: a plan's reviews, the one in progress and those completed (each
 * as JSON or a PDF); the co-ordinator starts, updates and completes the current one.
 */
public final class PlanReviewRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/fsps/{id}/reviews";

    private final PlanCalls plan;

    public PlanReviewRoutes(PlanCalls plan) {
        this.plan = plan;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::listReviews)
                .post("/", this::startReview)
                .put("/current", this::updateReview)
                .post("/current/complete", this::completeReview)
                .get("/{number}", this::getReview);
    }

    private void listReviews(ServerRequest req, ServerResponse res) {
        PlanRecord record = plan.stub(req)
                .getPlan(PlanRef.newBuilder().setId(PlanCalls.id(req)).build());
        Map<String, Object> reviews = Json.map(
                "plan_id", record.getPlan().getId(),
                "next_review_due", Dates.text(record.getPlan().getNextReviewDue()),
                "review_overdue", record.getPlan().getReviewOverdue(),
                "in_progress",
                        record.getPlan().hasReviewInProgress()
                                ? Json.tree(record.getPlan().getReviewInProgress())
                                : null,
                "completed",
                        record.getPlan().getReviewsList().stream()
                                .map(Json::tree)
                                .toList());
        if (!Dates.given(record.getPlan().getNextReviewDue())) {
            // a closed plan has no review due: the field is absent, never an empty "date"
            reviews.remove("next_review_due");
        }
        Json.ok(req, res, Json.write(reviews));
    }

    private void startReview(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.CREATED_201,
                stub.startReview(plan.change(req, "FspReviewStartInput", StartReviewRequest.newBuilder())
                        .build()));
    }

    private void updateReview(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.updateReview(plan.change(req, "FspReviewInput", UpdateReviewRequest.newBuilder())
                        .build()));
    }

    private void completeReview(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.completeReview(plan.change(req, "FspReviewCompleteInput", CompleteReviewRequest.newBuilder())
                        .build()));
    }

    private void getReview(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        String number = req.path().pathParameters().get("number");
        if (!number.matches("[1-9][0-9]{0,3}")) {
            throw Problems.invalidParameter("number", "a review number is 1, 2, 3...");
        }
        Review review = stub.getReview(ReviewRef.newBuilder()
                .setId(PlanCalls.id(req))
                .setNumber(Integer.parseInt(number))
                .build());
        if (PlanCalls.wantsPdf(req)) {
            PlanCalls.sendPdf(
                    req,
                    res,
                    PlanPdf.review(review),
                    review.getFamily().getFamilyName() + "-fsp-review-" + review.getNumber() + ".pdf");
            return;
        }
        Json.ok(req, res, Json.proto(review.toBuilder().clearPlanId().build()));
    }
}
