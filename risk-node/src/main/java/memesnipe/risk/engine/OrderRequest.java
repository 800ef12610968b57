package memesnipe.risk.engine;

/** An order the risk engine approved (or emitted itself, for exits) to be handed to the executor. */
public record OrderRequest(String clientOrderId, String strategy, String symbol, Side side, Purpose purpose,
                           long qtyE8, long referencePriceE8, long decisionSeq, long decisionIngestTimeMs,
                           long approvedTimeMs) {
}
