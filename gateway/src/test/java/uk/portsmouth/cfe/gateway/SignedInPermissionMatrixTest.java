package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static uk.portsmouth.cfe.gateway.TestIdentityProviders.entraPerson;
import static uk.portsmouth.cfe.gateway.TestIdentityProviders.keycloakPerson;

import com.nimbusds.jwt.SignedJWT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The permission matrix for people: every role a person holds is a person signed in through the
 * council's identity providers (Authorization Code + PKCE against a real OpenID provider), placed
 * by the gateway's claim mapping and the directory of professionals; expired and forged are the
 * provider's. The table is the clients' table: who may do what depends on the role, the school and
 * the professional, never on how the caller proved it. A parents' app is an app, not a person who
 * signs in to the council: it stays a client.
 */
class SignedInPermissionMatrixTest extends PermissionMatrix {

    private final TestIdentityProviders providers = new TestIdentityProviders();

    @Override
    protected Map<String, String> gatewayConfig() {
        return providers.gatewayConfig();
    }

    @Override
    protected Map<String, String> callerTokens(Map<String, String> clients) throws Exception {
        Map<String, String> people = new HashMap<>(clients);
        Map<String, Object> admin = entraPerson("oid-admin", "ada.admin@council.example", "CFE.Administrator");
        people.put(
                "expired",
                providers.issuedDirectly(TestIdentityProviders.ENTRA, TestIdentityProviders.API, admin, -3600));
        people.put("forged", providers.forged(TestIdentityProviders.ENTRA, admin));
        people.put("la_admin", entra("oid-admin", "ada.admin@council.example", "CFE.Administrator"));
        people.put("la_officer", entra("oid-officer", "ola.officer@council.example", "CFE.AttendanceOfficer"));
        people.put("early_help_manager", entra("oid-manager", "max.manager@council.example", "CFE.EarlyHelpManager"));
        // the lead professional of the demo's plans (prof-demo-001), found in the directory by work email
        people.put("professional", entra("oid-sam", "sam.patel@demo.example", "CFE.LeadProfessional"));
        people.put(
                "school",
                providers
                        .signIn(
                                TestIdentityProviders.KEYCLOAK,
                                "kc-dsl",
                                keycloakPerson("Dee Lead", List.of("school-staff"), List.of("/schools/116000")))
                        .accessToken());
        people.put("directory_editor", entra("oid-editor", "ed.editor@council.example", "CFE.DirectoryEditor"));
        people.put("partner", entra("oid-partner", "pat.partner@agency.example", "CFE.PartnerAgency"));
        people.put("dpo", entra("oid-dpo", "dee.dpo@council.example", "CFE.DataProtectionOfficer"));
        return people;
    }

    /** Webhooks belong to API clients: a person signed in is refused them (403), whatever their role. */
    @Override
    protected List<String> expectedRow(String key, List<String> row) {
        if (!key.contains(" /v1/webhooks")) {
            return row;
        }
        List<String> people = new java.util.ArrayList<>(row);
        for (int i = 0; i < CALLERS.size(); i++) {
            if (!List.of("anonymous", "expired", "forged", "parent_app").contains(CALLERS.get(i))) {
                people.set(i, "403");
            }
        }
        return people;
    }

    /** The matrix's people are the providers' people: every token but the parents' app's is a provider's. */
    @Test
    void theCallersArePeopleSignedInThroughTheProviders() throws Exception {
        List<String> issuers = List.of(
                providers.issuer(TestIdentityProviders.ENTRA), providers.issuer(TestIdentityProviders.KEYCLOAK));
        for (Map.Entry<String, String> caller : callers().entrySet()) {
            if (caller.getValue() != null && !caller.getKey().equals("parent_app")) {
                String issuer =
                        SignedJWT.parse(caller.getValue()).getJWTClaimsSet().getIssuer();
                assertThat(caller.getKey(), issuers.contains(issuer), is(true));
            }
        }
    }

    private String entra(String oid, String email, String appRole) throws Exception {
        return providers
                .signIn(TestIdentityProviders.ENTRA, "sub-" + oid, entraPerson(oid, email, appRole))
                .accessToken();
    }

    @Override
    @AfterAll
    void stop() throws Exception {
        super.stop();
        providers.close();
    }
}
