package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static uk.portsmouth.cfe.gateway.TestIdentityProviders.entraPerson;
import static uk.portsmouth.cfe.gateway.TestIdentityProviders.keycloakPerson;
import static uk.portsmouth.cfe.gateway.TestPlatform.assertProblem;
import static uk.portsmouth.cfe.gateway.TestPlatform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.gateway.TestIdentityProviders.SignedIn;
import uk.portsmouth.cfe.platform.telemetry.Telemetry;

/**
 * People sign in through real OpenID providers (navikt's mock-oauth2-server: discovery, JWKS,
 * authorization code with PKCE, refresh) shaped as Microsoft Entra ID and as Keycloak issue their
 * tokens, and call the API as themselves: their roles, schools and professional id come from the
 * gateway's configured claim mapping and the directory of professionals, never from claims named
 * as the platform names them.
 */
class SignInTest {

    private static TestIdentityProviders providers;
    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        providers = new TestIdentityProviders();
        platform = TestPlatform.start(Telemetry.noop(), providers.gatewayConfig());
    }

    @AfterAll
    static void stop() {
        platform.close();
        providers.close();
    }

    private static SignedIn signIn(String issuerId, String subject, Map<String, Object> claims) throws Exception {
        return providers.signIn(issuerId, subject, claims);
    }

    @Test
    void aLeadProfessionalSignsInThroughEntraAndReadsTheirOwnCaseload() throws Exception {
        // Sam Patel (prof-demo-001) is in the directory by work email; Entra vouches for it
        SignedIn sam = signIn(
                "entra", "entra-sub-sam", entraPerson("oid-sam", "sam.patel@demo.example", "CFE.LeadProfessional"));
        // who the gateway takes Sam for: the front end reads this, not the provider's claims
        JsonNode me = json(platform.getAs(sam.accessToken(), "/v1/me"));
        assertThat(me.toString(), me.get("professional_id").asText(), is("prof-demo-001"));
        assertThat(me.get("roles").toString(), is("[\"professional\"]"));
        assertThat(me.get("signed_in").asBoolean(), is(true));
        assertThat(me.get("issuer").asText(), is(providers.issuer("entra")));
        assertThat(me.get("subject").asText(), is("oid-sam"));
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
        assertThat(read.get("caller_issuer").asText(), is(providers.issuer("entra")));
        assertThat(read.get("caller_name").asText(), is("sam patel"));
        assertThat(read.get("client_id").asText(), is(TestIdentityProviders.PORTAL));
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
        JsonNode me = json(platform.getAs(dsl.accessToken(), "/v1/me"));
        assertThat(me.toString(), me.get("school_urns").toString(), is("[\"116000\"]"));
        assertThat(me.get("roles").toString(), is("[\"school\"]"));
        // a client's own token is no sign-in
        JsonNode client = json(platform.getAs(platform.token("school"), "/v1/me"));
        assertThat(client.get("signed_in").asBoolean(), is(false));
        assertThat(client.get("issuer").asText(), is(""));
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
        String again = providers.refresh(
                "entra",
                "entra-sub-ola",
                entraPerson("oid-ola", "ola.officer@council.example", "CFE.AttendanceOfficer"),
                officer);
        assertThat(again, not(officer.accessToken()));
        assertThat(platform.getAs(again, "/v1/attendance/summary").statusCode(), is(200));

        // an issuer the gateway was not told of, and a token for another API, are not believed
        String foreign = issuedDirectly("elsewhere", TestIdentityProviders.API);
        assertProblem(platform.getAs(foreign, "/v1/attendance/summary"), 401, null);
        String otherAudience = issuedDirectly("entra", "another-api");
        assertProblem(platform.getAs(otherAudience, "/v1/attendance/summary"), 401, null);
    }

    @Test
    void anExpiredOrForgedTokenFromAKnownProviderIsNotBelieved() throws Exception {
        Map<String, Object> officer = entraPerson("oid-exp", "exp.officer@council.example", "CFE.AttendanceOfficer");
        // expired an hour ago: well past the minute of clock skew the gateway allows
        String expired = providers.issuedDirectly("entra", TestIdentityProviders.API, officer, -3600);
        HttpResponse<String> late = platform.getAs(expired, "/v1/attendance/summary");
        assertProblem(late, 401, null);
        assertThat(late.headers().firstValue("WWW-Authenticate").orElse(""), containsString("invalid_token"));
        // the provider's issuer and key id, another key's signature
        assertProblem(platform.getAs(providers.forged("entra", officer), "/v1/attendance/summary"), 401, null);
        // the same person signed in properly is believed
        SignedIn signedIn = signIn("entra", "entra-sub-exp", officer);
        assertThat(
                platform.getAs(signedIn.accessToken(), "/v1/attendance/summary").statusCode(), is(200));
    }

    @Test
    void whatASignedInPersonMadeIsInTheirSubjectAccess() throws Exception {
        SignedIn officer = signIn(
                "entra",
                "entra-sub-rae",
                entraPerson("oid-rae", "rae.officer@council.example", "CFE.AttendanceOfficer"));
        String meeting = "/v1/meetings/mental-health-education-network@2027-03-10T15:45/registrations";
        String registration = "{\"name\":\"Rae Officer\",\"email\":\"rae.officer@council.example\","
                + "\"organisation\":\"Portsmouth City Council\"}";
        HttpResponse<String> registered = platform.write("POST", meeting, officer.accessToken(), null, registration);
        assertThat(registered.body(), registered.statusCode(), is(201));
        // a client registering too is someone else
        assertThat(
                platform.write("POST", meeting, platform.token("school"), null, registration.replace("Rae", "Sy"))
                        .statusCode(),
                is(201));
        String met = "/v1/meetings/met-weekly@2026-12-10T10:00";
        assertThat(
                platform.write(
                                "POST",
                                met + "/invitations",
                                officer.accessToken(),
                                null,
                                "{\"people\":[{\"name\":\"Wyn Worker\",\"email\":\"wyn@youth-justice.example\"}]}")
                        .statusCode(),
                is(200));
        HttpResponse<String> booked = platform.write(
                "POST",
                met + "/slots",
                officer.accessToken(),
                null,
                "{\"worker_email\":\"wyn@youth-justice.example\",\"child_name\":\"Kit Child\","
                        + "\"child_date_of_birth\":\"2016-05-04\",\"concern\":\"Missing from home\"}");
        assertThat(booked.body(), booked.statusCode(), is(201));
        assertThat(
                platform.getAs(officer.accessToken(), "/v1/attendance/summary").statusCode(), is(200));

        String dpo = platform.token("dpo");
        String issuer = providers.issuer("entra");
        JsonNode answer = json(platform.getAs(
                dpo,
                "/v1/subject-access?signed_in=oid-rae&issuer=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8)));
        assertThat(answer.toString(), answer.get("complete").asBoolean(), is(true));
        assertThat(answer.at("/subject/signed_in/issuer").asText(), is(issuer));
        Map<String, List<String>> kinds = new HashMap<>();
        answer.get("records")
                .forEach(set -> set.get("records")
                        .forEach(record -> kinds.computeIfAbsent(set.get("kind").asText(), k -> new ArrayList<>())
                                .add(record.toString())));
        assertThat(kinds.toString(), kinds.get("meeting_registrations").size(), is(1));
        assertThat(kinds.get("meeting_registrations").get(0), containsString("Rae Officer"));
        assertThat(kinds.get("met_slots_booked").size(), is(1));
        assertThat(kinds.get("met_slots_booked").get(0), containsString("Missing from home"));
        // the trail: what was done about them, and what they did through that provider
        List<String> actions = new ArrayList<>();
        answer.get("audit_trail")
                .forEach(event -> actions.add(event.get("action").asText()));
        assertThat(actions.toString(), actions.stream().anyMatch(a -> a.contains("regist")), is(true));
        assertThat(actions.toString(), actions.stream().anyMatch(a -> a.contains("book")), is(true));
        answer.get("audit_trail").forEach(event -> {
            if (event.get("caller").asText().equals("oid-rae")) {
                assertThat(event.toString(), event.get("caller_issuer").asText(), is(issuer));
            }
        });
        // the same subject at another provider is another person
        JsonNode elsewhere = json(
                platform.getAs(dpo, "/v1/subject-access?signed_in=oid-rae&issuer=https%3A%2F%2Fsomewhere.example"));
        elsewhere
                .get("records")
                .forEach(set -> assertThat(set.toString(), set.get("records").size(), is(0)));
    }

    /** An LA officer's token from {@code issuerId} for {@code audience}, without a sign-in. */
    private static String issuedDirectly(String issuerId, String audience) throws Exception {
        return providers.issuedDirectly(
                issuerId, audience, entraPerson("oid-x", "x@x.example", "CFE.AttendanceOfficer"), 300);
    }
}
