package memesnipe.risk.ledger;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;

/**
 * Which client order ids the ledger may already hold a decision for: a Bloom filter over every id in
 * risk.decisions (read once at start, in pages) and every id decided since. "No" is certain, so a new id is decided
 * without asking PostgreSQL whether it was used before; "maybe" (a real repeat, or a false positive about
 * {@value #FALSE_POSITIVES_PCT} % of the time at its design size) is asked of the ledger as before. Until the read
 * at start is complete every id is a "maybe". Owned by the risk node's event loop.
 */
public final class DecidedIds {
    /** The filter is sized for at least this many ids, or twice the ledger's at start. */
    static final long MIN_CAPACITY = 1_000_000;
    static final int FALSE_POSITIVES_PCT = 1;
    static final int PAGE = 20_000;

    private BloomFilter<CharSequence> ids;
    /** Ids decided before the filter exists (while the ledger's count is read). */
    private final java.util.List<String> early = new java.util.ArrayList<>();
    private boolean complete;
    private long added;

    /**
     * Reads every id of the ledger, in pages; until it completes, every id is a "maybe". After a failure it may be
     * called again: it reads all pages again into the same filter (an id put twice changes nothing).
     */
    Future<Long> load(SqlClient db) {
        Future<Void> filter = ids != null ? Future.succeededFuture()
                : db.query("SELECT count(*) FROM decisions").execute().map(rows -> {
                    long count = rows.iterator().next().getLong(0);
                    ids = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8),
                            Math.max(MIN_CAPACITY, 2 * count), FALSE_POSITIVES_PCT / 100.0);
                    early.forEach(this::add);
                    early.clear();
                    return null;
                });
        return filter.compose(v -> page(db, 0)).map(v -> {
            complete = true;
            return added;
        });
    }

    private Future<Void> page(SqlClient db, long after) {
        return db.preparedQuery("SELECT recorded, client_order_id FROM decisions WHERE recorded > $1 ORDER BY recorded "
                + "LIMIT " + PAGE).execute(Tuple.of(after)).compose(rows -> {
                    long last = after;
                    for (Row r : rows) {
                        add(r.getString(1));
                        last = r.getLong(0);
                    }
                    return rows.size() < PAGE ? Future.succeededFuture() : page(db, last);
                });
    }

    /** An id decided now (it is on its way to the ledger). */
    public void add(String clientOrderId) {
        if (ids == null) {
            early.add(clientOrderId);
            return;
        }
        ids.put(clientOrderId);
        added++;
    }

    /** False only when the ledger certainly holds no decision under this id. */
    public boolean mayHold(String clientOrderId) {
        return !complete || ids.mightContain(clientOrderId);
    }

    public boolean complete() {
        return complete;
    }

    /** Ids in the filter. */
    public long size() {
        return added;
    }
}
