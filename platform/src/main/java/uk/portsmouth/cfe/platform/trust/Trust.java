package uk.portsmouth.cfe.platform.trust;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;

/**
 * Who this component is to the others, and whom it believes: its own EC signing key (key id = its
 * name), the public keys of every component (a JWK set, key id = component name), the lifetime of
 * the assertions it signs, and optionally the certificate, key and CA of mutual TLS on every gRPC
 * channel. Nothing here is optional for identities: a component without keys does not start.
 *
 * <p>Configuration ({@code trust.*}, overridable by environment as everything else):
 * {@code signing-key} or {@code signing-key-file} (a private EC JWK), {@code public-keys} or
 * {@code public-keys-file} (a JWK set), {@code assertion-lifetime} (PT30S); and {@code tls.*}:
 * {@code certificate-file}, {@code private-key-file} (PKCS#8 PEM), {@code ca-file}.
 */
public final class Trust {

    /** The one issuer whose assertions speak for end users (it authenticated their bearer token). */
    public static final String GATEWAY = "gateway";

    private final String component;
    private final ECKey signingKey;
    private final JWKSet publicKeys;
    private final Duration assertionLifetime;
    private final Optional<Tls> tls;

    /** Mutual TLS material: this component's certificate chain and key, and the CA it trusts (PEM files). */
    public record Tls(Path certificate, Path privateKey, Path ca) {}

    Trust(String component, ECKey signingKey, JWKSet publicKeys, Duration assertionLifetime, Optional<Tls> tls) {
        if (!component.equals(signingKey.getKeyID())) {
            throw new IllegalStateException("The signing key of " + component + " has key id " + signingKey.getKeyID()
                    + "; it must be the component's name");
        }
        this.component = component;
        this.signingKey = signingKey;
        this.publicKeys = publicKeys;
        this.assertionLifetime = assertionLifetime;
        this.tls = tls;
    }

    /**
     * {@code component}'s trust as {@code config} ({@code trust.*}, {@code tls.*}) says; fails when keys are
     * missing.
     */
    public static Trust load(String component, Config config) {
        Config trust = config.get("trust");
        try {
            ECKey signingKey = ECKey.parse(material(trust, "signing-key", component));
            JWKSet publicKeys = JWKSet.parse(material(trust, "public-keys", component));
            Duration lifetime =
                    trust.get("assertion-lifetime").as(Duration.class).orElse(Duration.ofSeconds(30));
            return new Trust(component, signingKey, publicKeys.toPublicJWKSet(), lifetime, tls(config.get("tls")));
        } catch (ParseException e) {
            throw new IllegalStateException("The trust keys of " + component + " cannot be read: " + e.getMessage(), e);
        }
    }

    public String component() {
        return component;
    }

    ECKey signingKey() {
        return signingKey;
    }

    JWKSet publicKeys() {
        return publicKeys;
    }

    Duration assertionLifetime() {
        return assertionLifetime;
    }

    public Optional<Tls> tls() {
        return tls;
    }

    /** {@code trust.<name>} inline, else the file {@code trust.<name>-file}. */
    private static String material(Config trust, String name, String component) {
        Optional<String> inline = trust.get(name).asString().filter(s -> !s.isBlank());
        if (inline.isPresent()) {
            return inline.get();
        }
        String file = trust.get(name + "-file")
                .asString()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        component + " has no trust." + name + " (or trust." + name + "-file): services believe only "
                                + "signed identities. Make keys with TrustKeys (see the README, Production)."));
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read trust." + name + "-file " + file, e);
        }
    }

    private static Optional<Tls> tls(Config tls) {
        Optional<String> certificate = tls.get("certificate-file").asString().filter(s -> !s.isBlank());
        if (certificate.isEmpty()) {
            return Optional.empty();
        }
        String missing = "tls.certificate-file is set, so tls.private-key-file and tls.ca-file must be too";
        return Optional.of(new Tls(
                Path.of(certificate.get()),
                Path.of(tls.get("private-key-file").asString().orElseThrow(() -> new IllegalStateException(missing))),
                Path.of(tls.get("ca-file").asString().orElseThrow(() -> new IllegalStateException(missing)))));
    }
}
