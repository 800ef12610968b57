package memesnipe.strategy.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import memesnipe.model.text.Printable;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.stream.ResilientStream;
import memesnipe.model.regime.VolatilityRegime;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.strategy.core.Strategies;
import memesnipe.strategy.core.Strategy;
import memesnipe.strategy.core.StrategyEngine;
import memesnipe.strategy.core.Tick;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.model.event.MarketSignal;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.SubscribeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategy node: subscribes to the gateway's market data (reconnecting with backoff; strategies
 * keep their state), runs the {@link StrategyEngine} on every tick and submits the resulting intents
 * to the risk node. Fails closed: an entry the risk node does not answer is dropped (and the strategy
 * told it is flat), while an exit is retried with the same client order id until it is answered.
 */
public final class StrategyVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(StrategyVerticle.class);
    static final long SUBMIT_TIMEOUT_MS = 2_000;
    static final long BACKOFF_MS = 200;
    static final long MAX_BACKOFF_MS = 3_000;
    /** Waits between asks of an unanswered intent, and between reconnections of the market data stream. */
    static final memesnipe.model.time.Backoff RETRY = new memesnipe.model.time.Backoff(BACKOFF_MS, MAX_BACKOFF_MS);
    /** Times an entry is submitted before it is given up (the same id each time). */
    static final int ENTRY_ATTEMPTS = 3;
    /** Characters of a risk decision's detail kept in the log. */
    static final int MAX_LOGGED_DETAIL = 240;
    private static final long PROBE_EVERY_MS = 2_000;

    private final StrategyConfig config;
    private final Clock clock;
    private StrategyEngine engine;
    /** The market's volatility regime, counted once per event and stamped on the strategies' ticks. */
    private final VolatilityRegime volatility = new VolatilityRegime();
    private GrpcClient client;
    private NodeServer server;
    private ResilientStream<MarketEvent> stream;
    private PrometheusMeterRegistry metrics;
    private Counter ticksCounter;
    private Counter signalsCounter;
    private Counter submitErrors;
    private final Set<Long> timers = new HashSet<>();
    private boolean stopped;
    private long startedAtMs;
    private long ticks;
    private long signals;
    private long intentsSubmitted;
    private long approved;
    private long denied;
    private long resized;
    private long errors;
    private long entriesSkipped;
    private long entriesDropped;
    private long exitRetries;
    private int inFlight;
    private boolean riskServing;

    public StrategyVerticle(StrategyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        startedAtMs = clock.millis();
        List<Strategy> strategies = config.strategies().stream()
                .map(name -> Strategies.create(name, config.paramsOf(name))
                        .orElseThrow(() -> new IllegalArgumentException("unknown strategy " + name)))
                .toList();
        byte[] idKey = new byte[StrategyEngine.ID_KEY_BYTES];
        new java.security.SecureRandom().nextBytes(idKey); // this process's ids: unguessable, never reused after a restart
        engine = new StrategyEngine(strategies, config.orderNotionalE8(), idKey);
        java.util.Arrays.fill(idKey, (byte) 0);
        metrics = NodeMetrics.create(NodeName.STRATEGY.id());
        ticksCounter = Counter.builder("memesnipe_strategy_ticks_total")
                .description("price ticks received from the gateway").register(metrics);
        signalsCounter = Counter.builder("memesnipe_strategy_signals_total")
                .description("non-price market events (social, wallet, bridge, pool, funding, token) received").register(metrics);
        submitErrors = Counter.builder("memesnipe_strategy_submit_errors_total")
                .description("Risk.Submit calls that failed (unreachable, timeout, error status)").register(metrics);
        client = GrpcClients.create(vertx, config.basics().tls());
        server = NodeServer.builder(vertx, NodeName.STRATEGY)
                .listen(config.basics().host(), config.basics().grpcPort())
                .tls(config.basics().tls())
                .authenticateEveryCaller().httpLimits(config.basics().http())
                .metrics(metrics)
                .status(this::status)
                .build();
        return server.start().onSuccess(s -> {
            SubscribeRequest subscribe = SubscribeRequest.newBuilder().setSubscriber("strategy")
                    .setIncludeSignals(true).build();
            stream = new ResilientStream<>(vertx, "gateway " + config.gateway(),
                    () -> Calls.serverStream(client, config.gateway(), MarketDataGrpcClient.Subscribe, subscribe),
                    this::onMarketEvent, BACKOFF_MS, MAX_BACKOFF_MS);
            stream.start();
            PeerProbe probe = new PeerProbe(client);
            timers.add(vertx.setPeriodic(1, PROBE_EVERY_MS,
                    id -> probe.serving(config.risk(), SUBMIT_TIMEOUT_MS).onSuccess(up -> riskServing = up)));
            LOG.info("strategy node running {} (gateway {}, risk {})", engine.strategyNames(), config.gateway(), config.risk());
        }).onFailure(err -> client.close());
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        if (stream != null) {
            stream.stop();
        }
        timers.forEach(vertx::cancelTimer);
        return server.close().eventually(() -> client.close());
    }

    /** The port the gRPC server listens on (after start). */
    public int grpcPort() {
        return server.actualPort();
    }

    private void onMarketEvent(MarketEvent event) {
        MarketSignal signal = Wire.signal(event);
        if (signal == null && event.getSignalCase() != MarketEvent.SignalCase.SIGNAL_NOT_SET) {
            return; // a kind this node cannot read
        }
        if (signal == null) {
            ticks++;
            ticksCounter.increment();
        } else {
            signals++;
            signalsCounter.increment();
        }
        List<OrderIntent> intents;
        try {
            intents = (signal == null ? engine.onTick(event.getStreamId(), Wire.tick(event,
                    volatility.onTick(event.getSymbol(), event.getPriceE8(), event.getEventTimeMs())))
                    : engine.onEvent(event.getStreamId(), signal)).stream().map(Wire::intent).toList();
        } catch (RuntimeException e) {
            errors++;
            LOG.error("strategy failed on {} seq {}", Printable.of(event.getSymbol()), event.getSeq(), e);
            return;
        }
        intents.forEach(this::submit);
    }

    private void submit(OrderIntent intent) {
        boolean entry = intent.getPurpose() == OrderPurpose.ENTRY;
        if (entry && inFlight >= config.maxInFlight()) {
            entriesSkipped++;
            notSent("in_flight_limit");
            engine.onEntryRejected(intent.getStrategy(), intent.getSymbol());
            LOG.warn("skipped entry {}: {} intents already await the risk node", intent.getClientOrderId(), inFlight);
            return;
        }
        inFlight++;
        intentsSubmitted++;
        metrics.counter("memesnipe_strategy_intents_total", "strategy", intent.getStrategy(),
                "purpose", intent.getPurpose().name()).increment();
        LOG.info("{} {} {} {} at {}", intent.getClientOrderId(), intent.getPurpose(), intent.getSide(),
                Printable.of(intent.getSymbol()), memesnipe.model.money.Fixed.format(intent.getDecisionPriceE8()));
        send(intent, 1);
    }

    /**
     * Submits with a deadline. A failed entry is asked again, with the same id, a bounded number of times:
     * risk may have decided it before the answer was lost, and the same id returns that decision instead
     * of deciding twice. A failed exit is asked again until answered.
     */
    private void send(OrderIntent intent, int attempt) {
        long backoffMs = RETRY.delayMs(attempt);
        Calls.unary(client, config.risk(), RiskGrpcClient.Submit, intent, SUBMIT_TIMEOUT_MS).onComplete(ar -> {
            if (ar.succeeded()) {
                inFlight--;
                onDecision(intent, ar.result());
                return;
            }
            errors++;
            submitErrors.increment();
            boolean malformed = ar.cause() instanceof Calls.CallFailed f && f.status() == GrpcStatus.INVALID_ARGUMENT;
            boolean entryGivenUp = intent.getPurpose() == OrderPurpose.ENTRY && attempt >= ENTRY_ATTEMPTS;
            if (entryGivenUp || malformed || stopped) {
                inFlight--;
                if (intent.getPurpose() == OrderPurpose.ENTRY) {
                    entriesDropped++;
                    notSent("submit_failed");
                    engine.onEntryRejected(intent.getStrategy(), intent.getSymbol());
                }
                LOG.warn("dropped {} {}: {}", intent.getPurpose(), intent.getClientOrderId(), ar.cause().toString());
                return;
            }
            if (intent.getPurpose() == OrderPurpose.EXIT) {
                exitRetries++;
            }
            LOG.warn("{} {} not answered ({}); asking again in {} ms", intent.getPurpose(), intent.getClientOrderId(),
                    ar.cause().toString(), backoffMs);
            long[] timer = new long[1];
            timer[0] = vertx.setTimer(backoffMs, id -> {
                timers.remove(timer[0]);
                send(intent, attempt + 1);
            });
            timers.add(timer[0]);
        });
    }

    private void notSent(String reason) {
        metrics.counter("memesnipe_strategy_entries_not_sent_total", "reason", reason).increment();
    }

    private void onDecision(OrderIntent intent, RiskDecision decision) {
        metrics.counter("memesnipe_strategy_decisions_total", "verdict", decision.getVerdict().name()).increment();
        switch (decision.getVerdict()) {
            case APPROVED -> approved++;
            case RESIZED -> resized++;
            default -> {
                denied++;
                if (intent.getPurpose() == OrderPurpose.ENTRY) {
                    engine.onEntryRejected(intent.getStrategy(), intent.getSymbol());
                }
                // the detail is the risk node's text: escaped like any text from a peer
                LOG.info("{} denied: {} {}", intent.getClientOrderId(), decision.getReason(),
                        Printable.of(decision.getDetail(), MAX_LOGGED_DETAIL));
            }
        }
    }

    private NodeStatus status() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("ticks", Long.toString(ticks));
        facts.put("signals", Long.toString(signals));
        facts.put("intentsSubmitted", Long.toString(intentsSubmitted));
        facts.put("approved", Long.toString(approved));
        facts.put("denied", Long.toString(denied));
        facts.put("resized", Long.toString(resized));
        facts.put("errors", Long.toString(errors));
        facts.put("gatewayConnected", Boolean.toString(stream != null && stream.connected()));
        facts.put("strategies", String.join(",", engine.strategyNames()));
        facts.put("volatilityRegime", volatility.regime().name());
        facts.put("inFlight", Integer.toString(inFlight));
        facts.put("entriesSkipped", Long.toString(entriesSkipped));
        facts.put("entriesDropped", Long.toString(entriesDropped));
        facts.put("exitRetries", Long.toString(exitRetries));
        facts.put("gatewayReconnects", Long.toString(stream == null ? 0 : stream.reconnects()));
        return Statuses.of(NodeName.STRATEGY.id(), startedAtMs, facts)
                .addPeers(Statuses.peer("gateway", config.gateway(), stream != null && stream.connected()))
                .addPeers(Statuses.peer("risk", config.risk(), riskServing))
                .build();
    }
}
