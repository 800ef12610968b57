package memesnipe.kit.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import memesnipe.kit.tls.CertificateAuthority;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throw-away CA and one server certificate it signed (subject alternative names localhost and 127.0.0.1), made at
 * test time with the project's own {@link CertificateAuthority} for a TLS server a test stands up ({@link TlsProxy}).
 * Only the CA certificate is written to disk (what a client's pg-ca-file or redis-ca-file names); the server's key
 * stays in memory. Nothing is checked in.
 */
public final class TestServerCa {
    private final Path caFile;
    private final CertificateAuthority.Issued server;

    private TestServerCa(Path caFile, CertificateAuthority.Issued server) {
        this.caFile = caFile;
        this.server = server;
    }

    /** A new CA named {@code name} and a server certificate from it. */
    public static TestServerCa create(String name) {
        CertificateAuthority ca = CertificateAuthority.create(name, Duration.ofDays(1));
        CertificateAuthority.Issued server = ca.issue("test-server", "memesnipe-test-server", List.of(), Duration.ofDays(1));
        try {
            Path dir = Files.createTempDirectory("memesnipe-server-ca");
            Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
            dir.toFile().deleteOnExit();
            caFile.toFile().deleteOnExit();
            return new TestServerCa(caFile, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate (PEM) a client is told to trust. */
    public Path caFile() {
        return caFile;
    }

    /** The server's certificate and key, for a Vert.x TLS server. */
    public PemKeyCertOptions serverKeyCert() {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(server.certificatePem()))
                .setKeyValue(Buffer.buffer(server.privateKeyPem()));
    }
}
