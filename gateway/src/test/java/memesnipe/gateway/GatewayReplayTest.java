package memesnipe.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real gateway on port 0 replaying a small trades file to a subscriber over gRPC + TLS. */
class GatewayReplayTest {
    static Vertx vertx;
    static TestCerts certs;
    static final List<String> STREAMS = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        certs = TestCerts.create();
    }

    @AfterAll
    static void stop() throws Exception {
        for (String id : vertx.deploymentIDs()) {
            vertx.undeploy(id).await(20, TimeUnit.SECONDS);
        }
        io.vertx.redis.client.Redis redis = io.vertx.redis.client.Redis.createClient(vertx, TestDatabase.redis().options());
        for (String stream : STREAMS) {
            redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(stream))
                    .await(5, TimeUnit.SECONDS);
        }
        redis.close();
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    static Settings settings(Path file) {
        String stream = "test:gateway-replay:" + java.util.UUID.randomUUID();
        STREAMS.add(stream);
        return Settings.empty().with("certs-dir", certs.dir().toString())
                .with("host", "127.0.0.1").with("grpc-port", "0").with("http-host", "127.0.0.1").with("http-port", "0")
                .with("strategy", "127.0.0.1:1").with("risk", "127.0.0.1:2").with("executor", "127.0.0.1:3")
                .with("redis-url", TestDatabase.redis().url()).with("journal-stream", stream)
                .with("feed-rate", "1000").with("replay-file", file.toString());
    }

    @Test
    void replayOfASmallTradesFile_streamsExactlyItsPrices_andCountsItsBadRow() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,price,amount\n");
        List<String> prices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String price = new BigDecimal("800.01").add(new BigDecimal("0.37").multiply(BigDecimal.valueOf(i)))
                    .toPlainString();
            prices.add(price);
            csv.append(1_385_337_600 + i).append(',').append(price).append(',').append("0.").append(i + 1).append('\n');
            if (i == 9) {
                csv.append(1_385_337_609).append(",n/a,1\n"); // line 12
            }
        }
        Path file = Files.writeString(dir.resolve("trades.csv"), csv);
        // 20 s of trades at speed 100: 0.2 s, after the subscriber below connects
        GatewayVerticle gateway = new GatewayVerticle(GatewayConfig.from(settings(file).with("replay-speed", "100")
                .with("replay-symbol", "XBT")), Clock.system());
        vertx.deployVerticle(gateway).await(10, TimeUnit.SECONDS);
        HostPort address = new HostPort("127.0.0.1", gateway.grpcPort());
        var client = GrpcClients.create(vertx, certs.of(NodeName.STRATEGY));
        // the replay waits for its subscriber (replay-wait-subscribers 1): had it begun at once, the first events
        // would be gone before the subscription below, and fewer than 20 would arrive
        assertThat(facts(client, address)).containsEntry("replay.begun", "false").containsEntry("replay.emitted", "0");

        GatewayVerticleTest.Collector got = new GatewayVerticleTest.Collector();
        var stream = memesnipe.kit.grpc.Calls.serverStream(client, address, memesnipe.v1.MarketDataGrpcClient.Subscribe,
                memesnipe.v1.SubscribeRequest.newBuilder().setSubscriber("replay-test").build()).await(5, TimeUnit.SECONDS);
        stream.handler(got::add);
        stream.resume();
        GatewayVerticleTest.await("20 replayed events", () -> got.size() >= 20);
        await("replay done", () -> "true".equals(fact(client, address, "replay.done")));

        List<MarketEvent> events = got.from(0);
        assertThat(events).hasSize(20);
        assertThat(events).extracting(MarketEvent::getSymbol).containsOnly("XBT");
        assertThat(events).extracting(e -> BigDecimal.valueOf(e.getPriceE8(), 8).stripTrailingZeros().toPlainString())
                .containsExactlyElementsOf(prices.stream().map(p -> new BigDecimal(p).stripTrailingZeros()
                        .toPlainString()).toList());
        assertThat(events.get(0).getVolumeE8()).isEqualTo(10_000_000L);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getSeq()).isEqualTo(events.get(i - 1).getSeq() + 1);
            // re-timed: 1 s of data is 10 ms of gateway time
            assertThat(events.get(i).getEventTimeMs() - events.get(i - 1).getEventTimeMs()).isBetween(0L, 260L);
        }
        Map<String, String> facts = facts(client, address);
        assertThat(facts).containsEntry("replay.events", "20").containsEntry("replay.emitted", "20")
                .containsEntry("replay.rowsRejected", "1").containsEntry("replay.rowsRejected.BAD_PRICE", "1")
                .containsEntry("replay.format", "trades-csv").containsEntry("eventsRejected", "0");
        assertThat(facts).containsEntry("replay.file", file.toString());
        io.vertx.core.json.JsonObject status = new io.vertx.core.json.JsonObject(
                memesnipe.kit.testing.HttpGet.body(vertx, gateway.httpPort(), "/api/v1/status"));
        assertThat(status.getJsonObject("replay").getMap()).containsEntry("events", 20).containsEntry("emitted", 20)
                .containsEntry("done", true).containsEntry("rowsRejected", 1);
        String metrics = memesnipe.kit.testing.HttpGet.body(vertx, gateway.httpPort(), "/metrics");
        assertThat(metrics).containsPattern(
                "memesnipe_gateway_replay_rows_rejected_total\\{[^}]*reason=\"BAD_PRICE\"[^}]*} 1\\.0")
                .containsPattern("memesnipe_gateway_replay_rows_rejected_total\\{[^}]*reason=\"UNSORTED\"[^}]*} 0\\.0")
                .containsPattern("memesnipe_gateway_replay_events_emitted_total\\{[^}]*} 20\\.0");
    }

    @Test
    void replayOfAJsonLinesFile_streamsTicksAndSignalsInOneSequence_retimed_withPerpMarksInTheSymbolsLot()
            throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = 1_700_000_000_000L + i * 1_000L;
            lines.add("{\"kind\":\"trade\",\"symbol\":\"PEPE\",\"time\":" + t + ",\"price\":\"0.00000" + (120 + i)
                    + "\",\"amount\":\"1000000\"}");
            if (i == 3) {
                lines.add("{\"kind\":\"perp_funding\",\"symbol\":\"PEPE\",\"time\":" + (t + 500)
                        + ",\"mark\":\"0.000001245\",\"funding_rate\":\"0.0001\",\"next_funding_time\":"
                        + (t + 3_600_000) + ",\"funding_interval_ms\":28800000}");
            }
            if (i == 6) {
                lines.add("{\"kind\":\"token_event\",\"symbol\":\"PEPE\",\"time\":" + (t + 500)
                        + ",\"event\":\"airdrop_announced\",\"snapshot_time\":" + (t + 86_400_000)
                        + ",\"claim_time\":" + (t + 172_800_000) + "}");
            }
        }
        Path file = Files.write(dir.resolve("recorded.jsonl"), lines);
        GatewayVerticle gateway = new GatewayVerticle(GatewayConfig.from(settings(file).with("replay-speed", "100")
                .with("lot-exponents", "PEPE=6")), Clock.system());
        vertx.deployVerticle(gateway).await(30, TimeUnit.SECONDS);
        HostPort address = new HostPort("127.0.0.1", gateway.grpcPort());
        var client = GrpcClients.create(vertx, certs.of(NodeName.STRATEGY));
        GatewayVerticleTest.Collector got = new GatewayVerticleTest.Collector();
        var stream = memesnipe.kit.grpc.Calls.serverStream(client, address, memesnipe.v1.MarketDataGrpcClient.Subscribe,
                memesnipe.v1.SubscribeRequest.newBuilder().setSubscriber("replay-test").setIncludeSignals(true).build())
                .await(30, TimeUnit.SECONDS); // the first TLS call; a loaded machine may take seconds
        stream.handler(got::add);
        stream.resume();
        GatewayVerticleTest.await("12 replayed events", () -> got.size() >= 12);

        List<MarketEvent> events = got.from(0);
        assertThat(events).extracting(MarketEvent::getSignalCase).containsExactly(
                MarketEvent.SignalCase.SIGNAL_NOT_SET, MarketEvent.SignalCase.SIGNAL_NOT_SET,
                MarketEvent.SignalCase.SIGNAL_NOT_SET, MarketEvent.SignalCase.SIGNAL_NOT_SET,
                MarketEvent.SignalCase.PERP_FUNDING, MarketEvent.SignalCase.SIGNAL_NOT_SET,
                MarketEvent.SignalCase.SIGNAL_NOT_SET, MarketEvent.SignalCase.SIGNAL_NOT_SET,
                MarketEvent.SignalCase.TOKEN_EVENT, MarketEvent.SignalCase.SIGNAL_NOT_SET,
                MarketEvent.SignalCase.SIGNAL_NOT_SET, MarketEvent.SignalCase.SIGNAL_NOT_SET);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getSeq()).isEqualTo(events.get(i - 1).getSeq() + 1);
        }
        assertThat(events.get(0).getPriceE8()).isEqualTo(120_000_000L); // 1.20 USD per lot of 10^6 PEPE
        MarketEvent perp = events.get(4);
        assertThat(perp.getLotExponent()).isEqualTo(6);
        assertThat(perp.getPerpFunding().getPerpMarkE8()).isEqualTo(124_500_000L);
        // re-timed to the gateway's clock with its schedule as recorded: the next funding 3,599.5 s after the event
        assertThat(perp.getEventTimeMs()).isGreaterThan(1_700_000_000_000L + 86_400_000L);
        assertThat(perp.getPerpFunding().getNextFundingTimeMs() - perp.getEventTimeMs()).isEqualTo(3_599_500L);
        MarketEvent airdrop = events.get(8);
        assertThat(airdrop.getTokenEvent().getSnapshotTimeMs() - airdrop.getEventTimeMs()).isEqualTo(86_399_500L);
        assertThat(airdrop.getTokenEvent().getClaimTimeMs() - airdrop.getEventTimeMs()).isEqualTo(172_799_500L);
        await("replay done", () -> "true".equals(fact(client, address, "replay.done")));
        assertThat(facts(client, address)).containsEntry("replay.events", "12").containsEntry("replay.format", "jsonl")
                .containsEntry("replay.rowsRejected", "0").containsEntry("eventsRejected", "0");
    }

    @Test
    void aFileThatCannotBeReplayed_stopsTheGatewayFromStarting_withItsOneLineMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), "timestamp,price,amount\n1,x,1\n2,y,1\n3,3,1\n");
        GatewayVerticle gateway = new GatewayVerticle(GatewayConfig.from(settings(file)), Clock.system());
        assertThatThrownBy(() -> vertx.deployVerticle(gateway).await(10, TimeUnit.SECONDS))
                .hasMessage("replay file '" + file + "': 2 of 3 rows rejected, more than 50 %: BAD_PRICE=2 (first: "
                        + "line 2 BAD_PRICE: price 'x' is not a number; line 3 BAD_PRICE: price 'y' is not a number)");
    }

    static Map<String, String> facts(io.vertx.grpc.client.GrpcClient client, HostPort address) throws Exception {
        return new PeerProbe(client).status(address, 2000).await(5, TimeUnit.SECONDS).getFactsMap();
    }

    static String fact(io.vertx.grpc.client.GrpcClient client, HostPort address, String name) {
        try {
            return facts(client, address).get(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        GatewayVerticleTest.await(what, condition);
    }
}
