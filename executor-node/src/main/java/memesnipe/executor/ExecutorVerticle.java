package memesnipe.executor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import memesnipe.executor.fills.FillLog;
import memesnipe.executor.fills.FillWatcher;
import memesnipe.executor.journal.ExecutorLedger;
import memesnipe.executor.journal.ExecutorLedger.StoredOrder;
import memesnipe.executor.journal.Journal;
import memesnipe.executor.journal.LedgerOp;
import memesnipe.executor.order.OrderBook;
import memesnipe.executor.order.OrderBook.State;
import memesnipe.executor.order.OrderCaps;
import memesnipe.executor.OrderValidator;
import memesnipe.executor.venue.PaperPricing;
import memesnipe.executor.paper.PaperVenue;
import memesnipe.model.text.Printable;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.ledger.Ledger;
import memesnipe.kit.ledger.LedgerHealth;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.signing.RiskApproval;
import memesnipe.kit.stream.ResilientStream;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.ExecutorGrpcService;
import memesnipe.v1.ExecutorService;
import memesnipe.v1.Fill;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.OrderStatus;
import memesnipe.v1.SignRequest;
import memesnipe.v1.SignResponse;
import memesnipe.v1.SignerGrpcClient;
import memesnipe.v1.SubscribeRequest;
import memesnipe.v1.WatchFillsRequest;
import memesnipe.v1.ExecutionLimits;
import memesnipe.v1.GetLimitsRequest;
import memesnipe.v1.GetPolicyRequest;
import memesnipe.kit.config.Agreement;
import memesnipe.model.money.Fixed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The executor node: serves memesnipe.v1.Executor. It executes each approved order at most once and never loses
 * a fill, whatever is killed and when.
 *
 * <p>An order's life, each step made durable by the {@link Journal} before the next one starts. First, before
 * anything is recorded, the order must carry the risk node's valid approval ({@link RiskApproval}: by risk's key, over
 * exactly this order, recent): otherwise it is REJECTED "APPROVAL_INVALID: ..." and its id left free.
 * <ol>
 *   <li>RECEIVED: inserted into the ledger's orders table, whose primary key is the client order id; an insert
 *       that finds the id there is a duplicate and gets the first report (from memory, or read from the ledger,
 *       or when the first execution finishes).</li>
 *   <li>SIGNED: the signer signed it over mutual TLS (fail closed: never sent unsigned).</li>
 *   <li>SENT: recorded durably, and only then placed at the venue ({@link PaperVenue}, which keeps its own
 *       durable record and dedupes client ids too).</li>
 *   <li>FILLED: the fill, with the next gap-free sequence number, and the FILLED state in one transaction; then
 *       the report is returned and the fill streamed to WatchFills watchers. Or REJECTED / CANCELLED with a
 *       reason.</li>
 * </ol>
 *
 * <p><b>Amounts.</b> Before anything is journaled, an order above the executor's own max-order-qty or
 * max-order-notional (quantity x reference price, exact) is REJECTED "MAX_ORDER_QTY: ..." or "MAX_ORDER_NOTIONAL:
 * ..." with its figures; nothing is recorded, and the answer depends only on the order. An order whose fill price,
 * notional or fee does not fit 64 bits at the venue's price is REJECTED "AMOUNT_OUT_OF_RANGE: ..." by the venue,
 * recorded like any outcome, so every retry of its id gets that same answer.
 *
 * <p><b>Reconciliation.</b> At start, every order the ledger holds as SIGNED or SENT (its outcome unknown: the
 * process died while it was at the venue) is reconciled by asking the venue about its client id: FILLED there →
 * the fill is recorded (once) and the order FILLED; unknown there → cancelled at the venue (so a late arrival
 * is refused), then CANCELLED ("CANCELLED: not at venue", a REJECTED report to the caller). Orders only
 * RECEIVED (never signed) are REJECTED at start. An order the venue has not answered within order-timeout-ms
 * is reconciled the same way, retried until it resolves, so a lost answer never blocks an exit for ever.
 *
 * <p><b>PostgreSQL down.</b> The node fails closed: while the ledger cannot be written, entries are REJECTED
 * "LEDGER_UNAVAILABLE" (nothing recorded, nothing sent: the id stays free for a later retry). Exits still
 * execute, at most once: the journal writes their steps and fills to a local fsync'd write-ahead file
 * (wal-file), which is drained into PostgreSQL idempotently when the server is back (and at start, before
 * serving), then emptied. The executor alone assigns fill sequence numbers, in journal order, so they stay
 * gap-free across the file and PostgreSQL. While down, a repeat of an exit id no longer in memory is caught by
 * the venue's dedupe and answered "LEDGER_UNAVAILABLE" (retry later for the first report). The node needs
 * PostgreSQL to start.
 *
 * <p>Memory is bounded: recent final orders (recent-orders) and open ones; recent fills (recent-fills), older
 * ones paged from the ledger for WatchFills. The fill log's id is stored in the ledger, so a watcher resumes
 * across restarts with the same log id and sequence numbers.
 */
