package uk.portsmouth.cfe.gateway.fsp;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.proto.fsp.v1.AddTeamMemberRequest;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.RemoveTeamMemberRequest;
import uk.portsmouth.cfe.proto.fsp.v1.TeamMember;

/** {@code /v1/fsps/{id}/team}: the team around the family, joined and left as the co-ordinator says. */
public final class PlanTeamRoutes implements HttpService {
    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/fsps/{id}/team";

    private final PlanCalls plan;
    private final RequestBodies bodies;

    public PlanTeamRoutes(PlanCalls plan, RequestBodies bodies) {
        this.plan = plan;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::addMember).delete("/{member_id}", this::removeMember);
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        long version = ETags.requiredVersion(req);
        TeamMember member = Json.toProto(bodies.read(req, "FspTeamMemberInput"), TeamMember.newBuilder())
                .build();
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.addTeamMember(AddTeamMemberRequest.newBuilder()
                        .setId(PlanCalls.id(req))
                        .setExpectedVersion(version)
                        .setMember(member)
                        .build()));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        FamilySupportPlansBlockingStub stub = plan.stub(req);
        long version = ETags.requiredVersion(req);
        PlanCalls.sendPlan(
                req,
                res,
                Status.OK_200,
                stub.removeTeamMember(RemoveTeamMemberRequest.newBuilder()
                        .setId(PlanCalls.id(req))
                        .setExpectedVersion(version)
                        .setMemberId(req.path().pathParameters().get("member_id"))
                        .build()));
    }
}
