package memesnipe.risk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import memesnipe.model.text.Printable;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.ledger.Ledger;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.model.money.Fixed;
import memesnipe.kit.signing.RiskApproval;
import memesnipe.kit.stream.ResilientStream;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeIdentity;
import memesnipe.kit.tls.NodeName;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.CircuitBreaker;
import memesnipe.model.Tier;
import memesnipe.risk.breaker.Transition;
import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.risk.promotion.PromotionSettings;
import memesnipe.risk.promotion.RecordedChange;
import memesnipe.risk.promotion.StrategyPipeline;
import memesnipe.performance.promotion.Promotion;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StageChange;
import memesnipe.risk.ledger.BreakerWrite;
import memesnipe.risk.ledger.BreakerWriter;
import memesnipe.risk.ledger.Deployment;
import memesnipe.risk.ledger.RiskLedger;
import memesnipe.risk.ledger.LedgerViews;
import memesnipe.kit.tls.OperatorToken;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.BreakerEvent;
import memesnipe.v1.BreakerState;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.ExecutorGrpcClient;
import memesnipe.v1.Fill;
import memesnipe.v1.GetBreakerRequest;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderStatus;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.ExecutionLimits;
import memesnipe.v1.GetLimitsRequest;
import memesnipe.kit.config.Agreement;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.SubscribeRequest;
import memesnipe.v1.TripRequest;
import memesnipe.v1.WatchBreakerRequest;
import memesnipe.v1.WatchFillsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The risk node: serves memesnipe.v1.Risk, keeps the engine fed with ticks from the gateway and fills from the
 * executor, forwards approved orders and its own exits to the executor, and keeps its state in its PostgreSQL
 * ledger. At start it reads the deployment and the breaker, then replays its fills (entries are denied, exits wait)
 * and takes last marks from the Redis tick journal before deciding anything new; the fill stream resumes after the
 * last fill it delivered. Without a deployment record (`memesnipe init`) it stays CRITICAL. Only the strategy node's
 * certificate may Submit (the operator's admin certificate Trip and Reset); decisions are answered by caller and client
 * order id, and every order it sends carries its signed approval ({@link RiskApproval}). With the promotion pipeline on,
 * each strategy's stage (read back from the ledger) routes its intents, and every stage change is written with the
 * breaker's durable writes.
 */
public final class RiskVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(RiskVerticle.class);
    private static final long CALL_TIMEOUT_MS = 3000;
    private static final long LOOKUP_TIMEOUT_MS = 1000;
    private static final long DEPLOYMENT_POLL_MS = 2000;
    private static final int MARK_SCAN = 20_000;
    private static final long MARKS_TIMEOUT_MS = 2000;
    static final String NO_DEPLOYMENT = "no deployment record: run memesnipe init";
    static final String NO_PIPELINE = "the promotion pipeline starts once the ledger is read";
    /** Exits approved this long before a start, with no fill or failure on record, are asked for again. */
    private static final long IN_FLIGHT_WINDOW_MS = 600_000;

    private final RiskConfig config;
    private final Clock clock;
    private final long startedAtMs;
    private final String exitIdPrefix = "rx" + Long.toHexString(new java.security.SecureRandom().nextInt() & 0xffffffL);
    private RiskEngine engine;
    /** Signs every order sent to the executor with risk's approval key (loaded at start). */
    private RiskApproval.Approver approver;
    private RiskLedger ledger;
    private Deployment deployment;
    private BreakerWriter breakerWriter;
    private Promise<Void> recovered = Promise.promise();
    private PrometheusMeterRegistry metrics;
    private NodeServer server;
    private GrpcClient client;
    private ResilientStream<MarketEvent> ticks;
    private ResilientStream<Fill> fills;
    private final List<WriteStream<BreakerEvent>> breakerWatchers = new ArrayList<>();
    /** The promotion pipeline's recent stage changes, oldest first (for the breaker's history). */
    private final java.util.ArrayDeque<RecordedChange> stageHistory = new java.util.ArrayDeque<>();
    private final Map<String, Counter> decisionCounters = new LinkedHashMap<>();
    private Counter forwardFailures;
    private io.micrometer.core.instrument.Timer decisionToFill;
    private io.micrometer.core.instrument.DistributionSummary fillSlippage;
    private Counter executionFailures;
    private Counter refusedOperatorCalls;
    private Counter markWaitsTimedOut;
    private String fillSource = "STREAM";
    private long skippedOldFills;
    private long lastSampleMs;
    private long lastSampleEquityE8 = Long.MIN_VALUE;
    private long lastSamplePeakE8 = Long.MIN_VALUE;
    private long lastStateWriteMs;
    private long qualitySamplesWritten;
    private long replayedFills;
    private long replayMs;
    private int marksRestored;
    private long deploymentPoll = -1;
    private int resentExits;
    /** Periodic breaker evaluations made (a status fact: lets an operator, or a test, see the node is judging). */
    private long evaluations;
    private boolean stopped;
    /** Why risk's settings are not known to agree with the executor's and signer's; null once they are. */
    private String configMismatch = CONFIG_NOT_CHECKED;
    private long agreementTimer = -1;
    public static final String CONFIG_NOT_CHECKED = "limits not yet checked against the executor's and signer's";
    /** How often the agreement is checked again: soon while it is not established, then now and then. */
    static final long AGREEMENT_RETRY_MS = 2_000;
    static final long AGREEMENT_RECHECK_MS = 15_000;

    public RiskVerticle(RiskConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.startedAtMs = clock.millis();
    }

    @Override
    public Future<?> start() {
        metrics = NodeMetrics.create(NodeName.RISK.id());
        engine = strictEngine(0, "risk is starting: reading its ledger");
        return vertx.executeBlocking(() -> RiskApproval.approver(config.approvalKey()))
                .recover(err -> Future.failedFuture(new IllegalStateException("risk: " + err.getMessage(), err)))
                .compose(a -> {
                    approver = a; // its key id is in the status (approvalKeyId)
                    return RiskLedger.open(vertx, config.database(), config.walFile(), config.ledgerQueueMax(), clock)
                            .recover(err -> Future.failedFuture(err instanceof Ledger.LedgerUnavailable ? err
                                    : new Ledger.LedgerUnavailable("risk ledger: " + Ledger.rootMessage(err), err)));
                })
                .compose(l -> {
                    ledger = l;
                    return ledger.deployment();
                })
                .compose(d -> d.isPresent() ? prepare(d.get()) : waitForDeployment())
                .compose(v -> startServing());
    }

    // ------------------------------------------------------------------ recovery

    /** An engine that denies every entry: no state is known (yet), so nothing new is decided on it. */
    private RiskEngine strictEngine(long capitalE8, String why) {
        long now = clock.millis();
        RiskEngine e = RiskEngine.withBreaker(config.limits(), CircuitBreaker.strict(config.thresholds(), why, capitalE8, now),
                config.quality(), capitalE8, now, this::onTransition);
        e.exitIdPrefix(exitIdPrefix).knownStrategies(config.strategies());
        e.ledgerConnected(false);
        return e;
    }

    /** No deployment: CRITICAL, nothing written, the ledger polled until `memesnipe init` creates one. */
    private Future<Void> waitForDeployment() {
        LOG.error("risk ledger {} has {}: the breaker stays CRITICAL (no new risk) until it exists",
                config.database().where(), NO_DEPLOYMENT);
        engine = strictEngine(0, NO_DEPLOYMENT);
        deploymentPoll = vertx.setPeriodic(DEPLOYMENT_POLL_MS, id -> ledger.deployment().onSuccess(d -> {
            if (d.isPresent() && deployment == null && !stopped) {
                vertx.cancelTimer(deploymentPoll);
                deploymentPoll = -1;
                LOG.info("deployment {} created: loading it", d.get().id());
                prepare(d.get()).onSuccess(v -> replay()).onFailure(err -> LOG.error("cannot load deployment {}: {}",
                        d.get().id(), Ledger.rootMessage(err)));
            }
        }));
        return Future.succeededFuture();
    }

    /**
     * Reads back the breaker, its history, the equity peak and the quality window of the deployment and builds the
     * engine in recovery (entries denied, nothing judged) around them; the fills are replayed by {@link #replay}.
     */
    private Future<Void> prepare(Deployment d) {
        return ledger.load(d, config.quality().window()).map(rec -> {
            long now = clock.millis();
            long capital = d.initialCapitalE8();
            CircuitBreaker breaker;
            List<Transition> made = new ArrayList<>();
            if (rec.breaker().isEmpty()) {
                breaker = CircuitBreaker.strict(config.thresholds(), "breaker state missing from the ledger of deployment "
                        + d.id() + ": starting strict", capital, now);
                made.addAll(breaker.transitions());
            } else {
                var stored = rec.breaker().get();
                breaker = CircuitBreaker.restore(config.thresholds(), stored.record(), capital, now);
                if (!breaker.transitions().isEmpty()) {
                    made.addAll(breaker.transitions()); // the saved state was not restorable: started strict
                } else {
                    breaker.restoreHistory(rec.transitions());
                }
                // equity samples written after the breaker state carry a peak it had not recorded yet
                rec.newestSample().filter(s -> s.timeMs() > stored.updatedMs()).ifPresent(s -> breaker.raisePeak(s.peakE8()));
                if (rec.journalProblem().isPresent()) {
                    breaker.trip(Tier.CRITICAL, rec.journalProblem().get() + ": starting strict", now).ifPresent(made::add);
                }
            }
            RiskEngine e = RiskEngine.withBreaker(config.limits(), breaker, config.quality(), capital, now, this::onTransition);
            e.exitIdPrefix(exitIdPrefix).knownStrategies(config.strategies());
            e.ledgerConnected(false);
            e.quality().restore(rec.quality());
            e.startRecovery();
            e.onFillApplied(f -> ledger.fill(f, fillSource, clock.millis()));
            e.onQualitySample(this::onQualitySample);
            e.onQualityCleared(ledger::qualityCleared);
            e.configMismatch(configMismatch);
            engine = e;
            deployment = d;
            cursorLog = rec.cursor().map(RiskLedger.FillCursor::logId).orElse("");
            cursorSeq = rec.cursor().map(RiskLedger.FillCursor::seq).orElse(0L);
            breakerWriter = ledger.startBreakerWriter(d, new BreakerWriter.Source() {
                @Override
                public memesnipe.risk.breaker.BreakerRecord state() {
                    return engine.breaker().export();
                }

                @Override
                public long equityE8() {
                    return engine.equityE8();
                }
            }, rec.breaker().map(RiskLedger.StoredBreaker::version).orElse(0L),
                    rec.breaker().map(RiskLedger.StoredBreaker::record).orElse(null));
            made.forEach(breakerWriter::transition);
            config.promotion().ifPresent(settings -> startPipeline(e, settings, capital, now, rec));
            LOG.info("deployment {} (initial capital {}): breaker restored {} ({}), peak {}{}", d.id(), Fixed.format(capital),
                    breaker.tier(), breaker.reason(), Fixed.format(breaker.peakE8()),
                    rec.journalApplied() > 0 ? ", " + rec.journalApplied() + " write(s) from the local journal" : "");
            return null;
        });
    }

    private String cursorLog = "";
    private long cursorSeq;

    /**
     * Builds the promotion pipeline around the engine: each strategy at the stage the ledger holds (a restart moves
     * no one), or, when the ledger knows none, at its configured initial stage, which is then written down; the
     * recent stage changes are read back for the breaker's history.
     */
    private void startPipeline(RiskEngine e, PromotionSettings settings, long capitalE8, long nowMs,
                               RiskLedger.Recovered rec) {
        StrategyPipeline pipeline = new StrategyPipeline(settings, config.limits(), config.thresholds(),
                config.quality(), capitalE8, config.strategies(), nowMs);
        Map<String, RecordedChange> last = new java.util.HashMap<>();
        stageHistory.clear();
        for (BreakerWrite.StageWrite w : rec.stageChanges()) {
            RecordedChange c = new RecordedChange(w.strategy(), Stage.valueOf(w.fromStage()), Stage.valueOf(w.stage()),
                    w.timeMs(), w.reasons(), w.demotions());
            last.put(w.strategy(), c);
            remember(c);
        }
        Map<String, BreakerWrite.StageWrite> stored = new java.util.HashMap<>();
        rec.stages().forEach(w -> stored.put(w.strategy(), w));
        for (String s : config.strategies()) {
            BreakerWrite.StageWrite row = stored.get(s);
            if (row != null) {
                pipeline.restore(s, Stage.valueOf(row.stage()), row.sinceMs(), row.demotions(),
                        java.util.Optional.ofNullable(last.get(s)));
            } else {
                breakerWriter.stage(new BreakerWrite.StageWrite(UUID.randomUUID().toString(), s,
                        settings.typeOf(s).name(), settings.initialStageOf(s).name(), nowMs, 0, "", List.of(), nowMs));
            }
        }
        pipeline.onStageChange(this::onStageChange);
        e.promotion(pipeline);
        LOG.info("promotion pipeline: {}", stages(pipeline));
    }

    private static String stages(StrategyPipeline pipeline) {
        return String.join(",", pipeline.promotions().stream().map(p -> p.strategy() + "=" + p.stage()).toList());
    }

    /** A stage change the pipeline made: logged, counted, kept for the breaker's history and written durably. */
    private void onStageChange(StageChange c, Promotion after) {
        RecordedChange rc = RecordedChange.of(c, after.demotions());
        LOG.warn("promotion: {}", Printable.of(rc.text(), 2000));
        metrics.counter("memesnipe_risk_stage_changes_total", "from", c.from().name(), "to", c.to().name()).increment();
        remember(rc);
        if (breakerWriter != null && deployment != null) {
            breakerWriter.stage(new BreakerWrite.StageWrite(UUID.randomUUID().toString(), c.strategy(),
                    after.type().name(), after.stage().name(), after.stageSinceMs(), after.demotions(), c.from().name(),
                    rc.reasons(), c.atMs()));
        }
    }

    private void remember(RecordedChange c) {
        stageHistory.addLast(c);
        while (stageHistory.size() > MAX_BREAKER_EVENTS) {
            stageHistory.removeFirst();
        }
    }

    /**
     * Replays the deployment's fills into the portfolio (breaker and limits not evaluated) while reading the last
     * marks from the tick journal, then ends recovery: the fill stream resumes after its saved position and the
     * breaker is judged again.
     */
    private void replay() {
        long t0 = System.nanoTime();
        RiskEngine e = engine;
        Future<Long> fillsDone = ledger.replayFills(e::replayFill);
        Future<Integer> marksDone = loadMarks(e);
        Future<List<RiskLedger.OpenExit>> openExits = ledger.openExits(clock.millis() - IN_FLIGHT_WINDOW_MS);
        Future.all(fillsDone, marksDone, openExits).onComplete(ar -> {
            if (stopped || e != engine) {
                return;
            }
            if (ar.failed()) {
                LOG.error("replay of the risk ledger failed ({}); retrying", Ledger.rootMessage(ar.cause()));
                vertx.setTimer(1000, id -> replay()); // fills already applied are skipped by their client order id
                return;
            }
            replayedFills = fillsDone.result();
            marksRestored = marksDone.result();
            replayMs = (System.nanoTime() - t0) / 1_000_000;
            e.finishRecovery(cursorLog, cursorSeq);
            // exits approved before the restart with no fill and no failure on record: held in flight again and asked
            // for under their own id (the executor answers a known id with its first report, never a second execution)
            List<OrderRequest> resend = new ArrayList<>();
            for (RiskLedger.OpenExit x : openExits.result()) {
                if (e.portfolio().qtyE8(x.strategy(), x.symbol()) <= 0) {
                    continue; // nothing held to sell (e.g. an exit made on the shadow book): never sent to a venue
                }
                long price = x.qtyE8() == 0 ? 0 : Fixed.div(x.notionalE8(), x.qtyE8());
                resend.add(new OrderRequest(x.clientOrderId(), x.strategy(), x.symbol(), memesnipe.model.Side.SELL,
                        Purpose.EXIT, x.qtyE8(), price, 0, 0, x.timeMs(), x.lotExponent()));
            }
            resend.forEach(e::restoreInFlight);
            resentExits = resend.size();
            LOG.info("risk recovered: {} fill(s) replayed in {} ms, {} open position(s), equity {}, peak {}, breaker {}; "
                            + "{} last mark(s) from the tick journal; {} exit(s) in flight asked for again; fill stream resumes "
                            + "after {}:{}", replayedFills, replayMs, e.portfolio().openPositions(),
                    Fixed.format(e.equityE8()), Fixed.format(e.breaker().peakE8()), e.breaker().tier(),
                    marksRestored, resentExits, cursorLog, cursorSeq);
            startFills();
            resend.forEach(o -> forward(o, 0));
            recovered.tryComplete();
            send(e.onTimer(clock.millis()));
        });
    }

    /** The newest price per symbol from the Redis tick journal; Redis missing only means waiting for live ticks. */
    private Future<Integer> loadMarks(RiskEngine e) {
        TickJournal journal = TickJournal.create(vertx, config.redis(), config.journalStream(), TickJournal.MAXLEN_DEFAULT);
        return journal.lastMarks(MARK_SCAN).timeout(MARKS_TIMEOUT_MS, TimeUnit.MILLISECONDS).map(marks -> {
            marks.values().forEach(m -> e.restoreMark(m.getSymbol(), m.getPriceE8(), m.getEventTimeMs(), m.getLotExponent()));
            return marks.size();
        }).recover(err -> {
            LOG.warn("no last marks from the tick journal {} at {} ({}): held positions are marked by live ticks",
                    Printable.of(config.journalStream()), config.redis().where(), Ledger.rootMessage(err));
            return Future.succeededFuture(0);
        }).eventually(journal::close);
    }

    // ------------------------------------------------------------------ serving

    private Future<Void> startServing() {
        registerMetrics();
        client = GrpcClients.create(vertx, config.basics().tls());
        server = NodeServer.builder(vertx, NodeName.RISK)
                .listen(config.basics().host(), config.basics().grpcPort())
                .tls(config.basics().tls()).httpLimits(config.basics().http())
                .metrics(metrics)
                .status(this::status)
                .service(new RiskApi(new Api()))
                .authenticateEveryCaller()
                // only the strategy node submits intents: anyone else could open or close the strategies' positions
                .restrict(RiskApi.NAME, "Submit", java.util.EnumSet.of(NodeName.STRATEGY))
                // the operator: an admin certificate, or the gateway's carrying the operator token (checked in the call)
                .restrict(RiskApi.NAME, "Trip", ADMIN_OR_GATEWAY, RiskVerticle::adminOrGateway)
                .restrict(RiskApi.NAME, "Reset", ADMIN_OR_GATEWAY, RiskVerticle::adminOrGateway)
                // read-only views of the book and the ledger: for the gateway's REST API and the operator
                .restrict(RiskApi.NAME, "ListPositions", ADMIN_OR_GATEWAY, RiskVerticle::adminOrGateway)
                .restrict(RiskApi.NAME, "ListFills", ADMIN_OR_GATEWAY, RiskVerticle::adminOrGateway)
                .restrict(RiskApi.NAME, "ListDecisions", ADMIN_OR_GATEWAY, RiskVerticle::adminOrGateway)
                .restrict(RiskApi.NAME, "ListStrategies", ADMIN_OR_GATEWAY, RiskVerticle::adminOrGateway)
                // evidence moves strategies towards real money: the operator's admin certificate only
                .restrict(RiskApi.NAME, "RecordBacktestEvidence", "an admin certificate", NodeIdentity::isAdmin)
                .build();
        return server.start().map(s -> {
            ticks = new ResilientStream<>(vertx, "risk<-gateway", () -> Calls.serverStream(client, config.gateway(),
                    MarketDataGrpcClient.Subscribe, SubscribeRequest.newBuilder().setSubscriber("risk")
                            .setIncludeSignals(true).build()), // token-risk facts: rug flags (onMarketEvent)
                    this::onMarketEvent, 200, 3000);
            ticks.start();
            vertx.setPeriodic(config.evaluateEveryMs(), id -> onTimer());
            checkAgreement();
            if (deployment != null) {
                replay();
            }
            return null;
        });
    }

    private void startFills() {
        if (fills != null) {
            return;
        }
        fills = new ResilientStream<>(vertx, "risk<-executor fills", () -> Calls.serverStream(client,
                config.executor(), ExecutorGrpcClient.WatchFills, WatchFillsRequest.newBuilder()
                        .setAfterSeq(engine.portfolio().lastFillSeq()).setLogId(engine.portfolio().fillLogId()).build()),
                f -> onFill(f, true), 200, 3000).onConnection(c -> {
                    engine.ledgerConnected(c);
                    if (c) {
                        checkAgreement(); // a (re)started executor may run with other settings
                    }
                });
        fills.start();
    }

    /**
     * Asks the executor for its venue and its signer's limits and compares risk's own (Agreement.riskProblem):
     * entries are denied CONFIG_MISMATCH until they are known to agree. Repeats itself; a check that cannot reach
     * the executor keeps the last verdict (an unreachable executor is handled by the order path).
     */
    private void checkAgreement() {
        if (stopped) {
            return;
        }
        if (agreementTimer >= 0) {
            vertx.cancelTimer(agreementTimer);
            agreementTimer = -1;
        }
        Calls.unary(client, config.executor(), ExecutorGrpcClient.GetLimits, GetLimitsRequest.getDefaultInstance(),
                AGREEMENT_RETRY_MS).onComplete(ar -> {
                    if (ar.succeeded()) {
                        agreement(judge(ar.result()));
                    } else if (configMismatch != null) {
                        agreement(CONFIG_NOT_CHECKED + " (executor: " + Printable.of(ar.cause().getMessage()) + ")");
                    }
                    if (!stopped && agreementTimer < 0) {
                        agreementTimer = vertx.setTimer(configMismatch == null ? AGREEMENT_RECHECK_MS : AGREEMENT_RETRY_MS,
                                id -> {
                                    agreementTimer = -1;
                                    checkAgreement();
                                });
                    }
                });
    }

    private String judge(ExecutionLimits limits) {
        if (!limits.getProblem().isEmpty()) {
            return "executor: " + Printable.of(limits.getProblem());
        }
        if (!limits.getSignerKnown()) {
            return CONFIG_NOT_CHECKED + " (the executor has not read its signer's limits yet)";
        }
        Agreement.SignerLimits signer = new Agreement.SignerLimits(limits.getSigner().getMaxOrderNotionalE8(),
                limits.getSigner().getMaxOrderQtyE8(), java.util.Set.copyOf(limits.getSigner().getAllowedVenuesList()));
        return Agreement.riskProblem(config.limits().maxOrderNotionalE8(), config.venue(), limits.getVenue(), signer)
                .orElse(null);
    }

    private void agreement(String problem) {
        if (!java.util.Objects.equals(problem, configMismatch)) {
            if (problem == null) {
                LOG.info("risk settings agree with the executor's and signer's: entries allowed");
            } else if (!problem.startsWith(CONFIG_NOT_CHECKED)) {
                LOG.error("risk refuses entries: {}", problem);
            } else {
                LOG.info("risk waits to trade: {}", problem);
            }
        }
        configMismatch = problem;
        if (engine != null) {
            engine.configMismatch(problem);
        }
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        if (ticks != null) {
            ticks.stop();
        }
        if (fills != null) {
            fills.stop();
        }
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.compose(v -> ledger == null ? Future.succeededFuture() : ledger.flushAndClose(3000));
    }

    public int grpcPort() {
        return server.actualPort();
    }

    // ------------------------------------------------------------------ inputs

    private void onMarketEvent(MarketEvent e) {
        if (e.getSignalCase() == MarketEvent.SignalCase.SIGNAL_NOT_SET) {
            send(engine.onTick(e.getSymbol(), e.getPriceE8(), e.getLotExponent(), e.getSeq(), e.getVolumeE8(),
                    e.getEventTimeMs(), clock.millis()));
        } else if (e.getSignalCase() == MarketEvent.SignalCase.TOKEN_RISK) {
            send(engine.onTokenRisk(Wire.tokenRisk(e), clock.millis())); // a rug flag flattens the token (exits)
        } // other signal kinds are the strategies' business
        eventApplied(e.getSeq());
    }

    /**
     * Risk's stream has reached this seq. Every event advances it, signals too: the gateway delivers a subscriber's
     * events in seq order (conflation keeps offer order, it never reorders), so once seq s is here no event at or
     * before s will come any more, and a waiter for it would only wait out its time. The waiters' decision seqs are
     * always ticks' (strategies price every signal on a tick), so a signal's seq passing one means that tick was
     * applied, or conflated away in favour of a newer price that follows.
     */
    private void eventApplied(long seq) {
        lastEventSeq = seq;
        while (!markWaiters.isEmpty() && markWaiters.peek().seq() <= lastEventSeq) {
            markWaiters.poll().ready().tryComplete();
        }
    }

    /** Longest an intent waits for risk's own market data to reach the event it was decided on. */
    static final long MARK_CATCH_UP_MS = 100;
    /** Intents waiting so at most; beyond, an intent is decided on the marks risk has. */
    static final int MAX_MARK_WAITERS = 10_000;
    /** The seq of the last market event (tick or signal) risk applied (its gateway stream's numbering). */
    private long lastEventSeq;
    private final java.util.PriorityQueue<MarkWaiter> markWaiters =
            new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(MarkWaiter::seq));

    private record MarkWaiter(long seq, io.vertx.core.Promise<Void> ready) {
    }

    /**
     * Completes once risk has applied the market event an intent was decided on (decision_seq), so risk sizes and
     * checks it on the same marks the strategy saw, as the backtest does (the strategy's and risk's market data
     * streams race); at most {@value #MARK_CATCH_UP_MS} ms, then risk decides on the marks it has (counted).
     */
    private Future<Void> marksReached(long decisionSeq) {
        if (decisionSeq <= lastEventSeq || markWaiters.size() >= MAX_MARK_WAITERS) {
            return Future.succeededFuture();
        }
        MarkWaiter w = new MarkWaiter(decisionSeq, io.vertx.core.Promise.promise());
        markWaiters.add(w);
        vertx.setTimer(MARK_CATCH_UP_MS, id -> {
            if (markWaiters.remove(w)) {
                markWaitsTimedOut.increment();
                w.ready().tryComplete();
            }
        });
        return w.ready().future();
    }

    /** A fill from the stream, or (fromStream false) carried by a FILLED execution report: applied at most once. */
    private void onFill(Fill f, boolean fromStream) {
        if (deployment == null) {
            return;
        }
        FillEvent fill = Wire.fill(f);
        long now = clock.millis();
        var p = engine.portfolio();
        String logBefore = p.fillLogId();
        long seqBefore = p.lastFillSeq();
        if (fill.timeMs() < deployment.createdMs()) {
            // a fill from before `memesnipe init` created this deployment: not this deployment's money
            if (skippedOldFills++ == 0) {
                LOG.warn("fills older than deployment {} (created {}) are skipped", deployment.id(), deployment.createdMs());
            }
            if (fromStream) {
                p.resumeAfter(fill.logId(), fill.seq());
            }
        } else {
            fillSource = fromStream ? "STREAM" : "REPORT";
            send(engine.onFill(fill, now, fromStream));
        }
        if (fromStream && (p.lastFillSeq() != seqBefore || !p.fillLogId().equals(logBefore))) {
            ledger.cursor(p.fillLogId(), p.lastFillSeq(), now);
        }
    }

    private void onQualitySample(memesnipe.risk.quality.ExecutionQuality.Sample s) {
        if (s.error()) {
            executionFailures.increment();
        } else {
            decisionToFill.record(s.latencyMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
            fillSlippage.record(s.slippageBps() / 10_000.0);
        }
        ledger.quality(s);
        if (++qualitySamplesWritten % 1000 == 0) {
            ledger.pruneQuality(config.quality().window() * 2);
        }
    }

    private void onTimer() {
        long now = clock.millis();
        if (ledger != null) {
            engine.ledgerAvailable(ledger.usable());
        }
        send(engine.onTimer(now));
        evaluations++;
        if (deployment == null || engine.recovering()) {
            return;
        }
        if (now - lastStateWriteMs >= config.equitySampleMs()) {
            lastStateWriteMs = now;
            breakerWriter.stateChanged();
        }
        long equity = engine.equityE8();
        long peak = engine.breaker().peakE8();
        if ((equity != lastSampleEquityE8 || peak != lastSamplePeakE8) && now - lastSampleMs >= config.equitySampleMs()) {
            lastSampleMs = now;
            lastSampleEquityE8 = equity;
            lastSamplePeakE8 = peak;
            ledger.equity(now, equity, peak);
        }
    }

    private void onTransition(Transition t) {
        LOG.warn("breaker {} -> {}: {} (equity {}, peak {})", t.from(), t.to(), Printable.of(t.reason(), 240),
                Fixed.format(t.equityE8()), Fixed.format(t.peakE8()));
        metrics.counter("memesnipe_risk_breaker_transitions_total", "to", t.to().name()).increment();
        BreakerEvent event = Wire.event(t);
        for (WriteStream<BreakerEvent> w : List.copyOf(breakerWatchers)) {
            try {
                w.write(event);
            } catch (RuntimeException e) {
                breakerWatchers.remove(w); // a watcher that went away must not interrupt the decision in progress
            }
        }
        if (breakerWriter != null && deployment != null) {
            breakerWriter.transition(t);
        }
    }

    // ------------------------------------------------------------------ orders out

    private void send(List<OrderRequest> orders) {
        long now = clock.millis();
        for (OrderRequest o : orders) {
            LOG.info("risk exit {} {} {} {}", o.clientOrderId(), Printable.of(o.strategy()), o.symbol(),
                    Fixed.format(o.qtyE8()));
            var d = engine.decisionOf(RiskEngine.OWN_CALLER, o.clientOrderId());
            if (deployment != null && d.isPresent()) {
                ledger.decisionBeforeSending(d.get(), RiskEngine.OWN_CALLER, o.strategy(), o.symbol(), o.purpose().name(), now)
                        .onComplete(v -> forward(o, 0));
            } else {
                forward(o, 0);
            }
        }
    }

    /**
     * Hands an order to the executor with risk's approval, signed anew for every attempt (so a retried exit never
     * carries an approval too old for the executor or the signer); retries with the same id (idempotent). Exits retry
     * until delivered.
     */
    private void forward(OrderRequest order, int attempt) {
        ApprovedOrder approved = approver.approve(Wire.order(order, config.venue()), clock.millis());
        Calls.unary(client, config.executor(), ExecutorGrpcClient.Execute, approved, CALL_TIMEOUT_MS).onComplete(ar -> {
                    if (ar.succeeded()) {
                        ExecutionReport report = ar.result();
                        if (report.getStatus() == OrderStatus.FILLED && report.hasFill()) {
                            onFill(report.getFill(), false);
                        } else if (report.getStatus() == OrderStatus.REJECTED) {
                            LOG.warn("order {} rejected by executor: {}", order.clientOrderId(),
                                    Printable.of(report.getRejectReason()));
                            orderFailed(order);
                        }
                        return;
                    }
                    forwardFailures.increment();
                    if (isFinal(ar.cause())) {
                        LOG.error("order {} refused by the executor: {}", order.clientOrderId(), ar.cause().getMessage());
                        orderFailed(order);
                        return;
                    }
                    boolean stillAllowed = order.purpose() == Purpose.EXIT || (engine.breaker().tier().ordinal()
                            < Tier.CRITICAL.ordinal() && !engine.breaker().suspended(order.strategy()));
                    boolean retry = order.purpose() == Purpose.EXIT || (attempt < 2 && stillAllowed);
                    LOG.warn("order {} not delivered to executor (attempt {}): {}{}", order.clientOrderId(), attempt + 1,
                            ar.cause().getMessage(), retry ? "; retrying" : "; giving up");
                    if (retry) {
                        vertx.setTimer(Math.min(3000, 250L << Math.min(attempt, 4)), id -> forward(order, attempt + 1));
                    } else {
                        orderFailed(order);
                    }
                });
    }

    /** The order failed for good: on record (so a restart never asks for it again), and released in the engine. */
    private void orderFailed(OrderRequest order) {
        if (deployment != null) {
            ledger.failed(order.clientOrderId());
        }
        send(engine.onOrderFailed(order.clientOrderId(), clock.millis()));
    }

    /** A refusal that a retry of the same order cannot change. */
    private static boolean isFinal(Throwable err) {
        if (err instanceof Calls.CallFailed f) {
            return switch (f.status()) {
                case INVALID_ARGUMENT, PERMISSION_DENIED, UNAUTHENTICATED, FAILED_PRECONDITION, UNIMPLEMENTED -> true;
                default -> false;
            };
        }
        return false;
    }

    // ------------------------------------------------------------------ gRPC API

    /** The Risk service's behaviour; the caller is the subject of the client certificate (empty without one). */
    private final class Api implements RiskApi.Handlers {
        @Override
        public Future<RiskDecision> submit(OrderIntent request, String caller) {
            Intent intent = Wire.intent(request);
            List<String> problems = intent.problems();
            if (!problems.isEmpty()) {
                metrics.counter("memesnipe_risk_invalid_intents_total").increment();
                LOG.warn("malformed intent {} rejected: {}", Printable.of(request.getClientOrderId()),
                        String.join("; ", problems));
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, String.join("; ", problems)));
            }
            return marksReached(intent.decisionSeq()).compose(v -> submitValid(intent, caller));
        }

        private Future<RiskDecision> submitValid(Intent intent, String caller) {
            if (engine.remembers(intent.clientOrderId()) || deployment == null) {
                return Future.succeededFuture(decide(intent, caller));
            }
            // a client order id decided long ago (or before a restart) gets that decision back, never a new one; and
            // only to the caller it was made for (another caller is denied ID_IN_USE)
            // an id the ledger certainly does not hold is not looked up: no PostgreSQL round trip for a new id
            Future<java.util.Optional<RiskLedger.CallerDecision>> earlier =
                    !ledger.mayHoldDecision(intent.clientOrderId()) ? Future.succeededFuture(java.util.Optional.empty())
                    : ledger.usable() ? ledger.findDecision(intent.clientOrderId()).timeout(LOOKUP_TIMEOUT_MS,
                    TimeUnit.MILLISECONDS) : Future.failedFuture("ledger unreachable");
            return earlier.transform(ar -> {
                if (ar.succeeded() && ar.result().isPresent()) {
                    engine.restoreDecision(ar.result().get().caller(), ar.result().get().decision());
                    return Future.succeededFuture(decide(intent, caller));
                }
                if (ar.failed() && ledger.usable()) {
                    ledger.health().failed(ar.cause()); // entries are denied until the ledger answers again
                }
                if (engine.recovering() && intent.purpose() == Purpose.EXIT) {
                    return recovered.future().map(v -> decide(intent, caller)); // exits are decided on rebuilt positions
                }
                return Future.succeededFuture(decide(intent, caller));
            });
        }

        private RiskDecision decide(Intent intent, String caller) {
            boolean repeat = engine.remembers(intent.clientOrderId());
            long now = clock.millis();
            if (ledger != null) {
                engine.ledgerAvailable(ledger.usable());
            }
            Decision d = engine.submit(caller, intent, now);
            if (d.reason() == memesnipe.model.DenyReason.ID_IN_USE) {
                counter(d).increment(); // not on record: the id's decision is its first caller's
                LOG.warn("intent {} from {} denied: {}", Printable.of(intent.clientOrderId()), Printable.of(caller),
                        d.detail());
                return Wire.decision(d);
            }
            if (!repeat) {
                counter(d).increment();
                if (deployment == null) {
                    d.order().ifPresent(o -> forward(o, 0));
                } else if (d.order().isPresent() && intent.purpose() == Purpose.EXIT) {
                    // on record before it leaves: a restart then knows this exit is in flight
                    OrderRequest o = d.order().get();
                    ledger.decisionBeforeSending(d, caller, intent.strategy(), intent.symbol(), intent.purpose().name(), now)
                            .onComplete(v -> forward(o, 0));
                } else {
                    ledger.decision(d, caller, intent.strategy(), intent.symbol(), intent.purpose().name(), now);
                    d.order().ifPresent(o -> forward(o, 0));
                    if (d.approved() && d.order().isEmpty()) {
                        // approved without an order: filled on the shadow book, on record as such, never in flight
                        ledger.outcome(d.clientOrderId(), RiskLedger.SHADOW_OUTCOME);
                    }
                }
            }
            return Wire.decision(d);
        }

        @Override
        public Future<BreakerState> getBreaker(GetBreakerRequest request) {
            int events = request.getMaxEvents();
            if (events < 0 || events > MAX_BREAKER_EVENTS) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, "max_events must be 0.."
                        + MAX_BREAKER_EVENTS + "; got " + Integer.toUnsignedString(events)));
            }
            return Future.succeededFuture(breakerState(events == 0 ? DEFAULT_BREAKER_EVENTS : events));
        }

        @Override
        public Future<memesnipe.v1.PositionList> listPositions(memesnipe.v1.ListPositionsRequest request) {
            return Future.succeededFuture(Wire.positions(engine.portfolio(), engine.equityE8(), clock.millis()));
        }

        @Override
        public Future<memesnipe.v1.FillPage> listFills(memesnipe.v1.ListFillsRequest request) {
            return query(request.getLimit(), request.getBefore(), request.getStrategy(), request.getSymbol(), "")
                    .compose(q -> readLedger(ledger.listFills(q))).map(Wire::fills);
        }

        @Override
        public Future<memesnipe.v1.DecisionPage> listDecisions(memesnipe.v1.ListDecisionsRequest request) {
            memesnipe.v1.Verdict v = request.getVerdict();
            if (v == memesnipe.v1.Verdict.UNRECOGNIZED) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, "unknown verdict "
                        + request.getVerdictValue()));
            }
            return query(request.getLimit(), request.getBefore(), request.getStrategy(), request.getSymbol(),
                    v == memesnipe.v1.Verdict.VERDICT_UNSPECIFIED ? "" : v.name())
                    .compose(q -> readLedger(ledger.listDecisions(q))).map(Wire::decisions);
        }

        private Future<LedgerViews.Query> query(int limit, long before, String strategy, String symbol, String verdict) {
            try {
                return Future.succeededFuture(LedgerViews.Query.of(Integer.toUnsignedLong(limit), before, strategy,
                        symbol, verdict));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, e.getMessage()));
            }
        }

        /** A ledger read, bounded in time; UNAVAILABLE (with the cause) when PostgreSQL does not answer. */
        private <T> Future<T> readLedger(Future<T> read) {
            if (ledger == null) {
                return Future.failedFuture(new StatusException(GrpcStatus.UNAVAILABLE, "the ledger is not open yet"));
            }
            return read.timeout(LOOKUP_TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(ar -> ar.succeeded()
                    ? Future.succeededFuture(ar.result())
                    : Future.failedFuture(new StatusException(GrpcStatus.UNAVAILABLE, "the ledger did not answer: "
                    + Ledger.rootMessage(ar.cause()))));
        }

        @Override
        public Future<memesnipe.v1.StrategyList> listStrategies(memesnipe.v1.ListStrategiesRequest request) {
            memesnipe.v1.StrategyList.Builder b = memesnipe.v1.StrategyList.newBuilder().setAsOfMs(clock.millis());
            java.util.Optional<StrategyPipeline> pipeline = engine.promotion();
            if (pipeline.isPresent()) {
                pipeline.get().reports().forEach(r -> b.addStrategies(EvidenceWire.strategy(r)));
                return Future.succeededFuture(b.setPromotion(true).build());
            }
            long allocation = Fixed.bps(engine.initialCapitalE8(), config.limits().strategyCapBps());
            for (String s : config.strategies()) {
                b.addStrategies(memesnipe.v1.StrategyView.newBuilder().setStrategy(s).setStage(Stage.LIVE.name())
                        .setAllocationE8(allocation).setWhy(config.promotion().isEmpty() ? "the promotion pipeline "
                                + "is off (promotion=off): every strategy trades live" : "risk is starting: " + NO_PIPELINE));
            }
            return Future.succeededFuture(b.setPromotion(false).build());
        }

        @Override
        public Future<memesnipe.v1.StrategyView> recordBacktestEvidence(memesnipe.v1.BacktestEvidence request,
                                                                        String caller) {
            if (config.promotion().isEmpty()) {
                return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, "the promotion "
                        + "pipeline is off (promotion=off): no stage to move"));
            }
            if (deployment == null) {
                return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, NO_DEPLOYMENT));
            }
            if (!config.strategies().contains(request.getStrategy())) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, "strategy '"
                        + Printable.of(request.getStrategy()) + "' is not one this deployment runs "
                        + config.strategies()));
            }
            memesnipe.performance.promotion.Evidence evidence;
            try {
                evidence = EvidenceWire.fromWire(request.getEvidence());
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, "evidence: "
                        + Printable.of(e.getMessage(), 300)));
            }
            return recovered.future().compose(v -> {
                long now = clock.millis();
                if (evidence.toMs() > now) {
                    return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, "evidence ends at "
                            + evidence.toMs() + ", after now " + now + ": evidence is measured, never projected"));
                }
                StrategyPipeline pipeline = engine.promotion().orElseThrow();
                LOG.info("backtest evidence for {} from {}: {}", Printable.of(request.getStrategy()),
                        Printable.of(caller), Printable.of(request.getSource(), 300));
                memesnipe.risk.promotion.StrategyReport report = pipeline.recordBacktest(request.getStrategy(),
                        evidence, now, engine.portfolio()).orElseThrow();
                return breakerWriter.flush().transform(ar -> ar.succeeded()
                        ? Future.succeededFuture(EvidenceWire.strategy(report))
                        : Future.failedFuture(new StatusException(GrpcStatus.UNAVAILABLE, "recorded, "
                        + report.stage() + ", but not yet durable (" + Ledger.rootMessage(ar.cause()) + "); it is "
                        + "retried until the ledger takes it")));
            });
        }

        @Override
        public void watchBreaker(WatchBreakerRequest request, WriteStream<BreakerEvent> response) {
            if (response instanceof GrpcServerResponse<?, ?> r) {
                r.writeHead(); // the stream is open even before the first transition
            }
            for (Transition t : engine.breaker().transitions()) {
                if (t.seq() > request.getAfterSeq()) {
                    response.write(Wire.event(t));
                }
            }
            breakerWatchers.add(response);
            if (response instanceof GrpcServerResponse<?, ?> r) {
                r.exceptionHandler(err -> breakerWatchers.remove(response));
            }
        }

        @Override
        public Future<BreakerState> trip(TripRequest request, RiskApi.Operator who) {
            return operator(who, "Trip").compose(actor -> trip(request, actor));
        }

        private Future<BreakerState> trip(TripRequest request, String actor) {
            Tier tier;
            try {
                tier = Tier.valueOf(request.getTier().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT,
                        "tier must be one of WARNING, CRITICAL, EMERGENCY; got '" + Printable.of(request.getTier()) + "'"));
            }
            if (tier == Tier.NORMAL || request.getReason().isBlank()) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT,
                        "trip needs a tier above NORMAL (use Reset to go back) and a reason"));
            }
            // only an admin certificate reaches here (see the restriction on the server); stricter is applied at once
            LOG.warn("manual breaker trip to {} by {}: {}", tier, Printable.of(actor), Printable.of(request.getReason()));
            long now = clock.millis();
            send(engine.trip(tier, request.getReason(), now));
            if (deployment == null) {
                return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, "tripped to "
                        + engine.breaker().tier() + " in memory only: " + NO_DEPLOYMENT));
            }
            BreakerWrite.Audit audit = new BreakerWrite.Audit(UUID.randomUUID().toString(), now, "TRIP", tier.name(),
                    request.getReason(), actor, engine.breaker().tier().name());
            return durable(breakerWriter.audit(audit), "trip to " + engine.breaker().tier());
        }

        @Override
        public Future<BreakerState> reset(ResetRequest request, RiskApi.Operator who) {
            return operator(who, "Reset").compose(actor -> reset(request, actor));
        }

        private Future<BreakerState> reset(ResetRequest request, String actor) {
            if (deployment == null) {
                return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, "reset refused: "
                        + NO_DEPLOYMENT));
            }
            String why = request.getReason().isBlank() ? "operator reset" : request.getReason();
            // a reset re-bases the peak at the current equity: only once the positions are rebuilt
            return recovered.future().compose(v -> {
                LOG.warn("manual breaker reset by {}: {}", Printable.of(actor), Printable.of(why));
                long now = clock.millis();
                engine.reset(why, now);
                BreakerWrite.Audit audit = new BreakerWrite.Audit(UUID.randomUUID().toString(), now, "RESET",
                        Tier.NORMAL.name(), why, actor, engine.breaker().tier().name());
                return durable(breakerWriter.audit(audit), "reset");
            });
        }

        /** Answers with the breaker once the write is durable; UNAVAILABLE (the change holds in memory) otherwise. */
        private Future<BreakerState> durable(Future<Void> write, String what) {
            return write.transform(ar -> ar.succeeded() ? Future.succeededFuture(breakerState())
                    : Future.failedFuture(new StatusException(GrpcStatus.UNAVAILABLE, what + " applied but not yet "
                    + "durable (" + Ledger.rootMessage(ar.cause()) + "); it is retried until the ledger takes it")));
        }
    }

    private BreakerState breakerState() {
        return breakerState(DEFAULT_BREAKER_EVENTS);
    }

    private BreakerState breakerState(int events) {
        List<Transition> all = engine.breaker().transitions();
        List<Transition> recent = all.subList(Math.max(0, all.size() - events), all.size());
        List<RecordedChange> changes = new ArrayList<>(stageHistory);
        return Wire.breaker(engine.breaker(), engine.equityE8(), recent).toBuilder()
                .addAllStageChanges(changes.subList(Math.max(0, changes.size() - events), changes.size()).stream()
                        .map(EvidenceWire::change).toList()).build();
    }

    /** Transitions GetBreaker returns when not asked for a number, and the most it returns (all it keeps). */
    static final int DEFAULT_BREAKER_EVENTS = 20;
    static final int MAX_BREAKER_EVENTS = 1000;
    private static final String ADMIN_OR_GATEWAY = "an admin certificate or the gateway's";

    private static boolean adminOrGateway(List<java.security.cert.Certificate> chain) {
        return NodeIdentity.isAdmin(chain) || NodeIdentity.of(chain).filter(n -> n == NodeName.GATEWAY).isPresent();
    }

    /**
     * Who may trip or reset: an admin certificate, or the gateway's forwarding the operator token (UNAUTHENTICATED
     * without one, PERMISSION_DENIED for a wrong one, FAILED_PRECONDITION when no token hash is configured).
     * Returns the actor to audit, or the refusal.
     */
    private Future<String> operator(RiskApi.Operator who, String action) {
        if (who.admin()) {
            return Future.succeededFuture(who.subject());
        }
        if (config.operatorTokenHash().isEmpty()) {
            return refusedOperator(GrpcStatus.FAILED_PRECONDITION, action + " through the gateway is off: risk has "
                    + "no operator-token-hash (memesnipe certs writes " + OperatorToken.HASH_FILE + "); use an admin "
                    + "certificate");
        }
        return switch (OperatorToken.check(who.token(), config.operatorTokenHash())) {
            case VALID -> Future.succeededFuture("operator token via " + who.subject());
            case MISSING -> refusedOperator(GrpcStatus.UNAUTHENTICATED, action + " needs the operator token");
            case WRONG -> refusedOperator(GrpcStatus.PERMISSION_DENIED, action + " refused: wrong operator token");
        };
    }

    private Future<String> refusedOperator(GrpcStatus status, String message) {
        refusedOperatorCalls.increment();
        LOG.warn("{}", message);
        return Future.failedFuture(new StatusException(status, message));
    }

    // ------------------------------------------------------------------ status and metrics

    private NodeStatus status() {
        var b = engine.breaker();
        var p = engine.portfolio();
        long now = clock.millis();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("equity", Fixed.format(engine.equityE8()));
        facts.put("peakEquity", Fixed.format(b.peakE8()));
        facts.put("drawdownPct", Wire.pct(b.drawdownBps()));
        facts.put("dailyLossPct", Wire.pct(b.dailyLossBps()));
        facts.put("dayStartEquity", Fixed.format(b.dayStartE8()));
        facts.put("fills", String.valueOf(p.fillCount()));
        facts.put("openPositions", String.valueOf(p.openPositions()));
        facts.put("tier", b.tier().name());
        facts.put("volatilityRegime", engine.volatility().regime().name());
        facts.put("volatilityBps", Double.isNaN(engine.volatility().volatilityBps()) ? ""
                : String.format(java.util.Locale.ROOT, "%.2f", engine.volatility().volatilityBps()));
        facts.put("thresholdsPct", thresholdsPct(b.effectiveThresholds()));
        facts.put("tierReason", b.reason());
        facts.put("tierSinceMs", String.valueOf(b.sinceMs()));
        facts.put("sizeMultiplierPct", String.valueOf(b.sizeMultiplierPct()));
        facts.put("suspendedStrategies", String.join(",", b.suspendedStrategies().stream().sorted().toList()));
        facts.put("approved", String.valueOf(engine.approvedCount()));
        facts.put("denied", String.valueOf(engine.deniedCount()));
        facts.put("inFlight", String.valueOf(engine.inFlightCount()));
        facts.put("configAgreement", configMismatch == null ? "ok" : configMismatch);
        facts.put("execP95Ms", String.valueOf(engine.quality().p95LatencyMs()));
        facts.put("execSlippageBps", String.valueOf(engine.quality().avgSlippageBps()));
        facts.put("execErrorPct", String.valueOf(engine.quality().errorPct()));
        facts.put("execSamples", String.valueOf(engine.quality().samples().size()));
        facts.put("ledgerAnomalies", String.valueOf(p.overSoldFills()));
        facts.put("lotMismatchedMarks", String.valueOf(p.lotMismatchedMarks()));
        facts.put("deployment", deployment == null ? "" : deployment.id());
        facts.put("recovering", String.valueOf(deployment != null && engine.recovering()));
        facts.put("replayedFills", String.valueOf(replayedFills));
        facts.put("replayMs", String.valueOf(replayMs));
        facts.put("marksFromJournal", String.valueOf(marksRestored));
        facts.put("fillCursor", p.fillLogId() + ":" + p.lastFillSeq());
        facts.put("skippedOldFills", String.valueOf(skippedOldFills));
        facts.put("resentExits", String.valueOf(resentExits));
        facts.put("evaluations", String.valueOf(evaluations));
        facts.put("forwardFailures", String.valueOf(forwardFailures == null ? 0 : (long) forwardFailures.count()));
        facts.put("approvalKeyId", approver == null ? "" : approver.keyId());
        facts.put("promotion", engine.promotion().map(RiskVerticle::stages)
                .orElse(config.promotion().isEmpty() ? "off" : NO_PIPELINE));
        if (ledger != null) {
            ledger.pendingWrites();
            facts.putAll(ledger.health().facts(now));
            facts.putAll(ledger.decidedIdFacts());
            facts.put("ledger.droppedWrites", String.valueOf(ledger.droppedWrites()));
            facts.put("ledger.refusedWrites", String.valueOf(ledger.refusedWrites()));
            facts.put("ledger.journaledBreakerWrites", String.valueOf(breakerWriter == null ? 0 : breakerWriter.journaled()));
        }
        return Statuses.of(NodeName.RISK.id(), startedAtMs, facts)
                .addPeers(Statuses.peer("gateway", config.gateway(), ticks != null && ticks.connected()))
                .addPeers(Statuses.peer("executor", config.executor(), fills != null && fills.connected()))
                .build();
    }

    /**
     * The breaker's drawdown and daily-loss thresholds in effect, percent: "drawdown w/c/e, daily loss w/c" (they
     * differ from the settings where the volatility regime scales them).
     */
    static String thresholdsPct(BreakerThresholds t) {
        return "drawdown " + Wire.pct(t.warnDrawdownBps()) + "/" + Wire.pct(t.criticalDrawdownBps()) + "/"
                + Wire.pct(t.emergencyDrawdownBps()) + ", daily loss " + Wire.pct(t.warnDailyLossBps()) + "/"
                + Wire.pct(t.criticalDailyLossBps());
    }

    private Counter counter(Decision d) {
        String key = d.verdict() + "/" + d.reason();
        return decisionCounters.computeIfAbsent(key, k -> Counter.builder("memesnipe_risk_decisions_total")
                .description("risk decisions by verdict and reason")
                .tag("verdict", d.verdict().name()).tag("reason", d.reason().name()).register(metrics));
    }

    private void registerMetrics() {
        decisionToFill = io.micrometer.core.instrument.Timer.builder("memesnipe_risk_decision_to_fill")
                .description("from risk's approval to the fill, per filled order").publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1)).maximumExpectedValue(java.time.Duration.ofSeconds(30))
                .register(metrics);
        fillSlippage = io.micrometer.core.instrument.DistributionSummary.builder("memesnipe_risk_fill_slippage_ratio")
                .description("(fill price - approved reference price) / reference price: above 0 is a higher price")
                .publishPercentiles(0.5, 0.95).register(metrics);
        executionFailures = Counter.builder("memesnipe_risk_execution_failures_total")
                .description("approved orders that failed at the executor or venue (execution-quality samples)")
                .register(metrics);
        markWaitsTimedOut = Counter.builder("memesnipe_risk_mark_waits_timed_out_total")
                .description("intents decided on older marks because risk's market data had not reached their "
                        + "decision event within " + MARK_CATCH_UP_MS + " ms").register(metrics);
        refusedOperatorCalls = Counter.builder("memesnipe_risk_operator_refused_total")
                .description("Trip and Reset calls through the gateway refused: no operator token, a wrong one, or "
                        + "none configured").register(metrics);
        forwardFailures = Counter.builder("memesnipe_risk_forward_failures_total")
                .description("attempts to hand an approved order to the executor that failed").register(metrics);
        Gauge.builder("memesnipe_risk_equity_usd", this, v -> Fixed.toDouble(v.engine.equityE8()))
                .register(metrics);
        Gauge.builder("memesnipe_risk_drawdown_ratio", this, v -> v.engine.breaker().drawdownBps() / 10_000.0)
                .register(metrics);
        Gauge.builder("memesnipe_risk_daily_loss_ratio", this, v -> v.engine.breaker().dailyLossBps() / 10_000.0)
                .description("loss since the trading day's start, as a fraction of its start equity").register(metrics);
        Gauge.builder("memesnipe_risk_gross_exposure_usd", this, v -> Fixed.toDouble(v.engine.grossExposureE8()))
                .description("marked value of every open position").register(metrics);
        Gauge.builder("memesnipe_risk_gross_exposure_cap_usd", this,
                        v -> Fixed.toDouble(v.engine.equityE8()) * v.engine.limits().grossCapBps() / 10_000.0)
                .description("the gross exposure cap at the current equity").register(metrics);
        for (String strategy : config.strategies()) {
            Gauge.builder("memesnipe_risk_exposure_usd", this, v -> Fixed.toDouble(v.engine.strategyExposureE8(strategy)))
                    .description("marked value of a strategy's open positions").tag("strategy", strategy).register(metrics);
        }
        Gauge.builder("memesnipe_risk_strategy_exposure_cap_usd", this,
                        v -> Fixed.toDouble(v.engine.equityE8()) * v.engine.limits().strategyCapBps() / 10_000.0)
                .description("each strategy's exposure cap at the current equity").register(metrics);
        Gauge.builder("memesnipe_risk_breaker_tier", this, v -> v.engine.breaker().tier().ordinal())
                .description("0 NORMAL, 1 WARNING, 2 CRITICAL, 3 EMERGENCY").register(metrics);
        Gauge.builder("memesnipe_risk_volatility_regime", this, v -> v.engine.volatility().regime().code())
                .description("the market's volatility regime as risk counts it: 0 unknown, 1 low, 2 normal, 3 high "
                        + "(the breaker's drawdown and daily-loss thresholds follow it where configured)")
                .register(metrics);
        Gauge.builder("memesnipe_risk_open_positions", this, v -> v.engine.portfolio().openPositions()).register(metrics);
        Gauge.builder("memesnipe_risk_orders_in_flight", this, v -> v.engine.inFlightCount()).register(metrics);
        Gauge.builder("memesnipe_risk_lot_mismatched_marks", this, v -> v.engine.portfolio().lotMismatchedMarks())
                .description("market events refused because a held position counts another lot (a symbol's lot "
                        + "changed while positions were open); should stay 0").register(metrics);
        Gauge.builder("memesnipe_risk_ledger_up", this, v -> v.ledger != null && v.ledger.usable() ? 1 : 0)
                .description("1 when risk's PostgreSQL ledger takes writes; 0 means entries are denied").register(metrics);
        Gauge.builder("memesnipe_risk_ledger_pending_writes", this, v -> v.ledger == null ? 0 : v.ledger.pendingWrites())
                .description("ledger writes not yet in PostgreSQL (queued, or breaker writes in the local journal)")
                .register(metrics);
        Gauge.builder("memesnipe_risk_config_agreed", this, v -> v.configMismatch == null ? 1 : 0)
                .description("1 when risk's limits are known to agree with the executor's and signer's; 0 denies entries")
                .register(metrics);
        Gauge.builder("memesnipe_risk_recovering", this, v -> v.deployment != null && v.engine.recovering() ? 1 : 0)
                .description("1 while the fills are replayed from the ledger after a start").register(metrics);
    }
}
