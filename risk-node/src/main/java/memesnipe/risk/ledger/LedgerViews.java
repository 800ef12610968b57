package memesnipe.risk.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Read-only listings of the risk ledger (the fills risk applied, the decisions it recorded) for the REST API, in
 * pages from the newest row to the oldest. A page cursor is the row's order number ({@code fills.applied},
 * {@code decisions.recorded}): stable while new rows arrive, so paging never skips or repeats a row.
 */
public final class LedgerViews {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** Filters are names (strategies, symbols) or verdicts: short words, matched exactly. */
    private static final Pattern FILTER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private LedgerViews() {
    }

    /** One page request: rows older than before (0: from the newest), optionally of one strategy, symbol, verdict. */
    public record Query(int limit, long before, String strategy, String symbol, String verdict) {
        /**
         * A validated query; a limit of 0 means {@link #DEFAULT_LIMIT}. Throws IllegalArgumentException naming the
         * bad value (a limit above {@link #MAX_LIMIT}, a negative cursor, a filter that is not a short name).
         */
        public static Query of(long limit, long before, String strategy, String symbol, String verdict) {
            if (limit < 0 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " (0 for " + DEFAULT_LIMIT
                        + "); got " + limit);
            }
            if (before < 0) {
                throw new IllegalArgumentException("before must be a row number from an earlier page; got " + before);
            }
            return new Query(limit == 0 ? DEFAULT_LIMIT : (int) limit, before, filter("strategy", strategy),
                    filter("symbol", symbol), filter("verdict", verdict));
        }

        private static String filter(String what, String value) {
            if (value == null || value.isEmpty()) {
                return "";
            }
            if (!FILTER.matcher(value).matches()) {
                throw new IllegalArgumentException(what + " must be 1..64 letters, digits, '_', '.' or '-'");
            }
            return value;
        }
    }

    /** Rows newest first, and the cursor of the next (older) page: 0 when this page reached the oldest row. */
    public record Page<T>(List<T> rows, long nextBefore) {
    }

    /** A fill as risk applied it; money and quantities at scale 10^8 in lots of 10^lotExponent units. */
    public record FillRow(long applied, String clientOrderId, String strategy, String symbol, String side, long qtyE8,
                          long priceE8, long feeE8, long fillTimeMs, String logId, long seq, int lotExponent) {
    }

    /** A decision as risk recorded it; outcome is FAILED or empty. */
    public record DecisionRow(long recorded, String clientOrderId, String caller, String strategy, String symbol,
                              String purpose, String verdict, String reason, String detail, long approvedQtyE8,
                              long approvedNotionalE8, String tier, long equityE8, long timeMs, String outcome,
                              int lotExponent) {
    }

    private static final String FILLS = "SELECT applied, client_order_id, strategy, symbol, side, qty_e8, price_e8, "
            + "fee_e8, fill_time_ms, log_id, seq, lot_exponent FROM fills WHERE ($1 = 0 OR applied < $1) "
            + "AND ($2 = '' OR strategy = $2) AND ($3 = '' OR symbol = $3) ORDER BY applied DESC LIMIT $4";
    private static final String DECISIONS = "SELECT recorded, client_order_id, caller, strategy, symbol, purpose, "
            + "verdict, reason, detail, approved_qty_e8, approved_notional_e8, tier, equity_e8, time_ms, outcome, "
            + "lot_exponent FROM decisions WHERE ($1 = 0 OR recorded < $1) AND ($2 = '' OR strategy = $2) "
            + "AND ($3 = '' OR symbol = $3) AND ($4 = '' OR verdict = $4) ORDER BY recorded DESC LIMIT $5";

    static Future<Page<FillRow>> fills(SqlClient db, Query q) {
        return db.preparedQuery(FILLS).execute(Tuple.of(q.before(), q.strategy(), q.symbol(), q.limit() + 1))
                .map(rows -> {
                    List<FillRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new FillRow(r.getLong("applied"), r.getString("client_order_id"), r.getString("strategy"),
                                r.getString("symbol"), r.getString("side"), r.getLong("qty_e8"), r.getLong("price_e8"),
                                r.getLong("fee_e8"), r.getLong("fill_time_ms"), r.getString("log_id"), r.getLong("seq"),
                                r.getInteger("lot_exponent")));
                    }
                    return page(out, q.limit(), FillRow::applied);
                });
    }

    static Future<Page<DecisionRow>> decisions(SqlClient db, Query q) {
        return db.preparedQuery(DECISIONS).execute(Tuple.of(q.before(), q.strategy(), q.symbol(), q.verdict(),
                q.limit() + 1)).map(rows -> {
                    List<DecisionRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        String outcome = r.getString("outcome");
                        out.add(new DecisionRow(r.getLong("recorded"), r.getString("client_order_id"),
                                r.getString("caller"), r.getString("strategy"), r.getString("symbol"),
                                r.getString("purpose"), r.getString("verdict"), r.getString("reason"),
                                r.getString("detail"), r.getLong("approved_qty_e8"), r.getLong("approved_notional_e8"),
                                r.getString("tier"), r.getLong("equity_e8"), r.getLong("time_ms"),
                                outcome == null ? "" : outcome, r.getInteger("lot_exponent")));
                    }
                    return page(out, q.limit(), DecisionRow::recorded);
                });
    }

    /** The first limit rows; the cursor is the last one's when a further row was read (one more than the limit). */
    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.ToLongFunction<T> cursor) {
        if (rows.size() <= limit) {
            return new Page<>(rows, 0);
        }
        List<T> shown = List.copyOf(rows.subList(0, limit));
        return new Page<>(shown, cursor.applyAsLong(shown.get(limit - 1)));
    }
}
