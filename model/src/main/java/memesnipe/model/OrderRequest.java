package memesnipe.model;

/**
 * An order the risk engine approved (or emitted itself, for exits) to be handed to the executor; quantity in lots
 * and price per lot of 10^lotExponent units.
 */
public record OrderRequest(String clientOrderId, String strategy, String symbol, Side side, Purpose purpose,
                           long qtyE8, long referencePriceE8, long decisionSeq, long decisionIngestTimeMs,
                           long approvedTimeMs, int lotExponent) {

    /** An order of a symbol traded in single units (lot exponent 0). */
    public OrderRequest(String clientOrderId, String strategy, String symbol, Side side, Purpose purpose,
                        long qtyE8, long referencePriceE8, long decisionSeq, long decisionIngestTimeMs,
                        long approvedTimeMs) {
        this(clientOrderId, strategy, symbol, side, purpose, qtyE8, referencePriceE8, decisionSeq,
                decisionIngestTimeMs, approvedTimeMs, 0);
    }
}
