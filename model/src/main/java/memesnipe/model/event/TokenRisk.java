package memesnipe.model.event;

/**
 * Facts that make a token dangerous to hold: a rug pull possible or in progress.
 *
 * @param mintAuthorityActive more tokens can still be minted at will
 * @param top10HoldersBps     share of supply held by the 10 largest holders (pools and burn excluded), bps
 * @param lpRemovedBps        share of the token's pool liquidity removed over the last hour, bps
 */
public record TokenRisk(String symbol, long eventTimeMs, boolean mintAuthorityActive, int top10HoldersBps,
                        int lpRemovedBps) implements MarketSignal {
    public static final String KIND = "token_risk";

    @Override
    public String kind() {
        return KIND;
    }
}
