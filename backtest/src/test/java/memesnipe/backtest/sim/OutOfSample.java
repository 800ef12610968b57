package memesnipe.backtest.sim;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.walkforward.WalkForward;
import memesnipe.gateway.feed.Feed;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strategy's walk-forward on a simulator, at the default settings (capital, order size, fees and slippage): the
 * out-of-sample return compounded and the out-of-sample trades, for comparing a market with the planted effect and
 * one without it.
 */
record OutOfSample(double compoundedReturn, long trades) {

    static OutOfSample walkForward(String strategy, Feed simulator, long startMs, long endMs, long stepMs,
                                   long inSampleMs, long outOfSampleMs) {
        List<Arrival> data = Arrival.simulate(simulator, startMs, endMs, stepMs);
        WalkForward.Result r = WalkForward.run(KernelSettings.defaults().withStrategies(List.of(strategy)), strategy,
                data, inSampleMs, outOfSampleMs, w -> { });
        return new OutOfSample(r.compoundedOutOfSampleReturn(),
                r.windows().stream().mapToLong(WalkForward.Window::outTrades).sum());
    }

    /**
     * Asserts that both markets traded at least minTrades out of sample (so the comparison is not of nothing), that the
     * planted one returned more than plantedAbove and the plain one less than plainBelow.
     */
    static void assertFoundOnlyWherePlanted(OutOfSample planted, OutOfSample plain, long minTrades, double plantedAbove,
                                            double plainBelow) {
        assertThat(planted.trades()).as("planted: %s", planted).isGreaterThanOrEqualTo(minTrades);
        assertThat(plain.trades()).as("plain: %s", plain).isGreaterThanOrEqualTo(minTrades);
        assertThat(planted.compoundedReturn()).as("planted: %s", planted).isGreaterThan(plantedAbove);
        assertThat(plain.compoundedReturn()).as("plain: %s", plain).isLessThan(plainBelow);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f %% in %d trades", compoundedReturn * 100, trades);
    }
}
