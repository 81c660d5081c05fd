package uk.portsmouth.cfe.platform.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority made at test time, and certificates it signs for a
 * component on this machine (SAN 127.0.0.1 and localhost), written as PEM files for mutual TLS.
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private final Path folder;
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(Path folder, String name, KeyPair caKeys, X509Certificate ca) {
        this.folder = folder;
        this.name = name;
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA called {@code name}, its certificate written to {@code folder/<name>-ca.pem}. */
    public static TestCertificates authority(Path folder, String name) throws Exception {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = sign(builder, keys);
        Files.writeString(folder.resolve(name + "-ca.pem"), pem("CERTIFICATE", ca.getEncoded()));
        return new TestCertificates(folder, name, keys, ca);
    }

    public Path caFile() {
        return folder.resolve(name + "-ca.pem");
    }

    /** A certificate for {@code component} signed by this CA: the {@code tls.*} settings that use it. */
    public Map<String, String> issue(String component) throws Exception {
        return issue(
                component,
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** As {@link #issue(String)}, naming only the host {@code dnsName} (as a Kubernetes Service's certificate does). */
    public Map<String, String> issueFor(String component, String dnsName) throws Exception {
        return issue(component, new GeneralName(GeneralName.dNSName, dnsName));
    }

    private Map<String, String> issue(String component, GeneralName... names) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name), new X500Name("CN=" + component), keys)
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        X509Certificate certificate = sign(builder, caKeys);
        // one pair of files per certificate: two instances of one component each keep their own
        String file = name + "-" + component + "-" + certificate.getSerialNumber();
        Path certificateFile = folder.resolve(file + ".pem");
        Path keyFile = folder.resolve(file + "-key.pem");
        Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return Map.of(
                "tls.certificate-file",
                certificateFile.toString(),
                "tls.private-key-file",
                keyFile.toString(),
                "tls.ca-file",
                caFile().toString());
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static String pem(String type, byte[] der) throws IOException {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
