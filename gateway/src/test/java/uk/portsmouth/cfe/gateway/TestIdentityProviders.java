package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * Two real OpenID providers for tests (navikt's mock-oauth2-server: discovery, JWKS, authorization
 * code with PKCE, refresh): the council's staff directory shaped as Microsoft Entra ID issues its
 * tokens (app roles in {@code roles}, the person in {@code oid}, the work email in {@code
 * preferred_username}) and a schools' tenant shaped as Keycloak does (realm roles, schools as
 * groups), with the gateway configuration that maps them. A front end's sign-in is {@link #signIn}.
 */
final class TestIdentityProviders implements AutoCloseable {

    static final String ENTRA = "entra";
    static final String KEYCLOAK = "keycloak";
    static final String API = "cfe-api";
    static final String PORTAL = "fsp-portal";
    static final String REDIRECT = "http://localhost:3000/signed-in";

    /** The Entra app roles the council defines, and the platform role each is. */
    static final Map<String, String> APP_ROLES = Map.of(
            "CFE.LeadProfessional", "professional",
            "CFE.AttendanceOfficer", "la_officer",
            "CFE.Administrator", "la_admin",
            "CFE.EarlyHelpManager", "early_help_manager",
            "CFE.DirectoryEditor", "directory_editor",
            "CFE.DataProtectionOfficer", "dpo",
            "CFE.PartnerAgency", "partner");

    private static final HttpClient BROWSER = HttpClient.newHttpClient(); // follows no redirects: we read them

    private final MockOAuth2Server provider = new MockOAuth2Server();

    /** The tokens a front end holds after a person signs in. */
    record SignedIn(String accessToken, String refreshToken) {}

    TestIdentityProviders() {
        provider.start();
    }

    /** The gateway's configuration for both providers. */
    Map<String, String> gatewayConfig() {
        Map<String, String> config = new HashMap<>();
        // the council's staff directory, as Entra ID issues tokens: app roles in "roles", the person in "oid"
        provider(config, 0, "council-staff", ENTRA);
        config.put("auth.providers.0.roles-claim", "roles");
        int index = 0;
        for (Map.Entry<String, String> appRole : APP_ROLES.entrySet()) {
            role(config, 0, index++, appRole.getKey(), appRole.getValue());
        }
        config.put("auth.providers.0.person-claim", "oid");
        config.put("auth.providers.0.email-claim", "preferred_username");
        config.put("auth.providers.0.email-always-verified", "true");
        // the schools' tenant, as Keycloak issues them: realm roles, schools as groups
        provider(config, 1, "schools", KEYCLOAK);
        config.put("auth.providers.1.roles-claim", "realm_access.roles");
        role(config, 1, 0, "school-staff", "school");
        role(config, 1, 1, "professional", "professional");
        config.put("auth.providers.1.school-group-pattern", "^/schools/([0-9]{6})$");
        return config;
    }

    private void provider(Map<String, String> config, int index, String name, String issuerId) {
        config.put("auth.providers." + index + ".name", name);
        config.put("auth.providers." + index + ".issuer", issuer(issuerId));
        config.put("auth.providers." + index + ".audience", API);
        config.put("auth.providers." + index + ".jwks-refresh-min-interval", "PT0S");
    }

    private static void role(Map<String, String> config, int provider, int index, String value, String role) {
        config.put("auth.providers." + provider + ".roles." + index + ".value", value);
        config.put("auth.providers." + provider + ".roles." + index + ".role", role);
    }

    String issuer(String issuerId) {
        return provider.issuerUrl(issuerId).toString();
    }

    /** What Entra says of a council employee: their object id, name, work email and app roles. */
    static Map<String, Object> entraPerson(String oid, String email, String... appRoles) {
        return Map.of(
                "oid", oid,
                "name", email.substring(0, email.indexOf('@')).replace('.', ' '),
                "preferred_username", email,
                "roles", List.of(appRoles),
                "azp", PORTAL);
    }

    /** What Keycloak says of a school's staff member: realm roles and groups. */
    static Map<String, Object> keycloakPerson(String name, List<String> realmRoles, List<String> groups) {
        return Map.of(
                "name", name,
                "realm_access", Map.of("roles", realmRoles),
                "groups", groups,
                "azp", PORTAL);
    }

    /**
     * A front end's sign-in: to the provider's authorization endpoint with a PKCE challenge, back
     * with a code, and the code with its verifier for tokens. {@code claims} are what the provider
     * says of the person.
     */
    SignedIn signIn(String issuerId, String subject, Map<String, Object> claims) throws Exception {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(API), claims, 300));
        String verifier = random();
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = random();
        URI authorize = URI.create(provider.authorizationEndpointUrl(issuerId) + "?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        PORTAL,
                        "redirect_uri",
                        REDIRECT,
                        "scope",
                        "openid profile",
                        "state",
                        state,
                        "nonce",
                        random(),
                        "code_challenge",
                        challenge,
                        "code_challenge_method",
                        "S256")));
        HttpResponse<String> redirected =
                BROWSER.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirected.body(), redirected.statusCode(), is(302));
        URI back = URI.create(redirected.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString(), containsString(REDIRECT));
        Map<String, String> answer = query(back);
        assertThat(answer.get("state"), is(state));
        JsonNode tokens = tokenRequest(
                issuerId,
                Map.of(
                        "grant_type", "authorization_code",
                        "code", answer.get("code"),
                        "redirect_uri", REDIRECT,
                        "client_id", PORTAL,
                        "code_verifier", verifier));
        return new SignedIn(
                tokens.get("access_token").asText(),
                tokens.path("refresh_token").asText());
    }

    /** A refresh: the provider issues the same person's claims again. */
    String refresh(String issuerId, String subject, Map<String, Object> claims, SignedIn signedIn) throws Exception {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(API), claims, 300));
        return tokenRequest(
                        issuerId,
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                signedIn.refreshToken(),
                                "client_id",
                                PORTAL))
                .get("access_token")
                .asText();
    }

    /** A token the provider issues without a sign-in, for {@code audience}, expiring {@code expiresIn} seconds on. */
    String issuedDirectly(String issuerId, String audience, Map<String, Object> claims, long expiresIn)
            throws Exception {
        provider.enqueueCallback(
                new DefaultOAuth2TokenCallback(issuerId, "direct", "JWT", List.of(audience), claims, expiresIn));
        return tokenRequest(
                        issuerId, Map.of("grant_type", "client_credentials", "client_id", "x", "client_secret", "y"))
                .get("access_token")
                .asText();
    }

    /** A token naming the provider as issuer and its key id, signed with a key that is not the provider's. */
    String forged(String issuerId, Map<String, Object> claims) throws Exception {
        String keyId =
                JWKSet.load(provider.jwksUrl(issuerId).url()).getKeys().get(0).getKeyID();
        JWTClaimsSet.Builder forged = new JWTClaimsSet.Builder()
                .issuer(issuer(issuerId))
                .audience(API)
                .subject("forged")
                .issueTime(new Date())
                .notBeforeTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.forEach(forged::claim);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keyId)
                        .type(JOSEObjectType.JWT)
                        .build(),
                forged.build());
        jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID(keyId).generate()));
        return jwt.serialize();
    }

    JsonNode tokenRequest(String issuerId, Map<String, String> form) throws Exception {
        HttpResponse<String> response = BROWSER.send(
                HttpRequest.newBuilder(provider.tokenEndpointUrl(issuerId).uri())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body(), response.statusCode(), is(200));
        return TestPlatform.json(response);
    }

    @Override
    public void close() {
        provider.shutdown();
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return values;
    }
}
