package uk.portsmouth.cfe.gateway.fsp;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.proto.fsp.v1.Action;
import uk.portsmouth.cfe.proto.fsp.v1.AddActionRequest;
import uk.portsmouth.cfe.proto.fsp.v1.AddProgressRequest;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.UpdateActionRequest;

/**
 * {@code /v1/fsps/{id}/actions}: a plan's actions, added by the co-ordinator, moved on by their
 * owners, with progress notes.
 */
public final class PlanActionRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/fsps/{id}/actions";

    private final PlanCalls plan;
    private final RequestBodies bodies;

    public PlanActionRoutes(PlanCalls plan, RequestBodies bodies) {
        this.plan = plan;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::addAction)
                .patch("/{action_id}", this::updateAction)
                .post("/{action_id}/progress", this::addProgress);
    }

    private void addAction(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        long version = ETags.requiredVersion(req);
        AddActionRequest request = AddActionRequest.newBuilder()
                .setId(PlanCalls.id(req))
                .setExpectedVersion(version)
                .setAction(Json.toProto(bodies.read(req, "FspActionInput"), Action.newBuilder()))
                .build();
        PlanCalls.sendPlan(req, res, Status.CREATED_201, stub.addAction(request));
    }

    private void updateAction(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.updateAction(plan.change(req, "FspActionUpdateInput", UpdateActionRequest.newBuilder())
                        .setActionId(actionId(req))
                        .build()));
    }

    private void addProgress(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.CREATED_201,
                stub.addProgress(plan.change(req, "FspProgressInput", AddProgressRequest.newBuilder())
                        .setActionId(actionId(req))
                        .build()));
    }

    private static String actionId(ServerRequest req) {
        return req.path().pathParameters().get("action_id");
    }
}
