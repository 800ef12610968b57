package memesnipe.performance.promotion;

import java.util.ArrayList;
import java.util.List;

/**
 * The thresholds a strategy's measured evidence must meet to move up the pipeline, validated once ({@link #problems}).
 * Defaults come from the origin checklists; each is the constant beside its name. Fractions are in basis points
 * (100 bps = 1 %), durations in milliseconds, statistics as doubles.
 *
 * @param minSharpe               annualized Sharpe ratio, at least ({@code >=}); out of sample in a backtest
 * @param momentumWinRateBps      a momentum strategy's win rate must be above this ({@code >}, strict)
 * @param meanReversionWinRateBps a mean-reversion strategy's win rate must be above this ({@code >}, strict)
 * @param maxDrawdownBps          maximum drawdown of the marked equity curve in shadow and live, at most ({@code <=})
 * @param maxAvgLatencyMs         average decision-to-fill latency in shadow and live, at most ({@code <=})
 * @param minShadowMs             time in SHADOW before LIVE, at least ({@code >=}); shortened for demos and tests
 *                                only through this setting
 * @param maxPValue               p-value of the edge test ({@link memesnipe.performance.EdgeSignificance}), at most
 *                                ({@code <=})
 * @param minTrades               closed trades the win rate needs before it can pass
 * @param minPeriods              period returns the Sharpe ratio, the p-value and the drawdown need before they can pass
 * @param minLatencySamples       fills the average latency needs before it can pass
 * @param retireAfterDemotions    the demotion from LIVE that retires the strategy instead (the N-th)
 */
public record PromotionGates(double minSharpe, int momentumWinRateBps, int meanReversionWinRateBps,
                             int maxDrawdownBps, long maxAvgLatencyMs, long minShadowMs, double maxPValue,
                             int minTrades, int minPeriods, int minLatencySamples, int retireAfterDemotions) {
    /** Sharpe ratio of at least 1.5 (origin: "Sharpe ratio >= 1.5 in backtests", "Minimum Sharpe: 1.5"). */
    public static final double DEFAULT_MIN_SHARPE = 1.5;
    /** Win rate above 55 % for momentum strategies (origin: "Win rate > 55% (momentum)"). */
    public static final int DEFAULT_MOMENTUM_WIN_RATE_BPS = 5_500;
    /** Win rate above 65 % for mean-reversion strategies (origin: "> 65% (mean reversion)"). */
    public static final int DEFAULT_MEAN_REVERSION_WIN_RATE_BPS = 6_500;
    /** Drawdown of at most 5 % (origin: "Max drawdown <= 5% in paper trading"). */
    public static final int DEFAULT_MAX_DRAWDOWN_BPS = 500;
    /** Average latency of at most 500 ms (origin: "Execution latency <= 500ms average"). */
    public static final long DEFAULT_MAX_AVG_LATENCY_MS = 500;
    /** Two weeks in shadow (origin: "2-week minimum shadow trading period"). */
    public static final long DEFAULT_MIN_SHADOW_MS = 14L * 24 * 60 * 60 * 1000;
    /** The edge is significant at the 5 % level (origin: "Statistical validation of edge preservation"). */
    public static final double DEFAULT_MAX_P_VALUE = 0.05;
    /** 30 trades: the usual rule of thumb below which a rate's normal approximation is not trusted. */
    public static final int DEFAULT_MIN_TRADES = 30;
    /** 30 period returns (30 days at daily sampling), for the same reason. */
    public static final int DEFAULT_MIN_PERIODS = 30;
    /** 30 fills measured for the average latency. */
    public static final int DEFAULT_MIN_LATENCY_SAMPLES = 30;
    /** The third demotion from LIVE retires the strategy. */
    public static final int DEFAULT_RETIRE_AFTER_DEMOTIONS = 3;

    /** Every default above. */
    public static PromotionGates defaults() {
        return new PromotionGates(DEFAULT_MIN_SHARPE, DEFAULT_MOMENTUM_WIN_RATE_BPS,
                DEFAULT_MEAN_REVERSION_WIN_RATE_BPS, DEFAULT_MAX_DRAWDOWN_BPS, DEFAULT_MAX_AVG_LATENCY_MS,
                DEFAULT_MIN_SHADOW_MS, DEFAULT_MAX_P_VALUE, DEFAULT_MIN_TRADES, DEFAULT_MIN_PERIODS,
                DEFAULT_MIN_LATENCY_SAMPLES, DEFAULT_RETIRE_AFTER_DEMOTIONS);
    }

    /** These gates with another minimum shadow period (demos and tests). */
    public PromotionGates withMinShadowMs(long ms) {
        return new PromotionGates(minSharpe, momentumWinRateBps, meanReversionWinRateBps, maxDrawdownBps,
                maxAvgLatencyMs, ms, maxPValue, minTrades, minPeriods, minLatencySamples, retireAfterDemotions);
    }

    /** The win rate, in basis points, a strategy of this type must be above. */
    public int minWinRateBps(StrategyType type) {
        return switch (type) {
            case MOMENTUM -> momentumWinRateBps;
            case MEAN_REVERSION -> meanReversionWinRateBps;
        };
    }

    /** Every inconsistency, empty when usable. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!Double.isFinite(minSharpe)) {
            p.add("minimum Sharpe must be a finite number: " + minSharpe);
        }
        if (momentumWinRateBps < 0 || momentumWinRateBps >= 10_000
                || meanReversionWinRateBps < 0 || meanReversionWinRateBps >= 10_000) {
            p.add("win rate thresholds must be within [0, 100 %) since a rate must be above them: "
                    + momentumWinRateBps + " and " + meanReversionWinRateBps + " bps");
        }
        if (maxDrawdownBps <= 0 || maxDrawdownBps > 10_000) {
            p.add("maximum drawdown must be within (0, 100 %]: " + maxDrawdownBps + " bps");
        }
        if (maxAvgLatencyMs <= 0) {
            p.add("maximum average latency must be > 0 ms: " + maxAvgLatencyMs);
        }
        if (minShadowMs < 0) {
            p.add("minimum shadow period must be >= 0 ms: " + minShadowMs);
        }
        if (!(maxPValue > 0 && maxPValue < 1)) {
            p.add("maximum p-value must be within (0, 1): " + maxPValue);
        }
        if (minTrades < 2 || minPeriods < 2 || minLatencySamples < 1) {
            p.add("minimum samples must be at least 2 trades, 2 periods and 1 fill: " + minTrades + ", "
                    + minPeriods + ", " + minLatencySamples);
        }
        if (retireAfterDemotions < 1) {
            p.add("retire after demotions must be at least 1: " + retireAfterDemotions);
        }
        return p;
    }
}
