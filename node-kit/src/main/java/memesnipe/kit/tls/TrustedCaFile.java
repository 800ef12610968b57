package memesnipe.kit.tls;

import memesnipe.kit.config.ConfigReader;
import memesnipe.model.text.Printable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEM file of CA certificates a client trusts to sign a server's certificate (PostgreSQL's pg-ca-file, Redis's
 * redis-ca-file): read and checked once with the rest of the config, so a missing, unreadable or non-PEM file is
 * a configuration problem at start rather than a handshake failure later.
 */
public final class TrustedCaFile {
    /** Larger files are refused: a bundle of every public CA is about 200 KB. */
    public static final long MAX_BYTES = 1 << 20;
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    private TrustedCaFile() {
    }

    /**
     * The X.509 certificates in the file (at least one); IOException when it cannot be read, IllegalArgumentException
     * when it holds no PEM certificate or a block that is not one. Messages name the file.
     */
    public static List<X509Certificate> read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory, not a PEM file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1); // PEM is ASCII; never fails on bytes
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                certs.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": certificate " + (certs.size() + 1)
                    + " is not a valid X.509 certificate");
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    /**
     * Checks the value of the optional setting {@code key}: null when unset (empty), else the file's absolute path
     * once {@link #read} has accepted it; a file it refuses is recorded as one problem of the reader (escaped, one
     * line) and null is returned.
     */
    public static Path check(ConfigReader r, String key, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            Path file = Path.of(value).toAbsolutePath();
            read(file);
            return file;
        } catch (InvalidPathException e) {
            r.problem(key + ": '" + Printable.of(value) + "' is not a file name");
        } catch (IOException e) {
            r.problem(key + ": cannot read " + Printable.of(value, 300) + ": " + Printable.of(reason(e), 200));
        } catch (IllegalArgumentException e) {
            r.problem(key + ": " + Printable.of(e.getMessage(), 300));
        }
        return null;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
