package memesnipe.model.event;

/**
 * A non-price market observation about one symbol (the token it concerns), as strategies and the backtest see it:
 * social mentions, wallet transfers, bridge flows, pool liquidity changes, perpetual funding, token events and token
 * risk facts. Amounts are fixed point (see each kind); times are ms since the epoch. The wire form is
 * memesnipe.v1.MarketEvent's {@code signal} oneof, whose comments give each field's range.
 */
public sealed interface MarketSignal permits SocialMentions, WalletTransfer, BridgeFlow, PoolChange, PerpFunding,
        TokenEvent, TokenRisk {

    /** The token the observation concerns, e.g. "BONK". */
    String symbol();

    /** When the source observed it, ms since the epoch. */
    long eventTimeMs();

    /** The kind's name as used in replay files, metrics and logs, e.g. "social_mentions". */
    String kind();
}
