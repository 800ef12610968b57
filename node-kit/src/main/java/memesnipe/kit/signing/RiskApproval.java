package memesnipe.kit.signing;

import com.google.protobuf.ByteString;
import memesnipe.model.text.Printable;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.v1.ApprovedOrder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Risk's approval of an order, verifiable downstream, so that no order reaches a venue unless the risk node approved
 * exactly it: the risk node signs every order it hands to the executor with its own Ed25519 approval key over
 * {@link CanonicalOrderBytes#approval} (every field that decides what is traded, the approval time and the key id),
 * anew at every delivery attempt; the executor and the signer {@link Verifier#check check} it with the public key and
 * refuse an order whose approval is missing, by another key, not matching the order, or further than a bound from
 * their own clock. The key pair sits in the certificates directory written by `memesnipe certs`:
 * {@value #PRIVATE_KEY_FILE} (owner-only; PEM PKCS#8 private key followed by the public key) for the risk node and
 * {@value #PUBLIC_KEY_FILE} (PEM X.509 public key) for the verifiers. Rotating it is running `memesnipe certs` again
 * and restarting the nodes. Signing and verifying use Bouncy Castle's Ed25519 (about ten times faster than the JDK's
 * here), so they stay cheap enough for the nodes' event loops.
 */
public final class RiskApproval {
    public static final String PRIVATE_KEY_FILE = "risk-approval.key";
    public static final String PUBLIC_KEY_FILE = "risk-approval.pub";
    /** How far from a verifier's clock an approval time may be, by default (ms). */
    public static final long MAX_AGE_MS_DEFAULT = 60_000;
    private static final String ALGORITHM = Ed25519.ALGORITHM;
    private static final String PRIVATE_PEM = "PRIVATE KEY";
    private static final String PUBLIC_PEM = "PUBLIC KEY";

    private RiskApproval() {
    }

    /** Writes a fresh approval key pair into dir (replacing one there): the private key file owner-only. */
    public static void writeKeyPair(Path dir) throws IOException {
        KeyPair keys;
        try {
            keys = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no Ed25519 in this JDK: " + e.getMessage(), e);
        }
        String publicPem = CertificateAuthority.pem(PUBLIC_PEM, keys.getPublic().getEncoded());
        CertificateAuthority.writeSecret(dir.resolve(PRIVATE_KEY_FILE),
                CertificateAuthority.pem(PRIVATE_PEM, keys.getPrivate().getEncoded()) + publicPem);
        Files.writeString(dir.resolve(PUBLIC_KEY_FILE), publicPem);
    }

    /** The key id of a public key (X.509 DER): hex of the first 8 bytes of its SHA-256. */
    public static String keyId(byte[] publicKeyDer) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKeyDer), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads the risk node's approval key. Refused, with the reason, when the file is missing, readable by others
     * (POSIX), not an approval key, or when its public half does not belong to its private half.
     */
    public static Approver approver(Path privateKeyFile) throws IOException {
        requireOwnerOnly(privateKeyFile);
        Map<String, byte[]> pem = readPem(privateKeyFile);
        byte[] privateDer = pem.get(PRIVATE_PEM);
        byte[] publicDer = pem.get(PUBLIC_PEM);
        if (privateDer == null || publicDer == null) {
            throw new IOException(privateKeyFile + " is not a risk approval key (PRIVATE KEY and PUBLIC KEY blocks): "
                    + "write one with memesnipe certs");
        }
        Ed25519PrivateKeyParameters key;
        Ed25519PublicKeyParameters publicKey;
        try {
            key = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(privateDer);
            publicKey = (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(publicDer);
        } catch (IOException | RuntimeException e) {
            throw new IOException(privateKeyFile + " is not an Ed25519 key pair: " + e.getMessage(), e);
        } finally {
            Arrays.fill(privateDer, (byte) 0);
        }
        if (!Arrays.equals(key.generatePublicKey().getEncoded(), publicKey.getEncoded())) {
            throw new IOException(privateKeyFile + ": its public key does not belong to its private key");
        }
        return new Approver(key, keyId(publicDer));
    }

    /** Loads the approval public key the executor and the signer verify with. */
    public static Verifier verifier(Path publicKeyFile) throws IOException {
        byte[] der = readPem(publicKeyFile).get(PUBLIC_PEM);
        if (der == null) {
            throw new IOException(publicKeyFile + " is not a risk approval public key (a PUBLIC KEY block): write one "
                    + "with memesnipe certs");
        }
        try {
            return new Verifier((Ed25519PublicKeyParameters) PublicKeyFactory.createKey(der), keyId(der));
        } catch (IOException | RuntimeException e) {
            throw new IOException(publicKeyFile + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("risk approval key not found: " + file + " (memesnipe certs writes it)");
        }
        memesnipe.kit.config.OwnerOnlyFile.require(file, "risk approval key");
    }

    private static Map<String, byte[]> readPem(Path file) throws IOException {
        Map<String, byte[]> blocks = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file); PemReader pem = new PemReader(in)) {
            for (PemObject o = pem.readPemObject(); o != null; o = pem.readPemObject()) {
                blocks.putIfAbsent(o.getType(), o.getContent());
            }
        }
        return blocks;
    }

    /** Signs approvals with the risk node's approval key. Thread-safe. */
    public static final class Approver {
        private final Ed25519PrivateKeyParameters key;
        private final String keyId;

        private Approver(Ed25519PrivateKeyParameters key, String keyId) {
            this.key = key;
            this.keyId = keyId;
        }

        public String keyId() {
            return keyId;
        }

        /** The order with this key's approval at nowMs (any approval it carried is replaced). */
        public ApprovedOrder approve(ApprovedOrder order, long nowMs) {
            ApprovedOrder.Builder b = order.toBuilder().setApprovalKeyId(keyId).setApprovalTimeMs(nowMs).clearRiskApproval();
            return b.setRiskApproval(ByteString.copyFrom(sign(CanonicalOrderBytes.approval(b.build())))).build();
        }

        private byte[] sign(byte[] message) {
            Ed25519Signer s = new Ed25519Signer();
            s.init(true, key);
            s.update(message, 0, message.length);
            return s.generateSignature();
        }
    }

    /** Checks approvals against the approval public key. Thread-safe. */
    public static final class Verifier {
        private final Ed25519PublicKeyParameters key;
        private final String keyId;

        private Verifier(Ed25519PublicKeyParameters key, String keyId) {
            this.key = key;
            this.keyId = keyId;
        }

        public String keyId() {
            return keyId;
        }

        /** Whether the order carries this key's approval of exactly it, made within maxAgeMs of nowMs (either way). */
        public Check check(ApprovedOrder order, long nowMs, long maxAgeMs) {
            String by = order.getApprovalKeyId();
            long age = nowMs - order.getApprovalTimeMs();
            if (order.getRiskApproval().isEmpty()) {
                return new Check(Problem.MISSING, by, keyId, age, maxAgeMs);
            }
            if (!by.equals(keyId)) {
                return new Check(Problem.UNKNOWN_KEY, by, keyId, age, maxAgeMs);
            }
            if (!verifies(order)) {
                return new Check(Problem.BAD_SIGNATURE, by, keyId, age, maxAgeMs);
            }
            if (age > maxAgeMs) {
                return new Check(Problem.TOO_OLD, by, keyId, age, maxAgeMs);
            }
            if (-age > maxAgeMs) {
                return new Check(Problem.FROM_THE_FUTURE, by, keyId, age, maxAgeMs);
            }
            return new Check(Problem.NONE, by, keyId, age, maxAgeMs);
        }

        private boolean verifies(ApprovedOrder order) {
            byte[] message = CanonicalOrderBytes.approval(order);
            Ed25519Signer s = new Ed25519Signer();
            s.init(false, key);
            s.update(message, 0, message.length);
            return s.verifySignature(order.getRiskApproval().toByteArray());
        }
    }

    /** What is wrong with an approval (NONE: it is valid). */
    public enum Problem {
        NONE,
        /** The order carries no approval. */
        MISSING,
        /** Approved by a key other than the verifier's (another deployment, or certificates not redistributed). */
        UNKNOWN_KEY,
        /** The signature does not cover this order (a field was changed after approval, or it was forged). */
        BAD_SIGNATURE,
        /** Approved longer ago than the verifier's bound. */
        TOO_OLD,
        /** Approved further ahead of the verifier's clock than the bound (clocks too far apart). */
        FROM_THE_FUTURE
    }

    /**
     * The verdict on one order's approval, with its figures: the key id the order names and the verifier's, and the
     * approval's age against the bound (ms; negative when the approval time is ahead of the verifier's clock).
     */
    public record Check(Problem problem, String orderKeyId, String keyId, long ageMs, long maxAgeMs) {
        public boolean valid() {
            return problem == Problem.NONE;
        }

        /** One line with the figures, generated from them; safe to log (the order's key id is escaped). */
        public String describe() {
            return switch (problem) {
                case NONE -> "valid approval by key " + keyId + ", " + ageMs + " ms old";
                case MISSING -> "MISSING: the order carries no risk approval";
                case UNKNOWN_KEY -> "UNKNOWN_KEY: approved by key '" + Printable.of(orderKeyId) + "', not by " + keyId;
                case BAD_SIGNATURE -> "BAD_SIGNATURE: the approval by key " + keyId + " does not match the order";
                case TOO_OLD -> "TOO_OLD: approved " + ageMs + " ms ago, more than " + maxAgeMs + " ms";
                case FROM_THE_FUTURE -> "FROM_THE_FUTURE: approval time " + (-ageMs) + " ms ahead of this node's clock, "
                        + "more than " + maxAgeMs + " ms";
            };
        }
    }
}
