package memesnipe.executor.journal;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import memesnipe.executor.order.OrderBook.State;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.Fill;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The executor's tables in PostgreSQL (schema "executor", see db/executor/V1__ledger.sql), through the
 * reactive client only. Writes are {@link LedgerOp}s, applied in one transaction per batch; each is
 * idempotent and forward-only (inserts skip what is there, updates are guarded by the state they leave), so
 * a batch may be applied again, or after a later one, without harm.
 */
public final class ExecutorLedger {
    private static final String INSERT_ORDER = "INSERT INTO orders (client_order_id, strategy, symbol, side, purpose, "
            + "qty_e8, reference_price_e8, venue, decision_seq, decision_ingest_time_ms, approved_time_ms, state, "
            + "received_ms, lot_exponent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'RECEIVED', $12, $13) "
            + "ON CONFLICT (client_order_id) DO NOTHING";
    private static final String SIGNED = "UPDATE orders SET state = 'SIGNED', key_id = $2, signature = $3, signed_ms = $4 "
            + "WHERE client_order_id = $1 AND state = 'RECEIVED'";
    private static final String SENT = "UPDATE orders SET state = 'SENT', sent_ms = $2 "
            + "WHERE client_order_id = $1 AND state = 'SIGNED'";
    private static final String INSERT_FILL = "INSERT INTO fills (seq, client_order_id, strategy, symbol, side, purpose, "
            + "qty_e8, price_e8, fee_e8, venue, key_id, signature, fill_time_ms, decision_seq, decision_ingest_time_ms, "
            + "lot_exponent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
            + "ON CONFLICT (seq) DO NOTHING";
    private static final String FILLED = "UPDATE orders SET state = 'FILLED', final_ms = $2 "
            + "WHERE client_order_id = $1 AND state = 'SENT'";
    private static final String FINISHED = "UPDATE orders SET state = $2, reject_reason = $3, final_ms = $4 "
            + "WHERE client_order_id = $1 AND state IN ('RECEIVED', 'SIGNED', 'SENT')";
    /** A fill with its order's step times (the fill's tracing fields), from fills f joined with orders o. */
    private static final String FILLS = "SELECT f.seq, f.client_order_id, f.strategy, f.symbol, f.side, f.purpose, "
            + "f.qty_e8, f.price_e8, f.fee_e8, f.venue, f.key_id, f.signature, f.fill_time_ms, f.decision_seq, "
            + "f.decision_ingest_time_ms, f.lot_exponent, o.approved_time_ms, o.received_ms, o.signed_ms, o.sent_ms "
            + "FROM fills f JOIN orders o ON o.client_order_id = f.client_order_id";

    /** An order as the ledger holds it, with its fill when FILLED. */
    public record StoredOrder(ApprovedOrder order, State state, String rejectReason, String keyId, String signature,
                              long receivedMs, long signedMs, long sentMs, long finalMs, Optional<Fill> fill) {
    }

    private final Pool pool;

