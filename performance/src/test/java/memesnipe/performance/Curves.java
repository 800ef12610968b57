package memesnipe.performance;

import memesnipe.model.money.Fixed;

import java.util.ArrayList;
import java.util.List;

/** Small equity curves and trades written out as decimals, for the tests (also the backtest's report tests). */
public final class Curves {
    /** 2024-01-01T00:00:00Z */
    public static final long T0 = 1_704_067_200_000L;
    public static final long HOUR = Sampling.HOUR_MS;
    public static final long DAY = Sampling.DAY_MS;

    private Curves() {
    }

    /** One mark every {@code stepMs} from T0 with the given equities. */
    public static List<EquityPoint> every(long stepMs, String... equities) {
        List<EquityPoint> curve = new ArrayList<>();
        for (int i = 0; i < equities.length; i++) {
            curve.add(new EquityPoint(T0 + i * stepMs, Fixed.parse(equities[i])));
        }
        return curve;
    }

    public static ClosedTrade trade(String strategy, long entryMs, long exitMs, String fees, String netPnl) {
        return new ClosedTrade("SOL", strategy, entryMs, Fixed.parse("100"), exitMs, Fixed.parse("101"),
                Fixed.parse("2"), Fixed.parse(fees), Fixed.parse(netPnl));
    }

    /** 61 daily marks of a wavy, rising curve: 60 returns 0.3 % + 2 % * sin(k). */
    public static List<EquityPoint> wavyCurve() {
        List<EquityPoint> curve = new ArrayList<>();
        double equity = 1000;
        for (int k = 0; k <= 60; k++) {
            curve.add(new EquityPoint(T0 + k * DAY, Fixed.fromDouble(equity)));
            equity *= 1 + 0.003 + 0.02 * Math.sin(k);
        }
        return curve;
    }

    /** 20 trades, 12 of them won. */
    public static List<ClosedTrade> twentyTradesTwelveWon() {
        List<ClosedTrade> trades = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            trades.add(trade("m", T0 + i * DAY, T0 + i * DAY + 1, "0.1", i % 5 < 3 ? "4" : "-3"));
        }
        return trades;
    }

    /** The metrics of {@link #wavyCurve()} and {@link #twentyTradesTwelveWon()}, sampled daily, 2,000 resamples. */
    public static PerformanceMetrics wavyMetrics(long seed) {
        return PerformanceMetrics.compute(wavyCurve(), twentyTradesTwelveWon(),
                new MetricsConfig(Sampling.daily(), 2_000, seed));
    }
}
