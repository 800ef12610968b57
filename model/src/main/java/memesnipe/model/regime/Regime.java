package memesnipe.model.regime;

/** The market's volatility regime as {@link VolatilityRegime} classifies it; the ordinal is its metric code. */
public enum Regime {
    /** Not enough recent price history to tell (metric code 0). */
    UNKNOWN,
    /** Volatility below the low threshold (code 1). */
    LOW,
    /** Between the two thresholds (code 2). */
    NORMAL,
    /** Volatility at or above the high threshold (code 3). */
    HIGH;

    /** The code the metrics show: 0 unknown, 1 low, 2 normal, 3 high. */
    public int code() {
        return ordinal();
    }
}
