package memesnipe.performance.promotion;

/** Where a strategy stands in the promotion pipeline: each stage is earned from measured evidence of the one before. */
public enum Stage {
    /** Evaluated on historical data only (walk-forward, out of sample); places no orders. */
    BACKTEST,
    /** Trades on paper beside the live system, on live market data, for at least the minimum shadow period. */
    SHADOW,
    /** Trades with real money; demoted to SHADOW automatically when its live evidence fails a gate. */
    LIVE,
    /** Out of the pipeline for good: by an operator, or after too many demotions. */
    RETIRED
}
