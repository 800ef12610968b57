package memesnipe.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.run.Backtest;
import memesnipe.executor.ExecutorConfig;
import memesnipe.gateway.GatewayConfig;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.replay.ReplayEvent;
import memesnipe.gateway.replay.ReplayFiles;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.kit.testing.Await;
import memesnipe.kit.testing.HttpGet;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.model.FillEvent;
import memesnipe.model.money.Fixed;
import memesnipe.model.time.Clock;
import memesnipe.risk.RiskConfig;
import memesnipe.strategy.core.Strategies;
import memesnipe.strategy.node.StrategyConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One kernel for live and backtest: a recorded stream replayed through the five nodes (each its own gRPC+TLS server,
 * with the real ledger and journal) and the same stream through the backtest give the same fills and the same
 * final portfolio. The stream is the gateway's own recording of the replay (its tick journal, exported as a user
 * does with `memesnipe journal export`), so both see the very same events with the very same times. It is long enough
 * to trade both default strategies and to move the breaker (its WARNING drawdown is set to 0.01 % for the run).
 *
 * <p>Both sides fill an order at the price of the gateway event it was decided on (the executor's paper venue finds
 * that event among its own recent marks by the order's decision seq), so how long the order took through risk, the
 * signer and the ledgers does not change its price. What must still hold is that each fill is back at risk and at
 * the strategies before the next event arrives (the kernel has no latency): hence events 500 ms apart.
 */
class ParityTest {
    static final String SYMBOL = "SOL";
    /** Events 500 ms apart: each fill is back at risk and the strategies before the next event. */
    static final long STEP_MS = 500;

    @Test
    void recordedStream_throughTheFiveNodesAndThroughTheBacktest_givesTheSameFillsAndFinalPortfolio() throws Exception {
        Path dir = Files.createTempDirectory("parity");
        Path certs = dir.resolve("certs");
        CertificateAuthority.writeDeployment(certs, List.of(), Duration.ofDays(1));
        Path stream = dir.resolve("stream.csv");
        Files.writeString(stream, pricePath());
        String journal = "parity:" + java.util.UUID.randomUUID();

        Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
        extra.put(NodeName.GATEWAY, Map.of(GatewayConfig.REPLAY_FILE_KEY, stream.toString(),
                GatewayConfig.REPLAY_SPEED_KEY, "1", GatewayConfig.REPLAY_SYMBOL_KEY, SYMBOL,
                GatewayConfig.REPLAY_WAIT_SUBSCRIBERS_KEY, String.valueOf(NodeName.values().length - 1),
                "journal-stream", journal));
        // 500 USD orders on a 50,000 USD book: never resized by equity (2 % is 1,000 USD), so a decision does not
        // hinge on which mark risk holds at that instant, and each exit is one order (below the 900 USD maximum);
        // a 0.01 % drawdown (5 USD) moves the breaker
        extra.put(NodeName.STRATEGY, Map.of("order-notional", "500"));
        extra.put(NodeName.RISK, Map.of("warn-drawdown-pct", "0.01", "cooldown-ms", "3600000"));
        long capital = 50_000 * Fixed.ONE;

        Vertx vertx = Cluster.newVertx();
        try (TestDatabase db = TestDatabase.create()) {
            Cluster.Layout layout = new Cluster.Layout(certs, dir, freeBase(), freePort(), db.url(),
                    TestDatabase.redis().url());
            memesnipe.risk.ledger.Deployments.init(vertx, db.settings(), capital, true, "parity",
                    System.currentTimeMillis()).await(60, TimeUnit.SECONDS);
            Cluster cluster = Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);

            Await.until("the replay has played every event", Duration.ofSeconds(150), () -> {
                JsonObject replay = status(vertx, cluster).getJsonObject("replay");
                return replay != null && replay.getBoolean("done", false);
            });
            // (a replay that fell behind shifts the later events' times: the recording below carries the shifted ones)

            // the recording, as a user exports it, and the backtest on it with the deployment's own settings
            Path recorded = dir.resolve("recorded.csv");
            long written;
            try (var lines = Files.lines(stream)) {
                written = lines.count() - 1;
            }
            Await.until("the journal holds every event (it is written asynchronously)", Duration.ofSeconds(20), () ->
                    new CommandLine(new Main()).execute("journal", "export", "--redis-url", TestDatabase.redis().url(),
                            "--stream", journal, "--out", recorded.toString()) == 0
                            && ReplayFiles.load(recorded, ReplayFormat.JOURNAL_CSV, null).events().size() == written);
            List<ReplayEvent> events = ReplayFiles.load(recorded, ReplayFormat.JOURNAL_CSV, null).events();
            KernelSettings settings = KernelSettings.of(
                    GatewayConfig.from(Cluster.settingsFor(NodeName.GATEWAY, layout, extra.get(NodeName.GATEWAY))),
                    StrategyConfig.from(Cluster.settingsFor(NodeName.STRATEGY, layout, extra.get(NodeName.STRATEGY))),
                    RiskConfig.from(Cluster.settingsFor(NodeName.RISK, layout,
                            Cluster.withStrategiesOf(Map.of(), extra.get(NodeName.RISK)))),
                    ExecutorConfig.from(Cluster.settingsFor(NodeName.EXECUTOR, layout, Map.of())), capital, "recorded");
            List<RawTick> ticks = events.stream().map(e -> new RawTick(e.symbol(), e.priceDouble(), e.volumeDouble(),
                    e.liquidityUsd().doubleValue(), e.eventTimeMs())).toList();
            Backtest.Result backtest = Backtest.run(settings, Arrival.asRecorded(ticks), Long.MIN_VALUE, Long.MAX_VALUE,
                    n -> { });
            List<String> replayed = backtest.fills().stream().map(ParityTest::row).toList();

            // the live side settles: its last orders were sent at most a few hops after the last event
            try {
                Await.until("the live side has every fill the backtest made, and risk has applied them",
                        Duration.ofSeconds(30), () -> executorFills(db).size() >= replayed.size()
                                && status(vertx, cluster).getJsonObject("portfolio").getLong("fills")
                                == executorFills(db).size());
            } catch (AssertionError notSettled) {
                // fewer live fills: the comparison below shows which ones differ
            }
            List<String> live = executorFills(db);
            JsonObject portfolio = status(vertx, cluster).getJsonObject("portfolio");

            // the run is worth comparing: both strategies traded and the breaker moved
            assertThat(backtest.fills()).extracting(FillEvent::strategy).containsAll(Strategies.NAMES);
            assertThat(backtest.breaker()).as("breaker transitions").isNotEmpty();
            assertThat(live).as("fills: live (executor ledger) against the backtest").isEqualTo(replayed);
            System.out.printf("parity: %d events, %d fills alike, %d breaker transition(s) in the backtest, final equity %s%n",
                    events.size(), live.size(), backtest.breaker().size(), portfolio.getString("equity"));

            assertThat(portfolio.getString("equity")).as("final equity, marked at the last price")
                    .isEqualTo(Fixed.format(backtest.finalEquityE8()));
            assertThat(portfolio.getLong("openPositions"))
                    .isEqualTo(backtest.finalPositions().values().stream().filter(q -> q != 0).count());
            assertThat(status(vertx, cluster).getJsonObject("breaker").getString("tier")).as("live breaker")
                    .isNotEqualTo("NORMAL");
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A fill as both sides can state it: the client order id without its keyed token (strategy orders:
     * strategy-symbol-seq, the token being a MAC under each strategy process's own secret; risk's exits: the exit
     * counter and symbol after the risk process's own prefix), then side, quantity and price.
     */
    static String row(FillEvent f) {
        return row(f.clientOrderId(), f.side().name(), f.qtyE8(), f.priceE8());
    }

    static String row(String clientOrderId, String side, long qtyE8, long priceE8) {
        String id = clientOrderId;
        if (id.startsWith("rx") || id.startsWith("risk")) {
            id = "exit" + id.substring(id.indexOf('-'));
        } else {
            id = id.substring(0, id.lastIndexOf('-'));
        }
        return id + " " + side + " " + Fixed.format(qtyE8) + " @ " + Fixed.format(priceE8);
    }

    static List<String> executorFills(TestDatabase db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
             ResultSet r = c.createStatement().executeQuery(
                     "SELECT client_order_id, side, qty_e8, price_e8 FROM executor.fills ORDER BY seq")) {
            while (r.next()) {
                out.add(row(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
            }
        }
        return out;
    }

    static JsonObject status(Vertx vertx, Cluster cluster) throws Exception {
        return new JsonObject(HttpGet.body(vertx, cluster.httpPort(), "/api/v1/status"));
    }

    /**
     * 75 s of SOL trades every 500 ms (timestamp in ms, price, amount): quiet, a rise (momentum enters), a sharp dip
     * (momentum leaves, mean reversion enters), a recovery (mean reversion leaves), another rise and a crash (stops
     * fire; the loss moves the breaker), then a recovery. Seeded noise: the same file every run.
     */
    static String pricePath() {
        double[][] legs = {{15, 100.0}, {10, 101.5}, {3, 100.3}, {10, 101.0}, {10, 102.5}, {4, 99.0}, {23, 100.5}};
        StringBuilder b = new StringBuilder("timestamp,price,amount\n");
        SplittableRandom rnd = new SplittableRandom(11);
        long t = 1_700_000_000_000L;
        double from = 100.0;
        for (double[] leg : legs) {
            int steps = (int) (leg[0] * 1000 / STEP_MS);
            for (int i = 1; i <= steps; i++) {
                double p = from + (leg[1] - from) * i / steps;
                double noisy = p * (1 + (rnd.nextDouble() - 0.5) * 0.0004);
                b.append(t).append(',').append(String.format(Locale.ROOT, "%.4f", noisy)).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", 5 + rnd.nextDouble() * 20)).append('\n');
                t += STEP_MS;
            }
            from = leg[1];
        }
        return b.toString();
    }

    static int freeBase() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + new SplittableRandom().nextInt(30_000);
            boolean free = true;
            for (int i = 0; i < NodeName.values().length && free; i++) {
                try (java.net.ServerSocket s = new java.net.ServerSocket(base + i)) {
                    s.setReuseAddress(true);
                } catch (java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
