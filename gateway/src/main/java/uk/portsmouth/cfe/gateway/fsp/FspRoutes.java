package uk.portsmouth.cfe.gateway.fsp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.HeadRequests;
import uk.portsmouth.cfe.gateway.http.IdempotencyKeys;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.ActivatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddActionRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddProgressRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddTeamMemberRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CaseloadPage;
import uk.portsmouth.cfe.proto.fsp.v1.ClosePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CompleteReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CreatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.ListCaseloadRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ListReviewsDueRequest;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRecord;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRef;
import uk.portsmouth.cfe.proto.fsp.v1.RecordConsentRequest;
import uk.portsmouth.cfe.proto.fsp.v1.RemoveTeamMemberRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ReopenPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Review;
import uk.portsmouth.cfe.proto.fsp.v1.ReviewRef;
import uk.portsmouth.cfe.proto.fsp.v1.StartReviewRequest;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;
import uk.portsmouth.cfe.proto.fsp.v1.TransferPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateActionRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateReviewRequest;

/**
 * {@code /v1/fsps}: Family Support Plans for the FSP Portal. Professionals and early-help managers
 * only (which plans each may reach is fsp-service's decision); every change carries {@code If-Match}.
 * A plan or a review is JSON, or a PDF for the family with {@code Accept: application/pdf}.
 */
