package uk.portsmouth.cfe.gateway.auth;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.platform.reference.Roles;

/**
 * {@code GET /v1/me}: who the gateway takes the caller for, as every service will: roles, schools,
 * professional id, and for a person signed in through an identity provider, its issuer. A front
 * end reads it after a sign-in instead of interpreting the provider's claims itself (the mapping
 * is the gateway's configuration, and the professional id comes from the directory).
 */
public final class CallerRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/me";

    private final Authenticator authenticator;

    public CallerRoutes(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::me);
    }

    private void me(ServerRequest req, ServerResponse res) {
        Caller caller = authenticator.require(req, Roles.ALL);
        Json.ok(
                req,
                res,
                Json.write(Json.map(
                        "subject", caller.subject(),
                        "name", caller.name(),
                        "client_id", caller.clientId(),
                        "signed_in", !caller.issuer().isEmpty(),
                        "issuer", caller.issuer(),
                        "roles", caller.roles(),
                        "school_urns", caller.schoolUrns(),
                        "professional_id", caller.professionalId())));
    }
}
