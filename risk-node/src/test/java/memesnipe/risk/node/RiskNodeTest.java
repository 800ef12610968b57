package memesnipe.risk.node;

import io.vertx.grpc.common.GrpcStatus;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.testing.ReflectionProbe;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.v1.BreakerEvent;
import memesnipe.v1.BreakerTier;
import memesnipe.v1.DenyReason;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.Side;
import memesnipe.v1.TripRequest;
import memesnipe.v1.Verdict;
import memesnipe.v1.WatchBreakerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static memesnipe.risk.node.RiskCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The risk node over real gRPC + TLS: health, reflection, validation, idempotency and the admin RPCs. */
class RiskNodeTest {
    static RiskCluster c;

    @BeforeAll
    static void start() throws Exception {
        c = new RiskCluster(Map.of());
        c.market.hold(Map.of("SOL", 150 * 100_000_000L));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void healthAndReflection_listTheRiskServices() throws Exception {
        assertThat(new PeerProbe(c.client).serving(c.risk, 2000).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ReflectionProbe.listServices(c.client, c.risk).await(10, TimeUnit.SECONDS))
                .contains("memesnipe.v1.Risk", "memesnipe.v1.Node", "grpc.health.v1.Health");
    }

    @Test
    void status_showsTheVolatilityRegime_andTheBreakerThresholdsInEffect() throws Exception {
        var facts = c.status().getFactsMap();
        assertThat(facts.get("volatilityRegime")).isIn("UNKNOWN", "LOW", "NORMAL", "HIGH");
        assertThat(facts.get("thresholdsPct")).isEqualTo("drawdown 3.00/5.00/10.00, daily loss 2.00/3.00"); // scales 100
    }

    @Test
    void submit_malformedIntent_isInvalidArgument_withEveryProblem() {
        OrderIntent bad = OrderIntent.newBuilder().setClientOrderId("has space").setSymbol("SOL")
                .setPurpose(OrderPurpose.ENTRY).setSide(Side.BUY).build();
        assertThatThrownBy(() -> c.submit(bad)).isInstanceOf(Calls.CallFailed.class)
                .satisfies(e -> assertThat(((Calls.CallFailed) e).status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT))
                .hasMessageContaining("client_order_id").hasMessageContaining("strategy is required")
                .hasMessageContaining("notional_e8");
    }

    @Test
    void submit_sameClientOrderIdTwice_getsTheSameDecision_andOneFill() throws Exception {
        await("SOL priced", Duration.ofSeconds(5), () -> true);
        Thread.sleep(300);
        long fillsBefore = c.fact("fills");
        OrderIntent intent = OrderIntent.newBuilder().setClientOrderId("idem-1").setStrategy("idem").setSymbol("SOL")
                .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setNotionalE8(100 * 100_000_000L)
                .setDecisionPriceE8(1).build();
        RiskDecision first = c.submit(intent);
        RiskDecision second = c.submit(intent);
        assertThat(first.getVerdict()).as(first.getDetail()).isEqualTo(Verdict.APPROVED);
        assertThat(second).isEqualTo(first);
        await("the fill", Duration.ofSeconds(10), () -> c.fact("fills") == fillsBefore + 1 && c.fact("inFlight") == 0);
        Thread.sleep(500);
        assertThat(c.fact("fills")).isEqualTo(fillsBefore + 1);
    }

    @Test
    void aTokenRiskSignalOnTheMarketStream_makesRiskDenyEntriesInThatToken_only() throws Exception {
        await("risk subscribed", Duration.ofSeconds(10), () -> c.market.lastRequest != null);
        assertThat(c.market.lastRequest.getIncludeSignals()).as("risk asks for the signals").isTrue();
        c.market.signal(MarketEvent.newBuilder().setSymbol("RUGX").setTokenRisk(memesnipe.v1.TokenRisk.newBuilder()
                .setTop10HoldersBps(1_500).setLpRemovedBps(4_000)));
        int[] n = {0};
        RiskDecision[] last = new RiskDecision[1];
        await("the flag reached risk", Duration.ofSeconds(10), () -> {
            last[0] = c.submit(OrderIntent.newBuilder().setClientOrderId("rug-" + ++n[0]).setStrategy("s3")
                    .setSymbol("RUGX").setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY)
                    .setNotionalE8(100 * 100_000_000L).setDecisionPriceE8(1).build());
            return last[0].getReason() == DenyReason.TOKEN_FLAGGED;
        });
        assertThat(last[0].getVerdict()).isEqualTo(Verdict.DENIED);
        assertThat(last[0].getDetail()).startsWith("RUGX is flagged as a rug risk (LP removed 40.00% >= 20.00%");
        RiskDecision sol = c.submit(OrderIntent.newBuilder().setClientOrderId("rug-sol").setStrategy("s3")
                .setSymbol("SOL").setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setNotionalE8(100 * 100_000_000L)
                .setDecisionPriceE8(1).build());
        assertThat(sol.getReason()).as(sol.getDetail()).isNotEqualTo(DenyReason.TOKEN_FLAGGED);
    }