    public ExecutorLedger(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies the steps in one transaction; for each, whether it changed anything. Steps of one kind go in one
     * batched statement, the kinds in the order of an order's life (RECEIVED, SIGNED, SENT, fill, FILLED,
     * REJECTED/CANCELLED), which keeps every order's own steps in order.
     */
    public Future<List<Boolean>> apply(List<LedgerOp> ops) {
        List<List<Tuple>> tuples = new ArrayList<>();
        List<List<Integer>> owners = new ArrayList<>();
        for (int k = 0; k < STATEMENTS.length; k++) {
            tuples.add(new ArrayList<>());
            owners.add(new ArrayList<>());
        }
        for (int i = 0; i < ops.size(); i++) {
            LedgerOp op = ops.get(i);
            if (op instanceof LedgerOp.Received r) {
                ApprovedOrder o = r.order();
                add(tuples, owners, 0, i, Tuple.tuple().addString(o.getClientOrderId())
                        .addString(o.getStrategy()).addString(o.getSymbol()).addString(o.getSide().name())
                        .addString(o.getPurpose().name()).addLong(o.getQtyE8()).addLong(o.getReferencePriceE8())
                        .addString(o.getVenue()).addLong(o.getDecisionSeq()).addLong(o.getDecisionIngestTimeMs())
                        .addLong(o.getApprovedTimeMs()).addLong(r.atMs()).addInteger(o.getLotExponent()));
            } else if (op instanceof LedgerOp.Signed s) {
                add(tuples, owners, 1, i, Tuple.of(s.clientOrderId(), s.keyId(), s.signature(), s.atMs()));
            } else if (op instanceof LedgerOp.Sent s) {
                add(tuples, owners, 2, i, Tuple.of(s.clientOrderId(), s.atMs()));
            } else if (op instanceof LedgerOp.Filled f) {
                Fill x = f.fill();
                add(tuples, owners, 3, i, Tuple.tuple().addLong(x.getSeq())
                        .addString(x.getClientOrderId()).addString(x.getStrategy()).addString(x.getSymbol())
                        .addString(x.getSide().name()).addString(x.getPurpose().name()).addLong(x.getQtyE8())
                        .addLong(x.getPriceE8()).addLong(x.getFeeE8()).addString(x.getVenue()).addString(x.getKeyId())
                        .addString(x.getSignature()).addLong(x.getFillTimeMs()).addLong(x.getDecisionSeq())
                        .addLong(x.getDecisionIngestTimeMs()).addInteger(x.getLotExponent()));
                add(tuples, owners, 4, i, Tuple.of(x.getClientOrderId(), f.atMs()));
            } else {
                LedgerOp.Finished f = (LedgerOp.Finished) op;
                add(tuples, owners, 5, i, Tuple.of(f.clientOrderId(), f.state().name(), f.reason(), f.atMs()));
            }
        }
        return pool.withTransaction(conn -> {
            boolean[] changed = new boolean[ops.size()];
            List<Future<?>> all = new ArrayList<>();
            for (int k = 0; k < STATEMENTS.length; k++) {
                if (tuples.get(k).isEmpty()) {
                    continue;
                }
                List<Integer> who = owners.get(k);
                // sent without waiting for the previous kind: the client pipelines them, in order
                all.add(conn.preparedQuery(STATEMENTS[k]).executeBatch(tuples.get(k)).onSuccess(rows -> {
                    RowSet<Row> r = rows;
                    for (int j = 0; j < who.size() && r != null; j++, r = r.next()) {
                        changed[who.get(j)] |= r.rowCount() > 0;
                    }
                }));
            }
            return Future.all(all).map(v -> {
                List<Boolean> out = new ArrayList<>(changed.length);
                for (boolean c : changed) {
                    out.add(c);
                }
                return out;
            });
        });
    }

    private static final String[] STATEMENTS = {INSERT_ORDER, SIGNED, SENT, INSERT_FILL, FILLED, FINISHED};

    private static void add(List<List<Tuple>> tuples, List<List<Integer>> owners, int kind, int op, Tuple t) {
        tuples.get(kind).add(t);
        owners.get(kind).add(op);
    }

    private static Future<Boolean> changed(Future<RowSet<Row>> rows) {
        return rows.map(r -> r.rowCount() > 0);
    }

    /** Checks that the server answers. */
    public Future<Void> ping() {
        return pool.query("SELECT 1").execute().mapEmpty();
    }

