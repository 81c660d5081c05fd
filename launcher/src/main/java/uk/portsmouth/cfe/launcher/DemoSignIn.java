package uk.portsmouth.cfe.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * The embedded default's demo sign-in: a development OpenID provider (navikt's mock-oauth2-server:
 * discovery, JWKS, Authorization Code + PKCE) standing in for the council's, as the embedded store
 * stands in for MongoDB. Its sign-in page offers the demo people, whose tokens it issues as
 * Microsoft Entra ID would (app roles in {@code roles}, the person in {@code oid}, the work email
 * in {@code preferred_username}, schools as groups); the gateway is configured to trust it and map
 * those claims as a council would map its own (docs/production.md). Never in production: a
 * deployment names the council's provider in {@code auth.providers} instead.
 */
final class DemoSignIn implements AutoCloseable {

    /** The provider's issuer path: its issuer is {@code http://localhost:<port>/council}. */
    static final String ISSUER_ID = "council";

    static final String AUDIENCE = "cfe-api";

    /** A demo person: who the provider says they are. */
    record Person(String oid, String name, String email, List<String> appRoles, List<String> groups, String says) {

        Map<String, Object> claims() {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("oid", oid);
            claims.put("name", name);
            claims.put("preferred_username", email);
            claims.put("roles", appRoles);
            claims.put("groups", groups);
            return claims;
        }
    }

    /** The demo people, over the demo data: Sam Patel co-ordinates demo plans; parents have reported absences at 116156. */
    static final List<Person> PEOPLE = List.of(
            new Person(
                    "oid-sam-patel",
                    "Sam Patel",
                    "sam.patel@demo.example",
                    List.of("CFE.LeadProfessional"),
                    List.of(),
                    "lead professional: their caseload"),
            new Person(
                    "oid-dee-lead",
                    "Dee Lead",
                    "dee.lead@albert-road-kingfisher.example",
                    List.of("CFE.SchoolStaff"),
                    List.of("school-116156"),
                    "designated safeguarding lead, Albert Road Kingfisher Infant School (116156): its absence reports"),
            new Person(
                    "oid-ola-officer",
                    "Ola Officer",
                    "ola.officer@council.example",
                    List.of("CFE.AttendanceOfficer"),
                    List.of(),
                    "LA attendance officer: the city's attendance"));

    /** The app roles the demo provider issues, and the platform role each is. */
    static final Map<String, String> APP_ROLES = Map.of(
            "CFE.LeadProfessional", "professional",
            "CFE.SchoolStaff", "school",
            "CFE.AttendanceOfficer", "la_officer",
            "CFE.EarlyHelpManager", "early_help_manager",
            "CFE.DataProtectionOfficer", "dpo");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockOAuth2Server provider;
    private final Path signInPage;

    private DemoSignIn(MockOAuth2Server provider, Path signInPage) {
        this.provider = provider;
        this.signInPage = signInPage;
    }

    /** Starts the provider on {@code port} (0: any free one). */
    static DemoSignIn start(int port) {
        try {
            Path page = Files.createTempFile("cfe-demo-sign-in", ".html");
            Files.writeString(page, signInPage());
            // one hour, as Entra's access tokens; the person is who the sign-in page says
            DefaultOAuth2TokenCallback tokens =
                    new DefaultOAuth2TokenCallback(ISSUER_ID, "signed-in", "JWT", List.of(AUDIENCE), Map.of(), 3600);
            MockOAuth2Server provider = new MockOAuth2Server(
                    new OAuth2Config(true, page.toString(), null, false, new OAuth2TokenProvider(), Set.of(tokens)));
            provider.start(port);
            return new DemoSignIn(provider, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String issuer() {
        return provider.issuerUrl(ISSUER_ID).toString().replaceAll("/$", "");
    }

    int port() {
        return provider.baseUrl().port();
    }

    /** The gateway's configuration trusting this provider as {@code auth.providers.0}, mapping its claims. */
    Map<String, String> gatewayConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        String at = "auth.providers.0.";
        config.put(at + "name", "demo-sign-in");
        config.put(at + "issuer", issuer());
        config.put(at + "audience", AUDIENCE);
        config.put(at + "roles-claim", "roles");
        int index = 0;
        for (Map.Entry<String, String> role : APP_ROLES.entrySet()) {
            config.put(at + "roles." + index + ".value", role.getKey());
            config.put(at + "roles." + index++ + ".role", role.getValue());
        }
        config.put(at + "school-group-pattern", "^school-([0-9]{6})$");
        config.put(at + "person-claim", "oid");
        config.put(at + "email-claim", "preferred_username");
        config.put(at + "email-always-verified", "true");
        return config;
    }

    /**
     * The provider's sign-in page: a button per demo person (each posts the username and claims the
     * provider's interactive login reads), and a form for anyone else, to try what the mapping refuses.
     */
    static String signInPage() throws JsonProcessingException {
        StringBuilder people = new StringBuilder();
        for (Person person : PEOPLE) {
            people.append("<form method=\"post\"><input type=\"hidden\" name=\"username\" value=\"")
                    .append(person.oid())
                    .append("\"><input type=\"hidden\" name=\"claims\" value=\"")
                    .append(escape(JSON.writeValueAsString(person.claims())))
                    .append("\"><button type=\"submit\" data-person=\"")
                    .append(person.oid())
                    .append("\"><strong>")
                    .append(escape(person.name()))
                    .append("</strong><br><small>")
                    .append(escape(person.says()))
                    .append("</small></button></form>\n");
        }
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Demo sign-in</title>
                <style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto}button{display:block;width:100%;
                text-align:left;padding:.75rem;margin:.5rem 0}textarea{width:100%}</style></head>
                <body><h1>Demo sign-in</h1>
                <p>The embedded default's stand-in for the council's identity provider. Choose a demo person:</p>
                PEOPLE
                <details><summary>Someone else</summary>
                <form method="post"><label>Subject <input name="username" required></label>
                <label>Claims (JSON)<textarea name="claims" rows="6">{"oid":"oid-someone","name":"Some One",
                "preferred_username":"some.one@council.example","roles":[],"groups":[]}</textarea></label>
                <button type="submit">Sign in</button></form></details>
                </body></html>
                """.replace("PEOPLE", people);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    @Override
    public void close() throws IOException {
        provider.shutdown();
        Files.deleteIfExists(signInPage);
    }
}
