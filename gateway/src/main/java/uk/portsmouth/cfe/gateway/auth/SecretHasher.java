package uk.portsmouth.cfe.gateway.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Client secrets are configured as PBKDF2-HMAC-SHA256 hashes, never in clear:
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. Uses the JDK's implementation.
 */
public final class SecretHasher {

    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHasher() {}

    public static String hash(String secret) {
        return hash(secret, DEFAULT_ITERATIONS);
    }

    public static String hash(String secret, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(secret, salt, iterations));
    }

    /** True when {@code secret} matches {@code stored}; compares in constant time. */
    public static boolean matches(String secret, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = derive(secret, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is not available", e);
        }
    }

    /** Prints the hash of a secret for the configuration: {@code java ... SecretHasher <secret>}. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SecretHasher <secret>");
            System.exit(2);
        }
        System.out.println(hash(args[0]));
    }
}