    @Test
    void tripAndReset_areStreamedByWatchBreaker_andBadTiersAreRejected() throws Exception {
        List<BreakerEvent> events = new CopyOnWriteArrayList<>();
        Calls.serverStream(c.client, c.risk, RiskGrpcClient.WatchBreaker, WatchBreakerRequest.getDefaultInstance())
                .await(10, TimeUnit.SECONDS).handler(events::add).resume();
        assertThatThrownBy(() -> Calls.unary(c.admin, c.risk, RiskGrpcClient.Trip,
                TripRequest.newBuilder().setTier("PANIC").setReason("x").build(), 5000).await(10, TimeUnit.SECONDS))
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("PANIC");
        var tripped = Calls.unary(c.admin, c.risk, RiskGrpcClient.Trip,
                TripRequest.newBuilder().setTier("critical").setReason("drill").build(), 5000).await(10, TimeUnit.SECONDS);
        assertThat(tripped.getTier()).isEqualTo(BreakerTier.CRITICAL);
        assertThat(tripped.getReason()).contains("manual trip: drill");
        var reset = Calls.unary(c.admin, c.risk, RiskGrpcClient.Reset, ResetRequest.newBuilder().setReason("done").build(),
                5000).await(10, TimeUnit.SECONDS);
        assertThat(reset.getTier()).isEqualTo(BreakerTier.NORMAL);
        await("both transitions streamed", Duration.ofSeconds(5), () -> events.size() >= 2);
        assertThat(events).extracting(BreakerEvent::getTo).containsSubsequence(BreakerTier.CRITICAL, BreakerTier.NORMAL);
        assertThat(events.get(events.size() - 1).getSeq()).isGreaterThan(events.get(events.size() - 2).getSeq());
    }

