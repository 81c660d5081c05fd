package uk.portsmouth.cfe.gateway.fsp;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.http.IdempotencyKeys;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.proto.common.v1.Locality;
import uk.portsmouth.cfe.proto.fsp.v1.ActivatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CaseloadPage;
import uk.portsmouth.cfe.proto.fsp.v1.ClosePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.CreatePlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.ListCaseloadRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ListReviewsDueRequest;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRecord;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRef;
import uk.portsmouth.cfe.proto.fsp.v1.PlanStatus;
import uk.portsmouth.cfe.proto.fsp.v1.RecordConsentRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ReopenPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.TransferPlanRequest;
import uk.portsmouth.cfe.proto.fsp.v1.UpdatePlanRequest;

/**
 * {@code /v1/fsps}: Family Support Plans for the FSP Portal. Professionals and early-help managers
 * only (which plans each may reach is fsp-service's decision); every change carries {@code If-Match}.
 * A plan or a review is JSON, or a PDF for the family with {@code Accept: application/pdf}.
 */
public final class FspRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/fsps";

    private final PlanCalls plan;
    private final RequestBodies bodies;

    public FspRoutes(PlanCalls plan, RequestBodies bodies) {
        this.plan = plan;
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
                .post("/{id}/transfer", this::transfer)
                .post("/{id}/close", this::close)
                .post("/{id}/reopen", this::reopen)
                .get("/{id}/suggested-services", this::suggestions);
    }

    private void caseload(ServerRequest req, ServerResponse res) {
        ListCaseloadRequest request = ListCaseloadRequest.newBuilder()
                .setCoordinator(QueryParams.text(req, "coordinator"))
                .setTier(QueryParams.integer(req, "tier").orElse(0))
                .setStatusValue(QueryParams.closedSet(req, "status", PlanStatus.getDescriptor())
                        .getNumber())
                .setLocalityValue(QueryParams.closedSet(req, "locality", Locality.getDescriptor())
                        .getNumber())
                .setOverdueOnly(QueryParams.bool(req, "overdue"))
                .setPage(QueryParams.page(req))
                .build();
        CaseloadPage page = plan.stub(req).listCaseload(request);
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void reviewsDue(ServerRequest req, ServerResponse res) {
        CaseloadPage page = plan.stub(req)
                .listReviewsDue(ListReviewsDueRequest.newBuilder()
                        .setWithinDays(QueryParams.integer(req, "within_days").orElse(0))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void create(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        CreatePlanRequest request = Json.toProto(bodies.read(req, "FspInput"), CreatePlanRequest.newBuilder())
                .setIdempotencyKey(IdempotencyKeys.of(req))
                .build();
        PlanRecord record = stub.createPlan(request);
        res.header(HeaderNames.LOCATION, "/v1/fsps/" + record.getPlan().getId());
        PlanCalls.sendPlan(req, res, Status.CREATED_201, record);
    }

    private void get(ServerRequest req, ServerResponse res) {
        PlanRecord record = plan.stub(req)
                .getPlan(PlanRef.newBuilder().setId(PlanCalls.id(req)).build());
        if (PlanCalls.wantsPdf(req)) {
            PlanCalls.sendPdf(
                    req,
                    res,
                    PlanPdf.plan(record.getPlan()),
                    record.getPlan().getFamily().getFamilyName() + "-family-support-plan.pdf");
            return;
        }
        PlanCalls.sendPlan(req, res, Status.OK_200, record);
    }

    private void update(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.updatePlan(plan.change(req, "FspUpdateInput", UpdatePlanRequest.newBuilder())
                        .build()));
    }

    private void consent(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.recordConsent(plan.change(req, "FspConsentInput", RecordConsentRequest.newBuilder())
                        .build()));
    }

    private void activate(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.activatePlan(plan.change(req, "FspActivationInput", ActivatePlanRequest.newBuilder())
                        .build()));
    }

    private void transfer(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.transferPlan(plan.change(req, "FspTransferInput", TransferPlanRequest.newBuilder())
                        .build()));
    }

    private void close(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.closePlan(plan.change(req, "FspCloseInput", ClosePlanRequest.newBuilder())
                        .build()));
    }

    private void reopen(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.reopenPlan(plan.change(req, "FspReopenInput", ReopenPlanRequest.newBuilder())
                        .build()));
    }

    private void suggestions(ServerRequest req, ServerResponse res) {
        Json.ok(
                req,
                res,
                Json.proto(plan.stub(req)
                        .suggestServices(
                                PlanRef.newBuilder().setId(PlanCalls.id(req)).build())));
    }
}