    /** The fill log's id: the one stored, or candidate when there is none yet (stored now, forever). */
    public Future<String> logId(String candidate, long nowMs) {
        return pool.preparedQuery("INSERT INTO meta (log_id, created_ms) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(candidate, nowMs))
                .compose(v -> pool.query("SELECT log_id FROM meta").execute())
                .map(rows -> rows.iterator().next().getString("log_id"));
    }

    /** The newest fills, oldest first, at most limit. */
    public Future<List<Fill>> newestFills(int limit, String logId) {
        return pool.preparedQuery("SELECT * FROM (" + FILLS + " ORDER BY f.seq DESC LIMIT $1) t ORDER BY seq")
                .execute(Tuple.of(limit))
                .map(rows -> fills(rows, logId));
    }

    /** Sequence number of the newest fill, 0 when there is none. */
    public Future<Long> lastSeq() {
        return pool.query("SELECT coalesce(max(seq), 0) AS last FROM fills").execute()
                .map(rows -> rows.iterator().next().getLong("last"));
    }

    /** Up to limit fills with seq > afterSeq, in order. */
    public Future<List<Fill>> fillsAfter(long afterSeq, int limit, String logId) {
        return pool.preparedQuery(FILLS + " WHERE f.seq > $1 ORDER BY f.seq LIMIT $2")
                .execute(Tuple.of(afterSeq, limit)).map(rows -> fills(rows, logId));
    }

    /** The order with this id, with its fill, if the ledger has it. */
    public Future<Optional<StoredOrder>> order(String clientOrderId, String logId) {
        Future<RowSet<Row>> order = pool.preparedQuery("SELECT * FROM orders WHERE client_order_id = $1")
                .execute(Tuple.of(clientOrderId));
        Future<RowSet<Row>> fill = pool.preparedQuery(FILLS + " WHERE f.client_order_id = $1")
                .execute(Tuple.of(clientOrderId));
        return Future.all(order, fill).map(v -> {
            if (order.result().size() == 0) {
                return Optional.empty();
            }
            List<Fill> f = fills(fill.result(), logId);
            return Optional.of(stored(order.result().iterator().next(), f.isEmpty() ? Optional.empty() : Optional.of(f.get(0))));
        });
    }

    /** Every order not known to be final (RECEIVED, SIGNED or SENT), oldest first. */
    public Future<List<StoredOrder>> openOrders() {
        return pool.query("SELECT * FROM orders WHERE state IN ('RECEIVED', 'SIGNED', 'SENT') ORDER BY received_ms")
                .execute().map(rows -> {
                    List<StoredOrder> out = new ArrayList<>();
                    rows.forEach(r -> out.add(stored(r, Optional.empty())));
                    return out;
                });
    }

    private static StoredOrder stored(Row r, Optional<Fill> fill) {
        ApprovedOrder o = ApprovedOrder.newBuilder().setClientOrderId(r.getString("client_order_id"))
                .setStrategy(r.getString("strategy")).setSymbol(r.getString("symbol"))
                .setSide(Side.valueOf(r.getString("side"))).setPurpose(OrderPurpose.valueOf(r.getString("purpose")))
                .setQtyE8(r.getLong("qty_e8")).setReferencePriceE8(r.getLong("reference_price_e8"))
                .setVenue(r.getString("venue")).setDecisionSeq(r.getLong("decision_seq"))
                .setDecisionIngestTimeMs(r.getLong("decision_ingest_time_ms"))
                .setApprovedTimeMs(r.getLong("approved_time_ms")).setLotExponent(r.getInteger("lot_exponent")).build();
        return new StoredOrder(o, State.valueOf(r.getString("state")), r.getString("reject_reason"),
                r.getString("key_id"), r.getString("signature"), r.getLong("received_ms"), orZero(r.getLong("signed_ms")),
                orZero(r.getLong("sent_ms")), orZero(r.getLong("final_ms")), fill);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static List<Fill> fills(RowSet<Row> rows, String logId) {
        List<Fill> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(Fill.newBuilder().setSeq(r.getLong("seq")).setClientOrderId(r.getString("client_order_id"))
                    .setStrategy(r.getString("strategy")).setSymbol(r.getString("symbol"))
                    .setSide(Side.valueOf(r.getString("side"))).setPurpose(OrderPurpose.valueOf(r.getString("purpose")))
                    .setQtyE8(r.getLong("qty_e8")).setPriceE8(r.getLong("price_e8")).setFeeE8(r.getLong("fee_e8"))
                    .setVenue(r.getString("venue")).setKeyId(r.getString("key_id")).setSignature(r.getString("signature"))
                    .setFillTimeMs(r.getLong("fill_time_ms")).setDecisionSeq(r.getLong("decision_seq"))
                    .setDecisionIngestTimeMs(r.getLong("decision_ingest_time_ms")).setLogId(logId)
                    .setLotExponent(r.getInteger("lot_exponent")).setApprovedTimeMs(r.getLong("approved_time_ms"))
                    .setReceivedTimeMs(r.getLong("received_ms")).setSignedTimeMs(orZero(r.getLong("signed_ms")))
                    .setSentTimeMs(orZero(r.getLong("sent_ms"))).build());
        }
        return out;
    }
}
