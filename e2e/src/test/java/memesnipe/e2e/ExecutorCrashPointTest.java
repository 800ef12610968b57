package memesnipe.e2e;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.stream.ResilientStream;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.testing.TestSecrets;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.signing.RiskApproval;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.ExecutorGrpcClient;
import memesnipe.v1.Fill;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.OrderStatus;
import memesnipe.v1.Side;
import memesnipe.v1.WatchFillsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The executor killed at each point of an order's life — a separate JVM from the jar, halted like SIGKILL by its
 * crash-point setting — and restarted without it: the executor ledger holds at most one fill per client id
 * (exactly one once the venue had filled it), a WatchFills client that resumes after its last seq (as risk does)
 * sees every fill exactly once and in order, and a retry of the id returns the first report.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorCrashPointTest {
    static final long SOL_REF_E8 = 150_00000000L;
    static final long QTY_E8 = 1_000_000L; // 0.01 SOL
    static Path dir;
    static Path certs;
    /** Risk's approval key, from the certificates `memesnipe certs` wrote. */
    static RiskApproval.Approver approver;
    static TestDatabase db;
    static final Map<String, Integer> ports = new LinkedHashMap<>();
    static final Map<String, NodeProcess> procs = new LinkedHashMap<>();
    static Vertx vertx;
    static GrpcClient asRisk;
    static HostPort executor;
    /** What a risk-like watcher saw, and where it resumes: (log id, last seq). */
    static final List<Fill> watched = new CopyOnWriteArrayList<>();
    static volatile String logId = "";
    static volatile long lastSeq;
    static ResilientStream<Fill> watcher;
    static final Map<String, ExecutionReport> firstReports = new HashMap<>();

    @BeforeAll
    static void startNodes() throws Exception {
        dir = Files.createTempDirectory("memesnipe-crash");
        certs = dir.resolve("certs");
        NodeProcess certsCmd = new NodeProcess(dir, "certs", List.of("certs", "--out", certs.toString())).start();
        assertThat(certsCmd.waitFor(Duration.ofSeconds(60))).as(certsCmd.output()).isZero();
        db = TestDatabase.create();
        for (String n : List.of("gateway", "signer", "executor", "strategy", "risk")) {
            ports.put(n, NodeProcess.freePort());
        }
        start("gateway");
        start("signer");
        startExecutor("none");
        vertx = Vertx.vertx();
        asRisk = GrpcClients.create(vertx, TlsFiles.inDir(certs, NodeName.RISK));
        approver = RiskApproval.approver(certs.resolve(RiskApproval.PRIVATE_KEY_FILE));
        executor = new HostPort("127.0.0.1", ports.get("executor"));
        awaitExecutorReady();
        watcher = new ResilientStream<>(vertx, "test<-executor fills", () -> Calls.serverStream(asRisk, executor,
                ExecutorGrpcClient.WatchFills, WatchFillsRequest.newBuilder().setAfterSeq(lastSeq).setLogId(logId).build()),
                fill -> {
                    if (!fill.getLogId().equals(logId)) {
                        logId = fill.getLogId();
                        lastSeq = 0;
                    }
                    if (fill.getSeq() > lastSeq) { // applied at most once, like risk's portfolio
                        lastSeq = fill.getSeq();
                        watched.add(fill);
                    }
                }, 200, 1_000);
        vertx.runOnContext(v -> watcher.start());
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        for (NodeProcess p : procs.values()) {
            p.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    static String addr(String node) {
        return "127.0.0.1:" + ports.get(node);
    }

    static void start(String node) throws Exception {
        List<String> args = new ArrayList<>(List.of("node", node, "--host", "127.0.0.1",
                "--grpc-port", String.valueOf(ports.get(node)), "--certs-dir", certs.toString()));
        switch (node) {
            case "gateway" -> args.addAll(List.of("--http-host", "127.0.0.1", "--http-port",
                    String.valueOf(NodeProcess.freePort()), "--strategy", addr("strategy"), "--risk", addr("risk"),
                    "--executor", addr("executor")));
            case "signer" -> args.addAll(List.of("--gateway", addr("gateway"), "--key-file",
                    dir.resolve("signer-key.der").toString(), "--audit-file", dir.resolve("signer-audit.log").toString(),
                    "--key-passphrase-file", TestSecrets.passphraseFile(dir).toString()));
            default -> throw new IllegalArgumentException(node);
        }
        procs.put(node, new NodeProcess(dir, node, args).start());
    }

    static void startExecutor(String crashPoint) throws Exception {
        List<String> args = List.of("node", "executor", "--host", "127.0.0.1", "--grpc-port",
                String.valueOf(ports.get("executor")), "--certs-dir", certs.toString(), "--gateway", addr("gateway"),
                "--signer", addr("signer"), "--pg-url", db.url(), "--wal-file", dir.resolve("executor-wal.log").toString(),
                "--paper-venue-dir", dir.resolve("paper-venue").toString(), "--crash-point", crashPoint);
        procs.put("executor", new NodeProcess(dir, "executor", args).start());
    }

    /** Serving, with a mark for SOL and the signer reachable (so an order can fill). */
    static void awaitExecutorReady() throws Exception {
        await("executor serving with marks and signer", Duration.ofSeconds(60), () -> {
            try {
                var s = new PeerProbe(asRisk).status(executor, 2000).await(3, TimeUnit.SECONDS);
                return s.getFactsOrDefault("signerReachable", "").equals("true")
                        && s.getPeersList().stream().allMatch(p -> p.getServing())
                        && java.util.List.of(s.getFactsOrDefault("freshPrices", "").split(",")).contains("SOL");
            } catch (Exception e) {
                return false;
            }
        });
    }

    static ApprovedOrder order(String id, Side side, OrderPurpose purpose) {
        return ApprovedOrder.newBuilder().setClientOrderId(id).setStrategy("crash_test").setSymbol("SOL").setSide(side)
                .setPurpose(purpose).setQtyE8(QTY_E8).setReferencePriceE8(SOL_REF_E8).setVenue("paper").build();
    }

    /** Sends the order as the risk node does: over its certificate, with its approval made now (fresh per attempt). */
    static Future<ExecutionReport> execute(ApprovedOrder o) {
        return Calls.unary(asRisk, executor, ExecutorGrpcClient.Execute, approver.approve(o, System.currentTimeMillis()),
                10_000);
    }

    static void await(String what, Duration within, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        StringBuilder logs = new StringBuilder();
        procs.forEach((n, p) -> logs.append("\n--- ").append(n).append(" (alive=").append(p.alive()).append(")\n")
                .append(tail(p.output())));
        throw new AssertionError("not within " + within + ": " + what + logs);
    }

    static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    static long single(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String state(String id) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state FROM executor.orders WHERE client_order_id = '" + id + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Lines of the paper venue's own record that name the client id. */
    static long venueRecords(String id) throws Exception {
        return Files.readAllLines(dir.resolve("paper-venue").resolve("orders.log")).stream()
                .filter(l -> l.contains("\"id\":\"" + id + "\"")).count();
    }

    /**
     * Restarts the executor with the crash point, sends the order, sees the process halt there (exit 137), and
     * restarts it without: returns the report a retry of the id gets.
     */
    static ExecutionReport crashAt(String point, ApprovedOrder order) throws Exception {
        procs.get("executor").stop();
        startExecutor(point);
        awaitExecutorReady();
        Future<ExecutionReport> lost = execute(order);
        NodeProcess crashed = procs.get("executor");
        await("the executor halts at " + point, Duration.ofSeconds(20), () -> !crashed.alive());
        assertThat(crashed.exitCode()).isEqualTo(137);
        assertThat(crashed.output()).contains("crash-point " + point + " reached at order " + order.getClientOrderId());
        assertThatThrownBy(() -> lost.await(15, TimeUnit.SECONDS)).as("the caller never got an answer");
        startExecutor("none");
        awaitExecutorReady();
        await("no order left to reconcile", Duration.ofSeconds(30), () -> {
            try {
                var s = new PeerProbe(asRisk).status(executor, 2000).await(3, TimeUnit.SECONDS);
                return s.getFactsOrThrow("reconciling").equals("0") && s.getFactsOrThrow("ordersOpen").equals("0");
            } catch (Exception e) {
                return false;
            }
        });
        ExecutionReport retry = execute(order).await(15, TimeUnit.SECONDS);
        assertThat(execute(order).await(15, TimeUnit.SECONDS)).as("every retry: the first report").isEqualTo(retry);
        return retry;
    }

    @Test
    @Order(1)
    void warmUp_anOrderFills_andTheWatcherSeesIt() throws Exception {
        ExecutionReport r = execute(order("crash-warm", Side.BUY, OrderPurpose.ENTRY)).await(15, TimeUnit.SECONDS);
        assertThat(r.getStatus()).as(r.toString()).isEqualTo(OrderStatus.FILLED);
        firstReports.put("crash-warm", r);
        await("the watcher saw the fill", Duration.ofSeconds(10), () -> watched.size() == 1);
    }

    @Test
    @Order(2)
    void killedAfterJournalBeforeVenue_isCancelledAtTheVenueOnRestart_neverFilled() throws Exception {
        ApprovedOrder o = order("crash-after-journal", Side.SELL, OrderPurpose.EXIT);
        ExecutionReport retry = crashAt("after-journal", o);
        assertThat(retry.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(retry.getRejectReason()).isEqualTo("CANCELLED: not at venue");
        assertThat(state(o.getClientOrderId())).isEqualTo("CANCELLED");
        assertThat(single("SELECT count(*) FROM executor.fills WHERE client_order_id = 'crash-after-journal'")).isZero();
        assertThat(venueRecords(o.getClientOrderId())).as("the venue refuses a late arrival").isEqualTo(1);
        firstReports.put(o.getClientOrderId(), retry);
    }

    @Test
    @Order(3)
    void killedAfterVenueFillBeforeLedger_theFillIsRecoveredFromTheVenueOnce() throws Exception {
        ApprovedOrder o = order("crash-after-venue-fill", Side.SELL, OrderPurpose.EXIT);
        ExecutionReport retry = crashAt("after-venue-fill", o);
        assertThat(retry.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(state(o.getClientOrderId())).isEqualTo("FILLED");
        assertThat(single("SELECT count(*) FROM executor.fills WHERE client_order_id = 'crash-after-venue-fill'")).isOne();
        assertThat(venueRecords(o.getClientOrderId())).isEqualTo(1);
        firstReports.put(o.getClientOrderId(), retry);
    }

    @Test
    @Order(4)
    void killedAfterDurableReportBeforeStreaming_theWatcherStillGetsTheFillOnce() throws Exception {
        ApprovedOrder o = order("crash-after-report", Side.BUY, OrderPurpose.ENTRY);
        ExecutionReport retry = crashAt("after-report", o);
        assertThat(retry.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(single("SELECT count(*) FROM executor.fills WHERE client_order_id = 'crash-after-report'")).isOne();
        assertThat(venueRecords(o.getClientOrderId())).isEqualTo(1);
        firstReports.put(o.getClientOrderId(), retry);
    }

    @Test
    @Order(5)
    void afterEveryCrash_oneFillPerClientId_gapFreeSeqs_andTheWatcherSawEachFillOnce() throws Exception {
        ExecutionReport after = execute(order("crash-after-all", Side.BUY, OrderPurpose.ENTRY)).await(15, TimeUnit.SECONDS);
        assertThat(after.getStatus()).isEqualTo(OrderStatus.FILLED);
        long fills = single("SELECT count(*) FROM executor.fills");
        assertThat(fills).isEqualTo(4); // warm, after-venue-fill, after-report, after-all
        assertThat(single("SELECT count(*) FROM (SELECT client_order_id FROM executor.fills GROUP BY client_order_id "
                + "HAVING count(*) > 1) d")).as("client ids filled twice").isZero();
        assertThat(single("SELECT CASE WHEN max(seq) = count(*) THEN 1 ELSE 0 END FROM executor.fills")).isOne();
        await("the watcher caught up across the restarts", Duration.ofSeconds(20), () -> watched.size() == fills);
        assertThat(watched).extracting(Fill::getSeq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(watched).extracting(Fill::getClientOrderId).doesNotHaveDuplicates()
                .containsExactly("crash-warm", "crash-after-venue-fill", "crash-after-report", "crash-after-all");
        assertThat(watched.get(1)).isEqualTo(firstReports.get("crash-after-venue-fill").getFill());
        assertThat(watched.get(2)).isEqualTo(firstReports.get("crash-after-report").getFill());
        for (Map.Entry<String, ExecutionReport> e : firstReports.entrySet()) {
            ApprovedOrder again = order(e.getKey(), Side.BUY, OrderPurpose.ENTRY);
            assertThat(execute(again).await(15, TimeUnit.SECONDS)).as("retry of " + e.getKey()).isEqualTo(e.getValue());
        }
        System.out.printf("crash-point test: %d fills in the executor ledger, 0 client ids filled twice, "
                + "%d fills seen by the watcher, each once%n", fills, watched.size());
    }
}
