package memesnipe.risk.engine;

/**
 * A venue fill as the risk engine sees it: quantities and prices in e8, fee in USD e8. The sequence number
 * counts within the executor's fill log named by logId (empty when there is only one log).
 */
public record FillEvent(String logId, long seq, String clientOrderId, String strategy, String symbol, Side side,
                        long qtyE8, long priceE8, long feeE8, long timeMs) {
}
