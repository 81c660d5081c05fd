package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.webserver.WebServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** A council SSO's tokens are accepted when its issuer, JWKS and audience are configured. */
class ExternalIssuerTest {

    private static final String SSO = "https://sso.portsmouth.example";
    private static RSAKey ssoKey;
    private static WebServer sso;
    private static TestPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        ssoKey = new RSAKeyGenerator(2048).keyID("sso-1").generate();
        String jwks = new JWKSet(ssoKey.toPublicJWK()).toString();
        sso = WebServer.builder()
                .port(0)
                .host("127.0.0.1")
                .routing(r -> r.get(
                        "/jwks.json",
                        (req, res) ->
                                res.header("Content-Type", "application/json").send(jwks)))
                .build()
                .start();
        platform = TestPlatform.start(
                Telemetry.noop(),
                Map.of(
                        "auth.external.issuer",
                        SSO,
                        "auth.external.jwks-uri",
                        "http://127.0.0.1:" + sso.port() + "/jwks.json",
                        "auth.external.audience",
                        "cfe-api"));
    }

    @AfterAll
    static void stop() {
        platform.close();
        sso.stop();
    }

    private static String ssoToken(String audience, List<String> roles) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("sso-1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(SSO)
                        .audience(audience)
                        .subject("jane.smith")
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300)))
                        .claim("name", "Jane Smith")
                        .claim("roles", roles)
                        .build());
        jwt.sign(new RSASSASigner(ssoKey));
        return jwt.serialize();
    }

    private static HttpResponse<String> createOrganization(String token) {
        return platform.send(HttpRequest.newBuilder(platform.uri("/v1/directory/organizations"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"SSO org\",\"description\":\"x\"}")));
    }

    @Test
    void acceptsTheSsosTokensWithTheirRoles() throws Exception {
        assertThat(
                createOrganization(ssoToken("cfe-api", List.of("directory_editor")))
                        .statusCode(),
                is(201));
        assertThat(createOrganization(ssoToken("cfe-api", List.of("partner"))).statusCode(), is(403));
        assertThat(
                createOrganization(ssoToken("other-api", List.of("directory_editor")))
                        .statusCode(),
                is(401));
    }

    @Test
    void theGatewaysOwnTokensStillWork() {
        assertThat(createOrganization(platform.token("editor")).statusCode(), is(201));
    }
}
