package memesnipe.risk.ledger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.kit.ledger.Ledger;
import memesnipe.kit.ledger.LedgerHealth;
import memesnipe.model.time.Clock;
import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.model.Tier;
import memesnipe.risk.breaker.Transition;
import memesnipe.model.Decision;
import memesnipe.model.DenyReason;
import memesnipe.model.FillEvent;
import memesnipe.model.Side;
import memesnipe.model.Verdict;
import memesnipe.risk.quality.ExecutionQuality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The risk node's PostgreSQL ledger (schema risk): reads back everything a restart needs (deployment, breaker,
 * equity curve, quality window, fills in the order they were applied, the fill-stream position), writes fills,
 * decisions and samples asynchronously through a bounded queue, makes breaker writes durable through a
 * {@link BreakerWriter}, answers repeated client order ids from the decisions table, and keeps the ledger's
 * health (reachable, pending writes) for status and for failing closed. Used from the node's event loop only.
 */
public final class RiskLedger {
    private static final Logger LOG = LoggerFactory.getLogger(RiskLedger.class);
    public static final String SCHEMA = "risk";
    private static final int REPLAY_PAGE = 2_000;
    private static final long STUCK_MS = 3_000;
    private static final long IDLE_PROBE_MS = 2_000;
    static final long DIRECT_WRITE_TIMEOUT_MS = 500;

    /** The breaker state row and its version. */
    public record StoredBreaker(BreakerRecord record, long version, long updatedMs) {
    }

    /** Where the executor's fill stream resumes (after this sequence number of this log). */
    public record FillCursor(String logId, long seq) {
    }

    /**
     * What a restart restores, besides the fills: the breaker (absent when the row is missing), its recent
     * transitions (oldest first), the newest equity sample, the quality window (oldest first), the fill-stream
     * position, what the local journal held (writes applied; a problem when it was unreadable), every strategy's stage
     * in the promotion pipeline, and its recent stage changes (oldest first).
     */
    public record Recovered(Optional<StoredBreaker> breaker, List<Transition> transitions,
                            Optional<BreakerWrite.EquitySample> newestSample, List<ExecutionQuality.Sample> quality,
                            Optional<FillCursor> cursor, int journalApplied, Optional<String> journalProblem,
                            List<BreakerWrite.StageWrite> stages, List<BreakerWrite.StageWrite> stageChanges) {
    }

    /** Stage changes read back at start (the most recent ones; the table keeps all). */
    public static final int STAGE_CHANGES_READ = 1000;

    private final Vertx vertx;
    /** Every client order id the ledger may hold a decision for (see mayHoldDecision). */
    private final DecidedIds decidedIds = new DecidedIds();
    private boolean closed;
    private final Ledger ledger;
    private final Pool pool;
    private final Clock clock;
    private final Path journalFile;
    private final LedgerHealth health = new LedgerHealth();
    private final WriteQueue queue;
    /** Decisions queued for the ledger, by client order id, with the caller each was made for. */
    private final Map<String, CallerDecision> pendingDecisions = new HashMap<>();
    private BreakerWriter breakerWriter;
    private long probeTimer = -1;
    private boolean probing;
    private long lastActivityMs;
    private boolean lastSeenReachable = true;

    private RiskLedger(Vertx vertx, Ledger ledger, Clock clock, Path journalFile, int queueMax) {
        this.vertx = vertx;
        this.ledger = ledger;
        this.pool = ledger.pool();
        this.clock = clock;
        this.journalFile = journalFile;
        this.queue = new WriteQueue(vertx, pool, health, clock, queueMax, row -> {
            if (row.kind() == WriteQueue.Kind.DECISION) {
                pendingDecisions.remove(row.key());
            }
        });
    }

