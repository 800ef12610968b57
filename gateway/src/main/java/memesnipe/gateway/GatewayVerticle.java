package memesnipe.gateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import memesnipe.gateway.fanout.FanOut;
import memesnipe.gateway.fanout.SubscribeService;
import memesnipe.gateway.feed.CompositeFeed;
import memesnipe.gateway.feed.Feed;
import memesnipe.gateway.feed.sim.Scenarios;
import memesnipe.gateway.feed.RatePacer;
import memesnipe.gateway.feed.SimulatedFeed;
import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.journal.JournalWriter;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayFeed;
import memesnipe.gateway.replay.ReplayFiles;
import memesnipe.gateway.replay.RowRejectReason;
import memesnipe.gateway.rest.RestApi;
import memesnipe.gateway.status.FeedStats;
import memesnipe.gateway.status.LiveStatus;
import memesnipe.gateway.status.NodeView;
import memesnipe.gateway.status.StatusJson;
import memesnipe.gateway.status.StatusPoller;
import memesnipe.gateway.EventStamper;
import memesnipe.gateway.validation.RejectReason;
import memesnipe.gateway.validation.TickValidator;
import memesnipe.kit.config.HostPort;
import memesnipe.model.text.Printable;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.http.SlowClientGuard;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.NodeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The gateway node: pulls ticks from the feed (simulated, or a replay file read at start on a worker) on a short
 * timer, validates them, stamps accepted ones with
 * the stream's sequence number, fans them out to MarketData subscribers over gRPC and appends them to the
 * Redis tick journal (never waiting for it); serves the REST status API, /health and /metrics on a plain
 * HTTP port. Owns all its state on one event loop.
 */
public final class GatewayVerticle extends VerticleBase {
    /** The nodes that subscribe to market data: the gateway itself does not. */
    static final java.util.Set<NodeName> MARKET_DATA_READERS = java.util.EnumSet.of(NodeName.STRATEGY, NodeName.RISK,
            NodeName.EXECUTOR, NodeName.SIGNER);
    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
    /** How often the feed timer fires; the pacer decides how many ticks each firing emits. */
    static final long FEED_TIMER_MS = 5;
    static final long STATUS_POLL_MS = 1_000;
    static final long STATUS_TIMEOUT_MS = 800;
    /** Latest a replayed event is stamped before the replay is slowed down, capped by half of max-age-ms. */
    static final long REPLAY_MAX_LAG_MS = 250;

    private final GatewayConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = NodeMetrics.create(NodeName.GATEWAY.id());
    private final TickValidator validator;
    private final EventStamper stamper;
    private final FanOut fanOut;
    private Feed feed;
    /** Whether start() reads the replay file of the settings (and then feeds from it). */
    private final boolean loadsReplay;
    private volatile ReplayFeed replay;
    private volatile ReplayData replayData;
    private volatile boolean replayBegun;
    /** Live dashboard streams served at once, and how often each gets the status. */
    static final int LIVE_STATUS_CLIENTS = 32;
    static final long LIVE_STATUS_EVERY_MS = 1_000;
    private long startedAtMs;
    private NodeServer grpcServer;
    private HttpServer httpServer;
    private StatusPoller poller;
    /** The REST API's client of the risk node (positions, fills, decisions, breaker). */
    private io.vertx.grpc.client.GrpcClient riskClient;
    private JournalWriter journal;
    private long feedTimer = -1;

    /**
     * A gateway on the feed of its settings: the replay of replay-file when it is set, else the simulated feed
     * (feed-seed, feed-rate, feed-bad-tick-ratio) with the signal simulators of feed-scenarios beside it.
     */
    public GatewayVerticle(GatewayConfig config, Clock clock) {
        this(config, clock, config.feedRate() == 0 || config.replay().enabled() ? null : simulated(config));
    }

    private static Feed simulated(GatewayConfig config) {
        Feed prices = new SimulatedFeed(config.feedSeed(), config.feedRate(), config.feedBadTickRatio());
        if (config.scenarios().isEmpty()) {
            return prices;
        }
        List<Feed> feeds = new ArrayList<>(Scenarios.create(config.scenarios(), config.feedSeed()));
        feeds.add(prices);
        return new CompositeFeed(feeds);
    }

