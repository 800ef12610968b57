package memesnipe.model.event;

/** Who a wallet address is known to belong to, as the data source labels it. */
public enum WalletLabel {
    /** Not known. */
    UNKNOWN,
    /** The token's deployer or team. */
    DEV,
    /** A centralised exchange's deposit or hot wallet. */
    EXCHANGE,
    /** A liquidity pool. */
    POOL,
    /** A burn address: tokens sent there leave circulation. */
    BURN
}
