package memesnipe.risk.node;

import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.executor.ExecutorConfig;
import memesnipe.executor.ExecutorVerticle;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.testing.TcpProxy;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.risk.RiskConfig;
import memesnipe.risk.RiskVerticle;
import memesnipe.risk.ledger.Deployments;
import memesnipe.signer.SignerConfig;
import memesnipe.signer.SignerVerticle;
import memesnipe.v1.BreakerState;
import memesnipe.v1.GetBreakerRequest;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.Side;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The risk node with a real executor and signer behind it, over real gRPC and TLS, fed by a scripted
 * market: what the scenario tests drive. Each test gets a fresh one (its own Vert.x and certificates).
 */
final class RiskCluster implements AutoCloseable {
    /**
     * The strategies the tests' intents come from: the risk node's strategies setting unless a test sets its own; all
     * start LIVE in the promotion pipeline, as strategies did before it.
     */
    static final String TEST_STRATEGIES = "s1,s2,s3,probe,idem,winner,loser";
    final Vertx vertx = Vertx.vertx();
    /** The executor's ledger (a throw-away database). */
    final TestDatabase executorDb = TestDatabase.create();
    final TestCerts certs = TestCerts.create();
    final ScriptedMarket market = new ScriptedMarket(vertx);
    HostPort risk;
    final GrpcClient client;
    /** A client holding the operator's admin certificate (Trip, Reset). */
    final GrpcClient admin;
    private final RiskConfig riskConfig;
    /** The risk node's ledger: a throw-away database on the local PostgreSQL. */
    final TestDatabase db;
    /** A relay in front of PostgreSQL when the cluster was built to cut the ledger off; null otherwise. */
    final TcpProxy pgProxy;
    /** A relay between the risk node and the executor when the cluster was built to cut them apart; null otherwise. */
    final TcpProxy executorProxy;
    /** The risk node's local breaker journal (written only while PostgreSQL is unreachable). */
    final Path walFile;
    /** The Redis tick journal stream the risk node reads last marks from (this cluster's own). */
    final String journalStream = "risk-test:events:" + java.util.UUID.randomUUID();
    /** The risk node runs in its own Vert.x, as it would in its own process, so it can be restarted alone. */
    private Vertx riskVertx;
    private long ids;

    RiskCluster(Map<String, String> riskSettings) throws Exception {
        this(riskSettings, true, false);
    }

    /**
     * A cluster whose risk ledger has a deployment (created as `memesnipe init` would) when deploy is true, and
     * whose risk node reaches PostgreSQL through a relay the test can cut when viaProxy is true.
     */
    RiskCluster(Map<String, String> riskSettings, boolean deploy, boolean viaProxy) throws Exception {
        this(riskSettings, Map.of(), deploy, viaProxy, false);
    }

    /**
     * As above, with extra executor settings, and the risk node reaching the executor (Execute and WatchFills) through
     * a relay the test can cut when executorViaProxy is true.
     */
    RiskCluster(Map<String, String> riskSettings, Map<String, String> executorSettings, boolean deploy, boolean viaProxy,
                boolean executorViaProxy) throws Exception {
        Path dir = Files.createTempDirectory("risk-cluster");
        db = TestDatabase.create();
        pgProxy = viaProxy ? TcpProxy.to(TestDatabase.port()) : null;
        walFile = dir.resolve("risk-wal.log");
        if (deploy) {
            init(false);
        }
        market.start(certs);
        Settings common = Settings.empty().with("certs-dir", certs.dir().toString()).with("host", "127.0.0.1")
                .with("grpc-port", "0");
        SignerVerticle signer = new SignerVerticle(SignerConfig.from(common
                .with("key-file", dir.resolve("key.pem").toString())
                .with("key-passphrase-file", memesnipe.kit.testing.TestSecrets.passphraseFile(dir).toString()).with("audit-file", dir.resolve("audit.log").toString())
                .with("max-order-notional", "1000000").with("max-signs-per-second", "1000")
                .with("gateway", "127.0.0.1:" + market.port())), Clock.system());
        vertx.deployVerticle(signer).await(20, TimeUnit.SECONDS);
        Settings es = common.with("gateway", "127.0.0.1:" + market.port()).with("signer", "127.0.0.1:" + signer.grpcPort())
                .with("slippage-bps", "0").with("fee-bps", "0").with("pg-url", executorDb.url())
                .with("max-order-notional", "1000000") // as the signer's: the scenarios send orders above 1000 USD
                .with("wal-file", dir.resolve("executor-wal.log").toString())
                .with("paper-venue-dir", dir.resolve("paper-venue").toString());
        for (Map.Entry<String, String> e : executorSettings.entrySet()) {
            es = es.with(e.getKey(), e.getValue());
        }
        ExecutorVerticle executor = new ExecutorVerticle(ExecutorConfig.from(es), Clock.system());
        vertx.deployVerticle(executor).await(20, TimeUnit.SECONDS);
        executorProxy = executorViaProxy ? TcpProxy.to(executor.grpcPort()) : null;
        int executorPort = executorProxy == null ? executor.grpcPort() : executorProxy.port();
        Settings rs = common.with("gateway", "127.0.0.1:" + market.port())
                .with("executor", "127.0.0.1:" + executorPort).with("evaluate-every-ms", "50")
                .with("strategies", TEST_STRATEGIES)
                .with(RiskConfig.STRATEGY_STAGES_KEY, TEST_STRATEGIES.replace(",", "=LIVE,") + "=LIVE")
                .with("pg-url", pgProxy == null ? db.url() : "postgresql://" + TestDatabase.user() + "@127.0.0.1:"
                        + pgProxy.port() + "/" + db.name())
                .with("wal-file", walFile.toString()).with("redis-url", TestDatabase.redis().url())
                .with("journal-stream", journalStream).with("equity-sample-ms", "100");
        for (Map.Entry<String, String> e : riskSettings.entrySet()) {
            rs = rs.with(e.getKey(), e.getValue());
        }
        riskConfig = RiskConfig.from(rs);
        deployRisk();
        client = GrpcClients.create(vertx, certs.of(NodeName.STRATEGY));
        admin = GrpcClients.create(vertx, certs.admin());
        await("risk and executor subscribed to the market", Duration.ofSeconds(15), () -> market.subscriberCount() >= 2);
        awaitRecovered();
    }

