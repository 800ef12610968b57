package memesnipe.signer.keystore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Ed25519 signing key kept in a file readable only by its owner.
 *
 * <p>File format (PEM text, US-ASCII): a {@code PRIVATE KEY} block (PKCS#8 DER) followed by a
 * {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo DER); the JDK cannot derive an Ed25519 public
 * key from the private one, so both are stored. The file is created with mode 0600 from the start
 * (written to an owner-only temp file, then moved into place) and a file that group or others may
 * access is refused. The key id is the first 16 hex characters of SHA-256(SubjectPublicKeyInfo DER).
 * {@link #toString()} never shows key material.
 */
public final class KeyFile {
    public static final String ALGORITHM = "Ed25519";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final boolean created;

    private KeyFile(KeyPair pair, boolean created) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.keyId = keyIdOf(publicKey.getEncoded());
        this.created = created;
    }

    /** Loads the key in {@code file}, or creates a new key there (mode 0600) when the file does not exist. Blocking. */
    public static KeyFile loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        try {
            return create(file);
        } catch (FileAlreadyExistsException e) {
            return load(file);
        }
    }

    /** Loads an existing key file, refusing one that group or others can access. Blocking. */
    public static KeyFile load(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new IOException("key file " + file + " has permissions " + PosixFilePermissions.toString(perms)
                    + "; it must be accessible by its owner only (chmod 600 " + file + ")");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("PRIVATE KEY")) {
                privateDer = der;
            } else if (m.group(1).equals("PUBLIC KEY")) {
                publicDer = der;
            }
        }
        if (privateDer == null || publicDer == null) {
            throw new IOException("key file " + file + " must hold a PRIVATE KEY and a PUBLIC KEY PEM block");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            KeyPair pair = new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicDer)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
            KeyFile key = new KeyFile(pair, false);
            byte[] probe = "memesnipe key check".getBytes(StandardCharsets.US_ASCII);
            if (!verify(key.publicKeyDer(), probe, key.sign(probe))) {
                throw new IOException("key file " + file + ": the public key does not match the private key");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("key file " + file + " is not a valid Ed25519 key file: " + e.getClass().getSimpleName());
        }
    }

    private static KeyFile create(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
        String text = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".signer-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new KeyFile(pair, true);
    }

    /** Ed25519 signature (64 bytes) over the message. */
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by the given SubjectPublicKeyInfo DER. */
    public static boolean verify(byte[] publicKeyDer, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKeyDer)));
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** First 16 hex characters of SHA-256 over the SubjectPublicKeyInfo DER. */
    public static String keyIdOf(byte[] publicKeyDer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyDer);
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** X.509 SubjectPublicKeyInfo DER of the public key. */
    public byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    /** True when this run generated the key (the file did not exist). */
    public boolean created() {
        return created;
    }

    @Override
    public String toString() {
        return "KeyFile[" + ALGORITHM + ", keyId=" + keyId + "]";
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
