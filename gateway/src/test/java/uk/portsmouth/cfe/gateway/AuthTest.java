package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/** Token issue and verification through the gateway: what is accepted, and every way a token is refused. */
class AuthTest {

    private static final String EDITOR_ONLY_ROUTE = "/v1/directory/organizations";
    private static TestPlatform platform;
    private static RSAKey gatewayKey;

    @BeforeAll
    static void start() throws Exception {
        platform = TestPlatform.start(Telemetry.noop());
        gatewayKey = RSAKey.parse(Files.readString(platform.signingKey));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static HttpResponse<String> tokenRequest(String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.uri("/v1/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return platform.send(request);
    }

    private static HttpResponse<String> createOrganization(String token) {
        return platform.send(HttpRequest.newBuilder(platform.uri(EDITOR_ONLY_ROUTE))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Auth test\",\"description\":\"x\"}")));
    }

    private static String sign(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder editorClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("cfe-gateway")
                .audience("cfe-api")
                .subject("editor")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("roles", List.of("directory_editor"));
    }

    @Test
    void issuesATokenWithTheClientsClaims() throws Exception {
        HttpResponse<String> response =
                tokenRequest("grant_type=client_credentials&client_id=school&client_secret=test-secret");
        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().firstValue("Cache-Control").orElse(""), is("no-store"));
        JsonNode body = TestPlatform.json(response);
        assertThat(body.get("token_type").asText(), is("Bearer"));
        assertThat(body.get("expires_in").asInt(), is(900));
        JWTClaimsSet claims = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles"), is(List.of("school")));
        assertThat(claims.getStringListClaim("school_urns"), is(List.of("116000")));
        assertThat(claims.getAudience(), is(List.of("cfe-api")));
    }

    @Test
    void acceptsHttpBasicCredentials() {
        String basic = Base64.getEncoder().encodeToString("editor:test-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response =
                tokenRequest("grant_type=client_credentials", "Authorization", "Basic " + basic);
        assertThat(response.statusCode(), is(200));
        assertThat(
                createOrganization(
                                TestPlatform.json(response).get("access_token").asText())
                        .statusCode(),
                is(201));
    }

    @Test
    void refusesBadTokenRequests() {
        HttpResponse<String> wrongSecret =
                tokenRequest("grant_type=client_credentials&client_id=editor&client_secret=nope");
        assertThat(wrongSecret.statusCode(), is(401));
        assertThat(TestPlatform.json(wrongSecret).get("error").asText(), is("invalid_client"));
        assertThat(
                tokenRequest("grant_type=client_credentials&client_id=ghost&client_secret=test-secret")
                        .statusCode(),
                is(401));
        HttpResponse<String> grant = tokenRequest("grant_type=password&client_id=editor&client_secret=test-secret");
        assertThat(grant.statusCode(), is(400));
        assertThat(TestPlatform.json(grant).get("error").asText(), is("unsupported_grant_type"));
        assertThat(tokenRequest("client_id=editor").statusCode(), is(400));
        HttpResponse<String> json = platform.send(HttpRequest.newBuilder(platform.uri("/v1/oauth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(json.statusCode(), is(400));
        assertThat(json.headers().firstValue("Content-Type").orElse(""), containsString("problem+json"));
    }

    @Test
    void publishesTheVerificationKey() {
        JsonNode jwks = TestPlatform.json(platform.get("/.well-known/jwks.json"));
        assertThat(jwks.at("/keys/0/kid").asText(), is(gatewayKey.getKeyID()));
        assertThat(jwks.at("/keys/0/d").isMissingNode(), is(true));
    }

    @Test
    void aTokenSignedByTheGatewayKeyWorks() throws Exception {
        assertThat(createOrganization(sign(gatewayKey, editorClaims())).statusCode(), is(201));
    }

    @Test
    void refusesExpiredForeignAndMisaddressedTokens() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = sign(
                gatewayKey, editorClaims().issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))));
        String wrongAudience = sign(gatewayKey, editorClaims().audience("someone-else"));
        String wrongIssuer = sign(gatewayKey, editorClaims().issuer("https://evil.example"));
        String otherKey =
                sign(new RSAKeyGenerator(2048).keyID(gatewayKey.getKeyID()).generate(), editorClaims());
        String good = sign(gatewayKey, editorClaims());
        String tampered =
                good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        for (String token : List.of(expired, wrongAudience, wrongIssuer, otherKey, tampered, "garbage")) {
            HttpResponse<String> response = createOrganization(token);
            assertThat(token, response.statusCode(), is(401));
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""), containsString("invalid_token"));
        }
        HttpResponse<String> basicOnApi = platform.send(HttpRequest.newBuilder(platform.uri(EDITOR_ONLY_ROUTE))
                .header("Authorization", "Basic abc")
                .GET());
        assertThat(basicOnApi.statusCode(), is(401));
    }

    @Test
    void rolesDecide() throws Exception {
        for (String role : List.of("partner", "school", "professional", "la_officer")) {
            HttpResponse<String> response =
                    createOrganization(sign(gatewayKey, editorClaims().claim("roles", List.of(role))));
            assertThat(role, response.statusCode(), is(403));
        }
        assertThat(
                createOrganization(sign(gatewayKey, editorClaims().claim("roles", List.of("la_admin"))))
                        .statusCode(),
                is(201));
    }
}
