package memesnipe.kit.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A private certificate authority for one MemeSnipe deployment: issues one certificate per node
 * (CN = node name, OU = memesnipe-node) valid for localhost, 127.0.0.1, the node's name and any
 * extra names. Keys are ECDSA P-256, written as PKCS#8 PEM readable only by the owner.
 */
public final class CertificateAuthority {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final KeyPair caKeys;
    private final X509CertificateHolder caCert;

    private CertificateAuthority(KeyPair caKeys, X509CertificateHolder caCert) {
        this.caKeys = caKeys;
        this.caCert = caCert;
    }

    /** A new CA with a fresh key, valid for the given duration. */
    public static CertificateAuthority create(String name, Duration validity) {
        try {
            KeyPair keys = newKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "MemeSnipe").addRDN(BCStyle.CN, name).build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, builder.build(signer(keys)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create CA: " + e.getMessage(), e);
        }
    }

    /** An issued certificate and its private key, both PEM text. */
    public record Issued(String certificatePem, String privateKeyPem) {
    }

    /** Issues a certificate for a node, usable as both TLS server and client. */
    public Issued issue(NodeName node, List<String> extraNames, Duration validity) {
        return issue(node.id(), NodeIdentity.NODE_OU, extraNames, validity);
    }

    /** Issues a certificate with an arbitrary common name and unit (tests use this for foreign identities). */
    public Issued issue(String commonName, String unit, List<String> extraNames, Duration validity) {
        try {
            KeyPair keys = newKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "MemeSnipe")
                    .addRDN(BCStyle.OU, unit).addRDN(BCStyle.CN, commonName).build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert.getSubject(), serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(commonName, extraNames));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(caKeys.getPublic()));
            X509CertificateHolder cert = builder.build(signer(caKeys));
            return new Issued(pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    public String certificatePem() {
        try {
            return pem("CERTIFICATE", caCert.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String privateKeyPem() {
        return pem("PRIVATE KEY", caKeys.getPrivate().getEncoded());
    }

    /**
     * Writes ca.pem, ca-key.pem, for every node &lt;node&gt;.pem and &lt;node&gt;-key.pem, and an operator's
     * admin.pem and admin-key.pem (for admin RPCs such as Risk/Trip), a scraper's monitor.pem and monitor-key.pem
     * (admitted to every node's /metrics and health checks, nothing else), and the risk node's approval key pair
     * (risk-approval.key, risk-approval.pub: see {@link memesnipe.kit.signing.RiskApproval}) into dir (created if
     * missing). Keys are written with owner-only permissions.
     */
    public static void writeDeployment(Path dir, List<String> extraNames, Duration validity) throws IOException {
        Files.createDirectories(dir);
        CertificateAuthority ca = create("MemeSnipe CA", validity);
        Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        writeSecret(dir.resolve("ca-key.pem"), ca.privateKeyPem());
        for (NodeName node : NodeName.values()) {
            Issued issued = ca.issue(node, extraNames, validity);
            Files.writeString(dir.resolve(node.id() + ".pem"), issued.certificatePem());
            writeSecret(dir.resolve(node.id() + "-key.pem"), issued.privateKeyPem());
        }
        Issued admin = ca.issue(ADMIN, NodeIdentity.ADMIN_OU, extraNames, validity);
        Files.writeString(dir.resolve(ADMIN + ".pem"), admin.certificatePem());
        writeSecret(dir.resolve(ADMIN + "-key.pem"), admin.privateKeyPem());
        Issued monitor = ca.issue(MONITOR, NodeIdentity.MONITOR_OU, extraNames, validity);
        Files.writeString(dir.resolve(MONITOR + ".pem"), monitor.certificatePem());
        writeSecret(dir.resolve(MONITOR + "-key.pem"), monitor.privateKeyPem());
        memesnipe.kit.signing.RiskApproval.writeKeyPair(dir);
        OperatorToken.write(dir);
    }

    /** File stem and common name of the operator's admin certificate. */
    public static final String ADMIN = "admin";
    /** File stem and common name of the monitoring certificate (a scraper's: /metrics and health checks only). */
    public static final String MONITOR = "monitor";

    /** Writes text to a file readable and writable only by its owner (POSIX), created that way. */
    public static void writeSecret(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static GeneralNames subjectAltNames(String commonName, List<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", commonName));
        names.addAll(extraNames);
        List<GeneralName> result = new ArrayList<>();
        for (String n : names) {
            result.add(isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(result.toArray(GeneralName[]::new));
    }

    private static boolean isIpLiteral(String name) {
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(name).getHostAddress() != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return gen.generateKeyPair();
    }

    private static ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }

    /** DER bytes as PEM text of the given type (e.g. "CERTIFICATE", "PUBLIC KEY"). */
    public static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
