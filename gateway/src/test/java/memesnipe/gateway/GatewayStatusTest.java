package memesnipe.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.testing.TestCerts;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The status API against fake risk and executor nodes (real NodeServers over TLS) that come and go. */
class GatewayStatusTest {
    final Vertx vertx = Vertx.vertx();
    final TestCerts certs = TestCerts.create();

    final String stream = "test:gateway-status:" + java.util.UUID.randomUUID();

    @AfterEach
    void stop() throws Exception {
        io.vertx.redis.client.Redis redis = io.vertx.redis.client.Redis.createClient(vertx,
                memesnipe.kit.testing.TestDatabase.redis().options());
        redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(stream))
                .await(5, TimeUnit.SECONDS);
        redis.close();
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    private NodeServer fakeNode(NodeName name, Map<String, String> facts, boolean signerServing) throws Exception {
        return NodeServer.builder(vertx, name).listen("127.0.0.1", 0).tls(certs.of(name))
                .metrics(NodeMetrics.create(name.id()))
                .status(() -> Statuses.of(name.id(), 1, facts)
                        .addPeers(Statuses.peer("signer", "127.0.0.1:7005", signerServing)).build())
                .build().start().await(10, TimeUnit.SECONDS);
    }

    private JsonObject awaitStatus(int httpPort, Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonObject status = new JsonObject(memesnipe.kit.testing.HttpGet.body(vertx, httpPort, "/api/v1/status"));
            if (condition.test(status)) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("status never matched: " + status.encodePrettily());
            }
            Thread.sleep(50);
        }
    }

    private static boolean serving(JsonObject status, int index) {
        return status.getJsonArray("nodes").getJsonObject(index).getBoolean("serving");
    }

    @Test
    void status_withLiveRiskAndExecutor_showsBreakerPortfolioAndSigner_thenNotServingSoonAfterTheyDie()
            throws Exception {
        NodeServer risk = fakeNode(NodeName.RISK, Map.of("equity", "10012.50", "drawdownPct", "0.40",
                "dailyLossPct", "0.10", "fills", "7", "openPositions", "2", "tier", "NORMAL", "tierReason", "ok",
                "tierSinceMs", "1700000000000", "sizeMultiplierPct", "100", "suspendedStrategies", ""), false);
        NodeServer executor = fakeNode(NodeName.EXECUTOR, Map.of("ledger.reachable", "false",
                "ledger.lastWriteMs", "1700000000000", "ledger.lagMs", "4200", "ledger.pendingWrites", "5",
                "ledger.writeFailures", "3", "ledger.lastError", "Connection refused", "reconciling", "2"), true);
        Settings s = Settings.empty().with("certs-dir", certs.dir().toString()).with("host", "127.0.0.1")
                .with("grpc-port", "0").with("http-host", "127.0.0.1").with("http-port", "0").with("feed-rate", "0")
                .with("strategy", "127.0.0.1:1")
                .with("risk", "127.0.0.1:" + risk.actualPort())
                .with("executor", "127.0.0.1:" + executor.actualPort())
                .with("redis-url", memesnipe.kit.testing.TestDatabase.redis().url()).with("journal-stream", stream);
        GatewayVerticle gateway = new GatewayVerticle(GatewayConfig.from(s), Clock.system());
        vertx.deployVerticle(gateway).await(10, TimeUnit.SECONDS);

        JsonObject up = awaitStatus(gateway.httpPort(), st -> serving(st, 0) && serving(st, 2) && serving(st, 3));
        assertThat(serving(up, 1)).as("strategy is absent").isFalse();
        assertThat(up.getJsonArray("nodes").getJsonObject(4).getMap())
                .containsEntry("name", "signer").containsEntry("address", "127.0.0.1:7005")
                .containsEntry("serving", true).containsEntry("via", "executor");
        assertThat(up.getJsonObject("breaker").getString("tier")).isEqualTo("NORMAL");
        assertThat(up.getJsonObject("portfolio").getString("equity")).isEqualTo("10012.50");
        assertThat(up.getJsonObject("portfolio").getValue("fills")).isEqualTo(7);
        assertThat(up.getJsonObject("portfolio").getValue("openPositions")).isEqualTo(2);
        JsonObject ledger = up.getJsonObject("ledger");
        assertThat(ledger.getJsonObject("risk").getBoolean("reported")).as("this risk node has no ledger facts").isFalse();
        assertThat(ledger.getJsonObject("executor").getMap()).containsEntry("reported", true)
                .containsEntry("reachable", false).containsEntry("lagMs", 4200).containsEntry("pendingWrites", 5)
                .containsEntry("writeFailures", 3).containsEntry("lastError", "Connection refused");
        assertThat(ledger.getValue("reconciling")).isEqualTo(2);
        JsonObject journal = up.getJsonObject("journal");
        assertThat(journal.getString("stream")).isEqualTo(stream);
        assertThat(journal.fieldNames()).contains("up", "length", "inFlight", "appended", "dropped", "failures", "lagMs");

        risk.close().await(5, TimeUnit.SECONDS);
        executor.close().await(5, TimeUnit.SECONDS);
        // Polled every second with an 800 ms timeout, so this happens within about 2 s (deadline 10 s).
        JsonObject down = awaitStatus(gateway.httpPort(), st -> !serving(st, 2) && !serving(st, 3) && !serving(st, 4));
        assertThat(serving(down, 0)).isTrue();
        assertThat(down.getJsonObject("breaker").getString("tier")).isEqualTo("UNKNOWN");
        assertThat(down.getJsonObject("portfolio").getValue("equity")).isNull();
        assertThat(down.getJsonObject("ledger").getJsonObject("executor").getBoolean("reported")).isFalse();
        assertThat(down.getJsonObject("ledger").getValue("reconciling")).isNull();
    }
}
