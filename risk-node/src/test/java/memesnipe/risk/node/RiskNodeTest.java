package memesnipe.risk.node;

import io.vertx.grpc.common.GrpcStatus;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.testing.ReflectionProbe;
import memesnipe.v1.BreakerEvent;
import memesnipe.v1.BreakerTier;
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
        assertThat(Calls.unary(anonymous, c.risk, RiskGrpcClient.GetBreaker,
                memesnipe.v1.GetBreakerRequest.getDefaultInstance(), 5000).await(10, TimeUnit.SECONDS).getTier())
                .as("reading the breaker needs no certificate").isEqualTo(BreakerTier.NORMAL);
    }
}
