package memesnipe.strategy.node;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.testing.LogCapture;
import memesnipe.kit.testing.ReflectionProbe;
import memesnipe.kit.testing.TestCerts;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategyVerticleTest {
    static Vertx vertx;
    static TestCerts certs;
    static GrpcClient probeClient;
    final AtomicLong eventTime = new AtomicLong(1_700_000_000_000L);
    final List<String> deployments = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        certs = TestCerts.create();
    }

    /**
     * A fresh client per test: a node of an earlier test may have listened on the same (reused) port, and a shared
     * client's connection pool for that address can still be closing ("Pool closed").
     */
    @org.junit.jupiter.api.BeforeEach
    void newProbeClient() {
        probeClient = GrpcClients.create(vertx, certs.of(NodeName.GATEWAY));
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void undeployAll() throws Exception {
        probeClient.close().await(10, TimeUnit.SECONDS);
        for (String id : deployments) {
            vertx.undeploy(id).await(10, TimeUnit.SECONDS);
        }
    }

    private TestGateway startGateway(int port) throws Exception {
        TestGateway gateway = new TestGateway(certs, port, eventTime);
        deployments.add(vertx.deployVerticle(gateway).await(10, TimeUnit.SECONDS));
        return gateway;
    }

    private StrategyVerticle startStrategy(int gatewayPort, int riskPort, String... extra) throws Exception {
        Settings s = Settings.empty().with("host", "127.0.0.1").with("grpc-port", "0")
                .with("certs-dir", certs.dir().toString())
                .with("gateway", "127.0.0.1:" + gatewayPort).with("risk", "127.0.0.1:" + riskPort);
        for (int i = 0; i < extra.length; i += 2) {
            s = s.with(extra[i], extra[i + 1]);
        }
        StrategyVerticle node = new StrategyVerticle(StrategyConfig.from(s), Clock.system());
        deployments.add(0, vertx.deployVerticle(node).await(10, TimeUnit.SECONDS));
        return node;
    }

    private static NodeStatus status(StrategyVerticle node) throws Exception {
        return new PeerProbe(probeClient).status(new HostPort("127.0.0.1", node.grpcPort()), 2000)
                .await(5, TimeUnit.SECONDS);
    }

    private static long fact(StrategyVerticle node, String key) throws Exception {
        return Long.parseLong(status(node).getFactsOrThrow(key));
    }

    private static void eventually(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static BooleanSupplier check(ThrowingSupplier condition) {
        return () -> {
            try {
                return condition.get();
            } catch (Exception e) {
                return false;
            }
        };
    }

    interface ThrowingSupplier {
        boolean get() throws Exception;
    }

    @Test
    void node_withGatewayAndRisk_submitsIntentsThatReachRisk_andServesHealthReflectionAndStatus() throws Exception {
        TestRisk risk = new TestRisk(false, 0).start(vertx, certs);
        TestGateway gateway = startGateway(0);
        StrategyVerticle node = startStrategy(gateway.port(), risk.port());

        eventually("a momentum entry and exit at risk", () -> !risk.received("momentum_5m", OrderPurpose.EXIT).isEmpty());
        OrderIntent entry = risk.received("momentum_5m", OrderPurpose.ENTRY).get(0);
        assertThat(entry.getSide()).isEqualTo(Side.BUY);
        assertThat(entry.getNotionalE8()).isEqualTo(200_00000000L);
        assertThat(entry.getSymbol()).isEqualTo("SOL");
        assertThat(entry.getClientOrderId()).matches("momentum\\.5m-SOL-" + entry.getDecisionSeq() + "-[0-9a-v]{13}");
        OrderIntent exit = risk.received("momentum_5m", OrderPurpose.EXIT).get(0);
        assertThat(exit.getSide()).isEqualTo(Side.SELL);
        assertThat(exit.getNotionalE8()).isZero();

        HostPort address = new HostPort("127.0.0.1", node.grpcPort());
        assertThat(new PeerProbe(probeClient).serving(address, 2000).await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ReflectionProbe.listServices(probeClient, address).await(5, TimeUnit.SECONDS))
                .contains("memesnipe.v1.Node", "grpc.health.v1.Health");
        eventually("approvals counted", check(() -> fact(node, "approved") >= 2));
        Map<String, String> facts = status(node).getFactsMap();
        assertThat(facts).containsEntry("gatewayConnected", "true").containsEntry("denied", "0");
        assertThat(Long.parseLong(facts.get("ticks"))).isPositive();
        assertThat(Long.parseLong(facts.get("intentsSubmitted"))).isGreaterThanOrEqualTo(2);

        String metrics = memesnipe.kit.testing.HttpGet.body(vertx, new HttpClientOptions().setSsl(true)
                .setTrustOptions(certs.of(NodeName.STRATEGY).trustOptions()), node.grpcPort(), "localhost", "/metrics");
        assertThat(metrics).contains("memesnipe_strategy_ticks_total")
                .contains("memesnipe_strategy_intents_total{node=\"strategy\",purpose=\"ENTRY\",strategy=\"momentum_5m\"}")
                .contains("memesnipe_strategy_decisions_total{node=\"strategy\",verdict=\"APPROVED\"}");
    }

    @Test
    void gatewayRestart_onTheSamePort_strategyReconnectsAndTicksResume() throws Exception {
        TestRisk risk = new TestRisk(false, 0).start(vertx, certs);
        TestGateway gateway = startGateway(0);
        int port = gateway.port();
        StrategyVerticle node = startStrategy(port, risk.port());
        eventually("ticks flowing", check(() -> fact(node, "ticks") > 10));

        vertx.undeploy(deployments.remove(deployments.size() - 1)).await(10, TimeUnit.SECONDS);
        eventually("gateway seen as lost", check(() -> status(node).getFactsOrThrow("gatewayConnected").equals("false")));
        long ticksWhileDown = fact(node, "ticks");

        startGateway(port);
        eventually("reconnected", check(() -> status(node).getFactsOrThrow("gatewayConnected").equals("true")));
        eventually("ticks resumed", check(() -> fact(node, "ticks") > ticksWhileDown + 10));
        assertThat(fact(node, "gatewayReconnects")).isPositive();
    }

    @Test
    void exitNotAnswered_isRetriedWithTheSameClientOrderIdUntilRiskAnswers() throws Exception {
        TestRisk risk = new TestRisk(false, 2).start(vertx, certs);
        TestGateway gateway = startGateway(0);
        StrategyVerticle node = startStrategy(gateway.port(), risk.port());

        eventually("an exit answered on its third attempt", () -> {
            List<OrderIntent> exits = risk.received("momentum_5m", OrderPurpose.EXIT);
            return !exits.isEmpty() && exits.stream().filter(e -> e.equals(exits.get(0))).count() >= 3;
        });
        eventually("approval counted", check(() -> fact(node, "approved") >= 2));
        assertThat(fact(node, "errors")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void riskUnreachable_entriesAreDroppedAndStrategiesReArm() throws Exception {
        TestGateway gateway = startGateway(0);
        StrategyVerticle node = startStrategy(gateway.port(), 1);

        // A strategy only re-enters after re-arming, so several dropped entries show it re-armed each time.
        eventually("several entries dropped", check(() -> fact(node, "entriesDropped") >= 3));
        assertThat(fact(node, "approved")).isZero();
        // each entry is asked up to 3 times before it is dropped, so at most one per (strategy, symbol) waits
        assertThat(fact(node, "inFlight")).isLessThanOrEqualTo(10);
    }

    @Test
    void entryDenied_strategyReArmsAndEntersAgainWithoutAnExit() throws Exception {
        TestRisk risk = new TestRisk(true, 0).start(vertx, certs);
        TestGateway gateway = startGateway(0);
        StrategyVerticle node = startStrategy(gateway.port(), risk.port(), "strategies", "momentum_5m");

        eventually("three denied entries", () -> risk.received("momentum_5m", OrderPurpose.ENTRY).size() >= 3);
        assertThat(risk.received("momentum_5m", OrderPurpose.EXIT)).isEmpty();
        assertThat(fact(node, "denied")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void entryDeniedWithAForgedDetail_theDetailIsLoggedEscapedAndCut_onOneLine() throws Exception {
        TestRisk risk = new TestRisk(true, 0);
        risk.denyDetail = "x\n12:00:00.000 ERROR [main] m.s.n.StrategyVerticle - FORGED LINE\u2028\r" + "y".repeat(100_000);
        risk.start(vertx, certs);
        try (LogCapture logs = LogCapture.start()) {
            TestGateway gateway = startGateway(0);
            startStrategy(gateway.port(), risk.port(), "strategies", "momentum_5m");
            eventually("a denial logged", () -> logs.text().contains("FORGED LINE"));
            assertThat(logs.forgedLines()).isEmpty();
            assertThat(logs.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(2_000));
        }
    }

    @Test
    void riskNotAnswering_beyondMaxInFlight_newEntriesAreSkipped() throws Exception {
        TestRisk risk = new TestRisk(false, 0);
        risk.neverAnswer = true;
        risk.start(vertx, certs);
        TestGateway gateway = startGateway(0);
        StrategyVerticle node = startStrategy(gateway.port(), risk.port(), "max-in-flight", "1");

        eventually("an entry skipped", check(() -> fact(node, "entriesSkipped") >= 1));
        assertThat(fact(node, "approved")).isZero();
    }

    @Test
    void start_onAPortInUse_failsWithAClearMessage() throws Exception {
        TestGateway gateway = startGateway(0);
        Settings s = Settings.empty().with("host", "127.0.0.1").with("grpc-port", String.valueOf(gateway.port()))
                .with("certs-dir", certs.dir().toString());
        StrategyVerticle node = new StrategyVerticle(StrategyConfig.from(s), Clock.system());
        assertThatThrownBy(() -> vertx.deployVerticle(node).await(10, TimeUnit.SECONDS))
                .hasMessageContaining("port already in use");
    }
}
