package memesnipe.risk.breaker;

import memesnipe.model.regime.Regime;

/**
 * Facts besides equity that can raise the breaker: stale data for held symbols, execution quality, and the market's
 * volatility regime (which selects the drawdown and daily-loss thresholds in effect, {@link BreakerThresholds#inRegime}).
 */
public record Conditions(boolean heldMarketDataStale, ExecQuality execQuality, Regime regime) {
    public static final Conditions OK = new Conditions(false, ExecQuality.OK, Regime.UNKNOWN);
    /** Every combination, made once: conditions are judged on every tick. */
    private static final Conditions[][][] ALL =
            new Conditions[2][ExecQuality.values().length][Regime.values().length];

    static {
        for (ExecQuality q : ExecQuality.values()) {
            for (Regime r : Regime.values()) {
                boolean ok = q == ExecQuality.OK && r == Regime.UNKNOWN;
                ALL[0][q.ordinal()][r.ordinal()] = ok ? OK : new Conditions(false, q, r);
                ALL[1][q.ordinal()][r.ordinal()] = new Conditions(true, q, r);
            }
        }
    }

    /** Conditions without a known volatility regime (the thresholds as configured for NORMAL). */
    public Conditions(boolean heldMarketDataStale, ExecQuality execQuality) {
        this(heldMarketDataStale, execQuality, Regime.UNKNOWN);
    }

    /** The conditions of these facts (a shared instance). */
    public static Conditions of(boolean heldMarketDataStale, ExecQuality execQuality, Regime regime) {
        return ALL[heldMarketDataStale ? 1 : 0][execQuality.ordinal()][regime.ordinal()];
    }
}