    /**
     * A gateway pulling ticks from the given feed at feed-rate events/s (a rate of 0: no feed; a null feed: the
     * replay of replay-file when it is set, else no feed).
     */
    public GatewayVerticle(GatewayConfig config, Clock clock, Feed feed) {
        this.config = config;
        this.clock = clock;
        this.validator = new TickValidator(config.limits(), config.lots());
        this.stamper = new EventStamper(UUID.randomUUID().toString(), config.lots());
        this.fanOut = new FanOut(config.subscriberQueue(), metrics);
        this.feed = config.feedRate() == 0 ? null : feed;
        this.loadsReplay = feed == null && config.feedRate() > 0 && config.replay().enabled();
        registerMetrics();
    }

    @Override
    public Future<?> start() {
        startedAtMs = clock.millis();
        journal = new JournalWriter(vertx, clock, config.journal(), metrics);
        grpcServer = NodeServer.builder(vertx, NodeName.GATEWAY)
                .listen(config.basics().host(), config.basics().grpcPort())
                .tls(config.basics().tls()).httpLimits(config.basics().http())
                .service(new SubscribeService(fanOut, config.maxSubscribers()))
                .authenticateEveryCaller()
                .restrict(memesnipe.v1.MarketDataGrpcService.SERVICE_NAME, "Subscribe",
                        "a certificate of a node that trades on market data or the admin's",
                        chain -> memesnipe.kit.tls.NodeIdentity.isAdmin(chain) || memesnipe.kit.tls.NodeIdentity.of(chain)
                                .filter(MARKET_DATA_READERS::contains).isPresent())
                .status(this::nodeStatus)
                .metrics(metrics)
                .build();
        // the live dashboard: a static page (no build step) fed by server-sent events of the status document
        LiveStatus live = new LiveStatus(vertx, this::status, LIVE_STATUS_CLIENTS, LIVE_STATUS_EVERY_MS, metrics);
        RestApi.Sources sources = new RestApi.Sources(this::status, live::handle);
        riskClient = GrpcClients.create(vertx, config.basics().tls());
        // the replay file is read first (on a worker): a file that cannot be replayed stops the start here
        return loadReplay()
                .compose(v -> RestApi.router(vertx, riskClient, config.risk(), sources, metrics))
                .compose(router -> {
                    httpServer = httpServer(router);
                    return grpcServer.start();
                })
                .compose(s -> httpServer.listen(config.httpPort(), config.httpHost()).recover(err ->
                        grpcServer.close().transform(v -> Future.failedFuture(new IllegalStateException(
                                "gateway: cannot listen for HTTP on " + config.httpHost() + ":" + config.httpPort()
                                        + ": " + err.getMessage(), err)))))
                // the journal's connection is opened before the first event, so a fast feed does not overflow it
                .compose(s -> journal.start())
                .onSuccess(s -> {
                    startPoller();
                    startFeed();
                    LOG.info("gateway stream {} on gRPC port {}, REST on http://{}:{}/api/v1/status, feed {} ({} events/s "
                                    + "at most), tick journal Redis {} stream {}", stamper.streamId(), grpcPort(),
                            config.httpHost(), httpPort(), replay != null ? "replay at speed "
                                    + config.replay().speed() : "simulated", config.feedRate(),
                            config.journal().redis().where(), Printable.of(config.journal().stream()));
                });
    }

    /**
     * The REST port: the API's router (from its OpenAPI document), then /health, /metrics and the dashboard's
     * static files with a strict Content-Security-Policy; slow and idle clients are cut off as on the gRPC port.
     */
    private HttpServer httpServer(Router router) {
        router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP").put("node", "gateway")));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(memesnipe.kit.metrics.NodeMetrics.scrape(metrics)));
        router.get("/*").handler(ctx -> {
            ctx.response().putHeader("content-security-policy", "default-src 'self'; object-src 'none'; "
                    + "frame-ancestors 'none'; base-uri 'none'").putHeader("x-content-type-options", "nosniff");
            ctx.next();
        });
        router.get("/*").handler(StaticHandler.create("webroot").setDirectoryListing(false).setIndexPage("index.html"));
        SlowClientGuard slowClients = new SlowClientGuard(vertx, config.basics().http(), metrics);
        return slowClients.install(vertx.createHttpServer(slowClients.options(new HttpServerOptions())))
                .requestHandler(req -> {
                    slowClients.request(req, false);
                    router.handle(req);
                });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(feedTimer);
        if (poller != null) {
            poller.stop();
        }
        fanOut.endAll();
        return Future.join(httpServer == null ? Future.succeededFuture() : httpServer.close(),
                grpcServer == null ? Future.succeededFuture() : grpcServer.close(),
                journal == null ? Future.succeededFuture() : journal.stop(),
                riskClient == null ? Future.succeededFuture() : riskClient.close());
    }

