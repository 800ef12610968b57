package memesnipe.executor;

import io.micrometer.core.instrument.Counter;
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
import memesnipe.executor.order.OrderBook;
import memesnipe.executor.order.OrderValidator;
import memesnipe.executor.venue.PaperVenue;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.stream.ResilientStream;
import memesnipe.kit.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.ExecutorGrpcService;
import memesnipe.v1.ExecutorService;
import memesnipe.v1.Fill;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.OrderStatus;
import memesnipe.v1.SignRequest;
import memesnipe.v1.SignResponse;
import memesnipe.v1.SignerGrpcClient;
import memesnipe.v1.SubscribeRequest;
import memesnipe.v1.WatchFillsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The executor node: serves memesnipe.v1.Executor. Each approved order is validated, signed by the
 * signer over mutual TLS (fail closed: never sent unsigned), filled by the {@link PaperVenue} at the
 * gateway's current mark, appended to the {@link FillLog} and streamed to WatchFills watchers.
 * Idempotent per client_order_id through the {@link OrderBook}.
 */
public final class ExecutorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorVerticle.class);
    static final long SIGN_TIMEOUT_MS = 2_000;
    static final long PROBE_INTERVAL_MS = 1_000;

    private final ExecutorConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = NodeMetrics.create(NodeName.EXECUTOR.id());
    private final OrderBook<ExecutionReport> book = new OrderBook<>();
    private final FillLog fillLog = new FillLog();
    /** Names this run's in-memory fill log; sequence numbers are only meaningful within it. */
    private final String fillLogId = java.util.UUID.randomUUID().toString();
    private final Set<FillWatcher> watchers = new LinkedHashSet<>();
    private final PaperVenue venue;
    private final Counter duplicatesCounter;
    private final Counter fillsCounter;
    private final Timer signLatency;
    private GrpcClient client;
    private ResilientStream<MarketEvent> marketData;
    private NodeServer server;
    private long probeTimer = -1;
    private boolean signerReachable;
    private long startedAtMs;

    public ExecutorVerticle(ExecutorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.venue = new PaperVenue(config.slippageBps(), config.feeBps(), config.maxMarkAgeMs(), clock);
        this.duplicatesCounter = Counter.builder("memesnipe_executor_duplicates_total")
                .description("Execute calls for a client_order_id already seen").register(metrics);
        this.fillsCounter = Counter.builder("memesnipe_executor_fills_total").description("fills appended").register(metrics);
        this.signLatency = Timer.builder("memesnipe_executor_sign_latency")
                .description("time to get an answer (or failure) from the signer").register(metrics);
    }

    @Override
    public Future<?> start() {
        startedAtMs = clock.millis();
        client = GrpcClients.create(vertx, config.basics().tls());
        SubscribeRequest subscribe = SubscribeRequest.newBuilder().setSubscriber(NodeName.EXECUTOR.id()).build();
        marketData = new ResilientStream<>(vertx, "executor<-gateway",
                () -> Calls.serverStream(client, config.gateway(), MarketDataGrpcClient.Subscribe, subscribe),
                event -> venue.mark(event.getSymbol(), event.getPriceE8()), 200, 3_000);
        marketData.start();
        PeerProbe probe = new PeerProbe(client);
        Runnable probeSigner = () -> probe.serving(config.signer(), PROBE_INTERVAL_MS - 100)
                .onSuccess(up -> signerReachable = up);
        probeSigner.run();
        probeTimer = vertx.setPeriodic(PROBE_INTERVAL_MS, id -> probeSigner.run());
        server = NodeServer.builder(vertx, NodeName.EXECUTOR)
                .listen(config.basics().host(), config.basics().grpcPort())
                .tls(config.basics().tls())
                .onlyClients(java.util.EnumSet.of(NodeName.RISK, NodeName.GATEWAY))
                .restrict(ExecutorGrpcService.SERVICE_NAME, "Execute", java.util.EnumSet.of(NodeName.RISK))
                .service(ExecutorGrpcService.of(new Service()))
                .status(this::status)
                .metrics(metrics)
                .build();
        return server.start();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(probeTimer);
        if (marketData != null) {
            marketData.stop();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The bound gRPC port, after start. */
    public int grpcPort() {
        return server.actualPort();
    }

    private NodeStatus status() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("ordersReceived", Long.toString(book.received()));
        facts.put("ordersFilled", Long.toString(book.filled()));
        facts.put("ordersRejected", Long.toString(book.rejected()));
        facts.put("duplicates", Long.toString(book.duplicates()));
        facts.put("fills", Long.toString(fillLog.lastSeq()));
        facts.put("signerReachable", Boolean.toString(signerReachable));
        facts.put("fillWatchers", Integer.toString(watchers.size()));
        return Statuses.of(NodeName.EXECUTOR.id(), startedAtMs, facts)
                .addPeers(Statuses.peer(NodeName.SIGNER.id(), config.signer(), signerReachable))
                .addPeers(Statuses.peer(NodeName.GATEWAY.id(), config.gateway(), marketData.connected()))
                .build();
    }

    private Future<ExecutionReport> execute(ApprovedOrder order) {
        Optional<String> problem = OrderValidator.problem(order);
        if (problem.isPresent()) {
            metrics.counter("memesnipe_executor_invalid_orders_total").increment();
            LOG.warn("malformed order {} rejected: {}", memesnipe.kit.config.Printable.of(order.getClientOrderId()), problem.get());
            return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, problem.get()));
        }
        String id = order.getClientOrderId();
        if (!book.receive(id)) {
            duplicatesCounter.increment();
            Promise<ExecutionReport> first = Promise.promise();
            book.whenDone(id, first::complete);
            return first.future();
        }
        ApprovedOrder routed = order.getVenue().isEmpty() ? order.toBuilder().setVenue(config.venue()).build() : order;
        if (!routed.getVenue().equals(config.venue())) {
            return Future.succeededFuture(reject(id, "UNKNOWN_VENUE: " + routed.getVenue()));
        }
        if (!venue.hasPrice(routed.getSymbol())) {
            return Future.succeededFuture(reject(id, "NO_PRICE")); // before signing: no signer budget spent
        }
        book.signing(id);
        long t0 = clock.nanos();
        return Calls.unary(client, config.signer(), SignerGrpcClient.Sign,
                        SignRequest.newBuilder().setOrder(routed).build(), SIGN_TIMEOUT_MS)
                .transform(ar -> {
                    signLatency.record(clock.nanos() - t0, TimeUnit.NANOSECONDS);
                    if (ar.failed()) {
                        LOG.warn("order {}: signer unavailable: {}", id, ar.cause().toString());
                        return Future.succeededFuture(reject(id, "SIGNER_UNAVAILABLE"));
                    }
                    SignResponse signed = ar.result();
                    if (!signed.getSigned() || signed.getSignature().isEmpty()) {
                        return Future.succeededFuture(reject(id, "SIGNER_DENIED: " + signed.getDenyReason().name()));
                    }
                    return Future.succeededFuture(send(routed, signed));
                });
    }

    /** Sends a signed order to the venue; only called with a signature in hand. */
    private ExecutionReport send(ApprovedOrder order, SignResponse signed) {
        String id = order.getClientOrderId();
        book.sent(id);
        PaperVenue.Outcome outcome = venue.fill(order.getSymbol(), order.getSide(), order.getQtyE8());
        if (outcome instanceof PaperVenue.Rejected rejected) {
            return reject(id, rejected.reason());
        }
        PaperVenue.Filled filled = (PaperVenue.Filled) outcome;
        Fill fill = fillLog.append(Fill.newBuilder()
                .setLogId(fillLogId)
                .setClientOrderId(id).setStrategy(order.getStrategy()).setSymbol(order.getSymbol())
                .setSide(order.getSide()).setPurpose(order.getPurpose()).setQtyE8(order.getQtyE8())
                .setPriceE8(filled.priceE8()).setFeeE8(filled.feeE8()).setVenue(order.getVenue())
                .setKeyId(signed.getKeyId())
                .setSignature(Base64.getEncoder().encodeToString(signed.getSignature().toByteArray()))
                .setFillTimeMs(clock.millis())
                .setDecisionSeq(order.getDecisionSeq()).setDecisionIngestTimeMs(order.getDecisionIngestTimeMs()));
        ExecutionReport report = ExecutionReport.newBuilder().setClientOrderId(id).setStatus(OrderStatus.FILLED)
                .setFill(fill).build();
        book.filled(id, report);
        fillsCounter.increment();
        countOrder(OrderStatus.FILLED);
        LOG.info("order {} filled: seq={} {} {} qty={} price={}", id, fill.getSeq(), fill.getSide(), fill.getSymbol(),
                fill.getQtyE8(), fill.getPriceE8());
        for (FillWatcher w : Set.copyOf(watchers)) {
            w.pump();
        }
        return report;
    }

    private ExecutionReport reject(String id, String reason) {
        ExecutionReport report = ExecutionReport.newBuilder().setClientOrderId(id).setStatus(OrderStatus.REJECTED)
                .setRejectReason(reason).build();
        book.rejected(id, reason, report);
        countOrder(OrderStatus.REJECTED);
        LOG.info("order {} rejected: {}", id, reason);
        return report;
    }

    private void countOrder(OrderStatus status) {
        Counter.builder("memesnipe_executor_orders_total").description("orders by final status")
                .tag("status", status.name()).register(metrics).increment();
    }

    private void watch(WatchFillsRequest request, WriteStream<Fill> response) {
        boolean otherLog = !request.getLogId().isEmpty() && !request.getLogId().equals(fillLogId);
        long after = otherLog ? 0 : request.getAfterSeq();
        FillWatcher watcher = new FillWatcher(fillLog, response, after, watchers::remove);
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
    }
}
