package memesnipe.cli;

import io.vertx.core.Vertx;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Asks one node whether it serves (grpc.health.v1 Check over TLS, no client certificate needed): the container
 * health check and the Kubernetes probes. Its defaults come from the node's own environment, so inside a node's
 * container {@code memesnipe health} needs no argument, also for a node that listens on one address only (the signer
 * in deploy/compose).
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Asks a node whether it is serving (grpc.health.v1 over TLS; no client certificate needed).",
                "Exit code 0 when SERVING, 1 otherwise (unreachable, not serving, TLS refused), 2 on bad arguments.",
                "Defaults read the node's environment (MEMESNIPE_HOST, MEMESNIPE_GRPC_PORT, MEMESNIPE_CERTS_DIR):",
                "inside a node's container it needs no argument."})
final class HealthCommand implements Callable<Integer> {
    @Option(names = "--address", paramLabel = "HOST:PORT",
            description = "the node's gRPC address (default: the node's own, MEMESNIPE_HOST:MEMESNIPE_GRPC_PORT, "
                    + "with 127.0.0.1 for an unset or wildcard host and 7001 for an unset port)")
    String address;

    @Option(names = "--ca", paramLabel = "FILE", defaultValue = "${env:MEMESNIPE_CERTS_DIR:-certs}/ca.pem",
            description = "the deployment's CA certificate (default: ${DEFAULT-VALUE})")
    Path ca;

    @Option(names = "--timeout-ms", defaultValue = "3000", description = "give up after (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    @Override
    public Integer call() {
        HostPort node;
        try {
            node = HostPort.parse(address != null ? address : ownAddress(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe health: " + e.getMessage());
            return 2;
        }
        if (!Files.isReadable(ca) || timeoutMs < 1) {
            System.err.println("memesnipe health: " + (timeoutMs < 1 ? "--timeout-ms must be positive"
                    : "cannot read the CA certificate " + ca));
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        try {
            boolean serving = new PeerProbe(GrpcClients.anonymous(vertx, ca)).serving(node, timeoutMs)
                    .await(timeoutMs + 2_000, TimeUnit.MILLISECONDS);
            System.out.println(node + (serving ? " SERVING" : " NOT SERVING"));
            return serving ? 0 : 1;
        } catch (Exception e) {
            System.out.println(node + " NOT SERVING (" + e.getClass().getSimpleName() + ")");
            return 1;
        } finally {
            vertx.close();
        }
    }

    /** Where the node of this environment listens: MEMESNIPE_HOST (loopback for a wildcard) and MEMESNIPE_GRPC_PORT. */
    static String ownAddress(Map<String, String> env) {
        String host = env.getOrDefault("MEMESNIPE_HOST", "").trim();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return host + ":" + env.getOrDefault("MEMESNIPE_GRPC_PORT", "7001").trim();
    }
}