    /** Names of the market data subscribers connected now (read on the gateway's own event loop). */
    public List<String> subscriberNames() {
        io.vertx.core.Promise<List<String>> names = io.vertx.core.Promise.promise();
        context.runOnContext(v -> names.complete(fanOut.names()));
        try {
            return names.future().await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("gateway event loop did not answer", e);
        }
    }

    /** The bound gRPC port (after start). */
    public int grpcPort() {
        return grpcServer.actualPort();
    }

    /** The bound REST HTTP port (after start). */
    public int httpPort() {
        return httpServer.actualPort();
    }

    /** Reads the replay file on a worker into the replay feed; a no-op without one. */
    private Future<Void> loadReplay() {
        if (!loadsReplay) {
            return Future.succeededFuture();
        }
        GatewayConfig.Replay r = config.replay();
        return vertx.executeBlocking(() -> ReplayFiles.load(r.file(), r.format(), r.symbol(), config.lots()), false)
                .map(data -> {
                    replayData = data;
                    replay = new ReplayFeed(data.events(), r.speed(), r.liquidityUsd(),
                            Math.min(REPLAY_MAX_LAG_MS, config.limits().maxAgeMs() / 2));
                    feed = replay;
                    List<memesnipe.gateway.replay.ReplayEvent> events = data.events();
                    LOG.info("{}: {} events ({}) from {} to {}, {} rows rejected{}", data.source(), events.size(),
                            data.format().id(), java.time.Instant.ofEpochMilli(events.get(0).eventTimeMs()),
                            java.time.Instant.ofEpochMilli(events.get(events.size() - 1).eventTimeMs()),
                            data.rejections().total(), data.rejections().total() == 0 ? ""
                                    : ": " + data.rejections().summary(5));
                    return null;
                });
    }

    private void startFeed() {
        if (feed == null) {
            return;
        }
        RatePacer pacer = new RatePacer(config.feedRate(), clock.nanos());
        if (replay != null && config.replay().waitSubscribers() > 0) {
            LOG.info("replay waits for {} market data subscriber(s) before it begins",
                    config.replay().waitSubscribers());
        }
        feedTimer = vertx.setPeriodic(FEED_TIMER_MS, id -> {
            int due = pacer.due(clock.nanos());
            if (replay != null && !replayBegun) {
                if (fanOut.subscribers() < config.replay().waitSubscribers()) {
                    return;
                }
                replayBegun = true;
                LOG.info("replay begins with {} subscriber(s) connected", fanOut.subscribers());
            }
            if (due > 0) {
                ingest(feed.next(clock.millis(), due));
            }
            if (replay != null && replay.done()) {
                vertx.cancelTimer(id);
                LOG.info("replay finished: {} events emitted from {}{}", replay.emitted(), replayData.source(),
                        replay.slippedMs() == 0 ? "" : ", " + replay.slippedMs()
                                + " ms behind the requested speed (feed-rate caps it)");
            }
        });
    }

    /** The pipeline: validate, stamp, fan out, journal (fire-and-forget). */
    private void ingest(Iterable<? extends FeedEvent> events) {
        long now = clock.millis();
        List<MarketEvent> accepted = new ArrayList<>();
        for (FeedEvent raw : events) {
            if (validator.validate(raw, now).isEmpty()) {
                MarketEvent event = stamper.stamp(raw, now);
                fanOut.publish(event);
                accepted.add(event);
            }
        }
        journal.append(accepted);
    }

    private void startPoller() {
        String host = config.basics().host();
        String selfHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        Map<String, HostPort> nodes = new LinkedHashMap<>();
        nodes.put("gateway", new HostPort(selfHost, grpcPort()));
        nodes.put("strategy", config.strategy());
        nodes.put("risk", config.risk());
        nodes.put("executor", config.executor());
        PeerProbe probe = new PeerProbe(GrpcClients.create(vertx, config.basics().tls()));
        poller = new StatusPoller(vertx, probe, clock, nodes, STATUS_POLL_MS, STATUS_TIMEOUT_MS);
        poller.start();
    }

    private FeedStats feedStats() {
        Map<String, Long> byReason = new TreeMap<>();
        validator.rejectedByReason().forEach((reason, n) -> byReason.put(reason.name(), n));
        return new FeedStats(validator.eventsIn(), validator.eventsAccepted(), validator.eventsRejected(), byReason,
                fanOut.subscribers(), fanOut.drops());
    }

