package uk.portsmouth.cfe.gateway.auth;

import java.util.List;

/**
 * An authenticated caller, as its token says: who ({@code subject}, {@code clientId}), which
 * roles, the schools a {@code school} caller acts for, the professional a {@code professional}
 * caller is, and for a person signed in through an identity provider, its issuer ("" for clients).
 */
public record Caller(
        String subject,
        String clientId,
        String name,
        List<String> roles,
        List<String> schoolUrns,
        String professionalId,
        String issuer) {

    public Caller {
        roles = List.copyOf(roles);
        schoolUrns = List.copyOf(schoolUrns);
    }

    public boolean hasAnyRole(java.util.Collection<String> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }

    /**
     * The school a list is about: the one asked for ({@code ?urn=}); when none is, a school's client
     * acting for one school lists its own (the LA, asking for none, lists every school's).
     */
    public String schoolToList(String asked, java.util.Collection<String> laRoles) {
        return asked.isEmpty() && !hasAnyRole(laRoles) && schoolUrns.size() == 1 ? schoolUrns.get(0) : asked;
    }
}