public final class FspRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/fsps";

    private static final Set<String> FSP_ROLES = Set.of(Roles.PROFESSIONAL, Roles.EARLY_HELP_MANAGER);

    private final FamilySupportPlansBlockingStub plans;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public FspRoutes(FamilySupportPlansBlockingStub plans, Authenticator authenticator, RequestBodies bodies) {
        this.plans = plans;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::caseload)
                .post("/", this::create)
                .get("/reviews-due", this::reviewsDue)
                .get("/{id}", this::get)
                .put("/{id}", this::update)
                .post("/{id}/consent", this::consent)
                .post("/{id}/activate", this::activate)
                .post("/{id}/team", this::addMember)
                .delete("/{id}/team/{member_id}", this::removeMember)
                .post("/{id}/actions", this::addAction)
                .patch("/{id}/actions/{action_id}", this::updateAction)
                .post("/{id}/actions/{action_id}/progress", this::addProgress)
                .get("/{id}/reviews", this::listReviews)
                .post("/{id}/reviews", this::startReview)
                .put("/{id}/reviews/current", this::updateReview)
                .post("/{id}/reviews/current/complete", this::completeReview)
                .get("/{id}/reviews/{number}", this::getReview)
                .post("/{id}/transfer", this::transfer)
                .post("/{id}/close", this::close)
                .post("/{id}/reopen", this::reopen)
                .get("/{id}/suggested-services", this::suggestions);
    }

    private void caseload(ServerRequest req, ServerResponse res) {
        ListCaseloadRequest request = ListCaseloadRequest.newBuilder()
                .setCoordinator(QueryParams.text(req, "coordinator"))
                .setTier(QueryParams.integer(req, "tier").orElse(0))
                .setStatus(QueryParams.text(req, "status"))
                .setLocality(QueryParams.text(req, "locality"))
                .setOverdueOnly(QueryParams.bool(req, "overdue"))
                .setPage(QueryParams.page(req))
                .build();
        CaseloadPage page = stub(req).listCaseload(request);
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    private void reviewsDue(ServerRequest req, ServerResponse res) {
        CaseloadPage page = stub(req)
                .listReviewsDue(ListReviewsDueRequest.newBuilder()
                        .setWithinDays(QueryParams.integer(req, "within_days").orElse(0))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.ok(req, res, Json.page(req, res, page.getPage(), page.getContentsList()));
    }

    private void create(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        CreatePlanRequest request = Json.toProto(bodies.read(req, "FspInput"), CreatePlanRequest.newBuilder())
                .setIdempotencyKey(IdempotencyKeys.of(req))
                .build();
        PlanRecord record = stub.createPlan(request);
        res.header(HeaderNames.LOCATION, "/v1/fsps/" + record.getPlan().getId());
        sendPlan(req, res, Status.CREATED_201, record);
    }

    private void get(ServerRequest req, ServerResponse res) {
        PlanRecord record =
                stub(req).getPlan(PlanRef.newBuilder().setId(id(req)).build());
        if (wantsPdf(req)) {
            sendPdf(
                    req,
                    res,
                    PlanPdf.plan(record.getPlan()),
                    record.getPlan().getFamily().getFamilyName() + "-family-support-plan.pdf");
            return;
        }
        sendPlan(req, res, Status.OK_200, record);
    }

    private void update(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.updatePlan(change(req, "FspUpdateInput", UpdatePlanRequest.newBuilder())
                        .build()));
    }

    private void consent(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.recordConsent(change(req, "FspConsentInput", RecordConsentRequest.newBuilder())
                        .build()));
    }

    private void activate(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.activatePlan(change(req, "FspActivationInput", ActivatePlanRequest.newBuilder())
                        .build()));
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        long version = ETags.requiredVersion(req);
        TeamMember member = Json.toProto(bodies.read(req, "FspTeamMemberInput"), TeamMember.newBuilder())
                .build();
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.addTeamMember(AddTeamMemberRequest.newBuilder()
                        .setId(id(req))
                        .setExpectedVersion(version)
                        .setMember(member)
                        .build()));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        long version = ETags.requiredVersion(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.removeTeamMember(RemoveTeamMemberRequest.newBuilder()
                        .setId(id(req))
                        .setExpectedVersion(version)
                        .setMemberId(req.path().pathParameters().get("member_id"))
                        .build()));
    }

    private void addAction(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        long version = ETags.requiredVersion(req);
        AddActionRequest request = AddActionRequest.newBuilder()
                .setId(id(req))
                .setExpectedVersion(version)
                .setAction(Json.toProto(bodies.read(req, "FspActionInput"), Action.newBuilder()))
                .build();
        sendPlan(req, res, Status.CREATED_201, stub.addAction(request));
    }

    private void updateAction(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.updateAction(change(req, "FspActionUpdateInput", UpdateActionRequest.newBuilder())
                        .setActionId(actionId(req))
                        .build()));
    }

    private void addProgress(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.CREATED_201,
                stub.addProgress(change(req, "FspProgressInput", AddProgressRequest.newBuilder())
                        .setActionId(actionId(req))
                        .build()));
    }

    private void listReviews(ServerRequest req, ServerResponse res) {
        PlanRecord record =
                stub(req).getPlan(PlanRef.newBuilder().setId(id(req)).build());
        Map<String, Object> reviews = Json.map(
                "plan_id", record.getPlan().getId(),
                "next_review_due", record.getPlan().getNextReviewDue(),
                "review_overdue", record.getPlan().getReviewOverdue(),
                "in_progress",
                        record.getPlan().hasReviewInProgress()
                                ? Json.tree(record.getPlan().getReviewInProgress())
                                : null,
                "completed",
                        record.getPlan().getReviewsList().stream()
                                .map(Json::tree)
                                .toList());
        if (record.getPlan().getNextReviewDue().isEmpty()) {
            // a closed plan has no review due: the field is absent, never an empty "date"
            reviews.remove("next_review_due");
        }
        Json.ok(req, res, Json.write(reviews));
    }

    private void startReview(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.CREATED_201,
                stub.startReview(change(req, "FspReviewStartInput", StartReviewRequest.newBuilder())
                        .build()));
    }

    private void updateReview(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.updateReview(change(req, "FspReviewInput", UpdateReviewRequest.newBuilder())
                        .build()));
    }

    private void completeReview(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.completeReview(change(req, "FspReviewCompleteInput", CompleteReviewRequest.newBuilder())
                        .build()));
    }

    private void getReview(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        String number = req.path().pathParameters().get("number");
        if (!number.matches("[1-9][0-9]{0,3}")) {
            throw Problems.invalidParameter("number", "a review number is 1, 2, 3...");
        }
        Review review = stub.getReview(ReviewRef.newBuilder()
                .setId(id(req))
                .setNumber(Integer.parseInt(number))
                .build());
        if (wantsPdf(req)) {
            sendPdf(
                    req,
                    res,
                    PlanPdf.review(review),
                    review.getFamily().getFamilyName() + "-fsp-review-" + review.getNumber() + ".pdf");
            return;
        }
        Json.ok(req, res, Json.proto(review.toBuilder().clearPlanId().build()));
    }

    private void transfer(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.transferPlan(change(req, "FspTransferInput", TransferPlanRequest.newBuilder())
                        .build()));
    }

    private void close(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.closePlan(change(req, "FspCloseInput", ClosePlanRequest.newBuilder())
                        .build()));
    }

    private void reopen(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = stub(req);
        sendPlan(
                req,
                res,
                Status.OK_200,
                stub.reopenPlan(change(req, "FspReopenInput", ReopenPlanRequest.newBuilder())
                        .build()));
    }

    private void suggestions(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.proto(stub(req)
                        .suggestServices(PlanRef.newBuilder().setId(id(req)).build())));
    }

    /** The plan service as the caller, who must be a professional or an early-help manager (401 / 403 otherwise). */
    private FamilySupportPlansBlockingStub stub(ServerRequest req) {
        Caller caller = authenticator.require(req, FSP_ROLES);
        return authenticator.on(plans, req, Optional.of(caller));
    }

    /** A change to one version of a plan: the checked body, with the plan id and the {@code If-Match} version added. */
    private <B extends Message.Builder> B change(ServerRequest req, String schemaName, B builder) {
        long version = ETags.requiredVersion(req);
        ObjectNode body =
                ((ObjectNode) bodies.read(req, schemaName)).put("id", id(req)).put("expected_version", version);
        return Json.toProto(body, builder);
    }

    private static void sendPlan(ServerRequest req, ServerResponse res, Status status, PlanRecord record) {
        if (status == Status.CREATED_201 && !res.headers().contains(HeaderNames.LOCATION)) {
            // an action, progress note or review is part of its plan
            res.header(HeaderNames.LOCATION, "/v1/fsps/" + record.getPlan().getId());
        }
        Json.send(req, res, status, Json.proto(record.getPlan()), ETags.ofVersion(record.getVersion()));
    }

    private static boolean wantsPdf(ServerRequest req) {
        return req.headers()
                .first(HeaderNames.ACCEPT)
                .map(accept -> accept.contains("application/pdf"))
                .orElse(false);
    }

    private static void sendPdf(ServerRequest req, ServerResponse res, byte[] pdf, String fileName) {
        res.header(HeaderNames.CONTENT_TYPE, "application/pdf")
                .header(
                        HeaderNames.CONTENT_DISPOSITION,
                        "attachment; filename=\""
                                + fileName.replaceAll("[^A-Za-z0-9.-]", "-").toLowerCase() + "\"")
                .header(HeaderNames.CACHE_CONTROL, "no-store");
        HeadRequests.send(req, res, pdf);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static String actionId(ServerRequest req) {
        return req.path().pathParameters().get("action_id");
    }
}
