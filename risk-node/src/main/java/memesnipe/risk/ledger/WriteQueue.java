package memesnipe.risk.ledger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import memesnipe.kit.ledger.LedgerHealth;
import memesnipe.model.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The risk ledger's asynchronous writes (fills, the fill-stream cursor, decisions, equity samples, quality samples):
 * a bounded in-memory queue written in order, in batches of one transaction each, by one writer on the node's event
 * loop. A failed batch is retried with backoff until the server takes it (so writes catch up by themselves after an
 * outage); a row the server refuses as bad data is dropped and counted, never retried forever. When the queue is
 * full, new decisions and samples are dropped (counted); fills, the cursor and order outcomes are always kept.
 */
final class WriteQueue {
    private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
    private static final int BATCH = 500;
    private static final memesnipe.model.time.Backoff BACKOFF = new memesnipe.model.time.Backoff(100, 5_000);
    /** A batch not answered by then is written again (every row is idempotent or a harmless extra sample). */
    private static final long WRITE_TIMEOUT_MS = 10_000;

    /** What a row is; a batch writes its rows grouped by kind, in this order. */
    enum Kind {
        FILL(LedgerSql.INSERT_FILL), CURSOR(LedgerSql.UPSERT_CURSOR), DECISION(LedgerSql.INSERT_DECISION),
        OUTCOME(LedgerSql.UPDATE_OUTCOME), EQUITY(LedgerSql.INSERT_EQUITY), QUALITY(LedgerSql.INSERT_QUALITY),
        QUALITY_CLEARED(LedgerSql.CLEAR_QUALITY);

        final String sql;

        Kind(String sql) {
            this.sql = sql;
        }
    }

    /** One row to write, with an optional key the owner is told about once it is written (or dropped). */
    record Row(Kind kind, Tuple tuple, String key) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final LedgerHealth health;
    private final Clock clock;
    private final int max;
    private final Consumer<Row> done;
    private final ArrayDeque<Row> queue = new ArrayDeque<>();
    private boolean writing;
    private long writingSinceMs;
    private int failures;
    private long retryTimer = -1;
    private int isolate;
    private long dropped;
    private long refused;
    private boolean closed;

    WriteQueue(Vertx vertx, Pool pool, LedgerHealth health, Clock clock, int max, Consumer<Row> done) {
        this.vertx = vertx;
        this.pool = pool;
        this.health = health;
        this.clock = clock;
        this.max = max;
        this.done = done;
    }

    /** Queues a row; returns false when it was dropped because the queue is full. */
    boolean add(Row row) {
        if (queue.size() >= max && row.kind() != Kind.FILL && row.kind() != Kind.CURSOR && row.kind() != Kind.OUTCOME
                && row.kind() != Kind.QUALITY_CLEARED) {
            if (dropped++ == 0) {
                LOG.error("risk ledger write queue full ({} rows): dropping decisions and samples until it drains", max);
            }
            done.accept(row);
            return false;
        }
        queue.addLast(row);
        pump();
        return true;
    }

    int size() {
        return queue.size();
    }

    long dropped() {
        return dropped;
    }

    long refused() {
        return refused;
    }

    /** Milliseconds the batch being written has been waiting for the server (0 when none is). */
    long writingForMs(long nowMs) {
        return writing ? nowMs - writingSinceMs : 0;
    }

    /** Tries again now (the server is known to be back). */
    void retryNow() {
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
            retryTimer = -1;
        }
        failures = 0;
        pump();
    }

    void close() {
        closed = true;
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
        }
    }

    private void pump() {
        if (writing || retryTimer >= 0 || queue.isEmpty() || closed) {
            return;
        }
        int n = Math.min(isolate > 0 ? 1 : BATCH, queue.size());
        List<Row> batch = new ArrayList<>(n);
        var it = queue.iterator();
        for (int i = 0; i < n; i++) {
            batch.add(it.next());
        }
        writing = true;
        writingSinceMs = clock.millis();
        pool.withTransaction(c -> {
            Map<Kind, List<Tuple>> byKind = new EnumMap<>(Kind.class);
            for (Row r : batch) {
                byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r.tuple());
            }
            List<Tuple> cursors = byKind.get(Kind.CURSOR);
            if (cursors != null) {
                byKind.put(Kind.CURSOR, List.of(cursors.get(cursors.size() - 1))); // the newest position is enough
            }
            Future<Void> chain = Future.succeededFuture();
            for (Map.Entry<Kind, List<Tuple>> e : byKind.entrySet()) {
                chain = chain.compose(v -> LedgerSql.batch(c, e.getKey().sql, e.getValue()));
            }
            return chain;
        }).timeout(WRITE_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS).onComplete(ar -> {
            writing = false;
            if (closed) {
                return;
            }
            if (ar.succeeded()) {
                finish(batch);
                health.wrote(clock.millis());
                failures = 0;
                pump();
            } else if (badData(ar.cause())) {
                if (batch.size() > 1) {
                    isolate = batch.size(); // find the row the server refuses: one row per transaction for a while
                } else {
                    refused++;
                    LOG.error("risk ledger refused a {} row, dropped: {}", batch.get(0).kind(),
                            memesnipe.model.text.Printable.of(ar.cause().getMessage()));
                    finish(batch);
                }
                pump();
            } else {
                health.failed(ar.cause());
                retryTimer = vertx.setTimer(BACKOFF.delayMs(++failures), id -> {
                    retryTimer = -1;
                    pump();
                });
            }
        });
    }

    private void finish(List<Row> batch) {
        for (int i = 0; i < batch.size(); i++) {
            done.accept(queue.removeFirst());
        }
        if (isolate > 0) {
            isolate = Math.max(0, isolate - batch.size());
        }
    }

    /** A refusal of the data itself (retrying the same row cannot succeed), not of the connection. */
    static boolean badData(Throwable err) {
        if (err instanceof PgException pg && pg.getSqlState() != null) {
            String cls = pg.getSqlState().substring(0, 2);
            return cls.equals("22") || cls.equals("23") || cls.equals("42");
        }
        return false;
    }
}
