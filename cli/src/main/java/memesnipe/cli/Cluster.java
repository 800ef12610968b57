package memesnipe.cli;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import memesnipe.gateway.GatewayVerticle;
import memesnipe.kit.config.Settings;
import memesnipe.kit.time.Clock;
import memesnipe.kit.tls.NodeName;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * All five nodes in one JVM, each on its own loopback gRPC port and still talking gRPC over TLS:
 * what `memesnipe demo` and `memesnipe bench` run.
 */
final class Cluster {
    /** Where the nodes listen: gRPC port per node and the gateway's REST port. */
    record Layout(Path certs, Path dataDir, int basePort, int httpPort) {
        int port(NodeName n) {
            return basePort + n.ordinal();
        }

        String address(NodeName n) {
            return "127.0.0.1:" + port(n);
        }
    }

    private final Layout layout;
    private final Map<NodeName, VerticleBase> nodes = new EnumMap<>(NodeName.class);

    private Cluster(Layout layout) {
        this.layout = layout;
    }

    /** The settings each node gets in the demo; extra per-node settings override them. */
    static Settings settingsFor(NodeName n, Layout l, Map<String, String> extra) {
        Settings s = Settings.empty()
                .with("host", "127.0.0.1")
                .with("grpc-port", String.valueOf(l.port(n)))
                .with("certs-dir", l.certs().toString());
        switch (n) {
            case GATEWAY -> s = s.with("http-host", "127.0.0.1").with("http-port", String.valueOf(l.httpPort()))
                    .with("strategy", l.address(NodeName.STRATEGY)).with("risk", l.address(NodeName.RISK))
                    .with("executor", l.address(NodeName.EXECUTOR));
            case STRATEGY -> s = s.with("gateway", l.address(NodeName.GATEWAY)).with("risk", l.address(NodeName.RISK));
            case RISK -> s = s.with("gateway", l.address(NodeName.GATEWAY)).with("executor", l.address(NodeName.EXECUTOR))
                    .with("state-file", l.dataDir().resolve("risk-breaker-state.json").toString());
            case EXECUTOR -> s = s.with("gateway", l.address(NodeName.GATEWAY)).with("signer", l.address(NodeName.SIGNER));
            case SIGNER -> s = s.with("key-file", l.dataDir().resolve("signer-key.der").toString())
                    .with("audit-file", l.dataDir().resolve("signer-audit.log").toString());
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return s;
    }

    /** Validates every node's settings, then deploys them in order; fails with the first node's error. */
    static Future<Cluster> start(Vertx vertx, Layout layout, Map<NodeName, Map<String, String>> extra, Clock clock) {
        Cluster c = new Cluster(layout);
        NodeName[] order = {NodeName.SIGNER, NodeName.EXECUTOR, NodeName.RISK, NodeName.STRATEGY, NodeName.GATEWAY};
        for (NodeName n : order) {
            c.nodes.put(n, Nodes.create(n, settingsFor(n, layout, extra.getOrDefault(n, Map.of())), clock));
        }
        Future<?> chain = Future.succeededFuture();
        for (NodeName n : order) {
            chain = chain.compose(v -> vertx.deployVerticle(c.nodes.get(n))
                    .recover(err -> Future.failedFuture(new IllegalStateException(n + ": "
                            + NodeCommand.rootMessage(err), err))));
        }
        return chain.map(v -> c);
    }

    int httpPort() {
        return ((GatewayVerticle) nodes.get(NodeName.GATEWAY)).httpPort();
    }

    Layout layout() {
        return layout;
    }
}
