package memesnipe.performance.promotion;

import memesnipe.model.money.Fixed;
import memesnipe.performance.ClosedTrade;
import memesnipe.performance.Curves;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.Sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static memesnipe.performance.Curves.HOUR;

/** Hourly equity curves, trades and latencies of made-up strategies, measured into evidence as a node would. */
final class Histories {
    private Histories() {
    }

    /**
     * Evidence of {@code hours} hours from {@code fromMs}: equity from 10,000 with hourly returns
     * drift + swing * sin(k), one trade an hour of which {@code winsPerTen} in every ten win (no trades when
     * negative), and a fill latency of {@code latencyMs} per trade (none when negative, as in a backtest).
     */
    static Evidence measured(long fromMs, int hours, double drift, double swing, int winsPerTen, long latencyMs) {
        List<EquityPoint> curve = new ArrayList<>();
        List<ClosedTrade> trades = new ArrayList<>();
        double equity = 10_000;
        for (int k = 0; k <= hours; k++) {
            long t = fromMs + k * HOUR;
            curve.add(new EquityPoint(t, Fixed.fromDouble(equity)));
            equity *= 1 + drift + swing * Math.sin(k);
            if (k < hours && winsPerTen >= 0) {
                trades.add(Curves.trade("s", t, t + HOUR / 2, "0.1", k % 10 < winsPerTen ? "3" : "-2"));
            }
        }
        long[] latencies = new long[latencyMs < 0 ? 0 : trades.size()];
        Arrays.fill(latencies, latencyMs);
        return Evidence.measure(curve, trades, latencies, new MetricsConfig(Sampling.hourly(), 2_000, 11));
    }
}