public final class ExecutorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorVerticle.class);
    static final long SIGN_TIMEOUT_MS = 2_000;
    static final long PROBE_INTERVAL_MS = 1_000;
    /** The signer's limits are read again this often (in probes) while it stays up, and on every reconnect. */
    static final int POLICY_EVERY_PROBES = 30;
    static final long READ_TIMEOUT_MS = 5_000;
    public static final String LEDGER_UNAVAILABLE = "LEDGER_UNAVAILABLE";
    public static final String NOT_AT_VENUE = "CANCELLED: not at venue";
    public static final String NOT_SIGNED = "NOT_SIGNED: executor restarted before signing";
    public static final String DUPLICATE_AT_VENUE = "DUPLICATE_AT_VENUE";
    /** Reject reason prefix of an order without a valid risk approval, followed by the problem and its figures. */
    public static final String APPROVAL_INVALID = "APPROVAL_INVALID";

    /**
     * What the node keeps with an open order: the order as routed, its signature once signed, and when it reached
     * each step (for the fill's tracing fields).
     */
    private record Open(ApprovedOrder order, String keyId, String signature, Timeline timeline) {
        Open signedWith(String key, String sig) {
            return new Open(order, key, sig, timeline);
        }
    }

    /**
     * When an order was received, signed (signature verified) and sent, ms: the times journaled with each step (so a
     * fill read back from the ledger carries the same); 0 until reached. Owned by the event loop.
     */
    private static final class Timeline {
        long receivedMs;
        long signedMs;
        long sentMs;

        /** The times the ledger holds for an order taken up again after a restart. */
        static Timeline of(StoredOrder stored) {
            Timeline t = new Timeline();
            t.receivedMs = stored.receivedMs();
            t.signedMs = stored.signedMs();
            t.sentMs = stored.sentMs();
            return t;
        }
    }

    private final ExecutorConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = NodeMetrics.create(NodeName.EXECUTOR.id());
    private final OrderBook<Open, ExecutionReport> book;
    private final FillLog fillLog;
    private final Set<FillWatcher> watchers = new LinkedHashSet<>();
    private final PaperPricing pricing;
    private final OrderCaps caps;
    private final LedgerHealth health = new LedgerHealth();
    private final Counter duplicatesCounter;
    private final Counter fillsCounter;
    private final Timer signLatency;
    private final Timer journalLatency;
    private Ledger ledger;
    private ExecutorLedger store;
    private Journal journal;
    private PaperVenue venue;
    private String fillLogId = "";
    /** The last sequence number handed out (durable or on its way); fills become durable in this order. */
    private long lastAssignedSeq;
    private GrpcClient client;
    private ResilientStream<MarketEvent> marketData;
    private NodeServer server;
    private long probeTimer = -1;
    private long housekeepingTimer = -1;
    private boolean signerReachable;
    /** The signer's limits once read (null before), and what in this node's settings disagrees with them. */
    private Agreement.SignerLimits signerLimits;
    private Optional<String> configProblem = Optional.empty();
    private int probesSincePolicy;
    /** The signer's published public keys by key id: every signature is verified before an order is sent. */
    private final java.util.Map<String, byte[]> signerKeys = new java.util.HashMap<>();
    private long badSignatures;
    /** Checks risk's approval on every order before anything else happens to it (loaded at start). */
    private RiskApproval.Verifier approvals;
    private long approvalsRefused;
    private long startedAtMs;

    public ExecutorVerticle(ExecutorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.book = new OrderBook<>(config.recentOrders());
        this.fillLog = new FillLog(config.recentFills());
        this.pricing = new PaperPricing(config.slippageBps(), config.feeBps(), config.maxMarkAgeMs(),
                config.participationBps(), clock);
        this.caps = new OrderCaps(config.maxOrderQtyE8(), config.maxOrderNotionalE8());
        this.duplicatesCounter = Counter.builder("memesnipe_executor_duplicates_total")
                .description("Execute calls for a client_order_id already seen").register(metrics);
        this.fillsCounter = Counter.builder("memesnipe_executor_fills_total").description("fills appended").register(metrics);
        this.signLatency = Timer.builder("memesnipe_executor_sign_latency")
                .description("time to get an answer (or failure) from the signer").register(metrics);
        this.journalLatency = Timer.builder("memesnipe_executor_ledger_write_latency")
                .description("time to commit one batch of order steps to PostgreSQL").publishPercentiles(0.5, 0.99)
                .register(metrics);
        Gauge.builder("memesnipe_executor_ledger_up", () -> journal == null || !journal.ledgerMode() ? 0 : 1)
                .description("1 while order steps are written to PostgreSQL, 0 while they go to the write-ahead file")
                .register(metrics);
        Gauge.builder("memesnipe_executor_wal_pending", () -> journal == null ? 0 : journal.walPending())
                .description("steps in the write-ahead file not yet drained into PostgreSQL").register(metrics);
        Gauge.builder("memesnipe_executor_reconciling", book::reconcilingCount)
                .description("orders being reconciled with the venue").register(metrics);
        Gauge.builder("memesnipe_executor_orders_open", book::openCount).description("orders not yet final")
                .register(metrics);
        FunctionCounter.builder("memesnipe_executor_paper_latest_mark_fills_total", this,
                        self -> self.venue == null ? 0 : self.venue.latestMarkFallbacks())
                .description("paper orders filled at the latest mark because the event they were decided on was not "
                        + "among the venue's recent marks (a live run then differs from a backtest of the recording)")
                .register(metrics);
    }

    @Override
    public Future<?> start() {
        startedAtMs = clock.millis();
        return vertx.executeBlocking(() -> RiskApproval.verifier(config.approval().publicKey()))
                .compose(v -> {
                    approvals = v; // its key id is in the status (approvalKeyId)
                    return Ledger.open(vertx, config.database(), "executor");
                })
                .compose(l -> {
                    ledger = l;
                    store = new ExecutorLedger(l.pool());
                    return Journal.open(vertx, store, config.walFile(), clock, health,
                            ns -> journalLatency.record(ns, TimeUnit.NANOSECONDS));
                })
                .compose(j -> {
                    journal = j;
                    return j.drainAtStart();
                })
                .compose(v -> store.logId(UUID.randomUUID().toString(), clock.millis()))
                .compose(id -> {
                    fillLogId = id;
                    return store.newestFills(config.recentFills(), id);
                })
                .compose(newest -> store.lastSeq().map(last -> {
                    fillLog.reset(last, newest);
                    lastAssignedSeq = last;
                    return last;
                }))
                .compose(last -> PaperVenue.open(vertx, config.paperVenueDir(), pricing, clock, PaperVenue.DEFAULT_INDEX_SIZE))
                .compose(v -> {
                    venue = v;
                    return store.openOrders();
                })
                .compose(open -> {
                    LOG.info("executor ledger: fill log {} at seq {}; {} order(s) to reconcile", fillLogId,
                            fillLog.lastSeq(), open.size());
                    for (StoredOrder o : open) {
                        adoptAndReconcile(o);
                    }
                    return serve();
                })
                .recover(err -> closeResources().transform(v -> Future.failedFuture(err)));
    }

    private Future<?> serve() {
        client = GrpcClients.create(vertx, config.basics().tls());
        SubscribeRequest subscribe = SubscribeRequest.newBuilder().setSubscriber(NodeName.EXECUTOR.id()).build();
        marketData = new ResilientStream<>(vertx, "executor<-gateway",
                () -> Calls.serverStream(client, config.gateway(), MarketDataGrpcClient.Subscribe, subscribe),
                event -> venue.mark(event.getSymbol(), event.getPriceE8(), event.getLotExponent(), event.getVolumeE8(),
                        event.getStreamId(), event.getSeq()), 200, 3_000);
        marketData.start();
        PeerProbe probe = new PeerProbe(client);
        Runnable probeSigner = () -> probe.serving(config.signer(), PROBE_INTERVAL_MS - 100).onSuccess(up -> {
            boolean reconnected = up && !signerReachable;
            signerReachable = up;
            if (up && (reconnected || signerLimits == null || ++probesSincePolicy >= POLICY_EVERY_PROBES)) {
                readSignerPolicy();
            }
        });
        probeSigner.run();
        probeTimer = vertx.setPeriodic(PROBE_INTERVAL_MS, id -> probeSigner.run());
        long every = Math.max(50, Math.min(1_000, config.orderTimeoutMs() / 2));
        housekeepingTimer = vertx.setPeriodic(every, id -> housekeeping());
        server = NodeServer.builder(vertx, NodeName.EXECUTOR)
                .listen(config.basics().host(), config.basics().grpcPort())
                .tls(config.basics().tls()).httpLimits(config.basics().http())
                .onlyClients(EnumSet.of(NodeName.RISK, NodeName.GATEWAY), true) // the operator may inspect it
                .restrict(ExecutorGrpcService.SERVICE_NAME, "WatchFills", EnumSet.of(NodeName.RISK, NodeName.GATEWAY))
                .restrict(ExecutorGrpcService.SERVICE_NAME, "Execute", EnumSet.of(NodeName.RISK))
                .restrict(ExecutorGrpcService.SERVICE_NAME, "GetLimits", EnumSet.of(NodeName.RISK))
                .service(ExecutorGrpcService.of(new Service()))
                .status(this::status)
                .metrics(metrics)
                .build();
        return server.start();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(probeTimer);
        vertx.cancelTimer(housekeepingTimer);
        if (marketData != null) {
            marketData.stop();
        }
        Future<?> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(this::closeResources);
    }

    private Future<Void> closeResources() {
        Future<Void> j = journal == null ? Future.succeededFuture() : journal.close();
        Future<Void> v = venue == null ? Future.succeededFuture() : venue.close();
        Future<Void> l = ledger == null ? Future.succeededFuture() : ledger.close();
        return Future.join(j, v, l).mapEmpty();
    }

    /** The bound gRPC port, after start. */
    public int grpcPort() {
        return server.actualPort();
    }

    /** Every second or so: drain the write-ahead file if the ledger is down, reconcile overdue orders. */
    private void housekeeping() {
        journal.tick();
        for (String id : book.overdue(clock.millis(), config.orderTimeoutMs())) {
            LOG.warn("order {}: no answer from the venue within {} ms: reconciling", id, config.orderTimeoutMs());
            reconcile(id);
        }
    }

    private NodeStatus status() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("ordersReceived", Long.toString(book.admitted()));
        facts.put("ordersFilled", Long.toString(book.filled()));
        facts.put("ordersRejected", Long.toString(book.rejected()));
        facts.put("ordersCancelled", Long.toString(book.cancelled()));
        facts.put("ordersOpen", Integer.toString(book.openCount()));
        facts.put("reconciling", Integer.toString(book.reconcilingCount()));
        facts.put("duplicates", Long.toString(book.duplicates()));
        facts.put("fills", Long.toString(fillLog.lastSeq()));
        facts.put("fillLogId", fillLogId);
        facts.put("venuePlacements", Long.toString(venue.placements()));
        facts.put("freshPrices", String.join(",", venue.freshSymbols())); // symbols an entry could be priced for now
        facts.put("signerReachable", Boolean.toString(signerReachable));
        facts.put("signerPolicyKnown", Boolean.toString(signerLimits != null));
        facts.put("configProblem", configProblem.orElse(""));
        facts.put("badSignatures", Long.toString(badSignatures));
        facts.put("approvalsRefused", Long.toString(approvalsRefused));
        facts.put("approvalKeyId", approvals.keyId());
        facts.put("fillWatchers", Integer.toString(watchers.size()));
        facts.putAll(health.facts(clock.millis()));
        facts.put("ledger.reachable", Boolean.toString(journal.ledgerMode() && health.reachable()));
        facts.put("ledger.pendingWrites", Integer.toString(journal.walPending()));
        return Statuses.of(NodeName.EXECUTOR.id(), startedAtMs, facts)
                .addPeers(Statuses.peer(NodeName.SIGNER.id(), config.signer(), signerReachable))
                .addPeers(Statuses.peer(NodeName.GATEWAY.id(), config.gateway(), marketData.connected()))
                .build();
    }

    // ------------------------------------------------------------------------------------------ order flow

    private Future<ExecutionReport> execute(ApprovedOrder order) {
        Optional<String> problem = OrderValidator.problem(order);
        if (problem.isPresent()) {
            metrics.counter("memesnipe_executor_invalid_orders_total").increment();
            LOG.warn("malformed order {} rejected: {}", Printable.of(order.getClientOrderId()), problem.get());
            return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, problem.get()));
        }
        String id = order.getClientOrderId();
        Optional<OrderCaps.Refusal> over = caps.check(order.getQtyE8(), order.getReferencePriceE8());
        if (over.isPresent()) {
            // nothing recorded, nothing signed: the answer depends only on the order, so a repeat gets the same one
            countOrder(over.get().reason().name());
            LOG.warn("order {} rejected before it was journaled: {}", Printable.of(id), over.get().text());
            return Future.succeededFuture(rejected(id, over.get().text()));
        }
        long now = clock.millis();
        RiskApproval.Check approval = approvals.check(order, now, config.approval().maxAgeMs());
        if (!approval.valid()) {
            // before the order book and the journal: nothing recorded, nothing sent, the id stays free
            approvalsRefused++;
            Counter.builder("memesnipe_executor_approvals_refused_total")
                    .description("orders refused before journaling because risk's approval was missing or invalid")
                    .tag("problem", approval.problem().name()).register(metrics).increment();
            LOG.warn("order {} refused: {} {}", Printable.of(id), APPROVAL_INVALID, approval.describe());
            return Future.succeededFuture(rejected(id, APPROVAL_INVALID + ": " + approval.describe()));
        }
        OrderBook.Admission admission = book.admit(id, now);
        if (admission == OrderBook.Admission.DONE) {
            duplicatesCounter.increment();
            return Future.succeededFuture(book.report(id).orElseThrow());
        }
        Promise<ExecutionReport> report = Promise.promise();
        book.whenDone(id, report::tryComplete);
        if (admission == OrderBook.Admission.OPEN) {
            duplicatesCounter.increment();
            return report.future();
        }
        ApprovedOrder routed = order.getVenue().isEmpty() ? order.toBuilder().setVenue(config.venue()).build() : order;
        boolean exit = routed.getPurpose() == OrderPurpose.EXIT;
        if (!exit && !journal.ledgerMode()) {
            unavailable(id); // fail closed: no new risk while the ledger is down
            return report.future();
        }
        Timeline timeline = new Timeline();
        timeline.receivedMs = now;
        book.attach(id, new Open(routed, "", "", timeline));
        journal.write(new LedgerOp.Received(routed, now)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("order {}: cannot be journaled: {}", id, Ledger.rootMessage(ar.cause()));
                unavailable(id);
            } else if (ar.result().inLedger() && !ar.result().changed()) {
                duplicateInLedger(id);
            } else if (!ar.result().inLedger() && !exit) {
                // the ledger went down under this entry: close it in the journal, admit nothing
                journal.write(new LedgerOp.Finished(id, State.REJECTED, LEDGER_UNAVAILABLE, clock.millis()));
                unavailable(id);
            } else {
                checkAndSign(id, routed);
            }
        });
        return report.future();
    }

    /** Reads the signer's limits and checks this node's settings against them (at start, on reconnect, then now and then). */
    private void readSignerPolicy() {
        probesSincePolicy = 0;
        Calls.unary(client, config.signer(), SignerGrpcClient.GetPolicy, GetPolicyRequest.getDefaultInstance(),
                SIGN_TIMEOUT_MS).onSuccess(p -> {
                    signerLimits = new Agreement.SignerLimits(p.getMaxOrderNotionalE8(), p.getMaxOrderQtyE8(),
                            java.util.Set.copyOf(p.getAllowedVenuesList()));
                    Optional<String> problem = Agreement.executorProblem(config.venue(), signerLimits);
                    if (!problem.equals(configProblem)) {
                        if (problem.isPresent()) {
                            LOG.error("executor refuses every order: {}", problem.get());
                        } else {
                            LOG.info("executor settings agree with the signer's (venue {}, signer limit {} USD per order)",
                                    config.venue(), Fixed.format(signerLimits.maxOrderNotionalE8()));
                        }
                    }
                    configProblem = problem;
                }).onFailure(err -> LOG.debug("signer policy not read: {}", err.toString()));
    }

    private void checkAndSign(String id, ApprovedOrder routed) {
        if (configProblem.isPresent()) {
            reject(id, "CONFIG_MISMATCH: " + configProblem.get());
            return;
        }
        if (!routed.getVenue().equals(config.venue())) {
            reject(id, "UNKNOWN_VENUE: " + Printable.of(routed.getVenue()));
            return;
        }
        if (!venue.hasPrice(routed.getSymbol(), side(routed.getSide()))) { // a sell (exit) takes the last price, whatever its age
            reject(id, "NO_PRICE"); // before signing: no signer budget spent
            return;
        }
        Optional<String> lot = venue.lotProblem(routed.getSymbol(), routed.getLotExponent());
        if (lot.isPresent()) {
            reject(id, PaperPricing.LOT_MISMATCH + ": " + lot.get()); // never priced in another lot
            return;
        }
        long t0 = clock.nanos();
        Calls.unary(client, config.signer(), SignerGrpcClient.Sign, SignRequest.newBuilder().setOrder(routed).build(),
                SIGN_TIMEOUT_MS).onComplete(ar -> {
            signLatency.record(clock.nanos() - t0, TimeUnit.NANOSECONDS);
            if (ar.failed()) {
                LOG.warn("order {}: signer unavailable: {}", id, ar.cause().toString());
                reject(id, "SIGNER_UNAVAILABLE");
                return;
            }
            SignResponse signed = ar.result();
            if (!signed.getSigned() || signed.getSignature().isEmpty()) {
                reject(id, "SIGNER_DENIED: " + signed.getDenyReason().name());
                return;
            }
            verified(routed, signed).onComplete(ok -> {
                if (ok.failed() || !ok.result()) {
                    badSignatures++;
                    metrics.counter("memesnipe_executor_bad_signatures_total").increment();
                    LOG.error("order {}: the signature from key {} does not verify; not sent", id,
                            Printable.of(signed.getKeyId()));
                    reject(id, "SIGNATURE_INVALID");
                    return;
                }
                journalSignedAndPlace(id, routed, signed);
            });
        });
    }

    /**
     * Whether the signature verifies over the order's canonical bytes with the signer's published key of that id
     * (keys are fetched from Signer/GetPublicKeys when an id is not known yet).
     */
    private Future<Boolean> verified(ApprovedOrder order, SignResponse signed) {
        byte[] known = signerKeys.get(signed.getKeyId());
        Future<byte[]> key = known != null ? Future.succeededFuture(known)
                : Calls.unary(client, config.signer(), SignerGrpcClient.GetPublicKeys,
                        memesnipe.v1.GetPublicKeysRequest.getDefaultInstance(), SIGN_TIMEOUT_MS).map(keys -> {
                            keys.getKeysList().forEach(k -> signerKeys.put(k.getKeyId(), k.getPublicKey().toByteArray()));
                            return signerKeys.get(signed.getKeyId());
                        });
        return key.map(der -> der != null && memesnipe.kit.signing.Ed25519.verify(der,
                memesnipe.kit.signing.CanonicalOrderBytes.of(order), signed.getSignature().toByteArray()));
    }

    /** Journals a verified signature, then SENT, then places the order at the venue. */
    private void journalSignedAndPlace(String id, ApprovedOrder routed, SignResponse signed) {
        String signature = Base64.getEncoder().encodeToString(signed.getSignature().toByteArray());
        Open before = book.order(id).orElse(null);
        Timeline timeline = before == null ? new Timeline() : before.timeline();
        timeline.signedMs = clock.millis();
        book.attach(id, new Open(routed, signed.getKeyId(), signature, timeline));
        journal.write(new LedgerOp.Signed(id, signed.getKeyId(), signature, timeline.signedMs))
                .compose(w -> {
                    if (!book.live(id)) {
                        return Future.failedFuture("order " + id + " settled meanwhile");
                    }
                    book.signed(id, clock.millis());
                    timeline.sentMs = clock.millis();
                    return journal.write(new LedgerOp.Sent(id, timeline.sentMs));
                })
                .onSuccess(w -> {
                    if (!book.live(id)) {
                        return;
                    }
                    book.sent(id, clock.millis());
                    CrashPoint.AFTER_JOURNAL.reachedWith(config.crashPoint(), id);
                    place(id);
                })
                .onFailure(err -> LOG.warn("order {}: not sent: {}", id, err.getMessage()));
    }

    /** Sends a signed, journaled-SENT order to the venue. */
    private void place(String id) {
        Open o = book.order(id).orElseThrow();
        ApprovedOrder order = o.order();
        venue.place(new PaperVenue.VenueOrder(id, order.getSymbol(), side(order.getSide()), order.getQtyE8(),
                        order.getLotExponent(), order.getDecisionSeq()))
                .timeout(config.orderTimeoutMs(), TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.warn("order {}: no answer from the venue ({}): reconciling", id, ar.cause().toString());
                        reconcile(id);
                        return;
                    }
                    if (!book.claim(id)) {
                        return; // a reconciliation recorded the outcome already
                    }
                    PaperVenue.Placement placement = ar.result();
                    if (placement.existing()) {
                        duplicateAtVenue(id);
                    } else {
                        if (placement.outcome() instanceof PaperVenue.Filled) {
                            CrashPoint.AFTER_VENUE_FILL.reachedWith(config.crashPoint(), id);
                        }
                        record(id, placement.outcome());
                    }
                });
    }

    /** Records the venue's outcome for a claimed order. */
    private void record(String id, PaperVenue.Outcome outcome) {
        if (outcome instanceof PaperVenue.Filled f) {
            recordFill(id, f);
        } else if (outcome instanceof PaperVenue.Rejected r) {
            reject(id, r.reason());
        } else if (outcome instanceof PaperVenue.Cancelled) {
            finish(id, State.CANCELLED, NOT_AT_VENUE);
        } else {
            throw new IllegalStateException("an unknown outcome is not recorded");
        }
    }

    private void recordFill(String id, PaperVenue.Filled filled) {
        Open o = book.order(id).orElseThrow();
        ApprovedOrder order = o.order();
        Fill fill = Fill.newBuilder().setSeq(++lastAssignedSeq).setLogId(fillLogId)
                .setClientOrderId(id).setStrategy(order.getStrategy()).setSymbol(order.getSymbol())
                .setSide(order.getSide()).setPurpose(order.getPurpose()).setQtyE8(filled.qtyE8())
                .setPriceE8(filled.priceE8()).setFeeE8(filled.feeE8()).setVenue(order.getVenue())
                .setKeyId(o.keyId()).setSignature(o.signature()).setFillTimeMs(filled.timeMs())
                .setDecisionSeq(order.getDecisionSeq()).setDecisionIngestTimeMs(order.getDecisionIngestTimeMs())
                .setLotExponent(order.getLotExponent())
                // when each step was reached: the times journaled with the order (the ledger gives them back)
                .setApprovedTimeMs(order.getApprovedTimeMs()).setReceivedTimeMs(o.timeline().receivedMs)
                .setSignedTimeMs(o.timeline().signedMs).setSentTimeMs(o.timeline().sentMs)
                .build();
        journal.write(new LedgerOp.Filled(fill, clock.millis())).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("order {}: journal closed before its fill was recorded (the venue's record keeps it)", id);
                return;
            }
            CrashPoint.AFTER_REPORT.reachedWith(config.crashPoint(), id);
            fillLog.append(fill);
            fillsCounter.increment();
            countOrder("FILLED");
            LOG.info("order {} filled: seq={} {} {} qty={} price={}{}", id, fill.getSeq(), fill.getSide(),
                    Printable.of(fill.getSymbol()), Fixed.format(fill.getQtyE8()), Fixed.format(fill.getPriceE8()),
                    fill.getLotExponent() == 0 ? "" : " (lots of 10^" + fill.getLotExponent() + ")");
            book.finish(id, State.FILLED, ExecutionReport.newBuilder().setClientOrderId(id)
                    .setStatus(OrderStatus.FILLED).setFill(fill).build());
            for (FillWatcher w : List.copyOf(watchers)) {
                w.pump();
            }
        });
    }

    private void reject(String id, String reason) {
        finish(id, State.REJECTED, reason);
    }

    /** Journals REJECTED or CANCELLED, then answers (a CANCELLED order is a REJECTED report with the reason). */
    private void finish(String id, State state, String reason) {
        journal.write(new LedgerOp.Finished(id, state, reason, clock.millis())).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("order {}: journal closed before it was {}", id, state);
                return;
            }
            countOrder(state.name());
            LOG.info("order {} {}: {}", id, state == State.CANCELLED ? "cancelled" : "rejected", reason);
            book.finish(id, state, rejected(id, reason));
        });
    }

    /** Nothing about the order is durable: answer LEDGER_UNAVAILABLE and keep the id free. */
    private void unavailable(String id) {
        countOrder(LEDGER_UNAVAILABLE);
        book.forget(id, rejected(id, LEDGER_UNAVAILABLE));
    }

    private static ExecutionReport rejected(String id, String reason) {
        return ExecutionReport.newBuilder().setClientOrderId(id).setStatus(OrderStatus.REJECTED)
                .setRejectReason(reason).build();
    }

    /** The venue already had this "new" id: never record a second fill for it. */
    private void duplicateAtVenue(String id) {
        LOG.warn("order {}: the venue already knows this client id; not executed again", id);
        if (journal.ledgerMode()) {
            reject(id, DUPLICATE_AT_VENUE);
        } else {
            // the ledger (which has the first report) is down: close this attempt, answer "retry later"
            journal.write(new LedgerOp.Finished(id, State.REJECTED, DUPLICATE_AT_VENUE, clock.millis()))
                    .onComplete(ar -> unavailable(id));
        }
    }

    /** The ledger already had the id (it is no longer, or never was, in memory here). */
    private void duplicateInLedger(String id) {
        book.countDuplicate();
        duplicatesCounter.increment();
        store.order(id, fillLogId).timeout(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(ar -> {
            if (ar.failed() || ar.result().isEmpty()) {
                LOG.warn("order {}: duplicate, but its first report cannot be read now: {}", id,
                        ar.failed() ? Ledger.rootMessage(ar.cause()) : "not found");
                unavailable(id);
                return;
            }
            StoredOrder stored = ar.result().get();
            if (stored.state().terminal()) {
                book.settle(id, stored.state(), reportOf(stored));
                return;
            }
            // open in the ledger but not in flight here (a commit whose answer was lost): settle it now
            book.restore(id, stored.state(), new Open(stored.order(), nullToEmpty(stored.keyId()),
                    nullToEmpty(stored.signature()), Timeline.of(stored)), clock.millis());
            reconcile(id);
        });
    }

    private static ExecutionReport reportOf(StoredOrder s) {
        if (s.state() == State.FILLED && s.fill().isPresent()) {
            return ExecutionReport.newBuilder().setClientOrderId(s.order().getClientOrderId())
                    .setStatus(OrderStatus.FILLED).setFill(s.fill().get()).build();
        }
        return rejected(s.order().getClientOrderId(), s.rejectReason() == null ? s.state().name() : s.rejectReason());
    }

    // -------------------------------------------------------------------------------------- reconciliation

    private void adoptAndReconcile(StoredOrder o) {
        String id = o.order().getClientOrderId();
        if (book.adopt(id, o.state(), new Open(o.order(), nullToEmpty(o.keyId()), nullToEmpty(o.signature()),
                Timeline.of(o)), clock.millis())) {
            reconcile(id);
        }
    }

    /** Settles an open order whose outcome is unknown by asking the venue about its client id. */
    private void reconcile(String id) {
        if (!book.startReconciling(id)) {
            return;
        }
        State state = book.state(id).orElseThrow();
        if (state == State.RECEIVED) {
            if (book.claim(id)) {
                countReconciled("rejected");
                reject(id, NOT_SIGNED); // never signed, so never sent
            }
            return;
        }
        askVenue(id, state);
    }

    private void askVenue(String id, State state) {
        venue.query(id)
                .compose(known -> known instanceof PaperVenue.Unknown ? venue.cancel(id) : Future.succeededFuture(known))
                .timeout(config.orderTimeoutMs(), TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.warn("order {}: the venue did not answer ({}); asking again", id, ar.cause().toString());
                        vertx.setTimer(config.orderTimeoutMs(), t -> {
                            if (book.live(id)) {
                                askVenue(id, state);
                            }
                        });
                        return;
                    }
                    if (!book.claim(id)) {
                        return; // the venue's answer to the placement came first and was recorded
                    }
                    PaperVenue.Outcome outcome = ar.result();
                    LOG.info("order {} ({}) reconciled with the venue: {}", id, state, outcome);
                    if (outcome instanceof PaperVenue.Filled f) {
                        countReconciled("filled");
                        if (state == State.SIGNED) { // cannot happen (SENT is durable before the venue call)
                            journal.write(new LedgerOp.Sent(id, clock.millis()));
                        }
                        recordFill(id, f);
                    } else if (outcome instanceof PaperVenue.Rejected r) {
                        countReconciled("rejected");
                        reject(id, r.reason());
                    } else {
                        countReconciled("cancelled");
                        finish(id, State.CANCELLED, NOT_AT_VENUE);
                    }
                });
    }

    private void countReconciled(String outcome) {
        Counter.builder("memesnipe_executor_reconciled_total").description("orders settled by asking the venue")
                .tag("outcome", outcome).register(metrics).increment();
    }

    private void countOrder(String status) {
        Counter.builder("memesnipe_executor_orders_total").description("orders by final status")
                .tag("status", status).register(metrics).increment();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    // ------------------------------------------------------------------------------------------ fills stream

    private final FillWatcher.Source fillSource = new FillWatcher.Source() {
        @Override
        public long lastSeq() {
            return fillLog.lastSeq();
        }

        @Override
        public Fill recent(long seq) {
            return fillLog.get(seq);
        }

        @Override
        public Future<List<Fill>> page(long afterSeq, int max) {
            List<Fill> fromWal = journal.walFills(afterSeq, max);
            if (!fromWal.isEmpty() && fromWal.get(0).getSeq() == afterSeq + 1) {
                return Future.succeededFuture(fromWal.stream().map(f -> f.toBuilder().setLogId(fillLogId).build()).toList());
            }
            return store.fillsAfter(afterSeq, max, fillLogId).timeout(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    };

    private void watch(WatchFillsRequest request, WriteStream<Fill> response) {
        boolean otherLog = !request.getLogId().isEmpty() && !request.getLogId().equals(fillLogId);
        long after = otherLog ? 0 : request.getAfterSeq();
        FillWatcher watcher = new FillWatcher(fillSource, response, after, watchers::remove,
                (delayMs, task) -> vertx.setTimer(delayMs, t -> task.run()));
        watchers.add(watcher);
        if (response instanceof GrpcServerResponse<?, ?> grpc) {
            grpc.exceptionHandler(err -> watcher.close());
            grpc.writeHead(); // the watcher sees the stream open before the first fill
        }
        watcher.pump();
    }

    private final class Service extends ExecutorService {
        @Override
        public Future<ExecutionReport> execute(ApprovedOrder request) {
            return ExecutorVerticle.this.execute(request);
        }

        @Override
        protected void watchFills(WatchFillsRequest request, WriteStream<Fill> response) {
            watch(request, response);
        }

        @Override
        public Future<ExecutionLimits> getLimits(GetLimitsRequest request) {
            ExecutionLimits.Builder b = ExecutionLimits.newBuilder().setVenue(config.venue())
                    .setSignerKnown(signerLimits != null).setProblem(configProblem.orElse(""));
            if (signerLimits != null) {
                b.setSigner(memesnipe.v1.SignerPolicy.newBuilder().setMaxOrderNotionalE8(signerLimits.maxOrderNotionalE8())
                        .setMaxOrderQtyE8(signerLimits.maxOrderQtyE8())
                        .addAllAllowedVenues(new java.util.TreeSet<>(signerLimits.allowedVenues())));
            }
            return Future.succeededFuture(b.build());
        }
    }

    /** The wire's side as the venue's (the order was validated: BUY or SELL). */
    private static memesnipe.model.Side side(memesnipe.v1.Side side) {
        return side == memesnipe.v1.Side.BUY ? memesnipe.model.Side.BUY : memesnipe.model.Side.SELL;
    }
}
