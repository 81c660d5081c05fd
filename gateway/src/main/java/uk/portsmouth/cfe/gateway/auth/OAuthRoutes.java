package uk.portsmouth.cfe.gateway.auth;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import uk.portsmouth.cfe.gateway.http.Json;
import uk.portsmouth.cfe.gateway.http.ProblemException;
import uk.portsmouth.cfe.gateway.http.Problems;
import uk.portsmouth.cfe.platform.errors.FieldError;

/**
 * {@code POST /v1/oauth/token}: the OAuth2 client-credentials grant (RFC 6749 4.4), credentials in
 * the form or in HTTP Basic. Errors are problem+json that also carry RFC 6749's {@code error}.
 */
public final class OAuthRoutes implements HttpService {

    /** Where the gateway mounts these routes (docs/architecture.md, "Route index"). */
    public static final String PREFIX = "/v1/oauth";

    private static final String TYPE = "https://cfe.portsmouth.gov.uk/problems/oauth-";
    private static final long MAX_FORM_BYTES = 8 * 1024;

    private final ClientRegistry clients;
    private final Tokens tokens;

    public OAuthRoutes(ClientRegistry clients, Tokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/token", this::token);
    }

    private void token(ServerRequest req, ServerResponse res) {
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw error(
                    400, "invalid_request", "Send the request as application/x-www-form-urlencoded", "Content-Type");
        }
        // a client-credentials form is a few hundred bytes: nothing larger is read
        if (req.headers().contentLength().orElse(0) > MAX_FORM_BYTES) {
            throw Problems.tooLarge(MAX_FORM_BYTES);
        }
        Parameters form;
        try {
            form = req.content().as(Parameters.class);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw error(
                    400, "invalid_request", "The form is not valid application/x-www-form-urlencoded", "Content-Type");
        }
        String grantType = form.first("grant_type").orElse("");
        if (grantType.isEmpty()) {
            throw error(400, "invalid_request", "grant_type is required", "grant_type");
        }
        if (!grantType.equals("client_credentials")) {
            throw error(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported", "grant_type");
        }
        String[] credentials = basicCredentials(req).orElseGet(() -> new String[] {
            form.first("client_id").orElse(""), form.first("client_secret").orElse("")
        });
        ClientRegistry.Client client = clients.authenticate(credentials[0], credentials[1])
                .orElseThrow(() -> error(401, "invalid_client", "Unknown client or wrong secret", "client_id")
                        .header("WWW-Authenticate", "Basic realm=\"cfe\""));
        res.status(Status.OK_200)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(Json.write(Json.map(
                        "access_token", tokens.issue(client),
                        "token_type", "Bearer",
                        "expires_in", tokens.lifetime().toSeconds(),
                        "roles", client.roles())));
    }

    private static Optional<String[]> basicCredentials(ServerRequest req) {
        return req.headers()
                .first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
                .map(h -> {
                    try {
                        String decoded = new String(
                                Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
                        int colon = decoded.indexOf(':');
                        return colon < 0
                                ? new String[] {decoded, ""}
                                : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
                    } catch (IllegalArgumentException e) {
                        return new String[] {"", ""};
                    }
                });
    }

    private static ProblemException error(int status, String code, String detail, String field) {
        return new ProblemException(
                        status,
                        TYPE + code.replace('_', '-'),
                        "The token request was refused",
                        detail,
                        List.of(new FieldError(field, detail)))
                .with("error", code)
                .with("error_description", detail);
    }
}
