package memesnipe.signer.keystore;

import java.io.IOException;
import memesnipe.kit.config.OwnerOnlyFile;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Ed25519 signing key kept in a file readable only by its owner, encrypted at rest.
 *
 * <p>File format (PEM text, US-ASCII): an {@code ENCRYPTED PRIVATE KEY} block (PKCS#8 EncryptedPrivateKeyInfo,
 * PBES2: PBKDF2-HMAC-SHA256 with a random salt and AES-256-CBC, keyed by the operator's passphrase) followed by a
 * {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo DER); the JDK cannot derive an Ed25519 public
 * key from the private one, so both are stored. The file is created with mode 0600 from the start
 * (written to an owner-only temp file, then moved into place) and a file that group or others may
 * access is refused. The key id is the first 16 hex characters of SHA-256(SubjectPublicKeyInfo DER).
 * {@link #toString()} never shows key material.
 */
public final class KeyFile {
    public static final String ALGORITHM = "Ed25519";
    private static final Set<PosixFilePermission> OWNER_ONLY = OwnerOnlyFile.PERMISSIONS;
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

    /**
     * Loads the key in {@code file}, or creates a new key there (mode 0600) when the file does not exist. The
     * passphrase is cleared (zeroed) before this returns. Blocking.
     */
    public static KeyFile loadOrCreate(Path file, char[] passphrase) throws IOException {
        try {
            if (Files.exists(file)) {
                return load(file, passphrase);
            }
            try {
                return create(file, passphrase);
            } catch (FileAlreadyExistsException e) {
                return load(file, passphrase);
            }
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /**
     * Creates a new key in {@code file} (which must not exist), encrypted with the passphrase. Blocking.
     */
    public static KeyFile create(Path file, char[] passphrase) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
        byte[] privateDer = pair.getPrivate().getEncoded();
        String text;
        try {
            text = pem("ENCRYPTED PRIVATE KEY", KeyEncryption.encrypt(privateDer, passphrase))
                    + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        } finally {
            Arrays.fill(privateDer, (byte) 0);
        }
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

    /** Loads an existing key file, refusing one that group or others can access or that is not encrypted. Blocking. */
    public static KeyFile load(Path file, char[] passphrase) throws IOException {
        OwnerOnlyFile.require(file, "key file");
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (m.group(1).equals("ENCRYPTED PRIVATE KEY")) {
                try {
                    privateDer = KeyEncryption.decrypt(der, passphrase);
                } catch (GeneralSecurityException | IOException | RuntimeException e) {
                    // never echo the content or BouncyCastle's parse details of a key file
                    throw new IOException("key file " + file + ": cannot decrypt the key (wrong passphrase or a "
                            + "corrupt file)");
                }
            } else if (m.group(1).equals("PRIVATE KEY")) {
                throw new IOException("key file " + file + " holds an unencrypted key; keys must be encrypted at rest "
                        + "(move it away and let the signer create a new one, or see 'memesnipe signer rotate')");
            } else if (m.group(1).equals("PUBLIC KEY")) {
                publicDer = der;
            }
        }
        if (privateDer == null || publicDer == null) {
            throw new IOException("key file " + file + " must hold an ENCRYPTED PRIVATE KEY and a PUBLIC KEY PEM block");
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
        } finally {
            Arrays.fill(privateDer, (byte) 0); // the decrypted key lives only inside the PrivateKey object
        }
    }

    /**
     * Reads a passphrase file (first line) as characters, refusing one that group or others can access or that is
     * empty. The caller zeroes the array after use. Blocking.
     */
    public static char[] readPassphrase(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("key passphrase file " + file + " does not exist: write a passphrase into it "
                    + "(chmod 600)");
        }
        OwnerOnlyFile.require(file, "key passphrase file");
        byte[] raw = Files.readAllBytes(file);
        try {
            int end = 0;
            while (end < raw.length && raw[end] != '\n' && raw[end] != '\r') {
                end++;
            }
            java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(raw, 0, end));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            if (out.length == 0) {
                throw new IOException("key passphrase file " + file + " is empty");
            }
            return out;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Writes a new random passphrase file (owner-only) when none exists: for the demo and tests. Blocking. */
    public static void createPassphraseIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".signer-pass", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            // someone else created it first: theirs stands
        } finally {
            Files.deleteIfExists(tmp);
            Arrays.fill(random, (byte) 0);
        }
    }

    /**
     * Rotates the key in {@code file}: checks the passphrase opens the current key, keeps its public key beside it as
     * {@code <file>.retired-<keyId>.pub} (for verifying what it signed), then replaces the file with a new key under
     * the same passphrase. Returns the new key. The passphrase is zeroed. Blocking; run it with the signer stopped.
     */
    public static KeyFile rotate(Path file, char[] passphrase) throws IOException {
        try {
            KeyFile old = load(file, passphrase.clone());
            Path retired = file.resolveSibling(file.getFileName() + ".retired-" + old.keyId() + ".pub");
            Files.writeString(retired, pem("PUBLIC KEY", old.publicKeyDer()), StandardCharsets.US_ASCII);
            Path previous = file.resolveSibling(file.getFileName() + ".previous");
            Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            KeyFile fresh = create(file, passphrase);
            Files.delete(previous); // the old private key is gone; only its public key stays, for verification
            return fresh;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Public keys (SubjectPublicKeyInfo DER) of the keys rotated out of {@code file}, by key id. Blocking. */
    public static java.util.Map<String, byte[]> retiredPublicKeys(Path file) throws IOException {
        java.util.Map<String, byte[]> out = new java.util.TreeMap<>();
        Path dir = file.toAbsolutePath().getParent();
        String prefix = file.getFileName() + ".retired-";
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".pub")).toList()) {
                byte[] der = publicKeyOf(p);
                out.put(keyIdOf(der), der);
            }
        }
        return out;
    }

    /** The public key (SubjectPublicKeyInfo DER) of a key file, without decrypting it: for verification. */
    public static byte[] publicKeyOf(Path file) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (m.find()) {
            if (m.group(1).equals("PUBLIC KEY")) {
                return Base64.getMimeDecoder().decode(m.group(2));
            }
        }
        throw new IOException("key file " + file + " has no PUBLIC KEY block");
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
        return memesnipe.kit.signing.Ed25519.verify(publicKeyDer, message, signature);
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
