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
import memesnipe.kit.money.Fixed;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.signer.SignerConfig;
import memesnipe.signer.SignerVerticle;
import memesnipe.signer.keystore.KeyFile;
import memesnipe.signer.signing.CanonicalOrderBytes;
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
    static final long SOL_MARK_E8 = Fixed.parse("150");
    static Vertx vertx;
    static TestCerts certs;
    static String signerDeployment;
    static HostPort signerAddress;
    static HostPort executorAddress;
    static GrpcClient riskClient;

    /** A stand-in gateway: streams a SOL mark every 50 ms to each subscriber. */
    static final class MarksGateway extends MarketDataService {
        @Override
        protected void subscribe(SubscribeRequest request, WriteStream<MarketEvent> response) {
            long[] seq = {0};
            long timer = vertx.setPeriodic(0, 50, id -> response.write(MarketEvent.newBuilder().setSeq(++seq[0])
                    .setStreamId("test").setSymbol("SOL").setPriceE8(SOL_MARK_E8).build()));
            ((GrpcServerResponse<?, ?>) response).exceptionHandler(err -> vertx.cancelTimer(timer));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certs = TestCerts.create();
        Path dir = Files.createTempDirectory("executor-test");
        Settings common = Settings.empty().with("certs-dir", certs.dir().toString()).with("host", "127.0.0.1")
                .with("grpc-port", "0");

        NodeServer gateway = NodeServer.builder(vertx, NodeName.GATEWAY).listen("127.0.0.1", 0)
                .tls(certs.of(NodeName.GATEWAY)).metrics(NodeMetrics.create("gateway"))
                .service(MarketDataGrpcService.of(new MarksGateway()))
                .status(() -> Statuses.of("gateway", 0, Map.of()).build())
                .build().start().await(10, TimeUnit.SECONDS);

        SignerVerticle signer = new SignerVerticle(SignerConfig.from(common
                .with("key-file", dir.resolve("signer-key.pem").toString())
                .with("audit-file", dir.resolve("audit.log").toString())
                .with("max-order-notional", "1000")), Clock.system());
        signerDeployment = vertx.deployVerticle(signer).await(10, TimeUnit.SECONDS);
        signerAddress = new HostPort("127.0.0.1", signer.grpcPort());

        ExecutorVerticle executor = new ExecutorVerticle(ExecutorConfig.from(common
                .with("gateway", "127.0.0.1:" + gateway.actualPort())
                .with("signer", signerAddress.toString())), Clock.system());
        vertx.deployVerticle(executor).await(10, TimeUnit.SECONDS);
        executorAddress = new HostPort("127.0.0.1", executor.grpcPort());
        riskClient = GrpcClients.create(vertx, certs.of(NodeName.RISK));

        await("gateway stream and signer reachable", () -> {
            NodeStatus s = status();
            return s.getFactsOrDefault("signerReachable", "").equals("true")
                    && s.getPeersList().stream().allMatch(PeerStatus::getServing);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static ApprovedOrder order(String id, String qty) {
        return ApprovedOrder.newBuilder().setClientOrderId(id).setStrategy("momentum_5m").setSymbol("SOL")
                .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setQtyE8(Fixed.parse(qty))
                .setReferencePriceE8(SOL_MARK_E8).setVenue("paper").setDecisionSeq(42).setDecisionIngestTimeMs(1234).build();
    }

    static Future<ExecutionReport> executeAsync(ApprovedOrder order) {
        return Calls.unary(riskClient, executorAddress, ExecutorGrpcClient.Execute, order, 5000);
    }

    static ExecutionReport execute(ApprovedOrder order) throws Exception {
        return executeAsync(order).await(10, TimeUnit.SECONDS);
    }

    static NodeStatus status() throws Exception {
        return new PeerProbe(riskClient).status(executorAddress, 3000).await(5, TimeUnit.SECONDS);
    }

    static long lastFillSeq() throws Exception {
        return Long.parseLong(status().getFactsOrThrow("fills"));
    }

    static void await(String what, ThrowingCondition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    interface ThrowingCondition {
        boolean holds() throws Exception;
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
        call.send(WatchFillsRequest.newBuilder().setAfterSeq(n).build())
                .onSuccess(resp -> resp.handler(seen::add));
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
                "max-mark-age-ms", "grpc-port");
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
        ApprovedOrder order = ApprovedOrder.newBuilder().setClientOrderId("bypass-1").setStrategy("s").setSymbol("SOL")
                .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setQtyE8(100_000_000L)
                .setReferencePriceE8(SOL_MARK_E8).setVenue("paper").build();
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
    @Order(100) // stops the signer: keep last
    void execute_withSignerStopped_isRejectedSignerUnavailable_andReportedDown() throws Exception {
        vertx.undeploy(signerDeployment).await(10, TimeUnit.SECONDS);
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
