package uk.portsmouth.cfe.gateway.fsp;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.fsp.v1.ListProfessionalsRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalDirectoryGrpc.ProfessionalDirectoryBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalPage;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalRecord;
import uk.portsmouth.cfe.proto.fsp.v1.SaveProfessionalRequest;

/**
 * {@code /v1/professionals}: the directory of professionals a plan's co-ordinator is chosen from.
 * Professionals and early-help managers read it; early-help managers keep it.
 */
public final class ProfessionalsRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/professionals";

    private static final Set<String> READERS = Set.of(Roles.PROFESSIONAL, Roles.EARLY_HELP_MANAGER, Roles.LA_ADMIN);
    private static final Set<String> KEEPERS = Set.of(Roles.EARLY_HELP_MANAGER);

    private final ProfessionalDirectoryBlockingStub professionals;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public ProfessionalsRoutes(
            ProfessionalDirectoryBlockingStub professionals, Authenticator authenticator, RequestBodies bodies) {
        this.professionals = professionals;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).post("/", this::add).put("/{id}", this::change);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ProfessionalPage page = authenticator
                .onBehalfOf(professionals, req, READERS)
                .listProfessionals(ListProfessionalsRequest.newBuilder()
                        .setSearch(QueryParams.text(req, "search"))
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void add(ServerRequest req, ServerResponse res) {
        ProfessionalDirectoryBlockingStub stub = authenticator.onBehalfOf(professionals, req, KEEPERS);
        Professional professional = Json.toProto(bodies.read(req, "ProfessionalInput"), Professional.newBuilder())
                .build();
        ProfessionalRecord saved = stub.saveProfessional(SaveProfessionalRequest.newBuilder()
                .setProfessional(professional)
                .build());
        res.header(
                HeaderNames.LOCATION,
                "/v1/professionals/" + saved.getProfessional().getProfessionalId());
        Json.send(
                req, res, Status.CREATED_201, Json.proto(saved.getProfessional()), ETags.ofVersion(saved.getVersion()));
    }

    private void change(ServerRequest req, ServerResponse res) {
        ProfessionalDirectoryBlockingStub stub = authenticator.onBehalfOf(professionals, req, KEEPERS);
        String id = req.path().pathParameters().get("id");
        long version = ETags.requiredVersion(req);
        JsonNode body = bodies.read(req, "ProfessionalInput");
        RequestBodies.requireKeyOfPath(body, "professional_id", id);
        Professional professional = Json.toProto(body, Professional.newBuilder())
                .setProfessionalId(id)
                .build();
        ProfessionalRecord saved = stub.saveProfessional(SaveProfessionalRequest.newBuilder()
                .setProfessional(professional)
                .setExpectedVersion(version)
                .build());
        Json.send(req, res, Status.OK_200, Json.proto(saved.getProfessional()), ETags.ofVersion(saved.getVersion()));
    }
}
