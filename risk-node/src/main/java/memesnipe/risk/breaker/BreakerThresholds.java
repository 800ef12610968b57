package memesnipe.risk.breaker;

import memesnipe.model.regime.Regime;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Every breaker threshold, in basis points of equity (100 bps = 1 %), validated once; the drawdown and daily-loss
 * thresholds adapt to the market's volatility regime where configured ({@link #inRegime}).
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
 * @param volatilityScales     how the drawdown and daily-loss thresholds adapt to the market's volatility regime
 *                             (default 100 % in every regime: no adaptation); see {@link #inRegime}
 */
public record BreakerThresholds(int warnDrawdownBps, int criticalDrawdownBps, int emergencyDrawdownBps,
                                int warnDailyLossBps, int criticalDailyLossBps, int strategyDrawdownBps,
                                int warningSizePct, long cooldownMs, List<Integer> rampPct, long rampStepMs,
                                ZoneId tradingDayZone, VolatilityScales volatilityScales) {

    /**
     * Per volatility regime, the factor in percent the breaker's drawdown and daily-loss thresholds are multiplied by
     * (above 100 widens them, below 100 tightens them); UNKNOWN uses the NORMAL one. Each within [{@value #MIN_PCT},
     * {@value #MAX_PCT}].
     */
    public record VolatilityScales(int lowPct, int normalPct, int highPct) {
        public static final int DEFAULT_PCT = 100;
        public static final int MIN_PCT = 50;
        public static final int MAX_PCT = 300;
        /** 100 % in every regime: the thresholds as configured. */
        public static final VolatilityScales NONE = new VolatilityScales(DEFAULT_PCT, DEFAULT_PCT, DEFAULT_PCT);

        /** The factor of a regime, percent. */
        public int pct(Regime regime) {
            return switch (regime) {
                case LOW -> lowPct;
                case HIGH -> highPct;
                case NORMAL, UNKNOWN -> normalPct;
            };
        }
    }

    /** Thresholds that do not adapt to the volatility regime. */
    public BreakerThresholds(int warnDrawdownBps, int criticalDrawdownBps, int emergencyDrawdownBps,
                             int warnDailyLossBps, int criticalDailyLossBps, int strategyDrawdownBps,
                             int warningSizePct, long cooldownMs, List<Integer> rampPct, long rampStepMs,
                             ZoneId tradingDayZone) {
        this(warnDrawdownBps, criticalDrawdownBps, emergencyDrawdownBps, warnDailyLossBps, criticalDailyLossBps,
                strategyDrawdownBps, warningSizePct, cooldownMs, rampPct, rampStepMs, tradingDayZone,
                VolatilityScales.NONE);
    }

    public static BreakerThresholds defaults() {
        return new BreakerThresholds(300, 500, 1000, 200, 300, 800, 50, 60_000, List.of(25, 50, 100), 60_000,
                ZoneId.of("UTC"));
    }

    public BreakerThresholds {
        rampPct = rampPct == null ? null : List.copyOf(rampPct); // null: the config reader has reported the bad value
        java.util.Objects.requireNonNull(volatilityScales, "volatilityScales");
    }

    /**
     * The thresholds in effect in a volatility regime: each drawdown and daily-loss threshold (warning, critical,
     * emergency) becomes floor(configured bps x the regime's scale / 100), capped at 10,000 bps (100 %); the strategy
     * drawdown, sizes and times are unchanged. The result's scales are {@link VolatilityScales#NONE} (applied once).
     * {@link #problems} refuses scales under which warning &lt; critical &lt; emergency would no longer hold.
     */
    public BreakerThresholds inRegime(Regime regime) {
        int pct = volatilityScales.pct(regime);
        return new BreakerThresholds(scaled(warnDrawdownBps, pct), scaled(criticalDrawdownBps, pct),
                scaled(emergencyDrawdownBps, pct), scaled(warnDailyLossBps, pct), scaled(criticalDailyLossBps, pct),
                strategyDrawdownBps, warningSizePct, cooldownMs, rampPct, rampStepMs, tradingDayZone,
                VolatilityScales.NONE);
    }

    /** floor(bps x pct / 100), capped at 10,000 bps. */
    static int scaled(int bps, int pct) {
        return (int) Math.min(10_000, (long) bps * pct / 100);
    }

    /** Every inconsistency, empty when usable. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!drawdownsOrdered()) {
            p.add("drawdown thresholds must satisfy 0 < warning < critical < emergency <= 100 %");
        }
        if (!dailyLossesOrdered()) {
            p.add("daily loss thresholds must satisfy 0 < warning < critical <= 100 %");
        }
        VolatilityScales scales = volatilityScales;
        if (outside(scales.lowPct()) || outside(scales.normalPct()) || outside(scales.highPct())) {
            p.add("volatility threshold scales must be within [" + VolatilityScales.MIN_PCT + ", "
                    + VolatilityScales.MAX_PCT + "] %");
        } else {
            for (Regime r : List.of(Regime.LOW, Regime.NORMAL, Regime.HIGH)) {
                BreakerThresholds e = inRegime(r);
                if (drawdownsOrdered() && !e.drawdownsOrdered()) {
                    p.add("in " + r + " volatility (x" + scales.pct(r) + " %) the drawdown thresholds would be "
                            + e.warnDrawdownBps + "/" + e.criticalDrawdownBps + "/" + e.emergencyDrawdownBps
                            + " bps: warning < critical < emergency must still hold");
                }
                if (dailyLossesOrdered() && !e.dailyLossesOrdered()) {
                    p.add("in " + r + " volatility (x" + scales.pct(r) + " %) the daily loss thresholds would be "
                            + e.warnDailyLossBps + "/" + e.criticalDailyLossBps
                            + " bps: warning < critical must still hold");
                }
            }
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

    private boolean drawdownsOrdered() {
        return 0 < warnDrawdownBps && warnDrawdownBps < criticalDrawdownBps && criticalDrawdownBps < emergencyDrawdownBps
                && emergencyDrawdownBps <= 10_000;
    }

    private boolean dailyLossesOrdered() {
        return 0 < warnDailyLossBps && warnDailyLossBps < criticalDailyLossBps && criticalDailyLossBps <= 10_000;
    }

    private static boolean outside(int pct) {
        return pct < VolatilityScales.MIN_PCT || pct > VolatilityScales.MAX_PCT;
    }
}
