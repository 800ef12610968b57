package memesnipe.gateway.validation;

/** Why the gateway refused a tick; each is counted in memesnipe_gateway_events_rejected_total{reason}. */
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
    INVALID_SYMBOL
}
