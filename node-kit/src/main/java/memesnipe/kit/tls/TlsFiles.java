package memesnipe.kit.tls;

import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The three PEM files a node needs: the CA to trust, its own certificate and its PKCS#8 key. */
public record TlsFiles(Path ca, Path cert, Path key) {

    /** The standard layout written by {@code memesnipe certs --out dir}. */
    public static TlsFiles inDir(Path dir, NodeName node) {
        return new TlsFiles(dir.resolve("ca.pem"), dir.resolve(node.id() + ".pem"),
                dir.resolve(node.id() + "-key.pem"));
    }

    /** The operator's admin certificate in the layout written by {@code memesnipe certs --out dir}. */
    public static TlsFiles admin(Path dir) {
        return named(dir, CertificateAuthority.ADMIN);
    }

    /** The monitoring identity (monitor.pem, monitor-key.pem) and ca.pem in dir: what a metrics scraper presents. */
    public static TlsFiles monitor(Path dir) {
        return named(dir, CertificateAuthority.MONITOR);
    }

    private static TlsFiles named(Path dir, String stem) {
        return new TlsFiles(dir.resolve("ca.pem"), dir.resolve(stem + ".pem"), dir.resolve(stem + "-key.pem"));
    }

    /** Every missing or unreadable file, as one message each (empty when all are usable). */
    public List<String> problems() {
        List<String> errors = new ArrayList<>();
        check(errors, "CA certificate", ca);
        check(errors, "certificate", cert);
        check(errors, "private key", key);
        return errors;
    }

    private static void check(List<String> errors, String what, Path path) {
        if (path == null) {
            errors.add(what + " path is not set");
        } else if (!Files.isRegularFile(path)) {
            errors.add(what + " not found: " + path);
        } else if (!Files.isReadable(path)) {
            errors.add(what + " not readable: " + path);
        }
    }

    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
    }

    public PemTrustOptions trustOptions() {
        return new PemTrustOptions().addCertPath(ca.toString());
    }
}
