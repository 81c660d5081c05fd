package uk.portsmouth.cfe.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import uk.portsmouth.cfe.platform.memory.BoundedCache;
import uk.portsmouth.cfe.platform.reference.Roles;

/**
 * Issues the platform's own access tokens (RS256 JWTs, public keys published as a JWKS) and
 * verifies bearer tokens from the platform, from a council SSO issuing the platform's claim names
 * ({@code auth.external}), and from OpenID providers whose signed-in people call the API ({@code
 * auth.providers}, their claims mapped by {@link ClaimMapping}). The platform's claims: {@code
 * sub}, {@code client_id}, {@code name}, {@code roles}, {@code school_urns} (role school), {@code
 * professional_id} (role professional).
 */
public final class Tokens {

    private static final Logger LOGGER = Logger.getLogger(Tokens.class.getName());

    private final RSAKey signingKey;
    private final JWKSet publishedKeys;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, IdentityProvider> providers;
    private final SignedInProfessionals professionals;
    /** Tokens verified, with whom they stand for, kept until they expire (see {@link #verify}). */
    private final BoundedCache<String, Believed> believed = new BoundedCache<>(10_000);

    private record Believed(Caller caller, Instant expires) {}

    private Tokens(
            RSAKey signingKey,
            JWKSet publishedKeys,
            String issuer,
            String audience,
            Duration lifetime,
            Clock clock,
            Map<String, IdentityProvider> providers,
            SignedInProfessionals professionals) {
        this.signingKey = signingKey;
        this.publishedKeys = publishedKeys;
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = clock;
        this.providers = providers;
        this.professionals = professionals;
    }

    /**
     * From {@code auth} config: {@code issuer}, {@code audience}, {@code token-lifetime} (ISO-8601
     * duration), {@code signing-key-file} (a JWK; created on first start when missing, else a key
     * lives only as long as the process), {@code previous-signing-key-files} (comma-separated JWKs
     * being rotated out: published and accepted, never used to sign; drop one once the tokens it
     * signed have expired), and {@code external.issuer/jwks-uri/audience}.
     */
    public static Tokens fromConfig(Config auth, Clock clock) {
        return fromConfig(auth, clock, SignedInProfessionals.NONE);
    }