    @Test
    void tripAndReset_withoutTheAdminCertificate_areRefused_andChangeNothing() throws Exception {
        TripRequest trip = TripRequest.newBuilder().setTier("EMERGENCY").setReason("intruder").build();
        assertThatThrownBy(() -> Calls.unary(c.client, c.risk, RiskGrpcClient.Trip, trip, 5000)
                .await(10, TimeUnit.SECONDS)).hasMessageContaining("PERMISSION_DENIED").hasMessageContaining("admin");
        var http = new io.vertx.core.http.HttpClientOptions().setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2)
                .setSsl(true).setUseAlpn(true).setTrustOptions(c.certs.admin().trustOptions());
        var anonymous = io.vertx.grpc.client.GrpcClient.client(c.vertx, http);
        assertThatThrownBy(() -> Calls.unary(anonymous, c.risk, RiskGrpcClient.Reset, ResetRequest.getDefaultInstance(),
                5000).await(10, TimeUnit.SECONDS)).hasMessageContaining("UNAUTHENTICATED");
        assertThat(c.breaker().getTier()).isEqualTo(BreakerTier.NORMAL);
        assertThatThrownBy(() -> Calls.unary(anonymous, c.risk, RiskGrpcClient.GetBreaker,
                memesnipe.v1.GetBreakerRequest.getDefaultInstance(), 5000).await(10, TimeUnit.SECONDS))
                .as("even reading the breaker needs a certificate of the deployment").hasMessageContaining("UNAUTHENTICATED");
        assertThat(c.breaker().getTier()).as("a node's certificate reads it").isEqualTo(BreakerTier.NORMAL);
    }

    @Test
    void submit_withoutTheStrategyCertificate_isRefused_andDecidesNothing() throws Exception {
        OrderIntent intent = OrderIntent.newBuilder().setClientOrderId("intruder-1").setStrategy("s1").setSymbol("SOL")
                .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setNotionalE8(100 * 100_000_000L)
                .setDecisionPriceE8(150 * 100_000_000L).build();
        long decidedBefore = c.fact("approved") + c.fact("denied");
        assertThatThrownBy(() -> Calls.unary(anonymous(), c.risk, RiskGrpcClient.Submit, intent, 5000)
                .await(10, TimeUnit.SECONDS)).hasMessageContaining("UNAUTHENTICATED");
        for (TlsFiles other : List.of(c.certs.of(NodeName.GATEWAY), c.certs.of(NodeName.RISK),
                c.certs.of(NodeName.EXECUTOR), c.certs.of(NodeName.SIGNER), c.certs.admin())) {
            assertThatThrownBy(() -> Calls.unary(GrpcClients.create(c.vertx, other), c.risk, RiskGrpcClient.Submit, intent,
                    5000).await(10, TimeUnit.SECONDS)).as(other.cert().toString()).hasMessageContaining("PERMISSION_DENIED")
                    .hasMessageContaining("strategy");
        }
        assertThatThrownBy(() -> Calls.unary(GrpcClients.create(c.vertx, foreignStrategyCertificate()), c.risk,
                RiskGrpcClient.Submit, intent, 5000).await(10, TimeUnit.SECONDS)).as("a strategy certificate of another CA")
                .isNotNull();
        assertThat(c.fact("approved") + c.fact("denied")).as("nothing decided for any of them").isEqualTo(decidedBefore);
        assertThat(c.sql("SELECT count(*) FROM risk.decisions WHERE client_order_id = 'intruder-1'")).isZero();
        RiskDecision own = c.submit(intent);
        assertThat(own.getReason()).as("the id was not claimed by the refused callers").isNotEqualTo(DenyReason.ID_IN_USE);
        assertThat(c.fact("approved") + c.fact("denied")).isEqualTo(decidedBefore + 1);
    }

    /** A client that presents no certificate (it trusts the deployment's CA). */
    static io.vertx.grpc.client.GrpcClient anonymous() {
        var http = new io.vertx.core.http.HttpClientOptions().setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2)
                .setSsl(true).setUseAlpn(true).setTrustOptions(c.certs.admin().trustOptions());
        return io.vertx.grpc.client.GrpcClient.client(c.vertx, http);
    }

    /** A certificate naming the strategy node, issued by a CA this deployment does not trust. */
    static TlsFiles foreignStrategyCertificate() throws Exception {
        CertificateAuthority rogue = CertificateAuthority.create("Rogue CA", Duration.ofDays(1));
        CertificateAuthority.Issued issued = rogue.issue(NodeName.STRATEGY, List.of(), Duration.ofDays(1));
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rogue");
        java.nio.file.Files.writeString(dir.resolve("strategy.pem"), issued.certificatePem());
        CertificateAuthority.writeSecret(dir.resolve("strategy-key.pem"), issued.privateKeyPem());
        return new TlsFiles(c.certs.of(NodeName.STRATEGY).ca(), dir.resolve("strategy.pem"), dir.resolve("strategy-key.pem"));
    }

    @Test
    void submit_fromAStrategyTheDeploymentDoesNotRun_isDeniedUnknownStrategy_namingIt_andNothingIsSent() throws Exception {
        RiskDecision d = c.entry("invented_strategy", "SOL", 100);
        assertThat(d.getVerdict()).isEqualTo(Verdict.DENIED);
        assertThat(d.getReason()).isEqualTo(DenyReason.UNKNOWN_STRATEGY);
        assertThat(d.getDetail()).contains("'invented_strategy'").contains("s1");
        RiskDecision exit = c.submit(OrderIntent.newBuilder().setClientOrderId("unknown-exit").setStrategy("invented_strategy")
                .setSymbol("SOL").setSide(Side.SELL).setPurpose(OrderPurpose.EXIT).setDecisionPriceE8(1).build());
        assertThat(exit.getReason()).as("exits of an unknown strategy too").isEqualTo(DenyReason.UNKNOWN_STRATEGY);
        await("both on record", Duration.ofSeconds(10), () -> c.sql("SELECT count(*) FROM risk.decisions WHERE "
                + "reason = 'UNKNOWN_STRATEGY' AND client_order_id IN ('" + d.getClientOrderId() + "', 'unknown-exit')") == 2);
        assertThat(c.sql("SELECT count(*) FROM risk.fills WHERE strategy = 'invented_strategy'")).isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"newline", "nul", "too-long", "upper-case"})
    void submit_strategyNameWithControlCharactersOrTooLong_isInvalidArgument_beforeAnythingIsDecided(String kind)
            throws Exception {
        String name = switch (kind) {
            case "newline" -> "s1\nERROR forged line";
            case "nul" -> "s1\u0000";
            case "too-long" -> "s".repeat(200_000);
            default -> "S1";
        };
        long decidedBefore = c.fact("approved") + c.fact("denied");
        OrderIntent intent = OrderIntent.newBuilder().setClientOrderId("bad-name-" + kind).setStrategy(name).setSymbol("SOL")
                .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setNotionalE8(100 * 100_000_000L)
                .setDecisionPriceE8(150 * 100_000_000L).build();
        assertThatThrownBy(() -> c.submit(intent)).isInstanceOfSatisfying(Calls.CallFailed.class,
                e -> assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT)).hasMessageContaining("strategy must be")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000).doesNotContain("forged"));
        assertThat(c.fact("approved") + c.fact("denied")).isEqualTo(decidedBefore);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "decision_price_e8 = {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void submit_withDecisionPriceZeroOrNegative_isInvalidArgument_entryOrExit(long price) throws Exception {
        for (OrderPurpose purpose : List.of(OrderPurpose.ENTRY, OrderPurpose.EXIT)) {
            boolean entry = purpose == OrderPurpose.ENTRY;
            OrderIntent intent = OrderIntent.newBuilder().setClientOrderId("no-price-" + purpose + "-" + price)
                    .setStrategy("s1").setSymbol("SOL").setSide(entry ? Side.BUY : Side.SELL).setPurpose(purpose)
                    .setNotionalE8(entry ? 100 * 100_000_000L : 0).setDecisionPriceE8(price).build();
            assertThatThrownBy(() -> c.submit(intent)).isInstanceOfSatisfying(Calls.CallFailed.class,
                    e -> assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT))
                    .hasMessageContaining("decision_price_e8 must be > 0");
        }
    }
}