    private JsonObject status() {
        JsonObject json = StatusJson.render(poller.latest(), feedStats(), journal.stats(), clock.millis());
        if (replay != null) {
            JsonObject rejected = new JsonObject();
            replayData.rejections().counts().forEach((reason, n) -> rejected.put(reason.name(), n));
            json.put("replay", new JsonObject().put("file", Printable.of(config.replay().file().toString(), 200)).put("format", replayData.format().id())
                    .put("speed", config.replay().speed()).put("begun", replayBegun).put("events", replay.total()).put("emitted", replay.emitted())
                    .put("done", replay.done()).put("slippedMs", replay.slippedMs())
                    .put("rowsRejected", replayData.rejections().total()).put("rowsRejectedByReason", rejected));
        }
        return json;
    }

    /** Status facts of the replay, prefixed "replay."; empty without one. */
    private Map<String, String> replayFacts() {
        Map<String, String> f = new LinkedHashMap<>();
        ReplayFeed r = replay;
        ReplayData d = replayData;
        if (r == null || d == null) {
            return f;
        }
        f.put("replay.file", Printable.of(config.replay().file().toString(), 200));
        f.put("replay.format", d.format().id());
        f.put("replay.begun", Boolean.toString(replayBegun));
        f.put("replay.events", Integer.toString(r.total()));
        f.put("replay.emitted", Long.toString(r.emitted()));
        f.put("replay.done", Boolean.toString(r.done()));
        f.put("replay.slippedMs", Long.toString(r.slippedMs()));
        f.put("replay.rowsRejected", Long.toString(d.rejections().total()));
        d.rejections().counts().forEach((reason, n) -> {
            if (n > 0) {
                f.put("replay.rowsRejected." + reason.name(), Long.toString(n));
            }
        });
        return f;
    }

    private NodeStatus nodeStatus() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("eventsIn", Long.toString(validator.eventsIn()));
        facts.put("eventsAccepted", Long.toString(validator.eventsAccepted()));
        facts.put("eventsRejected", Long.toString(validator.eventsRejected()));
        facts.put("subscribers", Integer.toString(fanOut.subscribers()));
        facts.put("drops", Long.toString(fanOut.drops()));
        facts.put("streamId", stamper.streamId());
        facts.put("lastSeq", Long.toString(stamper.lastSeq()));
        if (journal != null) {
            facts.putAll(journal.facts());
        }
        facts.putAll(replayFacts());
        NodeStatus.Builder b = Statuses.of(NodeName.GATEWAY.id(), startedAtMs, facts);
        if (poller != null) {
            for (NodeView n : poller.latest().nodes()) {
                if (!n.name().equals("gateway") && n.via() == null) {
                    b.addPeers(Statuses.peer(n.name(), n.address(), n.serving()));
                }
            }
        }
        return b.build();
    }

    private void registerMetrics() {
        FunctionCounter.builder("memesnipe_gateway_events_in", validator, TickValidator::eventsIn)
                .description("Raw ticks received from the feed").register(metrics);
        FunctionCounter.builder("memesnipe_gateway_events_accepted", validator, TickValidator::eventsAccepted)
                .description("Ticks that passed validation and were published").register(metrics);
        for (RejectReason reason : RejectReason.values()) {
            FunctionCounter.builder("memesnipe_gateway_events_rejected", validator, v -> v.rejected(reason))
                    .description("Ticks rejected by validation, per reason").tag("reason", reason.name())
                    .register(metrics);
        }
        if (loadsReplay) {
            for (RowRejectReason reason : RowRejectReason.values()) {
                FunctionCounter.builder("memesnipe_gateway_replay_rows_rejected", this, g -> g.replayRejected(reason))
                        .description("Rows of the replay file rejected when it was read, per reason")
                        .tag("reason", reason.name()).register(metrics);
            }
            FunctionCounter.builder("memesnipe_gateway_replay_events_emitted", this,
                            g -> g.replay == null ? 0 : g.replay.emitted())
                    .description("Replay events handed to validation so far").register(metrics);
            Gauge.builder("memesnipe_gateway_replay_events", this, g -> g.replay == null ? 0 : g.replay.total())
                    .description("Events of the replay file").register(metrics);
        }
    }

    private double replayRejected(RowRejectReason reason) {
        ReplayData d = replayData;
        return d == null ? 0 : d.rejections().count(reason);
    }
}
