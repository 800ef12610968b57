package memesnipe.risk.breaker;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Every breaker threshold, in basis points of equity (100 bps = 1 %), validated once.
 *
 * @param warnDrawdownBps      drawdown from the equity peak that raises WARNING (default 300 = 3 %)
 * @param criticalDrawdownBps  drawdown that raises CRITICAL (default 500)
 * @param emergencyDrawdownBps drawdown that raises EMERGENCY (default 1000)
 * @param warnDailyLossBps     loss since the trading day's start equity that raises WARNING (default 200)
 * @param criticalDailyLossBps daily loss that raises CRITICAL (default 300)
 * @param strategyDrawdownBps  a strategy's own drawdown that suspends it (default 800)
 * @param warningSizePct       entry size multiplier in WARNING, percent (default 50)
 * @param cooldownMs           how long a trigger must stay clear before stepping down one tier (default 60 s)
 * @param rampPct              size multipliers after a step down, in order (default 25, 50, 100)
 * @param rampStepMs           time on each ramp step (default 60 s)
 * @param tradingDayZone       zone whose midnight starts a trading day (default UTC)
 */
public record BreakerThresholds(int warnDrawdownBps, int criticalDrawdownBps, int emergencyDrawdownBps,
                                int warnDailyLossBps, int criticalDailyLossBps, int strategyDrawdownBps,
                                int warningSizePct, long cooldownMs, List<Integer> rampPct, long rampStepMs,
                                ZoneId tradingDayZone) {

    public static BreakerThresholds defaults() {
        return new BreakerThresholds(300, 500, 1000, 200, 300, 800, 50, 60_000, List.of(25, 50, 100), 60_000,
                ZoneId.of("UTC"));
    }

    public BreakerThresholds {
        rampPct = rampPct == null ? null : List.copyOf(rampPct); // null: the config reader has reported the bad value
    }

    /** Every inconsistency, empty when usable. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!(0 < warnDrawdownBps && warnDrawdownBps < criticalDrawdownBps && criticalDrawdownBps < emergencyDrawdownBps
                && emergencyDrawdownBps <= 10_000)) {
            p.add("drawdown thresholds must satisfy 0 < warning < critical < emergency <= 100 %");
        }
        if (!(0 < warnDailyLossBps && warnDailyLossBps < criticalDailyLossBps && criticalDailyLossBps <= 10_000)) {
            p.add("daily loss thresholds must satisfy 0 < warning < critical <= 100 %");
        }
        if (strategyDrawdownBps <= 0 || strategyDrawdownBps > 10_000) {
            p.add("strategy drawdown must be within (0, 100 %]");
        }
        if (warningSizePct <= 0 || warningSizePct > 100) {
            p.add("warning size must be within (0, 100] %");
        }
        if (cooldownMs < 0 || rampStepMs < 0) {
            p.add("cool-down and ramp step must be >= 0 ms");
        }
        if (rampPct.isEmpty() || rampPct.get(rampPct.size() - 1) != 100
                || rampPct.stream().anyMatch(v -> v <= 0 || v > 100)) {
            p.add("ramp steps must be within (0, 100] % and end at 100");
        }
        return p;
    }
}
