package uk.portsmouth.cfe.gateway.auth;

import java.time.Instant;
import java.util.List;

/**
 * An API client the LA registered through the API (a school's MIS, a partner, a front end): who it
 * acts as, its lifecycle status, and its secrets as hashes only. During a rotation the previous
 * secret keeps working until its {@code validUntil}.
 */
public record ApiClient(
        String id,
        String name,
        List<String> roles,
        List<String> schoolUrns,
        String professionalId,
        String contactEmail,
        String status,
        List<Secret> secrets,
        String createdAt,
        String createdBy,
        String lastUsedAt,
        long version) {

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    public static final String REVOKED = "revoked";

    public ApiClient {
        roles = List.copyOf(roles);
        schoolUrns = List.copyOf(schoolUrns);
        secrets = List.copyOf(secrets);
    }

    /** A secret's {@link SecretHasher} hash; {@code validUntil} empty while it is the current one. */
    public record Secret(String hash, String createdAt, String validUntil) {

        boolean validAt(Instant now) {
            return validUntil.isEmpty() || Instant.parse(validUntil).isAfter(now);
        }
    }

    /** Whether {@code secret} opens this client at {@code now}: active, and one of its live secrets. */
    boolean accepts(String secret, Instant now) {
        return status.equals(ACTIVE)
                && secrets.stream().filter(s -> s.validAt(now)).anyMatch(s -> SecretHasher.matches(secret, s.hash()));
    }

    /** As the token service sees it. */
    ClientRegistry.Client asClient() {
        return new ClientRegistry.Client(id, "", name, roles, schoolUrns, professionalId);
    }
}
