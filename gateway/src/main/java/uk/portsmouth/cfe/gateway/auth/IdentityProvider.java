package uk.portsmouth.cfe.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.helidon.config.Config;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One issuer whose tokens the gateway accepts: its keys (from its JWKS, found by OpenID discovery
 * unless given), the checks every token must pass (signature, issuer, audience, expiry and
 * not-before within a small clock skew) and how its claims map to a caller ({@link ClaimMapping}).
 */
final class IdentityProvider {

    /** Algorithms providers sign with: Entra and Keycloak RS256 by default; EC and PSS where chosen. */
    private static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private final String name;
    private final String issuer;
    private final ClaimMapping mapping;
    private final DefaultJWTProcessor<SecurityContext> processor;

    IdentityProvider(
            String name,
            String issuer,
            String audience,
            JWKSource<SecurityContext> keys,
            ClaimMapping mapping,
            Duration clockSkew,
            Clock clock) {
        this.name = name;
        this.issuer = issuer;
        this.mapping = mapping;
        this.processor = new DefaultJWTProcessor<>();
        // access tokens are "JWT" (Entra, Keycloak) or "at+jwt" (RFC 9068); some omit the type
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        audience,
                        new JWTClaimsSet.Builder().issuer(issuer).build(),
                        new HashSet<>(List.of("sub", "exp"))) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew((int) clockSkew.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * A provider from its config node: {@code name}, {@code issuer}, {@code audience}, optional
     * {@code jwks-uri} (else discovered from {@code <issuer>/.well-known/openid-configuration}),
     * {@code clock-skew}, {@code jwks-cache} and {@code jwks-refresh-min-interval}, and the claim
     * mapping's keys.
     */
    static IdentityProvider fromConfig(Config provider, Clock clock) {
        String issuer = provider.get("issuer").asString().get();
        String name = provider.get("name").asString().orElse(issuer);
        String jwksUri = provider.get("jwks-uri").asString().orElse("");
        Duration cache = provider.get("jwks-cache").as(Duration.class).orElse(Duration.ofMinutes(15));
        Duration minRefresh =
                provider.get("jwks-refresh-min-interval").as(Duration.class).orElse(Duration.ofSeconds(30));
        JWKSource<SecurityContext> keys = jwksUri.isBlank()
                ? new DiscoveredKeys(issuer, cache, minRefresh)
                : keys(url(jwksUri), cache, minRefresh);
        return new IdentityProvider(
                name,
                issuer,
                provider.get("audience").asString().get(),
                keys,
                ClaimMapping.fromConfig(provider),
                provider.get("clock-skew").as(Duration.class).orElse(Duration.ofSeconds(60)),
                clock);
    }

    String name() {
        return name;
    }

    String issuer() {
        return issuer;
    }

    ClaimMapping mapping() {
        return mapping;
    }

    DefaultJWTProcessor<SecurityContext> processor() {
        return processor;
    }

    /**
     * The provider's keys, cached for {@code cache}; a token naming a key id the cache does not
     * hold fetches the set again (a rotation), at most once per {@code minRefresh}; while the
     * provider cannot be reached, the keys last fetched go on verifying for a day.
     */
    static JWKSource<SecurityContext> keys(URL jwks, Duration cache, Duration minRefresh) {
        return JWKSourceBuilder.<SecurityContext>create(jwks)
                .cache(cache.toMillis(), Duration.ofSeconds(15).toMillis())
                .rateLimited(!minRefresh.isZero() ? minRefresh.toMillis() : 1)
                .retrying(true)
                .outageTolerant(Duration.ofDays(1).toMillis())
                .build();
    }

    private static URL url(String value) {
        try {
            return URI.create(value).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.providers: not a URL: " + value, e);
        }
    }

    /**
     * The keys found through OpenID discovery, on first use (so the gateway starts while the provider
     * is down, and tries again at the next token): the document must name this issuer.
     */
    private static final class DiscoveredKeys implements JWKSource<SecurityContext> {
        private static final HttpClient HTTP =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String issuer;
        private final Duration cache;
        private final Duration minRefresh;
        private volatile JWKSource<SecurityContext> keys;

        DiscoveredKeys(String issuer, Duration cache, Duration minRefresh) {
            this.issuer = issuer;
            this.cache = cache;
            this.minRefresh = minRefresh;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            JWKSource<SecurityContext> found = keys;
            if (found == null) {
                found = discover();
                keys = found;
            }
            return found.get(selector, context);
        }

        private JWKSource<SecurityContext> discover() throws KeySourceException {
            String address = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(address))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new KeySourceException(
                            "OpenID discovery at " + address + " answered " + response.statusCode());
                }
                JsonNode document = new ObjectMapper().readTree(response.body());
                if (!issuer.equals(document.path("issuer").asText())) {
                    throw new KeySourceException("OpenID discovery at " + address + " names another issuer");
                }
                return keys(url(document.path("jwks_uri").asText()), cache, minRefresh);
            } catch (IOException | IllegalArgumentException e) {
                throw new KeySourceException("OpenID discovery at " + address + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeySourceException("interrupted during OpenID discovery", e);
            }
        }
    }
}
