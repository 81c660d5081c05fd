package uk.portsmouth.cfe.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.StatusRuntimeException;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.platform.errors.FieldError;
import uk.portsmouth.cfe.proto.attendance.v1.GetSchoolRequest;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolRegistryGrpc.SchoolRegistryBlockingStub;
import uk.portsmouth.cfe.proto.fsp.v1.GetProfessionalRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalDirectoryGrpc.ProfessionalDirectoryBlockingStub;

/**
 * A client's profile as the LA sends it (name, roles, school URNs, professional id, contact), and
 * checked against what it names: the schools must be in the school register and the professional in
 * the directory of professionals (asked as the admin registering it), every unknown one named.
 */
final class ClientProfiles {

    private final SchoolRegistryBlockingStub schools;
    private final ProfessionalDirectoryBlockingStub professionals;
    private final Authenticator authenticator;

    ClientProfiles(
            SchoolRegistryBlockingStub schools,
            ProfessionalDirectoryBlockingStub professionals,
            Authenticator authenticator) {
        this.schools = schools;
        this.professionals = professionals;
        this.authenticator = authenticator;
    }

    /**
     * The profile, once the schools it acts for are in the school register and the professional it is
     * is in the directory of professionals (asked as the admin registering it); every unknown one named.
     */
    ClientRules.Profile known(ServerRequest req, Caller admin, ClientRules.Profile profile) {
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < profile.schoolUrns().size(); i++) {
            String urn = profile.schoolUrns().get(i);
            if (!exists(() -> authenticator
                    .on(schools, req, Optional.of(admin))
                    .getSchool(GetSchoolRequest.newBuilder().setUrn(urn).build()))) {
                unknown.add(new FieldError("/school_urns/" + i, "no school with URN " + urn + " in the register"));
            }
        }
        String professionalId = profile.professionalId();
        if (!professionalId.isEmpty()
                && !exists(() -> authenticator
                        .on(professionals, req, Optional.of(admin))
                        .getProfessional(GetProfessionalRequest.newBuilder()
                                .setProfessionalId(professionalId)
                                .build()))) {
            unknown.add(new FieldError(
                    "/professional_id",
                    "no professional " + professionalId + " in the directory (GET /v1/professionals)"));
        }
        if (!unknown.isEmpty()) {
            throw Problems.invalid("The client is not valid", unknown);
        }
        return profile;
    }

    /** Whether a lookup finds its record (a 404 from the service is "no"; any other failure is the service's). */
    private static boolean exists(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    static ClientRules.Profile profile(JsonNode body) {
        return new ClientRules.Profile(
                body.path("name").asText(""),
                strings(body.path("roles")),
                strings(body.path("school_urns")),
                body.path("professional_id").asText(""),
                body.path("contact_email").asText(""));
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
