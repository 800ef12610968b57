package memesnipe.executor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
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
import memesnipe.kit.testing.TestCerts;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.signer.SignerConfig;
import memesnipe.signer.SignerVerticle;
import memesnipe.signer.keystore.KeyFile;
import memesnipe.kit.signing.CanonicalOrderBytes;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.ExecutorGrpcClient;
import memesnipe.v1.Fill;
import memesnipe.v1.GetPublicKeysRequest;
import memesnipe.v1.MarketDataGrpcService;
import memesnipe.v1.MarketDataService;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.OrderStatus;
import memesnipe.v1.PeerStatus;
import memesnipe.v1.PublicKey;
import memesnipe.v1.Side;
import memesnipe.v1.SignerGrpcClient;
import memesnipe.v1.SubscribeRequest;
import memesnipe.v1.WatchFillsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorVerticleTest {
    static final long SOL_MARK_E8 = ExecutorHarness.SOL_MARK_E8;
    static ExecutorHarness h;
    static Vertx vertx;
    static TestCerts certs;
    static HostPort signerAddress;
    static HostPort executorAddress;
    static GrpcClient riskClient;

    @BeforeAll
    static void start() throws Exception {
        h = new ExecutorHarness(Map.of());
        vertx = h.vertx;
        certs = h.certs;
        signerAddress = h.signerAddress;
        executorAddress = h.executorAddress;
        riskClient = h.riskClient;
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    static ApprovedOrder order(String id, String qty) {
        return ExecutorHarness.order(id, qty);
    }

    static Future<ExecutionReport> executeAsync(ApprovedOrder order) {
        return h.executeAsync(order);
    }

    static ExecutionReport execute(ApprovedOrder order) throws Exception {
        return h.execute(order);
    }

    static NodeStatus status() throws Exception {
        return h.status();
    }

    static long lastFillSeq() throws Exception {
        return h.lastFillSeq();
    }

    static void await(String what, ExecutorHarness.Check condition) throws Exception {
        ExecutorHarness.await(what, condition);
    }

    @Test
    @Order(1)
    void execute_signedOrder_fillsWithSignatureThatVerifiesAgainstSignerKey() throws Exception {
        ApprovedOrder order = order("fill-1", "2.5");
        ExecutionReport report = execute(order);
        assertThat(report.getStatus()).isEqualTo(OrderStatus.FILLED);
        Fill fill = report.getFill();
        assertThat(fill.getPriceE8()).isEqualTo(15_015_000_000L);    // 150 + 10 bps
        assertThat(fill.getFeeE8()).isEqualTo(37_537_500L);          // 10 bps of 375.375
        assertThat(fill.getQtyE8()).isEqualTo(order.getQtyE8());
        assertThat(fill.getDecisionSeq()).isEqualTo(42);
        assertThat(fill.getDecisionIngestTimeMs()).isEqualTo(1234);

        GrpcClient executorCert = GrpcClients.create(vertx, certs.of(NodeName.EXECUTOR));
        PublicKey key = Calls.unary(executorCert, signerAddress, SignerGrpcClient.GetPublicKeys,
                GetPublicKeysRequest.getDefaultInstance(), 3000).await(5, TimeUnit.SECONDS).getKeys(0);
        assertThat(fill.getKeyId()).isEqualTo(key.getKeyId());
        assertThat(KeyFile.verify(key.getPublicKey().toByteArray(), CanonicalOrderBytes.of(order),
                Base64.getDecoder().decode(fill.getSignature()))).isTrue();
    }

    @Test
    @Order(2)
    void execute_sameIdTwice_yieldsOneFillAndTheSameReport() throws Exception {
        long before = lastFillSeq();
        long duplicatesBefore = Long.parseLong(status().getFactsOrThrow("duplicates"));
        ApprovedOrder order = order("dup-1", "1");
        // two concurrent calls (the second arrives while the first is in flight) and one late retry
        Future<ExecutionReport> a = executeAsync(order);
        Future<ExecutionReport> b = executeAsync(order);
        ExecutionReport first = a.await(10, TimeUnit.SECONDS);
        assertThat(b.await(10, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(execute(order)).isEqualTo(first);
        assertThat(first.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(lastFillSeq()).isEqualTo(before + 1);
        assertThat(Long.parseLong(status().getFactsOrThrow("duplicates"))).isEqualTo(duplicatesBefore + 2);
    }

    @Test
    @Order(3)
    void execute_aboveSignerNotionalLimit_isRejectedSignerDenied_withoutFill() throws Exception {
        long before = lastFillSeq();
        ExecutionReport report = execute(order("big-1", "10")); // 1500 USD > 1000 USD
        assertThat(report.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(report.getRejectReason()).isEqualTo("SIGNER_DENIED: NOTIONAL_LIMIT");
        assertThat(report.hasFill()).isFalse();
        assertThat(lastFillSeq()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void execute_symbolWithoutMark_isRejectedNoPrice() throws Exception {
        ExecutionReport report = execute(order("noprice-1", "1").toBuilder().setSymbol("NOPE").build());
        assertThat(report.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(report.getRejectReason()).isEqualTo("NO_PRICE");
    }

    @Test
    @Order(4)
    void execute_anOrderInLotsOfATokenBelowOneE8Usd_fillsPerLot_andAnotherLotIsRejected() throws Exception {
        // 10,000 lots of 10^9 BABYDOGE (1e13 tokens) at 0.03 USD per lot: 300 USD, under the signer's 1,000
        ApprovedOrder inLots = order("lots-1", "10000").toBuilder().setSymbol("BABYDOGE")
                .setReferencePriceE8(ExecutorHarness.MICRO_LOT_MARK_E8).setLotExponent(ExecutorHarness.MICRO_LOT).build();
        ExecutionReport report = execute(inLots);
        assertThat(report.getStatus()).as(report.getRejectReason()).isEqualTo(OrderStatus.FILLED);
        assertThat(report.getFill().getLotExponent()).isEqualTo(9);
        assertThat(report.getFill().getPriceE8()).isEqualTo(3_003_000L); // 0.03 + 10 bps, per lot
        assertThat(report.getFill().getFeeE8()).isEqualTo(30_030_000L); // 10 bps of 300.30 USD
        // the ledger keeps the lot with the order and the fill (a restart replays and reconciles them in lots)
        assertThat(h.sql("SELECT o.lot_exponent AS o, f.lot_exponent AS f FROM orders o JOIN fills f USING "
                + "(client_order_id) WHERE client_order_id = 'lots-1'")).containsExactly(Map.of("o", "9", "f", "9"));

        ExecutionReport wrong = execute(inLots.toBuilder().setClientOrderId("lots-2").setLotExponent(0).build());
        assertThat(wrong.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(wrong.getRejectReason()).isEqualTo(
                "LOT_MISMATCH: lot_exponent 0 but the market data has 9 for the symbol (a lot of 10^9 units)");
    }

    @Test
    @Order(5)
    void execute_malformedOrder_isInvalidArgument() {
        assertThatThrownBy(() -> execute(order("bad-1", "1").toBuilder().setSide(Side.SIDE_UNSPECIFIED).build()))
                .isInstanceOfSatisfying(Calls.CallFailed.class,
                        e -> assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
    }

    @Test
    @Order(6)
    void watchFills_afterSeqN_resumesExactlyAfterN_thenStreamsLiveFills() throws Exception {
        for (int i = 0; i < 3; i++) {
            execute(order("watch-" + i, "0.1"));
        }
        long last = lastFillSeq();
        long n = last - 2;
        List<Fill> seen = new CopyOnWriteArrayList<>();
        GrpcClientRequest<WatchFillsRequest, Fill> call = riskClient.request(executorAddress.socketAddress(),
                ExecutorGrpcClient.WatchFills).await(5, TimeUnit.SECONDS);
        call.response().onSuccess(resp -> resp.handler(seen::add)); // before the request: no fill can slip by
        call.end(WatchFillsRequest.newBuilder().setAfterSeq(n).build());
        await("replayed fills", () -> seen.size() == 2);
        execute(order("watch-live", "0.1"));
        await("live fill", () -> seen.size() == 3);
        assertThat(seen).extracting(Fill::getSeq).containsExactly(n + 1, n + 2, n + 3);
        assertThat(seen.get(2).getClientOrderId()).isEqualTo("watch-live");

        assertThat(status().getFactsOrThrow("fillWatchers")).isEqualTo("1");
        call.cancel();
        assertThat(execute(order("after-cancel", "0.1")).getStatus()).isEqualTo(OrderStatus.FILLED);
        await("watcher removed after disconnect", () -> status().getFactsOrThrow("fillWatchers").equals("0"));
    }

    @Test
    @Order(7)
    void config_badValuesAndUnknownKeys_areReportedTogether() {
        assertThatThrownBy(() -> ExecutorConfig.from(Settings.empty().with("certs-dir", certs.dir().toString())
                .with("venue", "binance").with("fee-bps", "x").with("colour", "red")))
                .hasMessageContaining("venue").hasMessageContaining("fee-bps").hasMessageContaining("unknown setting 'colour'");
        assertThat(ExecutorConfig.documentation()).containsKeys("gateway", "signer", "venue", "slippage-bps", "fee-bps",
                "max-mark-age-ms", "grpc-port", "pg-url", "wal-file", "paper-venue-dir", "order-timeout-ms", "recent-orders",
                "recent-fills", "crash-point", "approval-public-key", "approval-max-age-ms");
        assertThat(ExecutorConfig.from(Settings.empty().with("certs-dir", certs.dir().toString())).crashPoint())
                .isEqualTo(CrashPoint.NONE);
        assertThatThrownBy(() -> ExecutorConfig.from(Settings.empty().with("certs-dir", certs.dir().toString())
                .with("crash-point", "sometimes").with("order-timeout-ms", "1")))
                .hasMessageContaining("crash-point").hasMessageContaining("after-venue-fill")
                .hasMessageContaining("order-timeout-ms");
    }

    @Test
    @Order(8)
    void healthAndReflection_answerARealClient_andListTheExecutorService() throws Exception {
        assertThat(new memesnipe.kit.grpc.PeerProbe(riskClient).serving(executorAddress, 2000).await(10, TimeUnit.SECONDS))
                .isTrue();
        assertThat(memesnipe.kit.testing.ReflectionProbe.listServices(riskClient, executorAddress).await(10, TimeUnit.SECONDS))
                .contains("memesnipe.v1.Executor", "memesnipe.v1.Node", "grpc.health.v1.Health",
                        "grpc.reflection.v1.ServerReflection");
    }

    @Test
    @Order(9)
    void execute_fromAnyCertificateButTheRiskNodes_isRefused_soNoOrderBypassesRisk() throws Exception {
        // even with risk's valid approval, only the risk node's certificate may Execute
        ApprovedOrder order = h.approver.approve(ApprovedOrder.newBuilder().setClientOrderId("bypass-1").setStrategy("s")
                .setSymbol("SOL").setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setQtyE8(100_000_000L)
                .setReferencePriceE8(SOL_MARK_E8).setVenue("paper").build(), System.currentTimeMillis());
        String receivedBefore = status().getFactsOrThrow("ordersReceived");
        GrpcClient gateway = GrpcClients.create(vertx, certs.of(NodeName.GATEWAY));
        assertThatThrownBy(() -> Calls.unary(gateway, executorAddress, ExecutorGrpcClient.Execute, order, 2000)
                .await(10, TimeUnit.SECONDS)).hasMessageContaining("PERMISSION_DENIED");
        GrpcClient strategy = GrpcClients.create(vertx, certs.of(NodeName.STRATEGY));
        assertThatThrownBy(() -> Calls.unary(strategy, executorAddress, ExecutorGrpcClient.Execute, order, 2000)
                .await(10, TimeUnit.SECONDS));
        assertThat(status().getFactsOrThrow("ordersReceived")).as("never reached the order book")
                .isEqualTo(receivedBefore);
        List<Fill> fills = new CopyOnWriteArrayList<>();
        Calls.serverStream(gateway, executorAddress, ExecutorGrpcClient.WatchFills, WatchFillsRequest.getDefaultInstance())
                .await(10, TimeUnit.SECONDS).handler(fills::add).resume();
        await("the gateway may watch fills (earlier tests filled orders)", () -> !fills.isEmpty());
        assertThat(fills).noneMatch(f -> f.getClientOrderId().equals("bypass-1"));
    }

    @Test
    @Order(10)
    void execute_withoutRiskApproval_isRejectedApprovalInvalid_beforeJournaling_andTheIdStaysFree() throws Exception {
        String receivedBefore = status().getFactsOrThrow("ordersReceived");
        long refusedBefore = Long.parseLong(status().getFactsOrThrow("approvalsRefused"));
        ExecutionReport report = h.sendAsIs(order("unapproved-1", "1")).await(15, TimeUnit.SECONDS);
        assertThat(report.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(report.getRejectReason()).startsWith("APPROVAL_INVALID: MISSING");
        assertThat(h.venueRecords("unapproved-1")).isZero();
        assertThat(h.sql("SELECT count(*) AS n FROM orders WHERE client_order_id = 'unapproved-1'"))
                .containsExactly(Map.of("n", "0"));
        assertThat(status().getFactsOrThrow("ordersReceived")).as("never reached the order book").isEqualTo(receivedBefore);
        assertThat(Long.parseLong(status().getFactsOrThrow("approvalsRefused"))).isEqualTo(refusedBefore + 1);
        assertThat(metrics()).contains("memesnipe_executor_approvals_refused_total{node=\"executor\",problem=\"MISSING\"}");
        assertThat(execute(order("unapproved-1", "1")).getStatus()).as("approved by risk, the same id executes")
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    @Order(11)
    void execute_withApprovalNotMatchingTheOrder_byAnotherKey_orTooOld_isRejectedApprovalInvalid_neverSigned()
            throws Exception {
        long now = System.currentTimeMillis();
        ApprovedOrder approved = h.approver.approve(order("tampered-1", "0.1"), now);
        Map<String, ApprovedOrder> cases = Map.of(
                "BAD_SIGNATURE", approved.toBuilder().setQtyE8(approved.getQtyE8() * 50).build(),
                "UNKNOWN_KEY", TestCerts.create().approver().approve(order("foreign-1", "0.1"), now),
                "TOO_OLD", h.approver.approve(order("old-1", "0.1"), now - 61_000));
        long fillsBefore = lastFillSeq();
        for (Map.Entry<String, ApprovedOrder> c : cases.entrySet()) {
            ExecutionReport report = h.sendAsIs(c.getValue()).await(15, TimeUnit.SECONDS);
            assertThat(report.getStatus()).isEqualTo(OrderStatus.REJECTED);
            assertThat(report.getRejectReason()).startsWith("APPROVAL_INVALID: " + c.getKey());
            assertThat(h.venueRecords(c.getValue().getClientOrderId())).isZero();
        }
        assertThat(lastFillSeq()).isEqualTo(fillsBefore);
        assertThat(metrics()).contains("problem=\"BAD_SIGNATURE\"").contains("problem=\"UNKNOWN_KEY\"")
                .contains("problem=\"TOO_OLD\"");
    }

    /** The executor's Prometheus text (its port admits the risk node's certificate). */
    static String metrics() throws Exception {
        var http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setSsl(true)
                .setTrustOptions(certs.of(NodeName.RISK).trustOptions())
                .setKeyCertOptions(certs.of(NodeName.RISK).keyCertOptions()));
        try {
            return http.request(io.vertx.core.http.HttpMethod.GET, executorAddress.port(), "localhost", "/metrics")
                    .compose(r -> r.send().compose(resp -> resp.body()))
                    .await(5, TimeUnit.SECONDS).toString();
        } finally {
            http.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(100) // stops the signer: keep last
    void execute_withSignerStopped_isRejectedSignerUnavailable_andReportedDown() throws Exception {
        h.stopSigner();
        long before = lastFillSeq();
        ExecutionReport report = execute(order("nosigner-1", "1"));
        assertThat(report.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(report.getRejectReason()).isEqualTo("SIGNER_UNAVAILABLE");
        assertThat(lastFillSeq()).isEqualTo(before);
        await("signer reported down", () -> {
            NodeStatus s = status();
            return s.getFactsOrThrow("signerReachable").equals("false") && s.getPeersList().stream()
                    .anyMatch(p -> p.getName().equals("signer") && !p.getServing() && p.getAddress().equals(signerAddress.toString()));
        });
    }
}
