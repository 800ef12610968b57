package memesnipe.risk.node;

import memesnipe.v1.BreakerEvent;
import memesnipe.v1.BreakerTier;
import memesnipe.v1.DenyReason;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.Side;
import memesnipe.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static memesnipe.risk.node.RiskCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Simulated stress through the running risk node, with a real executor and signer behind it. */
class BreakerScenariosTest {
    static final long E8 = 100_000_000L;
    /** Concentrated book: up to 30 % per trade and the whole equity at risk, so price moves reach the breaker. */
    static final Map<String, String> CONCENTRATED = Map.ofEntries(Map.entry("per-trade-pct", "30"),
            Map.entry("strategy-cap-pct", "100"), Map.entry("symbol-cap-pct", "100"), Map.entry("gross-cap-pct", "100"),
            Map.entry("portfolio-stop-pct", "50"), Map.entry("default-stop-loss-pct", "50"),
            Map.entry("max-order-notional", "100000"));

    static Map<String, Long> prices(long a, long b, long c) {
        return Map.of("AAA", a, "BBB", b, "CCC", c);
    }

    @Test
    void crashOf12Percent_tripsEmergency_andFlattensEveryPositionWithoutAnotherTick() throws Exception {
        try (RiskCluster c = new RiskCluster(CONCENTRATED)) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            Thread.sleep(300);
            for (String s : List.of("AAA", "BBB", "CCC")) {
                assertThat(c.entry("s1", s, 3000).getVerdict()).isNotEqualTo(Verdict.DENIED);
            }
            await("three positions filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 3
                    && c.fact("inFlight") == 0);
            c.market.silence();
            c.market.tick(prices(88 * E8, 88 * E8, 88 * E8));
            await("every position flat, with no further tick", Duration.ofSeconds(3), () -> c.fact("openPositions") == 0);
            assertThat(c.breaker().getTier()).isEqualTo(BreakerTier.EMERGENCY);
            assertThat(c.breaker().getReason()).contains("drawdown");
            RiskDecision after = c.entry("s2", "AAA", 10);
            assertThat(after.getVerdict()).isEqualTo(Verdict.DENIED);
            assertThat(after.getReason()).isEqualTo(DenyReason.BREAKER_HALTED);
        }
    }

    @Test
    void slowBleed_goesWarningThenCritical_scalingThenRefusingEntries_whileExitsPass() throws Exception {
        try (RiskCluster c = new RiskCluster(CONCENTRATED)) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            Thread.sleep(300);
            for (String s : List.of("AAA", "BBB")) {
                assertThat(c.entry("s1", s, 3000).getVerdict()).isNotEqualTo(Verdict.DENIED);
            }
            await("positions filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0);
            RiskDecision inWarning = null;
            long price = 100 * E8;
            while (c.breaker().getTier() != BreakerTier.CRITICAL && price > 80 * E8) {
                price -= E8 / 4; // -0.25 % of the start per step
                c.market.hold(prices(price, price, 100 * E8));
                Thread.sleep(150);
                if (inWarning == null && c.breaker().getTier() == BreakerTier.WARNING) {
                    inWarning = c.entry("s2", "CCC", 100);
                }
            }
            List<BreakerTier> path = c.breaker().getEventsList().stream().map(BreakerEvent::getTo).toList();
            assertThat(path).containsExactly(BreakerTier.WARNING, BreakerTier.CRITICAL);
            assertThat(inWarning).isNotNull();
            assertThat(inWarning.getVerdict()).isEqualTo(Verdict.RESIZED);
            assertThat(inWarning.getReason()).isEqualTo(DenyReason.BREAKER_SIZE_SCALED);
            assertThat(inWarning.getApprovedNotionalE8()).isEqualTo(50 * E8);
            RiskDecision entry = c.entry("s3", "CCC", 100);
            assertThat(entry.getReason()).isEqualTo(DenyReason.BREAKER_REDUCE_ONLY);
            RiskDecision exit = c.submit(OrderIntent.newBuilder().setClientOrderId("exit-1").setStrategy("s1")
                    .setSymbol("AAA").setSide(Side.SELL).setPurpose(OrderPurpose.EXIT).setDecisionPriceE8(1).build());
            assertThat(exit.getVerdict()).as(exit.getReason() + ": " + exit.getDetail()).isEqualTo(Verdict.APPROVED);
        }
    }

    @Test
    void feedStops_withAPositionHeld_raisesCritical() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of("held-stale-ms", "800"))) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            Thread.sleep(300);
            assertThat(c.entry("s1", "AAA", 100).getVerdict()).isEqualTo(Verdict.APPROVED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 1);
            assertThat(c.breaker().getTier()).isEqualTo(BreakerTier.NORMAL);
            c.market.silence();
            await("CRITICAL after the feed goes quiet", Duration.ofSeconds(5),
                    () -> c.breaker().getTier() == BreakerTier.CRITICAL);
            assertThat(c.breaker().getReason()).contains("stale");
        }
    }

    @Test
    void recovery_afterTheCooldown_stepsDownAndRampsSizeBackIn() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(CONCENTRATED);
        settings.put("cooldown-ms", "400");
        settings.put("ramp-step-ms", "400");
        try (RiskCluster c = new RiskCluster(settings)) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            Thread.sleep(300);
            assertThat(c.entry("s1", "AAA", 3000).getVerdict()).isNotEqualTo(Verdict.DENIED);
            assertThat(c.entry("s1", "BBB", 3000).getVerdict()).isNotEqualTo(Verdict.DENIED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0);
            c.market.hold(prices(96 * E8, 96 * E8, 100 * E8)); // -2.4 % of equity: WARNING by daily loss
            await("WARNING", Duration.ofSeconds(5), () -> c.breaker().getTier() == BreakerTier.WARNING);
            assertThat(c.breaker().getSizeMultiplierPct()).isEqualTo(50);
            c.market.hold(prices(101 * E8, 101 * E8, 100 * E8)); // new peak: the trigger clears
            await("NORMAL after the cool-down, ramping from 25 %", Duration.ofSeconds(5),
                    () -> c.breaker().getTier() == BreakerTier.NORMAL);
            int first = c.breaker().getSizeMultiplierPct();
            assertThat(first).isIn(25, 50);
            await("ramp reaches 100 %", Duration.ofSeconds(5), () -> c.breaker().getSizeMultiplierPct() == 100);
            List<BreakerTier> path = c.breaker().getEventsList().stream().map(BreakerEvent::getTo).toList();
            assertThat(path).containsExactly(BreakerTier.WARNING, BreakerTier.NORMAL);
        }
    }

    @Test
    void oneStrategyDownEightPercent_isSuspendedAlone_whileOthersKeepTrading() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            Thread.sleep(300);
            for (int i = 0; i < 5; i++) { // 5 x 200 USD = the strategy's whole 10 % allocation
                assertThat(c.entry("loser", "AAA", 200).getVerdict()).isEqualTo(Verdict.APPROVED);
                int n = i + 1;
                await("fill " + n, Duration.ofSeconds(10), () -> c.fact("inFlight") == 0);
            }
            assertThat(c.entry("winner", "BBB", 200).getVerdict()).isEqualTo(Verdict.APPROVED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0);
            c.market.hold(prices(91 * E8, 100 * E8, 100 * E8)); // loser: -90 USD of a 1000 USD allocation = -9 %
            await("loser suspended", Duration.ofSeconds(5),
                    () -> c.breaker().getSuspendedStrategiesList().contains("loser"));
            assertThat(c.breaker().getTier()).isEqualTo(BreakerTier.NORMAL);
            assertThat(c.entry("loser", "CCC", 100).getReason()).isEqualTo(DenyReason.STRATEGY_SUSPENDED);
            assertThat(c.entry("winner", "CCC", 100).getVerdict()).isEqualTo(Verdict.APPROVED);
            await("the suspended strategy's position is closed", Duration.ofSeconds(5),
                    () -> c.fact("openPositions") == 2 && c.status().getFactsOrThrow("suspendedStrategies").equals("loser"));
        }
    }

    @Test
    void riskNodeRestart_keepsTheTrippedBreaker_andReplaysPositionsFromTheFillStream() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            Thread.sleep(300);
            assertThat(c.entry("s1", "AAA", 100).getVerdict()).isEqualTo(Verdict.APPROVED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 1 && c.fact("inFlight") == 0);
            var tripped = memesnipe.kit.grpc.Calls.unary(c.admin, c.risk, memesnipe.v1.RiskGrpcClient.Trip,
                    memesnipe.v1.TripRequest.newBuilder().setTier("CRITICAL").setReason("before restart").build(), 5000)
                    .await(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(tripped.getTier()).isEqualTo(BreakerTier.CRITICAL);
            c.restartRisk();
            assertThat(c.breaker().getTier()).as("not laxer after a restart").isEqualTo(BreakerTier.CRITICAL);
            assertThat(c.breaker().getReason()).contains("before restart");
            try {
                await("position rebuilt from the executor's fill stream", Duration.ofSeconds(10),
                        () -> c.fact("openPositions") == 1);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " " + c.status(), e);
            }
            assertThat(c.entry("s2", "CCC", 10).getReason()).isEqualTo(DenyReason.BREAKER_REDUCE_ONLY);
        }
    }
}
