package uk.portsmouth.cfe.platform.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import uk.portsmouth.cfe.platform.memory.BoundedCache;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;

/**
 * Caller assertions: short-lived ES256 JWTs a component signs for calls to one service
 * ({@code aud}) and one method ({@code mth}), so a captured assertion is worthless elsewhere. The
 * gateway's carry the end user (subject, client, roles, school URNs, professional id, name,
 * purpose); a service's own say only who it is.
 *
 * <p>Signing and verifying ES256 cost about a tenth of a millisecond each, at every call: so a signer
 * reuses its assertion for the same caller, service and method for the first half of its lifetime,
 * and a verifier keeps what an assertion it verified said until it expires (only a byte-identical
 * assertion is believed again, with its expiry and method checked at every call). The correlation id
 * changes at every request, so it travels beside the assertion ({@link #correlationId}), a label
 * for logs and audit, never a grant.
 */
public final class CallerAssertions {

    /** Clocks between machines differ a little; an assertion is not refused for less than this. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    /** No assertion lives longer than this, whoever signed it. */
    private static final Duration LONGEST_LIFETIME = Duration.ofMinutes(2);

    /** The most assertions each of the two caches keeps. */
    private static final int MOST_KEPT = 10_000;
    /** The longest correlation id taken (as the gateway takes one from a client). */
    private static final int LONGEST_CORRELATION_ID = 64;

    private final Trust trust;
    private final ECDSASigner signer;
    private final Clock clock;
    private final BoundedCache<SignedFor, Signed> signed = new BoundedCache<>(MOST_KEPT);
    private final BoundedCache<VerifiedFor, Believed> verified = new BoundedCache<>(MOST_KEPT);

    /** Whom, which service and which method an assertion was signed for. */
    private record SignedFor(CallerContext user, String audience, String method) {}

    /** An assertion and when its signer stops reusing it (half its lifetime). */
    private record Signed(String assertion, Instant renewAfter) {}

    /** An assertion verified as addressed to {@code audience}. */
    private record VerifiedFor(String assertion, String audience) {}

    /** What a verified assertion said, kept until it expires. */
    private record Believed(String issuer, String method, Instant expires, CallerContext caller) {}

