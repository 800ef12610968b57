package memesnipe.executor.journal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import memesnipe.kit.ledger.Ledger;
import memesnipe.kit.ledger.LedgerHealth;
import memesnipe.model.time.Clock;
import memesnipe.v1.Fill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Makes the executor's {@link LedgerOp}s durable, in the order they are written: one pipeline, one batch at a
 * time, so durable order is write order (fill sequence numbers stay gap-free).
 *
 * <p>Normally a batch is one PostgreSQL transaction. When a batch cannot be written (server unreachable, no
 * answer within {@link #WRITE_TIMEOUT_MS}), the journal switches to its local write-ahead file: that batch and
 * every later one are appended to the file and fsync'd instead, until a drain (tried every second by
 * {@link #tick()}) has applied the whole file to PostgreSQL — idempotently, so a batch whose commit was only
 * in doubt does no harm — and emptied it. PostgreSQL thus always holds a prefix of the journal and the file the
 * rest. A batch that fits neither is retried until it is durable; only the admission of new orders
 * ({@link LedgerOp.Received}) is refused then. Event-loop only.
 */
public final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    /** A PostgreSQL write that has not answered by then counts as failed (the file takes over). */
    public static final long WRITE_TIMEOUT_MS = 2_000;
    static final int MAX_BATCH = 256;
    static final long RETRY_MS = 1_000;
    static final long IDLE_PROBE_MS = 1_000;
    /** The write-ahead file refuses new orders beyond this many records (steps of orders already admitted go on). */
    public static final int MAX_WAL_RECORDS = 100_000;

    /** How a step was made durable: in PostgreSQL (changed = it did something there) or in the write-ahead file. */
    public record Written(boolean inLedger, boolean changed) {
    }

    private record Pending(LedgerOp op, Promise<Written> done) {
    }

    private final Vertx vertx;
    private final ExecutorLedger ledger;
    private final AppendOnlyFile wal;
    private final Clock clock;
    private final LedgerHealth health;
    private final LongConsumer writeLatencyNs;
    private final Deque<Pending> queue = new ArrayDeque<>();
    /** What the write-ahead file holds, in order; [0, drained) is already in PostgreSQL. */
    private final List<LedgerOp> walRecords;
    private int drained;
    private boolean ledgerMode;
    private boolean busy;
    private boolean closed;
    private long lastActivityMs;

    private Journal(Vertx vertx, ExecutorLedger ledger, AppendOnlyFile wal, List<LedgerOp> walRecords, Clock clock,
                    LedgerHealth health, LongConsumer writeLatencyNs) {
        this.vertx = vertx;
        this.ledger = ledger;
        this.wal = wal;
        this.walRecords = walRecords;
        this.clock = clock;
        this.health = health;
        this.writeLatencyNs = writeLatencyNs;
        this.ledgerMode = walRecords.isEmpty();
        health.pending(walRecords.size());
    }

    /** Opens the write-ahead file (reading what an earlier run left in it); call {@link #drainAtStart()} next. */
    public static Future<Journal> open(Vertx vertx, ExecutorLedger ledger, Path walFile, Clock clock, LedgerHealth health,
                                       LongConsumer writeLatencyNs) {
        List<LedgerOp> records = Collections.synchronizedList(new ArrayList<>());
        return AppendOnlyFile.open(vertx, walFile, line -> records.add(WalCodec.decode(line)))
                .map(file -> {
                    if (!records.isEmpty()) {
                        LOG.info("write-ahead file {} holds {} step(s) not yet in PostgreSQL", walFile, records.size());
                    }
                    return new Journal(vertx, ledger, file, new ArrayList<>(records), clock, health, writeLatencyNs);
                });
    }

    /** Applies everything the write-ahead file holds to PostgreSQL and empties it; fails if that cannot be done. */
    public Future<Void> drainAtStart() {
        if (walRecords.isEmpty()) {
            return Future.succeededFuture();
        }
        busy = true;
        return drain().eventually(() -> {
            busy = false;
            kick();
            return Future.succeededFuture();
        }).compose(v -> ledgerMode ? Future.succeededFuture()
                : Future.failedFuture(new IllegalStateException("the write-ahead file could not be drained into PostgreSQL")));
    }

    /** Makes the step durable; steps complete in the order they were written. */
    public Future<Written> write(LedgerOp op) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("journal closed"));
        }
        Promise<Written> p = Promise.promise();
        queue.addLast(new Pending(op, p));
        kick();
        return p.future();
    }

    /** True while steps go to PostgreSQL; false while they go to the write-ahead file (the ledger is down). */
    public boolean ledgerMode() {
        return ledgerMode;
    }

    /** Steps in the write-ahead file not yet applied to PostgreSQL. */
    public int walPending() {
        return walRecords.size() - drained;
    }

    /** Fills with seq > afterSeq that are in the write-ahead file (possibly not yet in PostgreSQL), in order. */
    public List<Fill> walFills(long afterSeq, int max) {
        List<Fill> out = new ArrayList<>();
        for (LedgerOp op : walRecords) {
            if (op instanceof LedgerOp.Filled f && f.fill().getSeq() > afterSeq) {
                out.add(f.fill());
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Called about every second: while the ledger is down, tries to drain the write-ahead file (which brings the
     * journal back to PostgreSQL); while it is up but idle for a second, checks it is still reachable, so an
     * outage shows (and new entries are refused at once) even when no order is flowing.
     */
    public void tick() {
        if (busy || closed) {
            return;
        }
        if (!ledgerMode) {
            busy = true;
            drain().onComplete(ar -> {
                busy = false;
                kick();
            });
        } else if (queue.isEmpty() && clock.millis() - lastActivityMs >= IDLE_PROBE_MS) {
            busy = true;
            ledger.ping().timeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(ar -> {
                lastActivityMs = clock.millis();
                if (ar.failed()) {
                    health.failed(ar.cause());
                    ledgerMode = false;
                    LOG.warn("ledger unreachable ({}): new entries are refused, exits go to the write-ahead file {}",
                            Ledger.rootMessage(ar.cause()), wal.path());
                }
                busy = false;
                kick();
            });
        }
    }

    /** Stops taking steps and closes the write-ahead file after the batch under way. */
    public Future<Void> close() {
        closed = true;
        while (!queue.isEmpty()) {
            queue.pollFirst().done().fail(new IllegalStateException("journal closed"));
        }
        return wal.close();
    }

    private void kick() {
        if (busy || closed || queue.isEmpty()) {
            return;
        }
        busy = true;
        List<Pending> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.pollFirst());
        }
        (ledgerMode ? toLedger(batch) : toWal(batch)).onComplete(ar -> {
            busy = false;
            kick();
        });
    }

    private Future<Void> toLedger(List<Pending> batch) {
        long t0 = clock.nanos();
        return ledger.apply(batch.stream().map(Pending::op).toList()).timeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .transform(ar -> {
                    lastActivityMs = clock.millis();
                    if (ar.succeeded()) {
                        writeLatencyNs.accept(clock.nanos() - t0);
                        health.wrote(clock.millis());
                        for (int i = 0; i < batch.size(); i++) {
                            batch.get(i).done().complete(new Written(true, ar.result().get(i)));
                        }
                        return Future.succeededFuture();
                    }
                    health.failed(ar.cause());
                    ledgerMode = false;
                    LOG.warn("ledger write failed ({}): journaling to the write-ahead file {} until PostgreSQL is back",
                            Ledger.rootMessage(ar.cause()), wal.path());
                    return toWal(batch);
                });
    }

    private Future<Void> toWal(List<Pending> batch) {
        List<Pending> accepted = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.op() instanceof LedgerOp.Received && walRecords.size() + accepted.size() >= MAX_WAL_RECORDS) {
                p.done().fail(new IllegalStateException("write-ahead file full (" + MAX_WAL_RECORDS + " steps)"));
            } else {
                accepted.add(p);
            }
        }
        if (accepted.isEmpty()) {
            return Future.succeededFuture();
        }
        List<LedgerOp> ops = accepted.stream().map(Pending::op).toList();
        return wal.append(ops.stream().map(WalCodec::encode).toList()).transform(ar -> {
            if (ar.succeeded()) {
                walRecords.addAll(ops);
                health.pending(walPending());
                accepted.forEach(p -> p.done().complete(new Written(false, true)));
                return Future.succeededFuture();
            }
            LOG.error("write-ahead file {} failed ({}) while PostgreSQL is down: holding {} step(s) and retrying",
                    wal.path(), ar.cause().toString(), accepted.size());
            List<Pending> retry = new ArrayList<>();
            for (Pending p : accepted) {
                if (p.op() instanceof LedgerOp.Received) {
                    p.done().fail(ar.cause()); // nothing of this order is durable: it is refused
                } else {
                    retry.add(p); // the order is under way: its step waits until it is durable somewhere
                }
            }
            for (int i = retry.size() - 1; i >= 0; i--) {
                queue.addFirst(retry.get(i));
            }
            if (walRecords.isEmpty()) {
                ledgerMode = true; // nothing of the journal is in the file: PostgreSQL may be tried first again
            }
            Promise<Void> wait = Promise.promise();
            vertx.setTimer(RETRY_MS, t -> wait.complete());
            return wait.future();
        });
    }

    /** Applies the write-ahead file to PostgreSQL in chunks; on success empties it and goes back to ledger mode. */
    private Future<Void> drain() {
        if (drained >= walRecords.size()) {
            int total = walRecords.size();
            Future<Void> reachable = total > 0 ? Future.succeededFuture()
                    : ledger.ping().timeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(ar -> {
                        if (ar.failed()) {
                            health.failed(ar.cause());
                            return Future.<Void>failedFuture(ar.cause());
                        }
                        return Future.<Void>succeededFuture();
                    });
            return reachable.compose(ok -> wal.truncate()).map(v -> {
                walRecords.clear();
                drained = 0;
                health.pending(0);
                health.wrote(clock.millis());
                ledgerMode = true;
                lastActivityMs = clock.millis();
                LOG.info("ledger reachable: write-ahead file drained ({} step(s)); journaling to PostgreSQL again", total);
                return (Void) null;
            });
        }
        int end = Math.min(walRecords.size(), drained + MAX_BATCH);
        List<LedgerOp> chunk = List.copyOf(walRecords.subList(drained, end));
        return ledger.apply(chunk).timeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(ar -> {
            if (ar.failed()) {
                health.failed(ar.cause());
                return Future.failedFuture(ar.cause());
            }
            drained = end;
            health.pending(walPending());
            return drain();
        });
    }
}
