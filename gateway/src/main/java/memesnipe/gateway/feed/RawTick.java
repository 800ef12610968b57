package memesnipe.gateway.feed;

/**
 * One raw market observation as a feed delivers it, before validation; fields may be malformed
 * (NaN price, negative volume, bad timestamps), which is what the validator is for.
 *
 * @param symbol       upper-case symbol, e.g. "SOL"
 * @param price        last traded price, USD per unit
 * @param volume       traded volume since the previous tick of this symbol, base units
 * @param liquidityUsd quoted liquidity near the price, USD
 * @param eventTimeMs  when the venue produced it, ms since epoch
 */
public record RawTick(String symbol, double price, double volume, double liquidityUsd, long eventTimeMs)
        implements FeedEvent {
}
