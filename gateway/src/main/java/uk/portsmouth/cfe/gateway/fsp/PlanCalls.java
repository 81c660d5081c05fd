package uk.portsmouth.cfe.gateway.fsp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.HeadRequests;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.fsp.v1.FamilySupportPlansGrpc.FamilySupportPlansBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.PlanRecord;

/**
 * What the routes under {@code /v1/fsps} share: the plan service as the caller (a professional or an
 * early-help manager), a change to one version of a plan (the checked body with the {@code If-Match}
 * version), and a plan sent back as JSON with its ETag or as a PDF.
 */
public final class PlanCalls {

    private static final Set<String> FSP_ROLES = Set.of(Roles.PROFESSIONAL, Roles.EARLY_HELP_MANAGER);

    private final FamilySupportPlansBlockingStub plans;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public PlanCalls(FamilySupportPlansBlockingStub plans, Authenticator authenticator, RequestBodies bodies) {
        this.plans = plans;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    /** The plan service as the caller, who must be a professional or an early-help manager (401 / 403 otherwise). */
    public FamilySupportPlansBlockingStub stub(ServerRequest req) {
        Caller caller = authenticator.require(req, FSP_ROLES);
        return authenticator.on(plans, req, Optional.of(caller));
    }

    /** A change to one version of a plan: the checked body, with the plan id and the {@code If-Match} version added. */
    public <B extends Message.Builder> B change(ServerRequest req, String schemaName, B builder) {
        long version = ETags.requiredVersion(req);
        ObjectNode body =
                ((ObjectNode) bodies.read(req, schemaName)).put("id", id(req)).put("expected_version", version);
        return Json.toProto(body, builder);
    }

    public static void sendPlan(ServerRequest req, ServerResponse res, Status status, PlanRecord record) {
        if (status == Status.CREATED_201 && !res.headers().contains(HeaderNames.LOCATION)) {
            // an action, progress note or review is part of its plan
            res.header(HeaderNames.LOCATION, "/v1/fsps/" + record.getPlan().getId());
        }
        Json.send(req, res, status, Json.proto(record.getPlan()), ETags.ofVersion(record.getVersion()));
    }

    public static boolean wantsPdf(ServerRequest req) {
        return req.headers()
                .first(HeaderNames.ACCEPT)
                .map(accept -> accept.contains("application/pdf"))
                .orElse(false);
    }

    public static void sendPdf(ServerRequest req, ServerResponse res, byte[] pdf, String fileName) {
        res.header(HeaderNames.CONTENT_TYPE, "application/pdf")
                .header(
                        HeaderNames.CONTENT_DISPOSITION,
                        "attachment; filename=\""
                                + fileName.replaceAll("[^A-Za-z0-9.-]", "-").toLowerCase() + "\"")
                .header(HeaderNames.CACHE_CONTROL, "no-store");
        HeadRequests.send(req, res, pdf);
    }

    public static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
