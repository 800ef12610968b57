package memesnipe.backtest.walkforward;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.gateway.feed.Feed;
import memesnipe.gateway.feed.sim.BridgeFlowSim;
import memesnipe.gateway.feed.sim.DevWalletSim;
import memesnipe.gateway.feed.sim.LiquidityMigrationSim;
import memesnipe.strategy.core.BridgeInflow;
import memesnipe.strategy.core.DevWalletDrain;
import memesnipe.strategy.core.LiquidityMigration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each event strategy walked forward on its simulator: 8 simulated hours at a 1 s step, in-sample 2 h and
 * out-of-sample 2 h (three windows), with the kernel's default settings (10,000 USD, 200 USD entries, the paper
 * venue's fees and slippage), once with the simulator's effect planted and once without, from the same seed (the
 * same signals and the same noise). The bounds were set from seeds 1..20 (figures in each test) with room on both
 * sides; two seeds are pinned.
 */
class PlantedEdgeTest {
    static final long T0 = 1_700_000_000_000L;
    static final long HOUR_MS = 3_600_000;

    /** The out-of-sample outcome: the compounded return and the trades closed out of sample. */
    record Outcome(double outReturn, long outTrades) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%+.3f%% over %d trades", outReturn * 100, outTrades);
        }
    }

    /**
     * Over seeds 1..20: planted +1.48 .. +2.79 % (19..26 trades), unplanted −0.88 .. +0.07 % (13..23 trades): the
     * strategy buys the same drains in both; only the planted rebound pays for the last chunk's drop and the costs.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void devWalletDrain_findsTheReboundAfterACompletedDrain_andNothingWithoutIt(long seed) {
        Outcome planted = walkForward(DevWalletDrain.NAME, new DevWalletSim(seed, true));
        Outcome plain = walkForward(DevWalletDrain.NAME, new DevWalletSim(seed, false));

        assertEdge(planted, 0.01, 15, plain, 0.002, 10);
    }

    /** Over seeds 1..20: planted +0.36 .. +0.78 % (11..18 trades), unplanted −0.20 .. +0.04 % (11..19 trades). */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void bridgeInflow_findsTheDriftAfterASurge_andNothingWithoutIt(long seed) {
        Outcome planted = walkForward(BridgeInflow.NAME, new BridgeFlowSim(seed, true));
        Outcome plain = walkForward(BridgeInflow.NAME, new BridgeFlowSim(seed, false));

        assertEdge(planted, 0.003, 10, plain, 0.001, 10);
    }

    /** Over seeds 1..20: planted +0.29 .. +1.81 % (8..16 trades), unplanted −0.27 .. +0.15 % (7..15 trades). */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void liquidityMigration_findsTheDriftAfterALockedMigration_andNothingWithoutIt(long seed) {
        Outcome planted = walkForward(LiquidityMigration.NAME, new LiquidityMigrationSim(seed, true));
        Outcome plain = walkForward(LiquidityMigration.NAME, new LiquidityMigrationSim(seed, false));

        assertEdge(planted, 0.0025, 8, plain, 0.002, 5);
    }

    /** The planted run gains more than plantedMin out of sample, the unplanted one less than plainMax; both trade. */
    private static void assertEdge(Outcome planted, double plantedMin, long plantedTrades, Outcome plain,
                                   double plainMax, long plainTrades) {
        assertThat(planted.outTrades()).as("planted: %s", planted).isGreaterThanOrEqualTo(plantedTrades);
        assertThat(planted.outReturn()).as("planted: %s", planted).isGreaterThan(plantedMin);
        assertThat(plain.outTrades()).as("unplanted: %s", plain).isGreaterThanOrEqualTo(plainTrades);
        assertThat(plain.outReturn()).as("unplanted: %s", plain).isLessThan(plainMax);
    }

    /** Walk-forward of the strategy over 8 hours of the feed, polled every second. */
    static Outcome walkForward(String strategy, Feed feed) {
        // one second more than the hours: the last window's out-of-sample part ends at the last arrival's time
        List<Arrival> data = Arrival.simulate(feed, T0, T0 + 8 * HOUR_MS + 1_000, 1_000);
        WalkForward.Result r = WalkForward.run(KernelSettings.defaults().withStrategies(List.of(strategy)), strategy,
                data, 2 * HOUR_MS, 2 * HOUR_MS, w -> { });
        return new Outcome(r.compoundedOutOfSampleReturn(),
                r.windows().stream().mapToLong(WalkForward.Window::outTrades).sum());
    }
}
