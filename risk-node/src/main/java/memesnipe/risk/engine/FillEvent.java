package memesnipe.risk.engine;

/** A venue fill as the risk engine sees it: quantities and prices in e8, fee in USD e8. */
public record FillEvent(long seq, String clientOrderId, String strategy, String symbol, Side side,
                        long qtyE8, long priceE8, long feeE8, long timeMs) {
}
