package memesnipe.model;

/** Typed reasons for a denial or a resize; mirrors memesnipe.v1.DenyReason. */
public enum DenyReason {
    NONE,
    BREAKER_REDUCE_ONLY,
    BREAKER_HALTED,
    PER_TRADE_CAP,
    STRATEGY_CAP,
    NO_MARKET_DATA,
    NO_POSITION,
    BELOW_MIN_NOTIONAL,
    EXECUTOR_UNAVAILABLE,
    DUPLICATE_IN_FLIGHT,
    STRATEGY_SUSPENDED,
    BREAKER_SIZE_SCALED,
    RATE_LIMITED,
    GROSS_CAP,
    SYMBOL_CAP,
    MAX_POSITIONS,
    LEDGER_UNAVAILABLE,
    RECOVERING,
    /** The intent's strategy is not one the deployment runs (risk's strategies setting). */
    UNKNOWN_STRATEGY,
    /** The client order id belongs to another caller: its first user. */
    ID_IN_USE,
    /** Risk's settings are not known to agree with the executor's and signer's (see the detail). */
    CONFIG_MISMATCH,
    /** An amount of the decision does not fit 64 bits at scale e8; the detail carries the operation and figures. */
    AMOUNT_OUT_OF_RANGE,
    /** Resized to the per-order maximum quantity. */
    ORDER_QTY_CAP,
    /** The intent's lot exponent is not the one the symbol's market data carries (the detail has both). */
    LOT_MISMATCH,
    /** The token is flagged as a rug risk (memesnipe.model.event.RugRule): the detail has the figure, the threshold and
     *  when the flag ends. */
    TOKEN_FLAGGED,
    /**
     * The intent's strategy has not earned trading in the promotion pipeline: an entry of a strategy in BACKTEST or
     * RETIRED (exits are always allowed); the detail names the stage and why it is there.
     */
    STRATEGY_NOT_PROMOTED
}
