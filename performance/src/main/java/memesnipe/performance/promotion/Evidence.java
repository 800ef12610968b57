package memesnipe.performance.promotion;

import memesnipe.performance.ClosedTrade;
import memesnipe.performance.ConfidenceInterval;
import memesnipe.performance.EdgeSignificance;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.Figure;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.PerformanceMetrics;
import memesnipe.performance.Sampling;
import memesnipe.performance.Significance;

import java.util.List;
import java.util.Objects;

/**
 * What a strategy measurably did over one period, each figure with its sample size: the input of every promotion
 * gate. Nothing here is a projection; {@link #measure} computes it all from a marked equity curve, closed trades and
 * measured latencies.
 *
 * @param fromMs          the first mark of the period (epoch ms)
 * @param toMs            the last mark of the period
 * @param sampling        the period at which the equity curve was resampled into returns
 * @param periods         the number of period returns behind the Sharpe ratio, the drawdown and the p-value
 * @param sharpe          annualized Sharpe ratio of those returns
 * @param sharpeCi        its 95 % bootstrap confidence interval
 * @param trades          closed trades
 * @param wins            closed trades with a net P&amp;L above 0
 * @param winRateCi       the win rate's 95 % bootstrap confidence interval
 * @param maxDrawdown     peak-to-trough fall of the marked equity curve, a fraction of the peak
 * @param latencySamples  fills whose decision-to-fill latency was measured
 * @param latencyTotalMs  the sum of those latencies
 * @param significance    the test that the edge is not luck, with its p-value
 */
public record Evidence(long fromMs, long toMs, Sampling sampling, int periods, Figure sharpe,
                       ConfidenceInterval sharpeCi, int trades, int wins, ConfidenceInterval winRateCi,
                       Figure maxDrawdown, long latencySamples, long latencyTotalMs, Significance significance) {
    public Evidence {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(sharpe, "sharpe");
        Objects.requireNonNull(sharpeCi, "sharpeCi");
        Objects.requireNonNull(winRateCi, "winRateCi");
        Objects.requireNonNull(maxDrawdown, "maxDrawdown");
        Objects.requireNonNull(significance, "significance");
        if (toMs < fromMs) {
            throw new IllegalArgumentException("evidence ends at " + toMs + " before it starts at " + fromMs);
        }
        if (periods < 0 || trades < 0 || wins < 0 || wins > trades) {
            throw new IllegalArgumentException("counts must satisfy periods >= 0 and 0 <= wins <= trades: "
                    + periods + ", " + wins + ", " + trades);
        }
        if (latencySamples < 0 || latencyTotalMs < 0) {
            throw new IllegalArgumentException("latency samples and total must be >= 0: " + latencySamples + ", "
                    + latencyTotalMs);
        }
    }

    /**
     * Measures the evidence: the figures of {@link PerformanceMetrics#compute} (Sharpe with its interval, win rate
     * interval, drawdown), the edge test {@link EdgeSignificance#ofCurve} on the same period returns (its generator
     * seeded with {@code seed + 2}: the Sharpe interval uses the seed, the win rate's {@code seed + 1}), and the
     * latencies' count and sum.
     *
     * @param curve      the marked equity curve, at least one point, in time order
     * @param trades     the closed trades of the period
     * @param latencyMs  each fill's decision-to-fill latency, ms (none in a backtest)
     */
    public static Evidence measure(List<EquityPoint> curve, List<ClosedTrade> trades, long[] latencyMs,
                                   MetricsConfig config) {
        PerformanceMetrics m = PerformanceMetrics.compute(curve, trades, config);
        long total = 0;
        for (long l : latencyMs) {
            if (l < 0) {
                throw new IllegalArgumentException("negative latency: " + l + " ms");
            }
            total = Math.addExact(total, l);
        }
        Significance edge = EdgeSignificance.ofCurve(curve, config.sampling(), config.resamples(), config.seed() + 2);
        return new Evidence(m.startTimeMs(), m.endTimeMs(), m.sampling(), m.periods(), m.sharpe(), m.sharpeCi(),
                m.trades(), m.wins(), m.winRateCi(), m.maxDrawdown().fraction(), latencyMs.length, total, edge);
    }

    /** Wins over trades, a fraction; not available without trades. */
    public Figure winRate() {
        return trades == 0 ? Figure.notAvailable("no trades") : Figure.of((double) wins / trades);
    }

    /** The mean decision-to-fill latency in ms; not available without a measured fill. */
    public Figure averageLatencyMs() {
        return latencySamples == 0 ? Figure.notAvailable("no latency measured")
                : Figure.of((double) latencyTotalMs / latencySamples);
    }
}
