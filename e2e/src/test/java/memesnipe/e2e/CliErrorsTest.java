package memesnipe.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar's commands fail with one clear line and a non-zero exit on bad input. */
class CliErrorsTest {
    static Path dir;
    static Path certs;

    @BeforeAll
    static void makeCerts() throws Exception {
        dir = Files.createTempDirectory("memesnipe-cli");
        certs = dir.resolve("certs");
        NodeProcess p = new NodeProcess(dir, "certs", List.of("certs", "--out", certs.toString(),
                "--san", "risk.internal.example", "--san", "10.1.2.3")).start();
        assertThat(p.waitFor(Duration.ofSeconds(60))).as(p.output()).isZero();
    }

    static NodeProcess run(String name, String... args) throws Exception {
        return new NodeProcess(dir, name, List.of(args)).start();
    }

    static List<String> nonBlankLines(String s) {
        return s.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void certs_writesCaAndOneCertificatePerNode_withTheRequestedNames_andPrivateKeys() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (String n : List.of("gateway", "strategy", "risk", "executor", "signer")) {
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(certs.resolve(n + ".pem"))) {
                cert = (X509Certificate) cf.generateCertificate(in);
            }
            assertThat(cert.getSubjectX500Principal().getName()).contains("CN=" + n);
            assertThat(cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList())
                    .contains("localhost", "127.0.0.1", n, "risk.internal.example", "10.1.2.3");
            assertThat(Files.readString(certs.resolve(n + "-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(Files.getPosixFilePermissions(certs.resolve(n + "-key.pem")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(certs.resolve("ca.pem")).exists();
        X509Certificate admin;
        try (InputStream in = Files.newInputStream(certs.resolve("admin.pem"))) {
            admin = (X509Certificate) cf.generateCertificate(in);
        }
        assertThat(admin.getSubjectX500Principal().getName()).contains("CN=admin").contains("OU=memesnipe-admin");
        assertThat(Files.getPosixFilePermissions(certs.resolve("admin-key.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        // risk's approval key pair: the private key for risk alone, the public key for the executor and the signer
        assertThat(Files.getPosixFilePermissions(certs.resolve("risk-approval.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(certs.resolve("risk-approval.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(memesnipe.kit.signing.RiskApproval.approver(certs.resolve("risk-approval.key")).keyId())
                .isEqualTo(memesnipe.kit.signing.RiskApproval.verifier(certs.resolve("risk-approval.pub")).keyId());
    }

    @Test
    void certs_alsoWriteTheMonitoringCertificate_forScrapersOnly() throws Exception {
        X509Certificate monitor;
        try (InputStream in = Files.newInputStream(certs.resolve("monitor.pem"))) {
            monitor = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(monitor.getSubjectX500Principal().getName()).contains("CN=monitor").contains("OU=memesnipe-monitor");
        assertThat(Files.getPosixFilePermissions(certs.resolve("monitor-key.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void jsonLogs_areOneObjectPerLine_andHealthAnswersWhileTheNodeServes() throws Exception {
        int grpc = NodeProcess.freePort();
        NodeProcess gateway = run("json-gateway", "--log-format", "json", "node", "gateway", "--certs-dir",
                certs.toString(), "--grpc-port", String.valueOf(grpc), "--http-port", String.valueOf(NodeProcess.freePort()));
        try {
            memesnipe.kit.testing.Await.until("the gateway logs that it serves", Duration.ofSeconds(60),
                    () -> gateway.output().contains("serving gRPC"));
            List<String> lines = nonBlankLines(gateway.output());
            for (String line : lines) {
                io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(line); // each line parses alone
                assertThat(json.fieldNames()).as(line).contains("timestamp", "level", "loggerName", "formattedMessage");
            }
            assertThat(lines).anySatisfy(l -> assertThat(new io.vertx.core.json.JsonObject(l).getString("formattedMessage"))
                    .startsWith("gateway serving gRPC over TLS on ")
                    .endsWith(":" + grpc)); // arguments filled in
            NodeProcess health = run("health-up", "health", "--address", "127.0.0.1:" + grpc, "--ca",
                    certs.resolve("ca.pem").toString());
            assertThat(health.waitFor(Duration.ofSeconds(60))).as(health.output()).isZero();
            assertThat(health.output()).contains("SERVING");
        } finally {
            gateway.stop();
        }
        NodeProcess down = run("health-down", "health", "--address", "127.0.0.1:" + grpc, "--ca",
                certs.resolve("ca.pem").toString(), "--timeout-ms", "1000");
        assertThat(down.waitFor(Duration.ofSeconds(60))).as(down.output()).isEqualTo(1);
        assertThat(down.output()).contains("NOT SERVING");
    }

    @Test
    void unknownLogFormat_exitsTwoWithOneLine() throws Exception {
        NodeProcess p = run("bad-log-format", "--log-format", "yaml", "certs", "--out", dir.resolve("unused").toString());
        assertThat(p.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(nonBlankLines(p.output())).singleElement().asString().contains("--log-format must be TEXT or JSON");
    }

    @Test
    void node_withUnknownSetting_exitsNonZeroWithOneLine() throws Exception {
        NodeProcess p = run("unknown-key", "node", "risk", "--certs-dir", certs.toString(), "--no-such-key", "1");
        assertThat(p.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(nonBlankLines(p.output())).singleElement().asString()
                .contains("unknown setting 'no-such-key'");
    }

    @Test
    void node_withMissingCertificates_exitsNonZeroWithOneLine() throws Exception {
        NodeProcess p = run("missing-certs", "node", "executor", "--certs-dir", dir.resolve("nowhere").toString());
        assertThat(p.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(nonBlankLines(p.output())).singleElement().asString().contains("CA certificate not found");
    }

    @Test
    void risksExecutorAndSigner_withoutTheApprovalKeys_exitTwoWithOneLineNamingThem() throws Exception {
        Path partial = dir.resolve("certs-without-approval-keys");
        Files.createDirectories(partial);
        try (var files = Files.list(certs)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("risk-approval")).toList()) {
                Files.copy(f, partial.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        NodeProcess risk = run("no-approval-key", "node", "risk", "--certs-dir", partial.toString());
        assertThat(risk.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(nonBlankLines(risk.output())).singleElement().asString().contains("risk approval key not found");
        for (String node : List.of("executor", "signer")) {
            NodeProcess p = run("no-approval-pub-" + node, "node", node, "--certs-dir", partial.toString());
            assertThat(p.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(nonBlankLines(p.output())).singleElement().asString()
                    .contains("risk approval public key not found");
        }
    }

    @Test
    void node_withAnUnreachableOrRefusingLedger_exitsOneWithOneLineNamingIt() throws Exception {
        NodeProcess unreachable = run("ledger-unreachable", "node", "executor", "--certs-dir", certs.toString(),
                "--grpc-port", "0", "--pg-url", "postgresql://postgres@127.0.0.1:1/nowhere");
        assertThat(unreachable.waitFor(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(nonBlankLines(unreachable.output())).singleElement().asString()
                .contains("PostgreSQL ledger at 127.0.0.1:1/nowhere");
        NodeProcess refused = run("ledger-refused", "node", "risk", "--certs-dir", certs.toString(), "--grpc-port", "0",
                "--pg-url", "postgresql://no_such_role_ms@127.0.0.1:" + memesnipe.kit.testing.TestDatabase.port()
                        + "/postgres");
        assertThat(refused.waitFor(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(nonBlankLines(refused.output())).singleElement().asString().contains("no_such_role_ms");
    }

    @Test
    void node_onAPortInUse_exitsNonZeroWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            NodeProcess p = run("port-in-use", "node", "strategy", "--host", "127.0.0.1", "--grpc-port",
                    String.valueOf(taken.getLocalPort()), "--certs-dir", certs.toString());
            assertThat(p.waitFor(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(p.output()).contains("port already in use");
            assertThat(p.output().lines().filter(l -> l.startsWith("memesnipe")).toList()).hasSize(1);
        }
    }

    @Test
    void unknownCommandOrNode_exitNonZero() throws Exception {
        assertThat(run("bogus-cmd", "bogus").waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        NodeProcess p = run("bogus-node", "node", "banker");
        assertThat(p.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(p.output()).contains("unknown node 'banker'");
    }
}