    /** As {@link #fromConfig(Config, Clock)}, finding signed-in professionals in {@code professionals}. */
    public static Tokens fromConfig(Config auth, Clock clock, SignedInProfessionals professionals) {
        String issuer = auth.get("issuer").asString().orElse("cfe-gateway");
        String audience = auth.get("audience").asString().orElse("cfe-api");
        RSAKey key = signingKey(auth.get("signing-key-file")
                .asString()
                .filter(s -> !s.isBlank())
                .map(Path::of));
        // a key being rotated out: its tokens stay valid until they expire, it signs nothing new
        List<RSAKey> previous = java.util.Arrays.stream(auth.get("previous-signing-key-files")
                        .asString()
                        .orElse("")
                        .split(","))
                .map(String::strip)
                .filter(f -> !f.isEmpty())
                .map(f -> readKey(Path.of(f)))
                .toList();
        JWKSet published = published(key, previous);
        Map<String, IdentityProvider> providers = new java.util.HashMap<>();
        providers.put(
                issuer,
                new IdentityProvider(
                        issuer,
                        issuer,
                        audience,
                        new ImmutableJWKSet<>(published),
                        ClaimMapping.PLATFORM,
                        Duration.ofSeconds(60),
                        clock));
        // a council SSO issuing the platform's own claim names (roles, school_urns, professional_id)
        Config external = auth.get("external");
        Optional<String> externalIssuer = external.get("issuer").asString().filter(s -> !s.isBlank());
        if (externalIssuer.isPresent()) {
            String jwksUri = external.get("jwks-uri").asString().get();
            try {
                providers.put(
                        externalIssuer.get(),
                        new IdentityProvider(
                                externalIssuer.get(),
                                externalIssuer.get(),
                                external.get("audience")
                                        .asString()
                                        .filter(s -> !s.isBlank())
                                        .orElse(audience),
                                IdentityProvider.keys(
                                        URI.create(jwksUri).toURL(), Duration.ofMinutes(15), Duration.ofSeconds(30)),
                                ClaimMapping.PLATFORM,
                                Duration.ofSeconds(60),
                                clock));
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("auth.external.jwks-uri is not a URL: " + jwksUri, e);
            }
        }
        // OpenID providers whose signed-in people call the API, their claims mapped by configuration
        for (Config node : auth.get("providers").asNodeList().orElse(List.of())) {
            if (node.get("issuer").asString().filter(s -> !s.isBlank()).isPresent()) {
                IdentityProvider provider = IdentityProvider.fromConfig(node, clock);
                providers.put(provider.issuer(), provider);
            }
        }
        return new Tokens(
                key,
                published,
                issuer,
                audience,
                auth.get("token-lifetime").as(Duration.class).orElse(Duration.ofMinutes(15)),
                clock,
                Map.copyOf(providers),
                professionals);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A signed access token for {@code client}. */
    public String issue(ClientRegistry.Client client) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(client.id())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", client.id())
                .claim("name", client.name())
                .claim("roles", client.roles());
        if (!client.schoolUrns().isEmpty()) {
            claims.claim("school_urns", client.schoolUrns());
        }
        if (!client.professionalId().isEmpty()) {
            claims.claim("professional_id", client.professionalId());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The public keys, as {@code /.well-known/jwks.json} serves them. */
    public Map<String, Object> jwks() {
        return publishedKeys.toJSONObject();
    }

    /** The public keys tokens are checked with: the signing key's, then any being rotated out. */
    private static JWKSet published(RSAKey signing, List<RSAKey> previous) {
        List<com.nimbusds.jose.jwk.JWK> keys = new java.util.ArrayList<>();
        keys.add(signing.toPublicJWK());
        previous.forEach(k -> keys.add(k.toPublicJWK()));
        return new JWKSet(keys);
    }

    private static RSAKey readKey(Path file) {
        try {
            return RSAKey.parse(Files.readString(file));
        } catch (java.io.IOException | java.text.ParseException e) {
            throw new IllegalStateException("auth.previous-signing-key-files: cannot read a JWK from " + file, e);
        }
    }

    /**
     * The caller a bearer token stands for, or a reason it is not acceptable. A client sends the same
     * token for its lifetime, and checking an RS256 signature (and parsing the token) was a sixth of
     * a signed-in read's cost: so a token that verified is believed again, byte for byte, until its
     * expiry (then checked afresh, and refused); a client's suspension still ends it at once (the
     * {@link Authenticator} asks at every request).
     */
    public Caller verify(String token) throws InvalidTokenException {
        Believed known = believed.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expires())) {
                return known.caller();
            }
            believed.remove(token);
        }
        Verified verified = verifyFresh(token);
        believed.put(token, new Believed(verified.caller(), verified.expires()));
        return verified.caller();
    }

    private record Verified(Caller caller, Instant expires) {}

    private Verified verifyFresh(String token) throws InvalidTokenException {
        try {
            String tokenIssuer = SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
            IdentityProvider provider = tokenIssuer == null ? null : providers.get(tokenIssuer);
            if (provider == null) {
                throw new InvalidTokenException("the token's issuer is not trusted");
            }
            JWTClaimsSet claims = provider.processor().process(token, null);
            return new Verified(
                    caller(provider, claims), claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a JWT");
        } catch (BadJOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (KeySourceException e) {
            throw new ProviderUnavailableException("the identity provider's keys cannot be fetched: " + e.getMessage());
        } catch (JOSEException e) {
            throw new InvalidTokenException("the token's signature cannot be checked");
        }
    }

    /**
     * Whom verified claims stand for. The platform's own claim names are taken as they are; a
     * provider's are mapped, and a person the mapping cannot place (no platform role, a school's
     * staff without a school, a professional the directory does not know) is refused, saying what
     * is missing.
     */
    private Caller caller(IdentityProvider provider, JWTClaimsSet claims) throws ParseException, InvalidTokenException {
        ClaimMapping mapping = provider.mapping();
        List<String> roles = mapping.roles(claims);
        String person = mapping.person(claims);
        String name = mapping.name(claims, person);
        if (!mapping.placesPeople()) {
            return new Caller(
                    claims.getSubject(),
                    Optional.ofNullable(claims.getStringClaim("client_id")).orElse(claims.getSubject()),
                    name,
                    roles,
                    mapping.schools(claims),
                    mapping.text(claims, mapping.professionalClaim()).orElse(""),
                    provider.issuer().equals(issuer) ? "" : provider.issuer()); // a council SSO's person
        }
        String who = name + " (" + provider.name() + ")";
        if (roles.isEmpty()) {
            throw new UnplacedPersonException(who + " has no platform role: " + mapping.describeRoles(claims));
        }
        List<String> schools = mapping.schools(claims);
        if (roles.contains(Roles.SCHOOL) && schools.isEmpty()) {
            throw new UnplacedPersonException(who + " is a school's staff but names no school: expected "
                    + (mapping.schoolsClaim().isEmpty() ? "" : mapping.schoolsClaim() + " or ")
                    + mapping.groupsClaim() + " matching " + mapping.schoolGroupPattern());
        }
        // the front end the person signed in through is the client (azp, Entra's appid), else the provider
        String client = mapping.text(claims, "azp")
                .or(() -> mapping.text(claims, "client_id"))
                .or(() -> mapping.text(claims, "appid"))
                .orElse(provider.name());
        Caller placed = new Caller(person, client, name, roles, schools, "", provider.issuer());
        if (!roles.contains(Roles.PROFESSIONAL)) {
            return placed;
        }
        String signIn = provider.issuer() + " " + person;
        String professional = professionals
                .professionalId(placed, signIn, mapping.verifiedEmail(claims))
                .orElseThrow(() -> new UnplacedPersonException(who + " is not in the directory of professionals"
                        + " (by sign-in \"" + signIn + "\" or a verified email): an early-help manager adds them"));
        return new Caller(person, client, name, roles, schools, professional, provider.issuer());
    }

    private static List<String> list(JWTClaimsSet claims, String name) throws ParseException {
        List<String> values = claims.getStringListClaim(name);
        return values == null ? List.of() : values;
    }

    private static RSAKey signingKey(Optional<Path> file) {
        try {
            if (file.isPresent() && Files.exists(file.get())) {
                return RSAKey.parse(Files.readString(file.get()));
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            if (file.isPresent()) {
                Path path = file.get().toAbsolutePath();
                Files.createDirectories(path.getParent());
                Files.writeString(path, key.toJSONString());
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } else {
                LOGGER.warning(
                        "auth.signing-key-file is not set: tokens are signed with a key that lasts until restart");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key " + file.orElse(null), e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("The signing key " + file.orElse(null) + " is not an RSA JWK", e);
        }
    }

    /** The token is good, but the person it names has no place here; the message says what is missing. */
    public static final class UnplacedPersonException extends InvalidTokenException {
        public UnplacedPersonException(String message) {
            super(message);
        }
    }

    /** The token's issuer cannot be asked for its keys now; the caller should try again shortly. */
    public static final class ProviderUnavailableException extends InvalidTokenException {
        public ProviderUnavailableException(String message) {
            super(message);
        }
    }

    /** The bearer token cannot be accepted; the message says why (safe to show the caller). */
    public static class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
