package memesnipe.executor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServerResponse;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.model.money.Fixed;
import memesnipe.kit.signing.RiskApproval;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.testing.TestSecrets;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.signer.SignerConfig;
import memesnipe.signer.SignerVerticle;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.ExecutorGrpcClient;
import memesnipe.v1.Fill;
import memesnipe.v1.MarketDataGrpcService;
import memesnipe.v1.MarketDataService;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.PeerStatus;
import memesnipe.v1.Side;
import memesnipe.v1.SubscribeRequest;
import memesnipe.v1.WatchFillsRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real executor with its real dependencies for node tests: a stand-in gateway streaming SOL marks, a real
 * signer over mutual TLS, a throw-away PostgreSQL database, and its own data directory (write-ahead file, paper
 * venue record). It plays the risk node: orders go over risk's certificate with risk's approval (see
 * {@link #executeAsync}). The executor can be stopped and started again on the same database and files, as a restart.
 */
final class ExecutorHarness implements AutoCloseable {
    static final long SOL_MARK_E8 = Fixed.parse("150");
    final Vertx vertx = Vertx.vertx();
    final TestCerts certs = TestCerts.create();
    /** The deployment's risk approval key: the harness approves every order it sends, as the risk node does. */
    final RiskApproval.Approver approver = certs.approver();
    final TestDatabase db = TestDatabase.create();
    final Path dir;
    final Settings common;
    final HostPort signerAddress;
    final String signerDeployment;
    final GrpcClient riskClient;
    final NodeServer gateway;
    final Map<String, String> executorSettings = new LinkedHashMap<>();
    ExecutorVerticle executor;
    HostPort executorAddress;
    private String executorDeployment;

    /** 0.03 USD per lot of 10^9 BABYDOGE (3e-11 USD a token). */
    static final long MICRO_LOT_MARK_E8 = 3_000_000L;
    static final int MICRO_LOT = 9;

    /** A stand-in gateway: streams a SOL mark and a BABYDOGE mark (per lot of 10^9) every 50 ms to each subscriber. */
    final class MarksGateway extends MarketDataService {
        @Override
        protected void subscribe(SubscribeRequest request, WriteStream<MarketEvent> response) {
            long[] seq = {0};
            long timer = vertx.setPeriodic(0, 50, id -> {
                response.write(MarketEvent.newBuilder().setSeq(++seq[0]).setStreamId("test").setSymbol("SOL")
                        .setPriceE8(SOL_MARK_E8).build());
                response.write(MarketEvent.newBuilder().setSeq(++seq[0]).setStreamId("test").setSymbol("BABYDOGE")
                        .setPriceE8(MICRO_LOT_MARK_E8).setLotExponent(MICRO_LOT).build());
            });
            ((GrpcServerResponse<?, ?>) response).exceptionHandler(err -> vertx.cancelTimer(timer));
        }
    }

    ExecutorHarness(Map<String, String> settings) throws Exception {
        this(settings, Map.of());
    }

    /** An executor with these settings, whose signer has these settings on top of the harness's own. */
    ExecutorHarness(Map<String, String> settings, Map<String, String> signerSettings) throws Exception {
        dir = Files.createTempDirectory("executor-test");
        common = Settings.empty().with("certs-dir", certs.dir().toString()).with("host", "127.0.0.1").with("grpc-port", "0");
        gateway = NodeServer.builder(vertx, NodeName.GATEWAY).listen("127.0.0.1", 0)
                .tls(certs.of(NodeName.GATEWAY)).metrics(NodeMetrics.create("gateway"))
                .service(MarketDataGrpcService.of(new MarksGateway()))
                .status(() -> Statuses.of("gateway", 0, Map.of()).build())
                .build().start().await(10, TimeUnit.SECONDS);
        Settings signerConfig = common
                .with("key-file", dir.resolve("signer-key.pem").toString())
                .with("key-passphrase-file", TestSecrets.passphraseFile(dir).toString())
                .with("audit-file", dir.resolve("audit.log").toString())
                .with("max-order-notional", "1000").with("max-signs-per-second", "1000")
                .with("gateway", "127.0.0.1:" + gateway.actualPort());
        for (Map.Entry<String, String> e : signerSettings.entrySet()) {
            signerConfig = signerConfig.with(e.getKey(), e.getValue());
        }
        SignerVerticle signer = new SignerVerticle(SignerConfig.from(signerConfig), Clock.system());
        signerDeployment = vertx.deployVerticle(signer).await(20, TimeUnit.SECONDS);
        signerAddress = new HostPort("127.0.0.1", signer.grpcPort());
        riskClient = GrpcClients.create(vertx, certs.of(NodeName.RISK));
        executorSettings.put("gateway", "127.0.0.1:" + gateway.actualPort());
        executorSettings.put("signer", signerAddress.toString());
        executorSettings.put("pg-url", db.url());
        executorSettings.put("wal-file", dir.resolve("executor-wal.log").toString());
        executorSettings.put("paper-venue-dir", dir.resolve("paper-venue").toString());
        // above the signer's 1000 USD: the signer's own notional limit is what these tests reach
        executorSettings.put("max-order-notional", "1000000");
        executorSettings.putAll(settings);
        startExecutor();
    }

    ExecutorConfig config() {
        Settings s = common;
        for (Map.Entry<String, String> e : executorSettings.entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return ExecutorConfig.from(s);
    }

    /** Starts the executor (on the same database and files as before), waits until it has marks and a signer. */
    void startExecutor() throws Exception {
        executor = new ExecutorVerticle(config(), Clock.system());
        executorDeployment = vertx.deployVerticle(executor).await(30, TimeUnit.SECONDS);
        executorAddress = new HostPort("127.0.0.1", executor.grpcPort());
        await("gateway stream and signer reachable", () -> {
            NodeStatus s = status();
            return s.getFactsOrDefault("signerReachable", "").equals("true")
                    && s.getPeersList().stream().allMatch(PeerStatus::getServing);
        });
    }

    void stopExecutor() throws Exception {
        vertx.undeploy(executorDeployment).await(30, TimeUnit.SECONDS);
    }

    void restartExecutor() throws Exception {
        stopExecutor();
        startExecutor();
    }

    void stopSigner() throws Exception {
        vertx.undeploy(signerDeployment).await(10, TimeUnit.SECONDS);
    }

    static ApprovedOrder order(String id, String qty) {
        return ApprovedOrder.newBuilder().setClientOrderId(id).setStrategy("momentum_5m").setSymbol("SOL")
                .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setQtyE8(Fixed.parse(qty))
                .setReferencePriceE8(SOL_MARK_E8).setVenue("paper").setDecisionSeq(42).setDecisionIngestTimeMs(1234).build();
    }

    static ApprovedOrder exit(String id, String qty) {
        return order(id, qty).toBuilder().setSide(Side.SELL).setPurpose(OrderPurpose.EXIT).build();
    }

    /** Sends the order with risk's approval made now, over the risk node's certificate. */
    Future<ExecutionReport> executeAsync(ApprovedOrder order) {
        return sendAsIs(approver.approve(order, System.currentTimeMillis()));
    }

    /** Sends the order exactly as given: no approval is added. */
    Future<ExecutionReport> sendAsIs(ApprovedOrder order) {
        return Calls.unary(riskClient, executorAddress, ExecutorGrpcClient.Execute, order, 10_000);
    }

    ExecutionReport execute(ApprovedOrder order) throws Exception {
        return executeAsync(order).await(15, TimeUnit.SECONDS);
    }

    NodeStatus status() throws Exception {
        return new PeerProbe(riskClient).status(executorAddress, 3000).await(5, TimeUnit.SECONDS);
    }

    String fact(String name) throws Exception {
        return status().getFactsOrThrow(name);
    }

    long lastFillSeq() throws Exception {
        return Long.parseLong(fact("fills"));
    }

    /** Opens WatchFills after afterSeq (of logId when not empty); fills land in the returned list. */
    List<Fill> watch(long afterSeq, String logId) throws Exception {
        List<Fill> seen = new CopyOnWriteArrayList<>();
        Calls.serverStream(riskClient, executorAddress, ExecutorGrpcClient.WatchFills,
                WatchFillsRequest.newBuilder().setAfterSeq(afterSeq).setLogId(logId).build())
                .await(10, TimeUnit.SECONDS).handler(seen::add).resume();
        return seen;
    }

    /** Rows of a query against the executor's schema, each column as a string. */
    List<Map<String, String>> sql(String query) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path = executor");
            List<Map<String, String>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(query)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    void sqlUpdate(String statement) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path = executor");
            s.execute(statement);
        }
    }

    /** Lines of the paper venue's record that mention the client id. */
    long venueRecords(String clientOrderId) throws Exception {
        Path f = dir.resolve("paper-venue").resolve("orders.log");
        return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> l.contains("\"id\":\"" + clientOrderId + "\""))
                .count() : 0;
    }

    static void await(String what, Check condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A condition that may call the node. */
    interface Check {
        boolean holds() throws Exception;
    }

    @Override
    public void close() throws Exception {
        // the stand-in gateway first, with its short shutdown: closed by vertx.close() it would wait Vert.x's default
        // grace period for the executor's market-data stream to end (up to 30 s, past the await below)
        gateway.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
        db.close();
    }
}
