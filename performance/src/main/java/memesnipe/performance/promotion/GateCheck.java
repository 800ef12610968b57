package memesnipe.performance.promotion;

import memesnipe.performance.Figure;

import java.util.List;

/**
 * Evaluates the promotion gates on evidence. A figure passes only when it meets its threshold on at least the
 * minimum number of samples; with fewer, or when the figure is not available, the outcome is
 * {@link GateResult.Outcome#INSUFFICIENT_DATA}, never a pass. One exception: a drawdown beyond its limit fails on
 * any number of samples, since a loss already taken needs no statistics to be believed.
 */
public final class GateCheck {
    /** The gates of backtest (walk-forward, out-of-sample) evidence: no drawdown or latency, it trades no market. */
    public static final List<Gate> BACKTEST_GATES = List.of(Gate.SHARPE, Gate.WIN_RATE, Gate.SIGNIFICANCE);
    /** The gates of shadow and live evidence; SHADOW to LIVE adds {@link Gate#SHADOW_PERIOD}. */
    public static final List<Gate> TRADING_GATES = List.of(Gate.SHARPE, Gate.WIN_RATE, Gate.MAX_DRAWDOWN,
            Gate.AVERAGE_LATENCY, Gate.SIGNIFICANCE);

    private GateCheck() {
    }

    /** Each of the gates, in order, on the evidence. */
    public static List<GateResult> all(List<Gate> gates, Evidence e, StrategyType type, PromotionGates g) {
        return gates.stream().map(gate -> of(gate, e, type, g)).toList();
    }

    /** One evidence gate; {@link Gate#SHADOW_PERIOD} is not read from evidence: see {@link #shadowPeriod}. */
    public static GateResult of(Gate gate, Evidence e, StrategyType type, PromotionGates g) {
        return switch (gate) {
            case SHARPE -> measured(gate, e.sharpe(), g.minSharpe(), e.periods(), g.minPeriods());
            case WIN_RATE -> measured(gate, e.winRate(), g.minWinRateBps(type) / 10_000.0, e.trades(), g.minTrades());
            case MAX_DRAWDOWN -> measured(gate, e.maxDrawdown(), g.maxDrawdownBps() / 10_000.0, e.periods(),
                    g.minPeriods());
            case AVERAGE_LATENCY -> measured(gate, e.averageLatencyMs(), g.maxAvgLatencyMs(), e.latencySamples(),
                    g.minLatencySamples());
            case SIGNIFICANCE -> measured(gate, e.significance().pValue(), g.maxPValue(), e.significance().samples(),
                    g.minPeriods());
            case SHADOW_PERIOD -> throw new IllegalArgumentException("the shadow period is measured from the time "
                    + "the strategy entered SHADOW, not from evidence");
        };
    }

    /** Whether at least the minimum shadow period has passed from entering SHADOW to now. */
    public static GateResult shadowPeriod(long enteredMs, long nowMs, PromotionGates g) {
        long elapsed = nowMs - enteredMs;
        boolean holds = Gate.SHADOW_PERIOD.comparison().holds(elapsed, g.minShadowMs());
        return new GateResult(Gate.SHADOW_PERIOD, holds ? GateResult.Outcome.PASS : GateResult.Outcome.FAIL,
                Figure.of(elapsed), g.minShadowMs(), 0, 0);
    }

    private static GateResult measured(Gate gate, Figure figure, double threshold, long samples, long minSamples) {
        GateResult.Outcome outcome = GateResult.Outcome.INSUFFICIENT_DATA;
        if (figure instanceof Figure.Value v) {
            boolean holds = gate.comparison().holds(v.value(), threshold);
            if (!holds && gate == Gate.MAX_DRAWDOWN) {
                outcome = GateResult.Outcome.FAIL;
            } else if (samples >= minSamples) {
                outcome = holds ? GateResult.Outcome.PASS : GateResult.Outcome.FAIL;
            }
        }
        return new GateResult(gate, outcome, figure, threshold, samples, minSamples);
    }
}
