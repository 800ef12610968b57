package memesnipe.model;

import memesnipe.model.text.Identifiers;

/**
 * What a strategy asks for. Entries carry a desired notional (USD, e8); exits close the strategy's
 * whole position in the symbol. Exit parameters of 0 mean "no such exit". The decision price is per lot of
 * 10^lotExponent units (see memesnipe.model.money.Lot).
 */
public record Intent(String clientOrderId, String strategy, String symbol, Side side, Purpose purpose,
                     long notionalE8, long decisionPriceE8, long decisionSeq, long decisionIngestTimeMs,
                     int stopLossBps, int takeProfitBps, int trailingStopBps, int lotExponent) {

    /** An intent for a symbol traded in single units (lot exponent 0). */
    public Intent(String clientOrderId, String strategy, String symbol, Side side, Purpose purpose,
                  long notionalE8, long decisionPriceE8, long decisionSeq, long decisionIngestTimeMs,
                  int stopLossBps, int takeProfitBps, int trailingStopBps) {
        this(clientOrderId, strategy, symbol, side, purpose, notionalE8, decisionPriceE8, decisionSeq,
                decisionIngestTimeMs, stopLossBps, takeProfitBps, trailingStopBps, 0);
    }

    /**
     * Every reason this intent is malformed (empty when it is well formed). Ids, the strategy name and the symbol are
     * checked against {@link Identifiers} before anything else looks at them (no control characters, bounded length).
     */
    public java.util.List<String> problems() {
        java.util.List<String> p = new java.util.ArrayList<>();
        if (!Identifiers.valid(Identifiers.CLIENT_ORDER_ID, clientOrderId)) {
            p.add("client_order_id must be 1..64 chars of [A-Za-z0-9._:-]");
        }
        if (strategy == null || strategy.isEmpty()) {
            p.add("strategy is required");
        } else if (!Identifiers.valid(Identifiers.NAME, strategy)) {
            p.add("strategy must be 1..64 chars of [a-z0-9_]");
        }
        if (!Identifiers.valid(Identifiers.SYMBOL, symbol)) {
            p.add("symbol must be 1..24 chars of [A-Za-z0-9._-]");
        }
        if (decisionPriceE8 <= 0) {
            p.add("decision_price_e8 must be > 0");
        }
        if (!memesnipe.model.money.Lot.valid(lotExponent)) {
            p.add("lot_exponent must be 0.." + memesnipe.model.money.Lot.MAX_EXPONENT);
        }
        if (side == null) {
            p.add("side is required");
        }
        if (purpose == null) {
            p.add("purpose is required");
        }
        if (purpose == Purpose.ENTRY && side != Side.BUY) {
            p.add("an ENTRY must be a BUY (long only)");
        }
        if (purpose == Purpose.EXIT && side != Side.SELL) {
            p.add("an EXIT must be a SELL (long only)");
        }
        if (purpose == Purpose.ENTRY && notionalE8 <= 0) {
            p.add("notional_e8 must be > 0 for an ENTRY");
        }
        if (stopLossBps < 0 || takeProfitBps < 0 || trailingStopBps < 0 || stopLossBps >= 10_000
                || trailingStopBps >= 10_000) {
            p.add("exit bps must be >= 0, and stops below 10000 (100 %)");
        }
        return p;
    }
}
