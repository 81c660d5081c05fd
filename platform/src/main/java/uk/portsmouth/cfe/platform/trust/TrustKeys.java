package uk.portsmouth.cfe.platform.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the platform's identity keys: one EC P-256 key pair a component (key id = its name) and
 * the set of their public keys that every component trusts. The launcher and the tests make fresh
 * ones in memory at every start (assertions live seconds, so nothing needs them later); for a
 * deployment, run {@link #main} once and give each component its own key file and the public set.
 */
public final class TrustKeys {

    private final Map<String, ECKey> keys;

    private TrustKeys(Map<String, ECKey> keys) {
        this.keys = keys;
    }

    /** Fresh keys for {@code components}. */
    public static TrustKeys generate(List<String> components) {
        Map<String, ECKey> keys = new LinkedHashMap<>();
        for (String component : components) {
            try {
                keys.put(
                        component,
                        new ECKeyGenerator(Curve.P_256)
                                .keyID(component)
                                .keyUse(KeyUse.SIGNATURE)
                                .generate());
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot make a key for " + component, e);
            }
        }
        return new TrustKeys(keys);
    }

    /** Every component's public key, as a JWK set (JSON). */
    public String publicKeys() {
        List<JWK> publics = new ArrayList<>();
        keys.values().forEach(key -> publics.add(key.toPublicJWK()));
        return new JWKSet(publics).toString();
    }

    /** {@code component}'s configuration overrides: its own signing key and every public key. */
    public Map<String, String> configFor(String component) {
        ECKey key = keys.get(component);
        if (key == null) {
            throw new IllegalArgumentException("No key was made for " + component);
        }
        return Map.of("trust.signing-key", key.toJSONString(), "trust.public-keys", publicKeys());
    }

    /**
     * Writes {@code <component>-signing-key.json} for each component named and {@code public-keys.json}
     * into a folder: {@code java ... TrustKeys <folder> gateway directory-service ...}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TrustKeys <folder> <component>... (e.g. gateway directory-service "
                    + "safeguarding-contacts-service attendance-service fsp-service)");
            System.exit(2);
        }
        Path folder = Files.createDirectories(Path.of(args[0]));
        TrustKeys made = generate(List.of(args).subList(1, args.length));
        for (Map.Entry<String, ECKey> key : made.keys.entrySet()) {
            Files.writeString(
                    folder.resolve(key.getKey() + "-signing-key.json"),
                    key.getValue().toJSONString());
        }
        Files.writeString(folder.resolve("public-keys.json"), made.publicKeys());
        System.out.println(
                "Wrote " + made.keys.size() + " signing keys and public-keys.json to " + folder.toAbsolutePath());
    }
}
