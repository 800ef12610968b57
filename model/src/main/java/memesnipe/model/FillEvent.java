package memesnipe.model;

/**
 * A venue fill as the risk engine sees it: quantity (lots) and price (USD per lot) in e8, fee in USD e8, the lot
 * being 10^lotExponent units. The sequence number counts within the executor's fill log named by logId (empty
 * when there is only one log).
 */
public record FillEvent(String logId, long seq, String clientOrderId, String strategy, String symbol, Side side,
                        long qtyE8, long priceE8, long feeE8, long timeMs, int lotExponent) {

    /** A fill of a symbol traded in single units (lot exponent 0). */
    public FillEvent(String logId, long seq, String clientOrderId, String strategy, String symbol, Side side,
                     long qtyE8, long priceE8, long feeE8, long timeMs) {
        this(logId, seq, clientOrderId, strategy, symbol, side, qtyE8, priceE8, feeE8, timeMs, 0);
    }
}
