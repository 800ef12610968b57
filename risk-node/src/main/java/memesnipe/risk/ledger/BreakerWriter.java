package memesnipe.risk.ledger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import memesnipe.kit.ledger.LedgerHealth;
import memesnipe.model.time.Clock;
import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.risk.breaker.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the breaker durable: transitions, admin actions and state changes are gathered into one write (a new
 * version of the whole state, with an equity sample and a new trading day when one started), written to PostgreSQL
 * in one transaction. When PostgreSQL does not take it within {@value #ACK_TIMEOUT_MS} ms, the write goes to the
 * local journal (fsync'd) instead and is drained into the ledger, with backoff, once the server is back. A caller
 * waiting on a write (a Trip) is answered only once it is durable in one of the two. One writer at a time, on the
 * node's event loop.
 */
public final class BreakerWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BreakerWriter.class);
    static final long ACK_TIMEOUT_MS = 2_000;
    private static final memesnipe.model.time.Backoff DRAIN_BACKOFF = new memesnipe.model.time.Backoff(100, 2_000);
    private static final long JOURNAL_STATE_EVERY_MS = 10_000;

    /** Where the writer reads what to write: the breaker as it stands and the marked equity now. */
    public interface Source {
        BreakerRecord state();

        long equityE8();
    }

    private final Vertx vertx;
    private final Context context;
    private final Pool pool;
    private final LedgerHealth health;
    private final BreakerJournal journal;
    private final Clock clock;
    private final Source source;
    private long version;
    private long lastDay;
    private BreakerRecord lastWritten;
    private List<Transition> nextTransitions = new ArrayList<>();
    private List<BreakerWrite.Audit> nextAudits = new ArrayList<>();
    private List<BreakerWrite.StageWrite> nextStages = new ArrayList<>();
    private List<Promise<Void>> nextWaiters = new ArrayList<>();
    private boolean stateDirty;
    private boolean scheduled;
    private boolean writing;
    private final ArrayDeque<BreakerWrite> backlog = new ArrayDeque<>();
    private long drainTimer = -1;
    private int drainFailures;
    private boolean closed;
    private long lastJournaledStateMs;

    BreakerWriter(Vertx vertx, Pool pool, LedgerHealth health, BreakerJournal journal, Clock clock, Source source,
                  long version, BreakerRecord written) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.pool = pool;
        this.health = health;
        this.journal = journal;
        this.clock = clock;
        this.source = source;
        this.version = version;
        this.lastWritten = written;
        this.lastDay = written == null ? Long.MIN_VALUE : written.dayEpochDay();
    }

    /** A breaker transition: written with the next write, soon. */
    public void transition(Transition t) {
        nextTransitions.add(t);
        schedule();
    }

    /**
     * A strategy's stage (a change, or its registration at its initial stage): written with the next write, soon; the
     * returned future completes once it is durable.
     */
    public Future<Void> stage(BreakerWrite.StageWrite w) {
        nextStages.add(w);
        return flush();
    }

    /** An admin action: the returned future completes once it and the breaker state after it are durable. */
    public Future<Void> audit(BreakerWrite.Audit a) {
        nextAudits.add(a);
        return flush();
    }

    /** Writes the state now; the future completes once it is durable. */
    public Future<Void> flush() {
        Promise<Void> p = Promise.promise();
        nextWaiters.add(p);
        schedule();
        return p.future();
    }

    /** Writes the state if it changed since the last write (no one waits; e.g. a new equity peak). */
    public void stateChanged() {
        if (!backlog.isEmpty() && clock.millis() - lastJournaledStateMs < JOURNAL_STATE_EVERY_MS) {
            return; // PostgreSQL is down: the local journal takes a state-only write at most this often
        }
        if (!source.state().equals(lastWritten)) {
            stateDirty = true;
            schedule();
        }
    }

    /** Writes gathered or on their way: not yet in PostgreSQL (including those only in the local journal). */
    public int pending() {
        int n = backlog.size() + (writing ? 1 : 0);
        if (!nextTransitions.isEmpty() || !nextAudits.isEmpty() || !nextStages.isEmpty() || !nextWaiters.isEmpty()
                || stateDirty) {
            n++;
        }
        return n;
    }

    /** Writes kept only in the local journal, waiting for PostgreSQL. */
    public int journaled() {
        return backlog.size();
    }

    long version() {
        return version;
    }

    void close() {
        closed = true;
        if (drainTimer >= 0) {
            vertx.cancelTimer(drainTimer);
        }
    }

    /** Drains the journal into PostgreSQL now (the server is known to be back). */
    void retryNow() {
        if (!backlog.isEmpty()) {
            if (drainTimer >= 0) {
                vertx.cancelTimer(drainTimer);
                drainTimer = -1;
            }
            drainFailures = 0;
            drain();
        }
    }

    private void schedule() {
        if (!scheduled && !closed) {
            scheduled = true;
            // after the current event is handled, so one write carries everything it changed
            context.runOnContext(v -> {
                scheduled = false;
                write();
            });
        }
    }

    private void write() {
        if (writing || closed) {
            return;
        }
        if (nextTransitions.isEmpty() && nextAudits.isEmpty() && nextStages.isEmpty() && nextWaiters.isEmpty()
                && !stateDirty) {
            return;
        }
        long now = clock.millis();
        BreakerRecord state = source.state();
        BreakerWrite.TradingDay day = null;
        if (state.dayEpochDay() != lastDay) {
            day = new BreakerWrite.TradingDay(state.dayEpochDay(), state.dayStartE8(), now);
            lastDay = state.dayEpochDay();
        }
        BreakerWrite w = new BreakerWrite(++version, now, state, nextTransitions, nextAudits,
                new BreakerWrite.EquitySample(now, source.equityE8(), state.peakE8()), day, nextStages);
        List<Promise<Void>> waiters = nextWaiters;
        nextTransitions = new ArrayList<>();
        nextAudits = new ArrayList<>();
        nextStages = new ArrayList<>();
        nextWaiters = new ArrayList<>();
        stateDirty = false;
        lastWritten = state;
        writing = true;
        Future<Void> durable;
        if (backlog.isEmpty()) {
            durable = pool.withTransaction(c -> LedgerSql.writeBreaker(c, List.of(w)))
                    .timeout(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .onSuccess(v -> health.wrote(clock.millis()))
                    .recover(err -> {
                        health.failed(err);
                        return toJournal(w);
                    });
        } else {
            durable = toJournal(w); // the server is known to be down: straight to the local journal, in order
            if (w.transitions().isEmpty() && w.audits().isEmpty() && waiters.isEmpty()) {
                lastJournaledStateMs = now;
            }
        }
        durable.onComplete(ar -> {
            writing = false;
            for (Promise<Void> p : waiters) {
                if (ar.succeeded()) {
                    p.tryComplete();
                } else {
                    p.tryFail(ar.cause());
                }
            }
            write();
        });
    }

    private Future<Void> toJournal(BreakerWrite w) {
        backlog.addLast(w);
        return journal.append(w).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("breaker write v{} is neither in PostgreSQL nor in the local journal {}: {} (retrying into "
                        + "PostgreSQL)", w.version(), journal.file(), ar.cause().getMessage());
            }
            scheduleDrain();
        });
    }

    private void scheduleDrain() {
        if (drainTimer >= 0 || backlog.isEmpty() || closed) {
            return;
        }
        drainTimer = vertx.setTimer(DRAIN_BACKOFF.delayMs(drainFailures + 1), id -> {
            drainTimer = -1;
            drain();
        });
    }

    private void drain() {
        if (backlog.isEmpty() || closed) {
            return;
        }
        List<BreakerWrite> batch = List.copyOf(backlog);
        pool.withTransaction(c -> LedgerSql.writeBreaker(c, batch)).timeout(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    if (closed) {
                        return;
                    }
                    if (ar.succeeded()) {
                        for (int i = 0; i < batch.size(); i++) {
                            backlog.removeFirst();
                        }
                        health.wrote(clock.millis());
                        drainFailures = 0;
                        LOG.info("{} breaker write(s) from the local journal are now in the ledger", batch.size());
                        if (backlog.isEmpty()) {
                            journal.truncate();
                        }
                    } else {
                        health.failed(ar.cause());
                        drainFailures++;
                    }
                    scheduleDrain();
                });
    }
}
