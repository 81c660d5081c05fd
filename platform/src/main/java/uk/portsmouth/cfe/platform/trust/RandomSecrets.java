package uk.portsmouth.cfe.platform.trust;

import java.security.SecureRandom;
import java.util.Base64;

/** Secrets handed out once (client secrets, calendar links): 256 random bits, URL-safe text. */
public final class RandomSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {}

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
