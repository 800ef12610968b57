package memesnipe.risk.breaker;

/** Facts besides equity that can raise the breaker: stale data for held symbols, execution quality. */
public record Conditions(boolean heldMarketDataStale, ExecQuality execQuality) {
    public static final Conditions OK = new Conditions(false, ExecQuality.OK);
}
