package memesnipe.kit.testing;

import memesnipe.kit.signing.RiskApproval;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A throw-away deployment of certificates generated at test time (never checked in). */
public final class TestCerts {
    private final Path dir;

    private TestCerts(Path dir) {
        this.dir = dir;
    }

    public static TestCerts create() {
        try {
            Path dir = Files.createTempDirectory("memesnipe-certs");
            CertificateAuthority.writeDeployment(dir, List.of(), Duration.ofDays(1));
            return new TestCerts(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public TlsFiles of(NodeName node) {
        return TlsFiles.inDir(dir, node);
    }

    /** The risk node's approval key of this deployment: tests that hand orders to the executor or the signer sign with it. */
    public RiskApproval.Approver approver() {
        try {
            return RiskApproval.approver(dir.resolve(RiskApproval.PRIVATE_KEY_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operator's admin certificate (for admin RPCs). */
    public TlsFiles admin() {
        return TlsFiles.admin(dir);
    }
}
