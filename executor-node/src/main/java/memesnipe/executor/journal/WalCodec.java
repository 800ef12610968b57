package memesnipe.executor.journal;

import io.vertx.core.json.JsonObject;
import memesnipe.executor.order.OrderBook.State;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.Fill;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;

/** Encodes a {@link LedgerOp} as one line of JSON for the write-ahead file, and back. Pure. */
public final class WalCodec {
    private WalCodec() {
    }

    public static String encode(LedgerOp op) {
        JsonObject j = new JsonObject();
        if (op instanceof LedgerOp.Received r) {
                ApprovedOrder o = r.order();
                j.put("op", "received").put("id", o.getClientOrderId()).put("strategy", o.getStrategy())
                        .put("symbol", o.getSymbol()).put("side", o.getSide().name()).put("purpose", o.getPurpose().name())
                        .put("qty_e8", o.getQtyE8()).put("reference_price_e8", o.getReferencePriceE8())
                        .put("venue", o.getVenue()).put("decision_seq", o.getDecisionSeq())
                        .put("decision_ingest_time_ms", o.getDecisionIngestTimeMs())
                        .put("approved_time_ms", o.getApprovedTimeMs()).put("lot", o.getLotExponent())
                        .put("at_ms", r.atMs());
        } else if (op instanceof LedgerOp.Signed s) {
            j.put("op", "signed").put("id", s.clientOrderId()).put("key_id", s.keyId())
                    .put("signature", s.signature()).put("at_ms", s.atMs());
        } else if (op instanceof LedgerOp.Sent s) {
            j.put("op", "sent").put("id", s.clientOrderId()).put("at_ms", s.atMs());
        } else if (op instanceof LedgerOp.Filled f) {
                Fill x = f.fill();
                j.put("op", "filled").put("id", x.getClientOrderId()).put("seq", x.getSeq()).put("strategy", x.getStrategy())
                        .put("symbol", x.getSymbol()).put("side", x.getSide().name()).put("purpose", x.getPurpose().name())
                        .put("qty_e8", x.getQtyE8()).put("price_e8", x.getPriceE8()).put("fee_e8", x.getFeeE8())
                        .put("venue", x.getVenue()).put("key_id", x.getKeyId()).put("signature", x.getSignature())
                        .put("fill_time_ms", x.getFillTimeMs()).put("decision_seq", x.getDecisionSeq())
                        .put("decision_ingest_time_ms", x.getDecisionIngestTimeMs()).put("log_id", x.getLogId())
                        .put("lot", x.getLotExponent()).put("approved_ms", x.getApprovedTimeMs())
                        .put("received_ms", x.getReceivedTimeMs()).put("signed_ms", x.getSignedTimeMs())
                        .put("sent_ms", x.getSentTimeMs()).put("at_ms", f.atMs());
        } else {
            LedgerOp.Finished f = (LedgerOp.Finished) op;
            j.put("op", "finished").put("id", f.clientOrderId()).put("state", f.state().name())
                    .put("reason", f.reason()).put("at_ms", f.atMs());
        }
        return j.encode();
    }

    /** Decodes a line written by {@link #encode}; throws IllegalArgumentException on anything else. */
    public static LedgerOp decode(String line) {
        JsonObject j;
        try {
            j = new JsonObject(line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
        }
        String id = required(j, "id");
        long at = j.getLong("at_ms", 0L);
        return switch (required(j, "op")) {
            case "received" -> new LedgerOp.Received(ApprovedOrder.newBuilder().setClientOrderId(id)
                    .setStrategy(required(j, "strategy")).setSymbol(required(j, "symbol"))
                    .setSide(Side.valueOf(required(j, "side"))).setPurpose(OrderPurpose.valueOf(required(j, "purpose")))
                    .setQtyE8(j.getLong("qty_e8")).setReferencePriceE8(j.getLong("reference_price_e8"))
                    .setVenue(required(j, "venue")).setDecisionSeq(j.getLong("decision_seq"))
                    .setDecisionIngestTimeMs(j.getLong("decision_ingest_time_ms"))
                    .setApprovedTimeMs(j.getLong("approved_time_ms")).setLotExponent(j.getInteger("lot", 0)).build(), at);
            case "signed" -> new LedgerOp.Signed(id, required(j, "key_id"), required(j, "signature"), at);
            case "sent" -> new LedgerOp.Sent(id, at);
            case "filled" -> new LedgerOp.Filled(Fill.newBuilder().setClientOrderId(id).setSeq(j.getLong("seq"))
                    .setStrategy(required(j, "strategy")).setSymbol(required(j, "symbol"))
                    .setSide(Side.valueOf(required(j, "side"))).setPurpose(OrderPurpose.valueOf(required(j, "purpose")))
                    .setQtyE8(j.getLong("qty_e8")).setPriceE8(j.getLong("price_e8")).setFeeE8(j.getLong("fee_e8"))
                    .setVenue(required(j, "venue")).setKeyId(required(j, "key_id")).setSignature(required(j, "signature"))
                    .setFillTimeMs(j.getLong("fill_time_ms")).setDecisionSeq(j.getLong("decision_seq"))
                    .setDecisionIngestTimeMs(j.getLong("decision_ingest_time_ms")).setLogId(j.getString("log_id", ""))
                    .setLotExponent(j.getInteger("lot", 0)).setApprovedTimeMs(j.getLong("approved_ms", 0L))
                    .setReceivedTimeMs(j.getLong("received_ms", 0L)).setSignedTimeMs(j.getLong("signed_ms", 0L))
                    .setSentTimeMs(j.getLong("sent_ms", 0L)).build(), at);
            case "finished" -> new LedgerOp.Finished(id, State.valueOf(required(j, "state")), required(j, "reason"), at);
            default -> throw new IllegalArgumentException("unknown op " + j.getString("op"));
        };
    }

    private static String required(JsonObject j, String key) {
        Object v = j.getValue(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("missing " + key);
        }
        return s;
    }
}
