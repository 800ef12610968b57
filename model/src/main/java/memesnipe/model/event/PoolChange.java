package memesnipe.model.event;

/**
 * Liquidity added to (change &gt; 0) or removed from (change &lt; 0) one pool of a symbol's token.
 *
 * @param pool              pool identifier (address or name)
 * @param venue             DEX name, e.g. "raydium"
 * @param liquidityChangeE8 USD at scale 10^8, not 0
 * @param liquidityAfterE8  the pool's liquidity after the change, USD at scale 10^8, &gt;= 0
 * @param newPool           the pool's first liquidity: a listing, or a migration from a bonding curve
 */
public record PoolChange(String symbol, long eventTimeMs, String pool, String venue, long liquidityChangeE8,
                         long liquidityAfterE8, LpLock lpLock, boolean newPool) implements MarketSignal {
    public static final String KIND = "pool_change";

    @Override
    public String kind() {
        return KIND;
    }
}
