package memesnipe.risk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.money.Fixed;
import memesnipe.kit.stream.ResilientStream;
import memesnipe.kit.time.Clock;
import memesnipe.kit.tls.NodeIdentity;
import memesnipe.kit.tls.NodeName;
import memesnipe.risk.breaker.CircuitBreaker;
import memesnipe.risk.breaker.Tier;
import memesnipe.risk.breaker.Transition;
import memesnipe.risk.engine.Decision;
import memesnipe.risk.engine.OrderRequest;
import memesnipe.risk.engine.Purpose;
import memesnipe.risk.engine.RiskEngine;
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
import memesnipe.v1.RiskDecision;
import memesnipe.v1.RiskGrpcService;
import memesnipe.v1.RiskService;
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

/**
 * The risk node: serves memesnipe.v1.Risk, keeps the engine fed with ticks from the gateway and fills
 * from the executor (resuming after the last fill applied), forwards approved orders and its own exits
 * to the executor, and re-evaluates the breaker on a timer so a silent feed still raises it.
 */
public final class RiskVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(RiskVerticle.class);
    private static final long CALL_TIMEOUT_MS = 3000;

    private final RiskConfig config;
    private final Clock clock;
    private final long startedAtMs;
    private RiskEngine engine;
    private PrometheusMeterRegistry metrics;
    private NodeServer server;
    private GrpcClient client;
    private ResilientStream<MarketEvent> ticks;
    private ResilientStream<Fill> fills;
    private BreakerStore store;
    private final List<WriteStream<BreakerEvent>> breakerWatchers = new ArrayList<>();
    private final Map<String, Counter> decisionCounters = new LinkedHashMap<>();
    private Counter forwardFailures;

    public RiskVerticle(RiskConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.startedAtMs = clock.millis();
    }

    @Override
    public Future<?> start() {
        metrics = NodeMetrics.create(NodeName.RISK.id());
        store = new BreakerStore(vertx, config.stateFile());
        return store.load().compose(loaded -> {
            engine = buildEngine(loaded);
            return startServing();
        });
    }

    /** A fresh breaker for a new deployment; otherwise the saved one, or a strict one if it cannot be read. */
    private RiskEngine buildEngine(BreakerStore.Loaded loaded) {
        long now = clock.millis();
        RiskEngine e;
        if (!loaded.exists()) {
            e = new RiskEngine(config.limits(), config.thresholds(), config.quality(), config.initialCapitalE8(), now,
                    this::onTransition);
        } else {
            if (loaded.record().isEmpty()) {
                LOG.error("breaker state unreadable ({}): starting CRITICAL until a manual reset", loaded.problem());
            }
            CircuitBreaker breaker = CircuitBreaker.restore(config.thresholds(), loaded.record().orElse(null),
                    config.initialCapitalE8(), now);
            LOG.info("breaker restored from {}: {} ({})", config.stateFile(), breaker.tier(), breaker.reason());
            e = RiskEngine.withBreaker(config.limits(), breaker, config.quality(), config.initialCapitalE8(), now,
                    this::onTransition);
        }
        e.exitIdPrefix("rx" + Long.toHexString(new java.security.SecureRandom().nextInt() & 0xffffffL));
        e.ledgerConnected(false);
        return e;
    }

    private Future<?> startServing() {
        registerMetrics();
        client = GrpcClients.create(vertx, config.basics().tls());
        server = NodeServer.builder(vertx, NodeName.RISK)
                .listen(config.basics().host(), config.basics().grpcPort())
                .tls(config.basics().tls())
                .metrics(metrics)
                .status(this::status)
                .service(RiskGrpcService.of(new Api()))
                .requestClientCertificates()
                .restrict(RiskGrpcService.SERVICE_NAME, "Trip", "an admin certificate", NodeIdentity::isAdmin)
                .restrict(RiskGrpcService.SERVICE_NAME, "Reset", "an admin certificate", NodeIdentity::isAdmin)
                .build();
        return server.start().onSuccess(s -> {
            ticks = new ResilientStream<>(vertx, "risk<-gateway", () -> Calls.serverStream(client, config.gateway(),
                    MarketDataGrpcClient.Subscribe, SubscribeRequest.newBuilder().setSubscriber("risk").build()),
                    this::onTick, 200, 3000);
            fills = new ResilientStream<>(vertx, "risk<-executor fills", () -> Calls.serverStream(client,
                    config.executor(), ExecutorGrpcClient.WatchFills, WatchFillsRequest.newBuilder()
                            .setAfterSeq(engine.portfolio().lastFillSeq()).setLogId(engine.portfolio().fillLogId()).build()),
                    this::onFill, 200, 3000).onConnection(engine::ledgerConnected);
            ticks.start();
            fills.start();
            store.save(engine.breaker().export());
            vertx.setPeriodic(config.evaluateEveryMs(), id -> {
                send(engine.onTimer(clock.millis()));
                store.save(engine.breaker().export());
            });
        });
    }

    @Override
    public Future<?> stop() {
        if (ticks != null) {
            ticks.stop();
            fills.stop();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    public int grpcPort() {
        return server.actualPort();
    }

    // ------------------------------------------------------------------ inputs

    private void onTick(MarketEvent e) {
        send(engine.onTick(e.getSymbol(), e.getPriceE8(), e.getEventTimeMs(), clock.millis()));
    }

    private void onFill(Fill f) {
        send(engine.onFill(Wire.fill(f), clock.millis()));
    }

    private void onTransition(Transition t) {
        LOG.warn("breaker {} -> {}: {} (equity {}, peak {})", t.from(), t.to(), t.reason(), Fixed.format(t.equityE8()),
                Fixed.format(t.peakE8()));
        metrics.counter("memesnipe_risk_breaker_transitions_total", "to", t.to().name()).increment();
        BreakerEvent event = Wire.event(t);
        for (WriteStream<BreakerEvent> w : List.copyOf(breakerWatchers)) {
            try {
                w.write(event);
            } catch (RuntimeException e) {
                breakerWatchers.remove(w); // a watcher that went away must not interrupt the decision in progress
            }
        }
        if (store != null) {
            store.save(engine.breaker().export());
        }
    }

    // ------------------------------------------------------------------ orders out

    private void send(List<OrderRequest> orders) {
        for (OrderRequest o : orders) {
            LOG.info("risk exit {} {} {} {}", o.clientOrderId(), o.strategy(), o.symbol(), Fixed.format(o.qtyE8()));
            forward(o, 0);
        }
    }

    /** Hands an order to the executor; retries with the same id (idempotent). Exits retry until delivered. */
    private void forward(OrderRequest order, int attempt) {
        Calls.unary(client, config.executor(), ExecutorGrpcClient.Execute, Wire.order(order, config.venue()),
                CALL_TIMEOUT_MS).onComplete(ar -> {
                    if (ar.succeeded()) {
                        ExecutionReport report = ar.result();
                        if (report.getStatus() == OrderStatus.REJECTED) {
                            LOG.warn("order {} rejected by executor: {}", order.clientOrderId(), report.getRejectReason());
                            send(engine.onOrderFailed(order.clientOrderId(), clock.millis()));
                        }
                        return;
                    }
                    forwardFailures.increment();
                    if (isFinal(ar.cause())) {
                        LOG.error("order {} refused by the executor: {}", order.clientOrderId(), ar.cause().getMessage());
                        send(engine.onOrderFailed(order.clientOrderId(), clock.millis()));
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
                        send(engine.onOrderFailed(order.clientOrderId(), clock.millis()));
                    }
                });
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

    private final class Api extends RiskService {
        @Override
        public Future<RiskDecision> submit(OrderIntent request) {
            Decision d;
            boolean repeat = engine.decided(request.getClientOrderId());
            try {
                d = engine.submit(Wire.intent(request), clock.millis());
            } catch (IllegalArgumentException e) {
                metrics.counter("memesnipe_risk_invalid_intents_total").increment();
                LOG.warn("malformed intent {} rejected: {}", memesnipe.kit.config.Printable.of(request.getClientOrderId()), e.getMessage());
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, e.getMessage()));
            }
            if (!repeat) {
                counter(d).increment();
                d.order().ifPresent(o -> forward(o, 0));
            }
            return Future.succeededFuture(Wire.decision(d));
        }

        @Override
        public Future<BreakerState> getBreaker(GetBreakerRequest request) {
            return Future.succeededFuture(breakerState());
        }

        @Override
        protected void watchBreaker(WatchBreakerRequest request, WriteStream<BreakerEvent> response) {
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
        public Future<BreakerState> trip(TripRequest request) {
            Tier tier;
            try {
                tier = Tier.valueOf(request.getTier().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT,
                        "tier must be one of WARNING, CRITICAL, EMERGENCY; got '" + request.getTier() + "'"));
            }
            if (tier == Tier.NORMAL || request.getReason().isBlank()) {
                return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT,
                        "trip needs a tier above NORMAL (use Reset to go back) and a reason"));
            }
            // only an admin certificate reaches here (see the restriction on the server)
            LOG.warn("manual breaker trip to {}: {}", tier, request.getReason());
            send(engine.trip(tier, request.getReason(), clock.millis()));
            return Future.succeededFuture(breakerState());
        }

        @Override
        public Future<BreakerState> reset(ResetRequest request) {
            String why = request.getReason().isBlank() ? "operator reset" : request.getReason();
            LOG.warn("manual breaker reset: {}", why);
            engine.reset(why, clock.millis());
            return Future.succeededFuture(breakerState());
        }
    }

    private BreakerState breakerState() {
        List<Transition> all = engine.breaker().transitions();
        List<Transition> recent = all.subList(Math.max(0, all.size() - 20), all.size());
        return Wire.breaker(engine.breaker(), engine.portfolio().equityE8(), recent);
    }

    // ------------------------------------------------------------------ status and metrics

    private NodeStatus status() {
        var b = engine.breaker();
        var p = engine.portfolio();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("equity", Fixed.format(p.equityE8()));
        facts.put("peakEquity", Fixed.format(b.peakE8()));
        facts.put("drawdownPct", Wire.pct(b.drawdownBps()));
        facts.put("dailyLossPct", Wire.pct(b.dailyLossBps()));
        facts.put("fills", String.valueOf(p.fillCount()));
        facts.put("openPositions", String.valueOf(p.openPositions()));
        facts.put("tier", b.tier().name());
        facts.put("tierReason", b.reason());
        facts.put("tierSinceMs", String.valueOf(b.sinceMs()));
        facts.put("sizeMultiplierPct", String.valueOf(b.sizeMultiplierPct()));
        facts.put("suspendedStrategies", String.join(",", b.suspendedStrategies().stream().sorted().toList()));
        facts.put("approved", String.valueOf(engine.approvedCount()));
        facts.put("denied", String.valueOf(engine.deniedCount()));
        facts.put("inFlight", String.valueOf(engine.inFlightCount()));
        facts.put("execP95Ms", String.valueOf(engine.quality().p95LatencyMs()));
        facts.put("execSlippageBps", String.valueOf(engine.quality().avgSlippageBps()));
        facts.put("execErrorPct", String.valueOf(engine.quality().errorPct()));
        facts.put("ledgerAnomalies", String.valueOf(p.overSoldFills()));
        facts.put("stateWriteFailures", String.valueOf(store.failures()));
        return Statuses.of(NodeName.RISK.id(), startedAtMs, facts)
                .addPeers(Statuses.peer("gateway", config.gateway(), ticks != null && ticks.connected()))
                .addPeers(Statuses.peer("executor", config.executor(), fills != null && fills.connected()))
                .build();
    }

    private Counter counter(Decision d) {
        String key = d.verdict() + "/" + d.reason();
        return decisionCounters.computeIfAbsent(key, k -> Counter.builder("memesnipe_risk_decisions_total")
                .description("risk decisions by verdict and reason")
                .tag("verdict", d.verdict().name()).tag("reason", d.reason().name()).register(metrics));
    }

    private void registerMetrics() {
        forwardFailures = Counter.builder("memesnipe_risk_forward_failures_total")
                .description("attempts to hand an approved order to the executor that failed").register(metrics);
        Gauge.builder("memesnipe_risk_equity_usd", engine, e -> Fixed.toDouble(e.portfolio().equityE8())).register(metrics);
        Gauge.builder("memesnipe_risk_drawdown_ratio", engine, e -> e.breaker().drawdownBps() / 10_000.0).register(metrics);
        Gauge.builder("memesnipe_risk_breaker_tier", engine, e -> e.breaker().tier().ordinal())
                .description("0 NORMAL, 1 WARNING, 2 CRITICAL, 3 EMERGENCY").register(metrics);
        Gauge.builder("memesnipe_risk_open_positions", engine, e -> e.portfolio().openPositions()).register(metrics);
        Gauge.builder("memesnipe_risk_orders_in_flight", engine, RiskEngine::inFlightCount).register(metrics);
    }
}
