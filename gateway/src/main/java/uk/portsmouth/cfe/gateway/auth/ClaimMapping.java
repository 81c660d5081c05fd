package uk.portsmouth.cfe.gateway.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.helidon.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.portsmouth.cfe.platform.reference.Roles;

/**
 * How one identity provider's claims become a platform caller, by configuration: where its roles
 * are ({@code roles-claim}, a dotted path such as Entra's {@code roles} or Keycloak's {@code
 * realm_access.roles}) and what each means here ({@code roles}: provider value to platform role);
 * a school's staff's schools (a claim listing URNs, or groups named by {@code school-group-pattern});
 * who the person is ({@code person-claim}: Entra's {@code oid}, else {@code sub}) and the email the
 * provider vouches for, by which the directory of professionals finds a professional.
 */
record ClaimMapping(
        String rolesClaim,
        Map<String, String> roleMap,
        String schoolsClaim,
        String groupsClaim,
        Pattern schoolGroupPattern,
        String personClaim,
        String nameClaim,
        String emailClaim,
        boolean emailAlwaysVerified,
        String professionalClaim) {

    /** The platform's own claim names (its tokens, and a council SSO issuing them as the platform does). */
    static final ClaimMapping PLATFORM =
            new ClaimMapping("roles", Map.of(), "school_urns", "", null, "sub", "name", "", false, "professional_id");

    /** The mapping under a provider's config node. */
    static ClaimMapping fromConfig(Config provider) {
        Map<String, String> roles = new LinkedHashMap<>();
        provider.get("roles").asNodeList().orElse(List.of()).forEach(entry -> {
            String platformRole = entry.get("role").asString().orElse("");
            if (!Roles.ALL.contains(platformRole)) {
                throw new IllegalArgumentException("auth.providers: " + platformRole + " is not a platform role ("
                        + String.join(", ", new java.util.TreeSet<>(Roles.ALL)) + ")");
            }
            roles.put(entry.get("value").asString().get(), platformRole);
        });
        String pattern = provider.get("school-group-pattern").asString().orElse("");
        return new ClaimMapping(
                provider.get("roles-claim").asString().orElse("roles"),
                Map.copyOf(roles),
                provider.get("schools-claim").asString().orElse(""),
                provider.get("groups-claim").asString().orElse("groups"),
                pattern.isBlank() ? null : Pattern.compile(pattern),
                provider.get("person-claim").asString().orElse("sub"),
                provider.get("name-claim").asString().orElse("name"),
                provider.get("email-claim").asString().orElse("email"),
                provider.get("email-always-verified").asBoolean().orElse(false),
                "");
    }

    /** Whether people need placing (a mapped role, a school, a professional); the platform's own claims need none. */
    boolean placesPeople() {
        return !roleMap.isEmpty();
    }

    /** The platform roles the claims carry, mapped (the platform's own names pass as they are). */
    List<String> roles(JWTClaimsSet claims) {
        Set<String> mapped = new LinkedHashSet<>();
        for (String value : values(claims, rolesClaim)) {
            String role = placesPeople() ? roleMap.get(value) : (Roles.ALL.contains(value) ? value : null);
            if (role != null) {
                mapped.add(role);
            }
        }
        return List.copyOf(mapped);
    }

    /** The schools the claims name: a claim listing URNs, and groups matching the pattern (its first group). */
    List<String> schools(JWTClaimsSet claims) {
        Set<String> urns = new LinkedHashSet<>(schoolsClaim.isEmpty() ? List.of() : values(claims, schoolsClaim));
        if (schoolGroupPattern != null) {
            for (String group : values(claims, groupsClaim)) {
                Matcher matched = schoolGroupPattern.matcher(group);
                if (matched.matches() && matched.groupCount() >= 1) {
                    urns.add(matched.group(1));
                }
            }
        }
        return urns.stream().filter(urn -> urn.matches("^[0-9]{6}$")).toList();
    }

    String person(JWTClaimsSet claims) {
        return text(claims, personClaim).orElseGet(claims::getSubject);
    }

    String name(JWTClaimsSet claims, String otherwise) {
        return text(claims, nameClaim).orElse(otherwise);
    }

    /** The email the provider vouches for: its email claim when the provider always verifies it or says so. */
    String verifiedEmail(JWTClaimsSet claims) {
        boolean verified = emailAlwaysVerified || Boolean.TRUE.equals(claims.getClaim("email_verified"));
        return verified ? text(claims, emailClaim).orElse("").toLowerCase(Locale.ROOT) : "";
    }

    /** What the provider says of its roles claim, for a refusal that says what is missing. */
    String describeRoles(JWTClaimsSet claims) {
        List<String> values = values(claims, rolesClaim);
        return rolesClaim + " " + (values.isEmpty() ? "is missing" : "holds " + values) + "; this platform maps "
                + roleMap.keySet();
    }

    Optional<String> text(JWTClaimsSet claims, String path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Object value = at(claims, path);
        return value instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }

    /** The strings at a dotted path: a list's strings, or one string. */
    private static List<String> values(JWTClaimsSet claims, String path) {
        Object value = at(claims, path);
        List<String> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .forEach(values::add);
        } else if (value instanceof String text) {
            values.add(text);
        }
        return values;
    }

    private static Object at(JWTClaimsSet claims, String path) {
        String[] steps = path.split("\\.");
        Object value = claims.getClaim(steps[0]);
        for (int i = 1; i < steps.length && value != null; i++) {
            value = value instanceof Map<?, ?> object ? object.get(steps[i]) : null;
        }
        return value;
    }
}
