package memesnipe.backtest.walkforward;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.gateway.feed.Feed;

import java.util.List;

/** A strategy's walk-forward on a simulator: 2 h in-sample, then 1 h out-of-sample, over a simulated period. */
final class OnSimulator {
    static final long T0 = 1_700_000_000_000L;
    static final long HOUR = 3_600_000;

    private OnSimulator() {
    }

    static WalkForward.Result walkForward(String strategy, Feed simulator, long hours) {
        List<Arrival> data = Arrival.simulate(simulator, T0, T0 + hours * HOUR, 1_000);
        return WalkForward.run(KernelSettings.defaults().withStrategies(List.of(strategy)), strategy, data, 2 * HOUR,
                HOUR, w -> { });
    }

    /** Round trips closed out of sample, every window. */
    static long outOfSampleTrades(WalkForward.Result r) {
        return r.windows().stream().mapToLong(WalkForward.Window::outTrades).sum();
    }
}