    private void deployRisk() throws Exception {
        riskVertx = Vertx.vertx();
        RiskVerticle node = new RiskVerticle(riskConfig, Clock.system());
        riskVertx.deployVerticle(node).await(20, TimeUnit.SECONDS);
        risk = new HostPort("127.0.0.1", node.grpcPort());
        if (client != null) {
            awaitRecovered();
        }
    }

    /**
     * Waits until the risk node has replayed its ledger, its fill stream from the executor is open and its limits
     * have been checked against the executor's and signer's (when it has a deployment; without one it serves
     * CRITICAL at once).
     */
    void awaitRecovered() throws Exception {
        await("risk recovered from its ledger", Duration.ofSeconds(15), () -> {
            NodeStatus s = status();
            return s.getFactsOrThrow("deployment").isEmpty() || (s.getFactsOrThrow("recovering").equals("false")
                    && s.getPeersList().stream().anyMatch(p -> p.getName().equals("executor") && p.getServing())
                    && !s.getFactsOrThrow("configAgreement").startsWith(RiskVerticle.CONFIG_NOT_CHECKED));
        });
    }

    /** Creates the deployment in the risk ledger, as `memesnipe init --initial-capital 10000` does. */
    Deployments.Created init(boolean forceNew) throws Exception {
        Vertx v = Vertx.vertx();
        try {
            return Deployments.init(v, db.settings(), 10_000 * 100_000_000L, forceNew, "test", System.currentTimeMillis())
                    .await(30, TimeUnit.SECONDS);
        } finally {
            v.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Stops the risk node (its whole Vert.x, as a process exit would) and starts a new one on the same ledger. */
    void restartRisk() throws Exception {
        riskVertx.close().await(20, TimeUnit.SECONDS);
        deployRisk();
    }

    RiskDecision entry(String strategy, String symbol, long notionalUsd) throws Exception {
        return submit(OrderIntent.newBuilder().setClientOrderId("t-" + (++ids)).setStrategy(strategy).setSymbol(symbol)
                .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setNotionalE8(notionalUsd * 100_000_000L)
                .setDecisionPriceE8(1).build());
    }

    RiskDecision submit(OrderIntent intent) throws Exception {
        return Calls.unary(client, risk, RiskGrpcClient.Submit, intent, 5000).await(10, TimeUnit.SECONDS);
    }

    BreakerState breaker() throws Exception {
        return Calls.unary(client, risk, RiskGrpcClient.GetBreaker, GetBreakerRequest.getDefaultInstance(), 5000)
                .await(10, TimeUnit.SECONDS);
    }

    NodeStatus status() throws Exception {
        return new PeerProbe(client).status(risk, 5000).await(10, TimeUnit.SECONDS);
    }

    long fact(String name) throws Exception {
        return Long.parseLong(status().getFactsOrThrow(name));
    }

    static void await(String what, Duration within, Check condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.ok()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within " + within + ": " + what);
    }

    /** A condition that may call the node. */
    interface Check {
        boolean ok() throws Exception;
    }

    /** A single number from the risk ledger (e.g. a count). */
    long sql(String query) throws Exception {
        try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A single string from the risk ledger. */
    String sqlText(String query) throws Exception {
        try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void close() throws Exception {
        riskVertx.close().await(20, TimeUnit.SECONDS);
        vertx.close().await(20, TimeUnit.SECONDS);
        executorDb.close();
        if (pgProxy != null) {
            pgProxy.close();
        }
        if (executorProxy != null) {
            executorProxy.close();
        }
        db.close();
    }

    static Supplier<String> none() {
        return () -> "";
    }
}