    public CallerAssertions(Trust trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
        try {
            this.signer = new ECDSASigner(trust.signingKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key of " + trust.component() + " cannot sign", e);
        }
    }

    /** Why an assertion was refused (said to the caller as UNAUTHENTICATED). */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    /** A verified assertion: who signed it, and the caller it speaks for. */
    public record Verified(String issuer, CallerContext caller) {}

    public String component() {
        return trust.component();
    }

    /**
     * An assertion for calls to {@code method} of {@code audience}: the gateway's carries
     * {@code user} (its correlation id aside); any other component's says only who it is (its
     * {@code user} must be null). The same one for the first half of its lifetime.
     */
    public String sign(CallerContext user, String audience, String method) {
        if (user != null && !Trust.GATEWAY.equals(trust.component())) {
            throw new IllegalStateException(
                    trust.component() + " cannot speak for an end user; forward the caller's assertion");
        }
        SignedFor key = new SignedFor(
                user == null ? null : user.toBuilder().clearCorrelationId().build(), audience, method);
        Instant now = clock.instant();
        Signed reusable = signed.get(key);
        if (reusable != null && now.isBefore(reusable.renewAfter())) {
            return reusable.assertion();
        }
        String assertion = signFresh(key.user(), audience, method, now);
        signed.put(key, new Signed(assertion, now.plus(trust.assertionLifetime().dividedBy(2))));
        return assertion;
    }

    private String signFresh(CallerContext user, String audience, String method, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(trust.component())
                .audience(audience)
                .claim("mth", method)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(trust.assertionLifetime())))
                .jwtID(UUID.randomUUID().toString());
        if (user != null) {
            claims.subject(user.getSubject())
                    .claim("client_id", user.getClientId())
                    .claim("roles", user.getRolesList())
                    .claim("school_urns", user.getSchoolUrnsList())
                    .claim("professional_id", user.getProfessionalId())
                    .claim("name", user.getDisplayName())
                    .claim("person_issuer", user.getIssuer())
                    .claim("purpose", user.getPurpose());
            if (!user.getActingService().isEmpty()) {
                // the gateway's own jobs (the webhook dispatcher): the gateway acting as itself, no end user
                claims.claim("acting_service", user.getActingService());
            }
        } else {
            claims.subject(trust.component());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(trust.component())
                        .build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a caller assertion", e);
        }
        return jwt.serialize();
    }

    /**
     * A correlation id as sent (1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-'), or empty when it is not
     * one. Every call in and between components checks one, so it is a loop, not a pattern.
     */
    public static String correlationId(String sent) {
        if (sent == null || sent.isEmpty() || sent.length() > LONGEST_CORRELATION_ID) {
            return "";
        }
        for (int i = 0; i < sent.length(); i++) {
            char c = sent.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!allowed) {
                return "";
            }
        }
        return sent;
    }

    /**
     * Verifies an assertion addressed to this component for {@code method}: signature by the key of
     * its issuer (a component this one knows), audience, method, issue and expiry times.
     */
    public Verified verify(String assertion, String method) throws RefusedException {
        Believed believed = believed(assertion, trust.component());
        if (!method.equals(believed.method())) {
            throw new RefusedException("the caller assertion is for another call");
        }
        return new Verified(believed.issuer(), believed.caller());
    }

    /**
     * Verifies an end user's assertion that service {@code forwarder} passes on (it was addressed
     * to that service, by the gateway): signature, audience and expiry; it speaks for the user.
     */
    public CallerContext verifyForwarded(String assertion, String forwarder) throws RefusedException {
        Believed believed = believed(assertion, forwarder);
        if (!Trust.GATEWAY.equals(believed.issuer())) {
            throw new RefusedException("a forwarded caller must be the gateway's");
        }
        return believed.caller();
    }

    /** What {@code assertion}, addressed to {@code audience}, says: verified once, believed until it expires. */
    private Believed believed(String assertion, String audience) throws RefusedException {
        VerifiedFor key = new VerifiedFor(assertion, audience);
        Believed believed = verified.get(key);
        if (believed == null) {
            JWTClaimsSet claims = verified(assertion, audience);
            believed = new Believed(
                    claims.getIssuer(),
                    claim(claims, "mth"),
                    claims.getExpirationTime().toInstant(),
                    callerOf(claims));
            verified.put(key, believed);
        } else if (believed.expires().plus(CLOCK_SKEW).isBefore(clock.instant())) {
            verified.remove(key);
            throw new RefusedException("the caller assertion has expired");
        }
        return believed;
    }

    private JWTClaimsSet verified(String assertion, String audience) throws RefusedException {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new RefusedException("the caller assertion is not a signed JWT");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw new RefusedException("the caller assertion must be signed with ES256");
        }
        String issuer = claims.getIssuer();
        if (issuer == null || !issuer.equals(jwt.getHeader().getKeyID())) {
            throw new RefusedException("the caller assertion's key id must name its issuer");
        }
        JWK key = trust.publicKeys().getKeyByKeyId(issuer);
        if (!(key instanceof ECKey ecKey)) {
            throw new RefusedException("the caller assertion's issuer is unknown");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(ecKey))) {
                throw new RefusedException("the caller assertion's signature does not verify");
            }
        } catch (JOSEException e) {
            throw new RefusedException("the caller assertion's signature does not verify");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.equals(List.of(audience))) {
            throw new RefusedException("the caller assertion is for another service");
        }
        Instant now = clock.instant();
        Date issued = claims.getIssueTime();
        Date expires = claims.getExpirationTime();
        if (issued == null
                || expires == null
                || expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new RefusedException("the caller assertion has expired");
        }
        if (issued.toInstant().minus(CLOCK_SKEW).isAfter(now)
                || Duration.between(issued.toInstant(), expires.toInstant()).compareTo(LONGEST_LIFETIME) > 0) {
            throw new RefusedException("the caller assertion's times are not believable");
        }
        return claims;
    }

    /** The gateway's assertion speaks for its end user; a service's for that service (no roles). */
    private static CallerContext callerOf(JWTClaimsSet claims) throws RefusedException {
        if (!Trust.GATEWAY.equals(claims.getIssuer())) {
            return CallerContext.newBuilder()
                    .setSubject(claims.getIssuer())
                    .setActingService(claims.getIssuer())
                    .build();
        }
        String acting = claim(claims, "acting_service");
        if (!acting.isEmpty() && !acting.equals(Trust.GATEWAY)) {
            throw new RefusedException("the gateway's assertion may speak only for the gateway itself");
        }
        try {
            return CallerContext.newBuilder()
                    .setActingService(acting)
                    .setSubject(nullToEmpty(claims.getSubject()))
                    .setClientId(nullToEmpty(claims.getStringClaim("client_id")))
                    .addAllRoles(listOrEmpty(claims.getStringListClaim("roles")))
                    .addAllSchoolUrns(listOrEmpty(claims.getStringListClaim("school_urns")))
                    .setProfessionalId(nullToEmpty(claims.getStringClaim("professional_id")))
                    .setDisplayName(nullToEmpty(claims.getStringClaim("name")))
                    .setIssuer(nullToEmpty(claims.getStringClaim("person_issuer")))
                    .setPurpose(nullToEmpty(claims.getStringClaim("purpose")))
                    .build();
        } catch (ParseException e) {
            throw new RefusedException("the caller assertion's claims are malformed");
        }
    }

    private static String claim(JWTClaimsSet claims, String name) throws RefusedException {
        try {
            return nullToEmpty(claims.getStringClaim(name));
        } catch (ParseException e) {
            throw new RefusedException("the caller assertion's " + name + " is malformed");
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<String> listOrEmpty(List<String> value) {
        return value == null ? List.of() : value;
    }
}
