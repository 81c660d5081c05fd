package uk.portsmouth.cfe.gateway.auth;

import java.util.Optional;

/** Finds the professional a person signed in through an identity provider is, in the directory of professionals. */
@FunctionalInterface
public interface SignedInProfessionals {

    /** No directory: nobody signed in is placed as a professional. */
    SignedInProfessionals NONE = (person, signIn, verifiedEmail) -> Optional.empty();

    /**
     * The professional id of {@code person} (roles mapped, no professional id yet), by the sign-in
     * {@code "<issuer> <subject>"} or else the email the provider vouches for ({@code ""}: none).
     */
    Optional<String> professionalId(Caller person, String signIn, String verifiedEmail);
}
