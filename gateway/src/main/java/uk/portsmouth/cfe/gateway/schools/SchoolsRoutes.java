package uk.portsmouth.cfe.gateway.schools;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.portsmouth.cfe.gateway.auth.Authenticator;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.http.ETags;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.QueryParams;
import uk.portsmouth.cfe.gateway.http.RequestBodies;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.attendance.v1.CreateSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.ListSchoolsRequest;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPage;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRecord;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc.SchoolRegistryBlockingStub;
import uk.portsmouth.cfe.proto.attendance.v1.UpdateSchoolRequest;
import uk.portsmouth.cfe.proto.common.v1.Locality;

/**
 * {@code /v1/schools} and {@code /v1/schools/{urn}}: the school register (read by the LA, schools and
 * professionals; maintained by the LA).
 */
public final class SchoolsRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/schools";

    private static final Set<String> READERS =
            Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN, Roles.SCHOOL, Roles.EARLY_HELP_MANAGER, Roles.PROFESSIONAL);
    private static final Set<String> MAINTAINERS = Set.of(Roles.LA_OFFICER, Roles.LA_ADMIN);
    private static final List<String> SERVER_FIELDS = List.of("last_modified");

    private final SchoolRegistryBlockingStub schools;
    private final Authenticator authenticator;
    private final RequestBodies bodies;

    public SchoolsRoutes(SchoolRegistryBlockingStub schools, Authenticator authenticator, RequestBodies bodies) {
        this.schools = schools;
        this.authenticator = authenticator;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .get("/{urn}", this::get)
                .put("/{urn}", this::update);
    }

    private void list(ServerRequest req, ServerResponse res) {
        SchoolPage page = authenticator
                .onBehalfOf(schools, req, READERS)
                .listSchools(ListSchoolsRequest.newBuilder()
                        .setText(QueryParams.text(req, "search"))
                        .setPhaseValue(QueryParams.closedSet(req, "phase", SchoolPhase.getDescriptor())
                                .getNumber())
                        .setLocalityValue(QueryParams.closedSet(req, "locality", Locality.getDescriptor())
                                .getNumber())
                        .setPage(QueryParams.page(req))
                        .build());
        Json.okPage(req, res, page.getPage(), page.getContentsList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        SchoolRecord record = authenticator
                .onBehalfOf(schools, req, READERS)
                .getSchool(GetSchoolRequest.newBuilder()
                        .setUrn(req.path().pathParameters().get("urn"))
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(record.getSchool()), ETags.ofVersion(record.getVersion()));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, MAINTAINERS);
        School school = Json.toProto(
                        RequestBodies.withoutServerFields(bodies.read(req, "SchoolInput"), SERVER_FIELDS),
                        School.newBuilder())
                .build();
        SchoolRecord created = authenticator
                .on(schools, req, Optional.of(caller))
                .createSchool(CreateSchoolRequest.newBuilder().setSchool(school).build());
        res.header(HeaderNames.LOCATION, "/v1/schools/" + created.getSchool().getUrn());
        Json.send(req, res, Status.CREATED_201, Json.proto(created.getSchool()), ETags.ofVersion(created.getVersion()));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, MAINTAINERS);
        String urn = req.path().pathParameters().get("urn");
        long version = ETags.requiredVersion(req);
        JsonNode body = RequestBodies.withoutServerFields(bodies.read(req, "SchoolInput"), SERVER_FIELDS);
        RequestBodies.requireKeyOfPath(body, "urn", urn);
        School school = Json.toProto(body, School.newBuilder()).setUrn(urn).build();
        SchoolRecord updated = authenticator
                .on(schools, req, Optional.of(caller))
                .updateSchool(UpdateSchoolRequest.newBuilder()
                        .setSchool(school)
                        .setExpectedVersion(version)
                        .build());
        Json.send(req, res, Status.OK_200, Json.proto(updated.getSchool()), ETags.ofVersion(updated.getVersion()));
    }
}
