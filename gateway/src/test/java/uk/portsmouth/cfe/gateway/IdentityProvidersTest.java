package uk.portsmouth.cfe.gateway;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.gateway.auth.Caller;
import uk.portsmouth.cfe.gateway.auth.Tokens;
import uk.portsmouth.cfe.platform.testing.TestClock;

/**
 * An OpenID provider's keys and clock, with a provider served here: discovery on the first token,
 * a rotated key fetched when a token names it, expiry within the configured skew, and a provider
 * that cannot be reached answered as unavailable, never as a bad token.
 */
class IdentityProvidersTest {

    private final TestClock clock = new TestClock(Instant.now());
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger keyFetches = new AtomicInteger();
    private WebServer provider;
    private String issuer;

    @BeforeEach
    void start() {
        provider = WebServer.builder()
                .port(0)
                .host("127.0.0.1")
                .routing(r -> r.get(
                                "/realms/city/.well-known/openid-configuration",
                                (req, res) -> res.header("Content-Type", "application/json")
                                        .send("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}"))
                        .get("/realms/city/certs", (req, res) -> {
                            keyFetches.incrementAndGet();
                            res.header("Content-Type", "application/json")
                                    .send(published.get().toString());
                        }))
                .build()
                .start();
        issuer = "http://127.0.0.1:" + provider.port() + "/realms/city";
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    private Tokens tokens(String providerIssuer) {
        Map<String, String> config = new HashMap<>();
        config.put("auth.providers.0.issuer", providerIssuer);
        config.put("auth.providers.0.audience", "cfe-api");
        config.put("auth.providers.0.clock-skew", "PT60S");
        config.put("auth.providers.0.jwks-refresh-min-interval", "PT0S");
        config.put("auth.providers.0.roles-claim", "realm_access.roles");
        config.put("auth.providers.0.roles.0.value", "attendance-officer");
        config.put("auth.providers.0.roles.0.role", "la_officer");
        return Tokens.fromConfig(
                Config.just(ConfigSources.create(config)).get("auth"),
                clock,
                (person, signIn, email) -> Optional.empty());
    }

    private String token(RSAKey key, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .audience("cfe-api")
                        .subject("kc-officer")
                        .issueTime(Date.from(clock.instant()))
                        .expirationTime(Date.from(expires))
                        .claim("name", "Lee Officer")
                        .claim("realm_access", Map.of("roles", List.of("attendance-officer")))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("k2").generate();
        published.set(new JWKSet(first.toPublicJWK()));
        Tokens tokens = tokens(issuer);
        Caller officer = tokens.verify(token(first, clock.instant().plusSeconds(300)));
        assertThat(officer.roles(), is(List.of("la_officer")));
        assertThat(officer.subject(), is("kc-officer"));
        assertThat(keyFetches.get(), is(1));
        // the provider rotates: its set now holds the new key, and a token signed with it verifies
        published.set(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));
        assertThat(
                tokens.verify(token(second, clock.instant().plusSeconds(300))).name(), is("Lee Officer"));
        assertThat(keyFetches.get(), is(2));
        // a key id the provider never published stays refused
        RSAKey forged = new RSAKeyGenerator(2048).keyID("k3").generate();
        assertThrows(
                Tokens.InvalidTokenException.class,
                () -> tokens.verify(token(forged, clock.instant().plusSeconds(300))));
    }

    @Test
    void expiryCountsWithinTheSkewAndNotBeyond() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        published.set(new JWKSet(key.toPublicJWK()));
        Tokens tokens = tokens(issuer);
        assertThat(tokens.verify(token(key, clock.instant().minusSeconds(30))).subject(), is("kc-officer"));
        assertThrows(
                Tokens.InvalidTokenException.class,
                () -> tokens.verify(token(key, clock.instant().minusSeconds(120))));
    }

    @Test
    void aProviderThatCannotBeReachedIsUnavailableNotABadToken() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        published.set(new JWKSet(key.toPublicJWK()));
        Tokens tokens = tokens(issuer);
        String token = token(key, clock.instant().plusSeconds(300));
        provider.stop(); // down before the gateway ever asked it for keys
        Tokens.ProviderUnavailableException down =
                assertThrows(Tokens.ProviderUnavailableException.class, () -> tokens.verify(token));
        assertThat(down.getMessage(), containsString("cannot be fetched"));
    }
}
