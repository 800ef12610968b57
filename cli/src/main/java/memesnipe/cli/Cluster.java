package memesnipe.cli;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import memesnipe.gateway.GatewayVerticle;
import memesnipe.kit.config.Settings;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsWarmup;
import memesnipe.risk.RiskConfig;
import memesnipe.strategy.core.Strategies;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * All five nodes in one JVM, each on its own loopback gRPC port and still talking gRPC over TLS:
 * what `memesnipe demo` and `memesnipe bench` run.
 */
final class Cluster {
    /**
     * Where the nodes listen (gRPC port per node, the gateway's REST port), where they keep local files, and
     * the PostgreSQL ledger and Redis they use (pg-url, redis-url settings).
     */
    record Layout(Path certs, Path dataDir, int basePort, int httpPort, String pgUrl, String redisUrl) {
        int port(NodeName n) {
            return basePort + n.ordinal();
        }

        String address(NodeName n) {
            return "127.0.0.1:" + port(n);
        }
    }

    /** Nodes that keep a PostgreSQL ledger (read pg-url, pg-password-file and pg-ca-file). */
    static final java.util.Set<NodeName> LEDGER_NODES = java.util.EnumSet.of(NodeName.EXECUTOR, NodeName.RISK);
    /** Nodes that use the Redis tick journal (read redis-url, redis-password-file and redis-ca-file). */
    static final java.util.Set<NodeName> JOURNAL_NODES = java.util.EnumSet.of(NodeName.GATEWAY, NodeName.RISK);

    private final Layout layout;
    private final Map<NodeName, VerticleBase> nodes = new EnumMap<>(NodeName.class);

    private Cluster(Layout layout) {
        this.layout = layout;
    }

    /**
     * A Vert.x instance for all five nodes in one JVM with enough event loops that each node's verticle gets one of
     * its own (loops are handed out round-robin), so a burst on one node (say 300 TLS handshakes on the gateway)
     * never delays another node's decisions.
     */
    static Vertx newVertx() {
        int loops = Math.max(2 * NodeName.values().length, 2 * Runtime.getRuntime().availableProcessors());
        TlsWarmup.warm();
        return memesnipe.kit.metrics.NodeMetrics.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(loops),
                "cluster");
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
                    .with("executor", l.address(NodeName.EXECUTOR)).with("redis-url", l.redisUrl());
            case STRATEGY -> s = s.with("gateway", l.address(NodeName.GATEWAY)).with("risk", l.address(NodeName.RISK));
            case RISK -> s = s.with("gateway", l.address(NodeName.GATEWAY)).with("executor", l.address(NodeName.EXECUTOR))
                    .with("pg-url", l.pgUrl()).with("wal-file", l.dataDir().resolve("risk-wal.log").toString())
                    .with("redis-url", l.redisUrl());
            case EXECUTOR -> s = s.with("gateway", l.address(NodeName.GATEWAY)).with("signer", l.address(NodeName.SIGNER))
                    .with("pg-url", l.pgUrl()).with("wal-file", l.dataDir().resolve("executor-wal.log").toString())
                    .with("paper-venue-dir", l.dataDir().resolve("paper-venue").toString());
            case SIGNER -> s = s.with("gateway", l.address(NodeName.GATEWAY))
                    .with("key-file", l.dataDir().resolve("signer-key.pem").toString())
                    .with("key-passphrase-file", l.dataDir().resolve("signer-key.pass").toString())
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
        try {
            memesnipe.signer.keystore.KeyFile.createPassphraseIfMissing(layout.dataDir().resolve("signer-key.pass"));
        } catch (java.io.IOException e) {
            return Future.failedFuture(new IllegalStateException("signer: " + e.getMessage(), e));
        }
        NodeName[] order = {NodeName.SIGNER, NodeName.EXECUTOR, NodeName.RISK, NodeName.STRATEGY, NodeName.GATEWAY};
        for (NodeName n : order) {
            Map<String, String> own = extra.getOrDefault(n, Map.of());
            if (n == NodeName.RISK) {
                own = withStrategiesOf(extra.getOrDefault(NodeName.STRATEGY, Map.of()), own);
            }
            c.nodes.put(n, Nodes.create(n, settingsFor(n, layout, own), clock));
        }
        Future<?> chain = Future.succeededFuture();
        for (NodeName n : order) {
            chain = chain.compose(v -> vertx.deployVerticle(c.nodes.get(n))
                    .recover(err -> Future.failedFuture(new IllegalStateException(n + ": "
                            + NodeCommand.rootMessage(err), err))));
        }
        return chain.map(v -> c);
    }

    /**
     * Risk's settings with its strategies setting (unless given) equal to the strategies the strategy node runs: its
     * own setting, or its default (every strategy it knows), so risk never denies the cluster's own intents as
     * UNKNOWN_STRATEGY.
     */
    static Map<String, String> withStrategiesOf(Map<String, String> strategySettings, Map<String, String> riskSettings) {
        if (riskSettings.containsKey(RiskConfig.STRATEGIES_KEY)) {
            return riskSettings;
        }
        Map<String, String> s = new java.util.HashMap<>(riskSettings);
        s.put(RiskConfig.STRATEGIES_KEY, strategySettings.getOrDefault("strategies", String.join(",", Strategies.NAMES)));
        return s;
    }

    int httpPort() {
        return ((GatewayVerticle) nodes.get(NodeName.GATEWAY)).httpPort();
    }

    Layout layout() {
        return layout;
    }
}
