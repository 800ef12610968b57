package memesnipe.cli;

import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Writes a fresh CA, one certificate per node, the operator's and the scraper's certificates and risk's approval key pair. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Writes a new CA and a certificate + PKCS#8 key per node into a directory:",
                "ca.pem, ca-key.pem, <node>.pem, <node>-key.pem for gateway, strategy, risk, executor, signer,",
                "admin.pem, admin-key.pem: the operator's certificate for admin RPCs (Risk/Trip, Risk/Reset),",
                "monitor.pem, monitor-key.pem: a metrics scraper's certificate (every node's /metrics and health only),",
                "and risk-approval.key (owner-only), risk-approval.pub: the Ed25519 key pair the risk node signs",
                "every approved order with, which the executor and the signer verify,",
                "and operator.token (owner-only), operator.token.sha256: the token a person gives the dashboard",
                "to trip or reset the breaker (only risk checks it, against the hash).",
                "Each certificate is valid for localhost, 127.0.0.1, the node's name and every --san.",
                "Running it again rotates everything: give every node the new directory and restart them."})
final class CertsCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write (created if missing)")
    Path out;

    @Option(names = "--san", paramLabel = "NAME", description = "extra DNS name or IP for every certificate (repeatable)")
    List<String> sans = new ArrayList<>();

    @Option(names = "--days", defaultValue = "365", description = "validity in days (default: ${DEFAULT-VALUE})")
    int days;

    @Override
    public Integer call() {
        if (days < 1) {
            System.err.println("memesnipe certs: --days must be at least 1");
            return 2;
        }
        try {
            CertificateAuthority.writeDeployment(out, sans, Duration.ofDays(days));
        } catch (Exception e) {
            System.err.println("memesnipe certs: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        System.out.println("wrote CA, certificates for " + List.of(NodeName.values()) + ", the admin and monitoring "
                + "certificates, risk's approval key pair and the operator token to " + out.toAbsolutePath());
        return 0;
    }
}
