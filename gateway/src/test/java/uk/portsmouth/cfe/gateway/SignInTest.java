package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * People sign in through real OpenID providers (navikt's mock-oauth2-server: discovery, JWKS,
 * authorization code with PKCE, refresh) shaped as Microsoft Entra ID and as Keycloak issue their
 * tokens, and call the API as themselves: their roles, schools and professional id come from the
 * gateway's configured claim mapping and the directory of professionals, never from claims named
 * as the platform names them.
 */
class SignInTest {

    private static final String API = "cfe-api";
    private static final String PORTAL = "fsp-portal";
    private static final String REDIRECT = "http://localhost:3000/signed-in";
    private static final HttpClient BROWSER = HttpClient.newHttpClient(); // follows no redirects: we read them
    private static MockOAuth2Server provider;
    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        provider = new MockOAuth2Server();
        provider.start();
        Map<String, String> config = new HashMap<>();
        // the council's staff directory, as Entra ID issues tokens: app roles in "roles", the person in "oid"
        provider(config, 0, "council-staff", "entra");
        config.put("auth.providers.0.roles-claim", "roles");
        role(config, 0, 0, "CFE.LeadProfessional", "professional");
        role(config, 0, 1, "CFE.AttendanceOfficer", "la_officer");
        config.put("auth.providers.0.person-claim", "oid");
        config.put("auth.providers.0.email-claim", "preferred_username");
        config.put("auth.providers.0.email-always-verified", "true");
        // the schools' tenant, as Keycloak issues them: realm roles, schools as groups
        provider(config, 1, "schools", "keycloak");
        config.put("auth.providers.1.roles-claim", "realm_access.roles");
        role(config, 1, 0, "school-staff", "school");
        role(config, 1, 1, "professional", "professional");
        config.put("auth.providers.1.school-group-pattern", "^/schools/([0-9]{6})$");
        platform = TestPlatform.start(Telemetry.noop(), config);
    }

    private static void provider(Map<String, String> config, int index, String name, String issuerId) {
        config.put("auth.providers." + index + ".name", name);
        config.put(
                "auth.providers." + index + ".issuer",
                provider.issuerUrl(issuerId).toString());
        config.put("auth.providers." + index + ".audience", API);
        config.put("auth.providers." + index + ".jwks-refresh-min-interval", "PT0S");
    }

    private static void role(Map<String, String> config, int provider, int index, String value, String role) {
        config.put("auth.providers." + provider + ".roles." + index + ".value", value);
        config.put("auth.providers." + provider + ".roles." + index + ".role", role);
    }

    @AfterAll
    static void stop() {
        platform.close();
        provider.shutdown();
    }

    /** The tokens a front end holds after a person signs in. */
    private record SignedIn(String accessToken, String refreshToken) {}

    /**
     * A front end's sign-in: to the provider's authorization endpoint with a PKCE challenge, back
     * with a code, and the code with its verifier for tokens. {@code claims} are what the provider
     * says of the person.
     */
    private static SignedIn signIn(String issuerId, String subject, Map<String, Object> claims) throws Exception {
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

    private static JsonNode tokenRequest(String issuerId, Map<String, String> form) throws Exception {
        HttpResponse<String> response = BROWSER.send(
                HttpRequest.newBuilder(provider.tokenEndpointUrl(issuerId).uri())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body(), response.statusCode(), is(200));
        return json(response);
    }

    private static Map<String, Object> entraPerson(String oid, String email, String... appRoles) {
        return Map.of(
                "oid", oid,
                "name", email.substring(0, email.indexOf('@')).replace('.', ' '),
                "preferred_username", email,
                "roles", List.of(appRoles),
                "azp", PORTAL);
    }

    private static Map<String, Object> keycloakPerson(String name, List<String> realmRoles, List<String> groups) {
        return Map.of(
                "name", name,
                "realm_access", Map.of("roles", realmRoles),
                "groups", groups,
                "azp", PORTAL);
    }

    @Test
    void aLeadProfessionalSignsInThroughEntraAndReadsTheirOwnCaseload() throws Exception {
        // Sam Patel (prof-demo-001) is in the directory by work email; Entra vouches for it
        SignedIn sam = signIn(
                "entra", "entra-sub-sam", entraPerson("oid-sam", "sam.patel@demo.example", "CFE.LeadProfessional"));
        HttpResponse<String> caseload = platform.getAs(sam.accessToken(), "/v1/fsps?per_page=100");
        assertThat(caseload.body(), caseload.statusCode(), is(200));
        List<String> coordinators = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        json(caseload).get("contents").forEach(plan -> {
            coordinators.add(plan.get("coordinator_id").asText());
            roles.add(plan.path("my_role").asText());
        });
        // the caseload is Sam's own: plans Sam co-ordinates, each saying Sam's part in it
        assertThat(coordinators, hasItem("prof-demo-001"));
        assertThat(roles, not(hasItem("")));
        // and nothing of the LA's
        assertProblem(platform.getAs(sam.accessToken(), "/v1/attendance/summary"), 403, null);
        // the audit trail names the person, their provider and the front end, and the DPO finds them by person
        HttpResponse<String> trail =
                platform.getAs(platform.token("dpo"), "/v1/audit?caller=oid-sam&service=fsp-service&limit=200");
        assertThat(trail.body(), trail.statusCode(), is(200));
        JsonNode read = null;
        for (JsonNode event : json(trail).get("events")) {
            if (event.get("action").asText().startsWith("read")
                    || event.get("action").asText().startsWith("list")) {
                read = event;
            }
        }
        assertThat(trail.body(), read != null, is(true));
        assertThat(
                read.get("caller_issuer").asText(),
                is(provider.issuerUrl("entra").toString()));
        assertThat(read.get("caller_name").asText(), is("sam patel"));
        assertThat(read.get("client_id").asText(), is(PORTAL));
        assertThat(read.get("professional_id").asText(), is("prof-demo-001"));
    }

    @Test
    void anLaOfficerSignsInThroughEntra() throws Exception {
        SignedIn officer = signIn(
                "entra",
                "entra-sub-lee",
                entraPerson("oid-lee", "lee.officer@council.example", "CFE.AttendanceOfficer"));
        HttpResponse<String> summary = platform.getAs(officer.accessToken(), "/v1/attendance/summary");
        assertThat(summary.body(), summary.statusCode(), is(200));
        assertProblem(platform.getAs(officer.accessToken(), "/v1/fsps"), 403, null);
    }

    @Test
    void aSchoolsStaffSignsInThroughKeycloakAndActsForTheirSchoolOnly() throws Exception {
        SignedIn dsl = signIn(
                "keycloak",
                "kc-dsl",
                keycloakPerson("Dee Lead", List.of("school-staff", "offline_access"), List.of("/schools/116000")));
        HttpResponse<String> reports = platform.getAs(dsl.accessToken(), "/v1/schools/116000/absence-reports");
        assertThat(reports.body(), reports.statusCode(), is(200));
        assertProblem(platform.getAs(dsl.accessToken(), "/v1/schools/116001/absence-reports"), 403, null);
    }

    @Test
    void aPersonTheMappingCannotPlaceIsRefusedSayingWhatIsMissing() throws Exception {
        SignedIn noRole =
                signIn("keycloak", "kc-visitor", keycloakPerson("Vi Sitor", List.of("offline_access"), List.of()));
        HttpResponse<String> refused = platform.getAs(noRole.accessToken(), "/v1/fsps");
        assertProblem(refused, 403, null);
        assertThat(refused.body(), containsString("no platform role"));
        assertThat(refused.body(), containsString("realm_access.roles"));

        SignedIn noSchool =
                signIn("keycloak", "kc-staff", keycloakPerson("Sy Staff", List.of("school-staff"), List.of("/staff")));
        HttpResponse<String> schoolless = platform.getAs(noSchool.accessToken(), "/v1/schools/116000/absence-reports");
        assertProblem(schoolless, 403, null);
        assertThat(schoolless.body(), containsString("names no school"));

        SignedIn stranger = signIn(
                "entra", "entra-sub-x", entraPerson("oid-x", "someone.else@demo.example", "CFE.LeadProfessional"));
        HttpResponse<String> unknown = platform.getAs(stranger.accessToken(), "/v1/fsps");
        assertProblem(unknown, 403, null);
        assertThat(unknown.body(), containsString("not in the directory of professionals"));
    }

    @Test
    void aRefreshedTokenWorksAndAnotherProvidersOrAudiencesDoNot() throws Exception {
        SignedIn officer = signIn(
                "entra",
                "entra-sub-ola",
                entraPerson("oid-ola", "ola.officer@council.example", "CFE.AttendanceOfficer"));
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(
                "entra",
                "entra-sub-ola",
                "JWT",
                List.of(API),
                entraPerson("oid-ola", "ola.officer@council.example", "CFE.AttendanceOfficer"),
                300));
        JsonNode refreshed = tokenRequest(
                "entra",
                Map.of("grant_type", "refresh_token", "refresh_token", officer.refreshToken(), "client_id", PORTAL));
        String again = refreshed.get("access_token").asText();
        assertThat(again, not(officer.accessToken()));
        assertThat(platform.getAs(again, "/v1/attendance/summary").statusCode(), is(200));

        // an issuer the gateway was not told of, and a token for another API, are not believed
        String foreign = issuedDirectly("elsewhere", API);
        assertProblem(platform.getAs(foreign, "/v1/attendance/summary"), 401, null);
        String otherAudience = issuedDirectly("entra", "another-api");
        assertProblem(platform.getAs(otherAudience, "/v1/attendance/summary"), 401, null);
    }

    /** An LA officer's token from {@code issuerId} for {@code audience}, without a sign-in. */
    private static String issuedDirectly(String issuerId, String audience) throws Exception {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(
                issuerId,
                "x",
                "JWT",
                List.of(audience),
                entraPerson("oid-x", "x@x.example", "CFE.AttendanceOfficer"),
                300));
        return tokenRequest(
                        issuerId, Map.of("grant_type", "client_credentials", "client_id", "x", "client_secret", "y"))
                .get("access_token")
                .asText();
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
                    java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return values;
    }
}
