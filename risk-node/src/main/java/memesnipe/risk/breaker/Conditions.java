package memesnipe.risk.breaker;

/** Facts besides equity that can raise the breaker: stale data for held symbols, execution quality. */
public record Conditions(boolean heldMarketDataStale, ExecQuality execQuality) {
    public static final Conditions OK = new Conditions(false, ExecQuality.OK);
    /** Every combination, made once: conditions are judged on every tick. */
    private static final Conditions[][] ALL = new Conditions[2][ExecQuality.values().length];

    static {
        for (ExecQuality q : ExecQuality.values()) {
            ALL[0][q.ordinal()] = q == ExecQuality.OK ? OK : new Conditions(false, q);
            ALL[1][q.ordinal()] = new Conditions(true, q);
        }
    }

    /** The conditions of these facts (a shared instance). */
    public static Conditions of(boolean heldMarketDataStale, ExecQuality execQuality) {
        return ALL[heldMarketDataStale ? 1 : 0][execQuality.ordinal()];
    }
}
