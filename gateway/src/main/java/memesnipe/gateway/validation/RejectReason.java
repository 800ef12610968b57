package memesnipe.gateway.validation;

/** Why the gateway refused a market event (a tick or a signal); each is counted in memesnipe_gateway_events_rejected_total{reason}. */
public enum RejectReason {
    /** Price is NaN or infinite. */
    NON_FINITE_PRICE,
    /** Price is zero or negative (or its price per lot rounds to zero at scale 1e8: give the symbol a larger lot). */
    NON_POSITIVE_PRICE,
    /** Volume is negative or not a number. */
    NEGATIVE_VOLUME,
    /** Event time is older than max-age-ms. */
    STALE,
    /** Event time is more than max-future-ms ahead of now. */
    FUTURE_TIMESTAMP,
    /** Liquidity is below min-liquidity-usd (or not a number). */
    LOW_LIQUIDITY,
    /** Price moved more than max-deviation-pct from the symbol's last accepted price. */
    PRICE_DEVIATION,
    /** Price per lot, volume in lots or liquidity does not fit a 64-bit integer at scale 1e8 (above 92,233,720,368). */
    AMOUNT_OUT_OF_RANGE,
    /** The symbol is not one (memesnipe.model.text.Identifiers.SYMBOL: 1-24 letters, digits, '.', '_', '-'). */
    INVALID_SYMBOL,
    /** A signal's count is negative or above 10^9 (social mentions). */
    COUNT_OUT_OF_RANGE,
    /** A signal's window or interval is outside its range (mentions 1 s..1 day, funding 1 min..1 day). */
    INTERVAL_OUT_OF_RANGE,
    /** Sentiment outside [-1, 1] (scale 10^4: -10000..10000). */
    SENTIMENT_OUT_OF_RANGE,
    /** A signal's name (source, chain, venue, pool, asset) is not an identifier, or a label/kind is unspecified. */
    INVALID_LABEL,
    /** An amount that must be positive is not (transfer, bridged USD, perp mark), or a pool change is 0. */
    NON_POSITIVE_AMOUNT,
    /** A share is outside 0..10000 bps. */
    SHARE_OUT_OF_RANGE,
    /** A bridge flow from a chain to itself. */
    SAME_CHAIN,
    /** A pool's liquidity after the change is negative, or less than the liquidity it was just given. */
    INCONSISTENT_POOL,
    /** A funding rate beyond +/-5 % per interval. */
    FUNDING_OUT_OF_RANGE,
    /** A schedule that cannot be: next funding not within one interval after the event, a claim before its snapshot,
     *  an announced snapshot not after the announcement. */
    BAD_SCHEDULE,
    /** A perp mark priced per a lot other than the gateway's lot for the symbol. */
    LOT_MISMATCH
}
