package memesnipe.kit.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The operator token: what a person presents to the dashboard (the gateway's REST API) to trip or reset the
 * breaker, where a client certificate is impractical. {@code memesnipe certs} writes a random token (256 bits,
 * base64url) to {@value #FILE}, owner-only, and its SHA-256 to {@value #HASH_FILE}; only the risk node checks it,
 * and it holds only the hash. The gateway forwards the token it is given and never stores it.
 */
public final class OperatorToken {
    public static final String FILE = "operator.token";
    public static final String HASH_FILE = "operator.token.sha256";
    /** The gRPC request metadata the gateway forwards a presented token in (Risk/Trip, Risk/Reset). */
    public static final String METADATA = "memesnipe-operator-token";
    /** Longer presented tokens are refused unread (a real one is 43 characters). */
    public static final int MAX_LENGTH = 256;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private OperatorToken() {
    }

    /** What a presented token is worth. */
    public enum Check {
        /** Its SHA-256 is the configured hash. */
        VALID,
        /** No token was presented. */
        MISSING,
        /** A token was presented and it is not the operator's. */
        WRONG
    }

    /** Writes a fresh token (owner-only) and its hash into dir; returns the token's path. */
    public static Path write(Path dir) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path file = dir.resolve(FILE);
        CertificateAuthority.writeSecret(file, token + "\n");
        Files.writeString(dir.resolve(HASH_FILE), hashHex(token) + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    /** Lower-case hex of SHA-256 over the token's UTF-8 bytes. */
    public static String hashHex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /**
     * Reads a hash file: 64 lower-case hex digits (surrounding white space ignored); IllegalArgumentException with
     * the reason when the file holds anything else.
     */
    public static String readHash(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!HASH.matcher(text).matches()) {
            throw new IllegalArgumentException(file + " must hold the token's SHA-256 as 64 lower-case hex digits");
        }
        return text;
    }

    /** Checks a presented token (null or empty: missing) against the hash, in time independent of where they differ. */
    public static Check check(String presented, String expectedHashHex) {
        if (presented == null || presented.isEmpty()) {
            return Check.MISSING;
        }
        if (presented.length() > MAX_LENGTH) {
            return Check.WRONG;
        }
        byte[] expected = HexFormat.of().parseHex(expectedHashHex);
        return MessageDigest.isEqual(sha256(presented.strip()), expected) ? Check.VALID : Check.WRONG;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
