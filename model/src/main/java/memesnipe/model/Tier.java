package memesnipe.model;

/** Circuit breaker tiers, from least to most strict. */
public enum Tier {
    /** Full size. */
    NORMAL,
    /** Entry sizes scaled down. */
    WARNING,
    /** Reduce-only: no risk-increasing order is approved. */
    CRITICAL,
    /** Flatten everything, deny all but exits, stay until a manual reset. */
    EMERGENCY;

    public boolean stricterThan(Tier other) {
        return ordinal() > other.ordinal();
    }

    public static Tier max(Tier a, Tier b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