    /**
     * Opens the ledger (migrating schema risk on a worker); fails with a one-line {@link Ledger.LedgerUnavailable}
     * when PostgreSQL cannot be reached. journalFile is the local write-ahead file for breaker writes.
     */
    public static Future<RiskLedger> open(Vertx vertx, DatabaseSettings settings, Path journalFile, int queueMax,
                                          Clock clock) {
        return Ledger.open(vertx, settings, SCHEMA).map(l -> {
            RiskLedger r = new RiskLedger(vertx, l, clock, journalFile, queueMax);
            r.lastActivityMs = clock.millis();
            r.loadDecidedIds();
            r.probeTimer = vertx.setPeriodic(1_000, id -> r.watch());
            return r;
        });
    }

    public LedgerHealth health() {
        return health;
    }

    /** Reads the deployment record (empty when `memesnipe init` was never run on this database). */
    public Future<Optional<Deployment>> deployment() {
        return readDeployment(pool);
    }

    static Future<Optional<Deployment>> readDeployment(io.vertx.sqlclient.SqlClient c) {
        return c.query("SELECT id, created_ms, initial_capital_e8, created_by FROM deployment").execute().map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row r = rows.iterator().next();
            return Optional.of(new Deployment(r.getString("id"), r.getLong("created_ms"), r.getLong("initial_capital_e8"),
                    r.getString("created_by")));
        });
    }

    /**
     * Drains the local journal of this deployment into the ledger, then reads what a restart restores (all but the
     * fills, see {@link #replayFills}). qualityWindow is how many quality samples to read back.
     */
    public Future<Recovered> load(Deployment d, int qualityWindow) {
        BreakerJournal journal = new BreakerJournal(vertx, journalFile, d.id());
        return journal.read().compose(contents -> {
            if (contents.otherDeployment() > 0) {
                LOG.warn("local breaker journal {}: {} write(s) of another deployment ignored", journalFile,
                        contents.otherDeployment());
            }
            Optional<String> problem = contents.unreadableBeforeEnd()
                    ? Optional.of("local breaker journal " + journalFile + " has " + contents.unreadable()
                    + " unreadable line(s)") : Optional.empty();
            Future<Void> drained = contents.writes().isEmpty() ? Future.succeededFuture()
                    : pool.withTransaction(c -> LedgerSql.writeBreaker(c, contents.writes()));
            return drained.compose(v -> contents.writes().isEmpty() && contents.otherDeployment() == 0
                            && contents.unreadable() == 0 ? Future.succeededFuture() : journal.truncate())
                    .compose(v -> {
                        if (!contents.writes().isEmpty()) {
                            LOG.info("{} breaker write(s) from the local journal {} applied to the ledger",
                                    contents.writes().size(), journalFile);
                        }
                        return readState(qualityWindow, contents.writes().size(), problem);
                    });
        });
    }

    private Future<Recovered> readState(int qualityWindow, int journalApplied, Optional<String> journalProblem) {
        Future<Optional<StoredBreaker>> breaker = pool.query("SELECT * FROM breaker_state").execute().map(rows -> {
            if (rows.size() == 0) {
                return Optional.<StoredBreaker>empty();
            }
            Row r = rows.iterator().next();
            return Optional.of(new StoredBreaker(BreakerCodec.record(r), r.getLong("version"), r.getLong("updated_ms")));
        });
        Future<List<Transition>> transitions = pool.query("SELECT * FROM breaker_transitions ORDER BY seq DESC LIMIT 1000")
                .execute().map(rows -> {
                    List<Transition> out = new ArrayList<>();
                    rows.forEach(r -> out.add(BreakerCodec.transition(r)));
                    Collections.reverse(out);
                    return out;
                });
        Future<Optional<BreakerWrite.EquitySample>> sample = pool.query(
                "SELECT time_ms, equity_e8, peak_e8 FROM equity_curve ORDER BY time_ms DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rowSample(rows.iterator().next())));
        Future<List<ExecutionQuality.Sample>> quality = pool.preparedQuery(
                "SELECT time_ms, latency_ms, slippage_bps, error FROM quality_samples ORDER BY id DESC LIMIT $1")
                .execute(Tuple.of(qualityWindow)).map(rows -> {
                    List<ExecutionQuality.Sample> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new ExecutionQuality.Sample(r.getLong("time_ms"), r.getLong("latency_ms"),
                            r.getInteger("slippage_bps"), r.getBoolean("error"))));
                    Collections.reverse(out);
                    return out;
                });
        Future<Optional<FillCursor>> cursor = pool.query("SELECT log_id, seq FROM fill_cursor").execute()
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(new FillCursor(rows.iterator().next().getString("log_id"),
                        rows.iterator().next().getLong("seq"))));
        Future<List<BreakerWrite.StageWrite>> stages = pool.query("SELECT * FROM strategy_stages ORDER BY strategy")
                .execute().map(rows -> {
                    List<BreakerWrite.StageWrite> out = new ArrayList<>();
                    rows.forEach(r -> out.add(BreakerCodec.stage(r)));
                    return out;
                });
        Future<List<BreakerWrite.StageWrite>> changes = pool.query("SELECT * FROM stage_changes ORDER BY time_ms DESC, "
                + "id DESC LIMIT " + STAGE_CHANGES_READ).execute().map(rows -> {
                    List<BreakerWrite.StageWrite> out = new ArrayList<>();
                    rows.forEach(r -> out.add(BreakerCodec.stageChange(r)));
                    Collections.reverse(out);
                    return out;
                });
        return Future.all(List.of(breaker, transitions, sample, quality, cursor, stages, changes)).map(v ->
                new Recovered(breaker.result(), transitions.result(), sample.result(), quality.result(),
                        cursor.result(), journalApplied, journalProblem, stages.result(), changes.result()));
    }

    private static BreakerWrite.EquitySample rowSample(Row r) {
        return new BreakerWrite.EquitySample(r.getLong("time_ms"), r.getLong("equity_e8"), r.getLong("peak_e8"));
    }

    /**
     * Reads every fill risk applied, in the order it applied them, page by page (the event loop is free between
     * pages), handing each to the consumer; completes with the number of fills.
     */
    public Future<Long> replayFills(Consumer<FillEvent> each) {
        return replayFrom(0, 0, each);
    }

    private Future<Long> replayFrom(long after, long count, Consumer<FillEvent> each) {
        return pool.preparedQuery("SELECT applied, log_id, seq, client_order_id, strategy, symbol, side, qty_e8, price_e8, "
                + "fee_e8, fill_time_ms, lot_exponent FROM fills WHERE applied > $1 ORDER BY applied LIMIT " + REPLAY_PAGE)
                .execute(Tuple.of(after)).compose(rows -> {
                    long last = after;
                    long n = count;
                    for (Row r : rows) {
                        last = r.getLong("applied");
                        n++;
                        each.accept(new FillEvent(r.getString("log_id"), r.getLong("seq"), r.getString("client_order_id"),
                                r.getString("strategy"), r.getString("symbol"),
                                "BUY".equals(r.getString("side")) ? Side.BUY : Side.SELL, r.getLong("qty_e8"),
                                r.getLong("price_e8"), r.getLong("fee_e8"), r.getLong("fill_time_ms"),
                                r.getInteger("lot_exponent")));
                    }
                    return rows.size() < REPLAY_PAGE ? Future.succeededFuture(n) : replayFrom(last, n, each);
                });
    }

    /** Starts the durable breaker writer for this deployment, continuing from the version read back. */
    public BreakerWriter startBreakerWriter(Deployment d, BreakerWriter.Source source, long version,
                                            BreakerRecord written) {
        breakerWriter = new BreakerWriter(vertx, pool, health, new BreakerJournal(vertx, journalFile, d.id()), clock,
                source, version, written);
        return breakerWriter;
    }

    // ------------------------------------------------------------------ asynchronous writes

    /** A fill applied to the portfolio (source STREAM or REPORT). */
    public void fill(FillEvent f, String source, long nowMs) {
        queue.add(new WriteQueue.Row(WriteQueue.Kind.FILL, Tuple.from(new Object[]{f.logId(), f.seq(), f.clientOrderId(),
                f.strategy(), f.symbol(), f.side().name(), f.qtyE8(), f.priceE8(), f.feeE8(), f.timeMs(), nowMs, source,
                f.lotExponent()}),
                null));
    }

    /** The fill stream's position moved (written after the fills before it, in the same order). */
    public void cursor(String logId, long seq, long nowMs) {
        queue.add(new WriteQueue.Row(WriteQueue.Kind.CURSOR, Tuple.of(logId, seq, nowMs), null));
    }

    /** A decision made for a caller, with the caller it was made for (its decisions are keyed by caller and id). */
    public record CallerDecision(String caller, Decision decision) {
    }

    /**
     * A decision, with who asked (certificate subject, "risk" for risk's own exits) and what for. Only the first
     * decision under a client order id is kept: the id belongs to its first caller.
     */
    public void decision(Decision d, String caller, String strategy, String symbol, String purpose, long nowMs) {
        decidedIds.add(d.clientOrderId());
        pendingDecisions.putIfAbsent(d.clientOrderId(), new CallerDecision(caller, d));
        queue.add(new WriteQueue.Row(WriteQueue.Kind.DECISION, decisionTuple(d, caller, strategy, symbol, purpose, nowMs),
                d.clientOrderId()));
    }

    /**
     * An exit's decision, written at once (not behind the queue) so that a restart knows the exit is in flight and
     * never sends a second one for the same position; completes when written, or after at most
     * {@value #DIRECT_WRITE_TIMEOUT_MS} ms with the row queued instead (exits never wait on the ledger for longer).
     */
    public Future<Void> decisionBeforeSending(Decision d, String caller, String strategy, String symbol, String purpose,
                                              long nowMs) {
        Tuple t = decisionTuple(d, caller, strategy, symbol, purpose, nowMs);
        if (!usable()) {
            decision(d, caller, strategy, symbol, purpose, nowMs);
            return Future.succeededFuture();
        }
        decidedIds.add(d.clientOrderId());
        pendingDecisions.putIfAbsent(d.clientOrderId(), new CallerDecision(caller, d));
        return pool.preparedQuery(LedgerSql.INSERT_DECISION).execute(t)
                .timeout(DIRECT_WRITE_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
                .transform(ar -> {
                    if (ar.succeeded()) {
                        pendingDecisions.remove(d.clientOrderId());
                        health.wrote(clock.millis());
                    } else {
                        queue.add(new WriteQueue.Row(WriteQueue.Kind.DECISION, t, d.clientOrderId()));
                    }
                    return Future.succeededFuture();
                });
    }

    /** The order of this decision failed for good (refused by the executor, or undeliverable). */
    public void failed(String clientOrderId) {
        outcome(clientOrderId, "FAILED");
    }

    /** The outcome of a decision filled on the promotion pipeline's shadow book: it never reached a venue. */
    public static final String SHADOW_OUTCOME = "SHADOW";

    /** A decision's outcome: FAILED (refused or undeliverable) or {@link #SHADOW_OUTCOME}. */
    public void outcome(String clientOrderId, String outcome) {
        queue.add(new WriteQueue.Row(WriteQueue.Kind.OUTCOME, Tuple.of(clientOrderId, outcome), null));
    }

    /** An exit approved before a restart that has neither a fill nor a failure on record. */
    public record OpenExit(String clientOrderId, String strategy, String symbol, long qtyE8, long notionalE8,
                           long timeMs, int lotExponent) {
    }

    /** Approved exits since sinceMs that are still in flight (no fill, no failure), oldest first. */
    public Future<List<OpenExit>> openExits(long sinceMs) {
        return pool.preparedQuery("SELECT client_order_id, strategy, symbol, approved_qty_e8, approved_notional_e8, time_ms, "
                + "lot_exponent FROM decisions d WHERE purpose = 'EXIT' AND verdict <> 'DENIED' AND outcome IS NULL AND time_ms >= $1 "
                + "AND NOT EXISTS (SELECT 1 FROM fills f WHERE f.client_order_id = d.client_order_id) "
                + "ORDER BY time_ms LIMIT 1000").execute(Tuple.of(sinceMs)).map(rows -> {
                    List<OpenExit> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new OpenExit(r.getString("client_order_id"), r.getString("strategy"),
                            r.getString("symbol"), r.getLong("approved_qty_e8"), r.getLong("approved_notional_e8"),
                            r.getLong("time_ms"), r.getInteger("lot_exponent"))));
                    return out;
                });
    }

    private static Tuple decisionTuple(Decision d, String caller, String strategy, String symbol, String purpose,
                                       long nowMs) {
        return Tuple.from(new Object[]{d.clientOrderId(), caller, strategy, symbol, purpose, d.verdict().name(),
                d.reason().name(), d.detail(), d.approvedQtyE8(), d.approvedNotionalE8(), d.tier().name(), d.equityE8(),
                d.strategyExposureE8(), nowMs, d.order().map(memesnipe.model.OrderRequest::lotExponent).orElse(0)});
    }

    /** A point of the equity curve. */
    public void equity(long timeMs, long equityE8, long peakE8) {
        queue.add(new WriteQueue.Row(WriteQueue.Kind.EQUITY, Tuple.of(timeMs, equityE8, peakE8), null));
    }

    /** An execution-quality sample. */
    public void quality(ExecutionQuality.Sample s) {
        queue.add(new WriteQueue.Row(WriteQueue.Kind.QUALITY, Tuple.of(s.timeMs(), s.latencyMs(), s.slippageBps(),
                s.error()), null));
    }

    /** A manual reset emptied the quality window at this time: a restart must not bring those samples back. */
    public void qualityCleared(long timeMs) {
        queue.add(new WriteQueue.Row(WriteQueue.Kind.QUALITY_CLEARED, Tuple.of(timeMs), null));
    }

    /** Keeps only the newest quality samples (the window is all a restart needs). */
    public void pruneQuality(int keep) {
        pool.preparedQuery("DELETE FROM quality_samples WHERE id <= (SELECT max(id) FROM quality_samples) - $1")
                .execute(Tuple.of((long) keep)).onFailure(err -> { });
    }

    /** Status facts of the decided-id filter: whether the ledger's ids are read, and how many ids it holds. */
    public Map<String, String> decidedIdFacts() {
        return Map.of("ledger.decidedIdsRead", String.valueOf(decidedIds.complete()),
                "ledger.decidedIds", String.valueOf(decidedIds.size()));
    }

    /** False only when no decision under this id can be in the ledger (no need to look it up). */
    public boolean mayHoldDecision(String clientOrderId) {
        return pendingDecisions.containsKey(clientOrderId) || decidedIds.mayHold(clientOrderId);
    }

    /** Reads the decided ids once (at open), trying again every few seconds while PostgreSQL does not answer. */
    private void loadDecidedIds() {
        long t0 = clock.millis();
        decidedIds.load(pool).onSuccess(n -> LOG.info("{} decided client order id(s) read from the ledger in {} ms",
                n, clock.millis() - t0)).onFailure(err -> {
                    LOG.warn("decided ids not read ({}): every new id is looked up in the ledger until they are",
                            Ledger.rootMessage(err));
                    if (!closed) {
                        vertx.setTimer(5_000, id -> loadDecidedIds());
                    }
                });
    }

    /**
     * The decision made earlier under this client order id (still queued, or in the decisions table) with the caller
     * it was made for: the id's owner. Whoever asks, only that caller may be given the decision.
     */
    public Future<Optional<CallerDecision>> findDecision(String clientOrderId) {
        CallerDecision queued = pendingDecisions.get(clientOrderId);
        if (queued != null) {
            return Future.succeededFuture(Optional.of(queued));
        }
        return pool.preparedQuery("SELECT caller, verdict, reason, detail, approved_qty_e8, approved_notional_e8, tier, "
                + "equity_e8, strategy_exposure_e8 FROM decisions WHERE client_order_id = $1").execute(Tuple.of(clientOrderId))
                .map((RowSet<Row> rows) -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new CallerDecision(r.getString("caller"), new Decision(clientOrderId,
                            Verdict.valueOf(r.getString("verdict")), DenyReason.valueOf(r.getString("reason")),
                            r.getString("detail"), r.getLong("approved_notional_e8"), r.getLong("approved_qty_e8"),
                            Tier.valueOf(r.getString("tier")), r.getLong("equity_e8"), r.getLong("strategy_exposure_e8"),
                            Optional.empty())));
                });
    }

    /** A page of the fills risk applied, newest first (read-only; fails while PostgreSQL does not answer). */
    public Future<LedgerViews.Page<LedgerViews.FillRow>> listFills(LedgerViews.Query query) {
        return LedgerViews.fills(pool, query);
    }

    /** A page of the decisions recorded, newest first (decisions still queued for writing are not in it yet). */
    public Future<LedgerViews.Page<LedgerViews.DecisionRow>> listDecisions(LedgerViews.Query query) {
        return LedgerViews.decisions(pool, query);
    }

    // ------------------------------------------------------------------ health

    /** Whether new risk may be taken: the last write or probe reached PostgreSQL and no write is stuck. */
    public boolean usable() {
        return health.reachable();
    }

    /** Writes not yet in PostgreSQL: the queue, and breaker writes gathered, in flight or only in the local journal. */
    public int pendingWrites() {
        int n = queue.size() + (breakerWriter == null ? 0 : breakerWriter.pending());
        health.pending(n);
        return n;
    }

    public long droppedWrites() {
        return queue.dropped();
    }

    public long refusedWrites() {
        return queue.refused();
    }

    /**
     * Once a second: a write stuck for seconds marks the ledger unreachable; an unreachable or idle ledger is
     * probed, and a successful probe after an outage starts the catch-up at once.
     */
    private void watch() {
        long now = clock.millis();
        int pending = pendingWrites();
        if (health.reachable() != lastSeenReachable) {
            lastSeenReachable = health.reachable();
            if (lastSeenReachable) {
                LOG.info("risk ledger reachable: {} write(s) still to catch up", pending);
            } else {
                LOG.error("risk ledger unreachable ({}): entries are denied, exits go on, {} write(s) wait "
                        + "(breaker writes in the local journal {})", health.facts(now).get("ledger.lastError"), pending,
                        journalFile);
            }
        }
        if (health.lastWriteMs() > lastActivityMs) {
            lastActivityMs = health.lastWriteMs();
        }
        if (queue.writingForMs(now) > STUCK_MS && health.reachable()) {
            health.failed(new TimeoutException("a ledger write has waited " + queue.writingForMs(now) + " ms"));
        }
        if (probing || (health.reachable() && now - lastActivityMs < IDLE_PROBE_MS)) {
            return;
        }
        probing = true;
        pool.query("SELECT 1").execute().timeout(STUCK_MS, java.util.concurrent.TimeUnit.MILLISECONDS).onComplete(ar -> {
            probing = false;
            lastActivityMs = clock.millis();
            if (ar.succeeded()) {
                if (!health.reachable()) {
                    health.wrote(health.lastWriteMs()); // reachable again; the last write time is unchanged
                    queue.retryNow();
                    if (breakerWriter != null) {
                        breakerWriter.retryNow();
                    }
                }
            } else if (health.reachable()) {
                health.failed(ar.cause());
            }
        });
    }

    /** Stops writing (what is still queued stays unwritten) and closes the pool. */
    public Future<Void> close() {
        closed = true;
        if (probeTimer >= 0) {
            vertx.cancelTimer(probeTimer);
        }
        queue.close();
        if (breakerWriter != null) {
            breakerWriter.close();
        }
        return ledger.close();
    }

    /** Writes the queue out before a planned stop (bounded wait), then closes. */
    public Future<Void> flushAndClose(long withinMs) {
        long deadline = clock.millis() + withinMs;
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        long[] timer = new long[1];
        timer[0] = vertx.setPeriodic(20, id -> {
            if (pendingWrites() == 0 || clock.millis() > deadline) {
                vertx.cancelTimer(timer[0]);
                done.complete();
            }
        });
        return done.future().compose(v -> close());
    }
}
