package memesnipe.cli;

import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.v1.ExecutorGrpcClient;
import memesnipe.v1.Fill;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.SubscribeRequest;
import memesnipe.v1.WatchFillsRequest;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;

/** Prints gateway fan-out throughput over gRPC+TLS and tick-to-fill latency through the whole chain. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchBacktestCommand.class,
        description = {"1) events/s delivered by the gateway to one gRPC+TLS subscriber at a high feed rate, against a",
                "   raw grpc-java server streaming the same messages to the same client (a ratio);",
                "2) tick-to-fill latency through gateway -> strategy -> risk -> executor -> signer -> fill, and",
                "   intent-to-fill under a deterministic order load (--order-rate), HdrHistogram percentiles, also",
                "   corrected for coordinated omission;",
                "3) risk decisions/s through the pure core and Risk.Submit latency over gRPC+TLS against a raw",
                "   grpc-java unary echo of the same messages;",
                "4) fills/s written durably by the executor's ledger journal and its write latency p50/p99.",
                "The ledger is an embedded PostgreSQL (or --pg-url, a scratch database: rows stay) and Redis embedded.",
                "`memesnipe bench backtest`: the trading kernel's events/s against ta4j on the same data."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "50000", description = "feed rate asked of the gateway in the throughput run, events/s (default: ${DEFAULT-VALUE}; the feed runs on the gateway's event loop, so far higher rates starve its subscribers)")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "length of the throughput run (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--latency-seconds", defaultValue = "30", description = "length of the latency run (default: ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(names = "--decisions", defaultValue = "1000000", description = "intents through the pure risk core (default: ${DEFAULT-VALUE})")
    int decisions;

    /** The parts of the bench, in the order they run. */
    enum Part { risk, ledger, fanout, latency }

    @Option(names = "--parts", split = ",", paramLabel = "PART", description = "which parts to run, comma-separated: "
            + "${COMPLETION-CANDIDATES} (default: all)")
    java.util.Set<Part> parts = java.util.EnumSet.allOf(Part.class);

    @Option(names = "--order-rate", defaultValue = "1000", description = "intents/s of the deterministic order load (default: ${DEFAULT-VALUE})")
    int orderRate;

    @Option(names = "--order-seconds", defaultValue = "10", description = "length of the order load (default: ${DEFAULT-VALUE})")
    int orderSeconds;

    @Option(names = "--grpc-decisions", defaultValue = "5000", description = "intents submitted to the risk node over gRPC (default: ${DEFAULT-VALUE})")
    int grpcDecisions;

    @Option(names = "--grpc-base-port", defaultValue = "7101", description = "first of ten gRPC ports used (default: ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--pg-url", paramLabel = "URL",
            description = "a scratch PostgreSQL database for the ledger runs (default: an embedded one)")
    String pgUrl;

    @Option(names = "--ledger-fills", defaultValue = "20000", description = "fills journaled per ledger run (default: ${DEFAULT-VALUE})")
    int ledgerFills;

    private String ledgerUrl;
    private String redisUrl;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || seconds < 1 || latencySeconds < 1 || decisions < 1 || grpcDecisions < 1 || orderRate < 1
                || orderRate > 100_000 || orderSeconds < 1) {
            System.err.println("memesnipe bench: --rate, --seconds, --latency-seconds, --decisions, --grpc-decisions and "
                    + "--order-seconds must be >= 1, --order-rate 1..100000");
            return 2;
        }
        Path dir = Files.createTempDirectory("memesnipe-bench");
        Path certs = dir.resolve("certs");
        CertificateAuthority.writeDeployment(certs, List.of(), Duration.ofDays(1));
        if (ledgerFills < 1) {
            System.err.println("memesnipe bench: --ledger-fills must be >= 1");
            return 2;
        }
        try (EmbeddedServices services = new EmbeddedServices()) {
            if (pgUrl == null) {
                services.startPostgres(dir);
            }
            services.startRedis(dir);
            ledgerUrl = pgUrl != null ? pgUrl : services.pgUrl();
            redisUrl = services.redisUrl();
            Vertx vertx = Cluster.newVertx();
            try {
                if (parts.contains(Part.risk)) {
                    RiskBench.core(decisions);
                }
                if (parts.contains(Part.ledger)) {
                    ledger(vertx, dir);
                }
                if (parts.contains(Part.fanout)) {
                    throughput(vertx, certs, dir);
                }
                if (parts.contains(Part.latency)) {
                    latency(vertx, certs, dir);
                }
                System.out.printf("memory: RSS %,d MiB (this process: the bench's five nodes, embedded Redis and "
                        + "PostgreSQL run apart)%n", Rss.mib());
            } finally {
                Shutdown.close(vertx);
            }
        }
        return 0;
    }

    /** Durable fills/s and write latency of the executor's ledger journal, at 1, 64 and 256 orders in flight. */
    private memesnipe.kit.ledger.DatabaseSettings ledgerSettings() {
        return memesnipe.kit.config.ConfigReader.validate(memesnipe.kit.config.Settings.empty()
                .with(memesnipe.kit.ledger.DatabaseSettings.URL_KEY, ledgerUrl), memesnipe.kit.ledger.DatabaseSettings::read);
    }

    private void ledger(Vertx vertx, Path dir) throws Exception {
        var db = ledgerSettings();
        for (int inFlight : new int[]{1, 64, 256}) {
            int fills = inFlight == 1 ? Math.min(ledgerFills, 2_000) : ledgerFills;
            io.vertx.core.Promise<memesnipe.executor.journal.JournalBenchmark.Result> result = io.vertx.core.Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> memesnipe.executor.journal.JournalBenchmark
                    .run(vertx, db, dir, fills, inFlight).onComplete(result));
            System.out.println("ledger: executor journal, " + inFlight + " orders in flight (4 durable steps each): "
                    + result.future().await(30, TimeUnit.MINUTES));
        }
    }

    private void throughput(Vertx vertx, Path certs, Path dir) throws Exception {
        Cluster.Layout layout = new Cluster.Layout(certs, dir.resolve("t"), basePort, 0, ledgerUrl, redisUrl);
        var gateway = Nodes.create(NodeName.GATEWAY, Cluster.settingsFor(NodeName.GATEWAY, layout,
                Map.of("feed-rate", String.valueOf(rate), "feed-bad-tick-ratio", "0")), Clock.system());
        String deployment = vertx.deployVerticle(gateway).await(30, TimeUnit.SECONDS);
        TlsFiles subscriber = TlsFiles.inDir(certs, NodeName.STRATEGY);
        Rate node = streamRate(new HostPort("127.0.0.1", layout.port(NodeName.GATEWAY)), subscriber);
        vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
        // the baseline: plain grpc-java streaming the same kind of events, with the gateway's TLS files
        MarketEvent sample = MarketEvent.newBuilder().setStreamId(java.util.UUID.randomUUID().toString()).setSymbol("SOL")
                .setPriceE8(14_912_345_678L).setVolumeE8(123_456_789L).setLiquidityE8(250_000_000_000_000L)
                .setEventTimeMs(System.currentTimeMillis()).setIngestTimeMs(System.currentTimeMillis()).build();
        io.grpc.Server raw = RawGrpc.start(TlsFiles.inDir(certs, NodeName.GATEWAY),
                seq -> sample.toBuilder().setSeq(seq).build(), memesnipe.v1.RiskDecision.getDefaultInstance());
        Rate baseline;
        try {
            baseline = streamRate(new HostPort("127.0.0.1", raw.getPort()), subscriber);
        } finally {
            raw.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        System.out.printf("fan-out: gateway %,.0f events/s to one gRPC+TLS subscriber (feed asked for %,d/s; %d seq gaps)"
                        + "; raw grpc-java stream %,.0f events/s; ratio %.2f%n", node.perSecond(), rate, node.gaps(),
                baseline.perSecond(), node.perSecond() / baseline.perSecond());
    }

    record Rate(double perSecond, long gaps) {
    }

    /** Events/s a grpc-java client receives from a MarketData/Subscribe stream over `seconds` after a 1 s warm-up. */
    private Rate streamRate(HostPort server, TlsFiles identity) throws Exception {
        io.grpc.ManagedChannel channel = RawGrpc.channel(server, identity);
        AtomicLong received = new AtomicLong();
        AtomicLong gaps = new AtomicLong();
        long[] last = {0};
        io.grpc.ClientCall<SubscribeRequest, MarketEvent> call = RawGrpc.stream(channel, RawGrpc.SUBSCRIBE,
                SubscribeRequest.newBuilder().setSubscriber("bench").build(), e -> {
                    received.incrementAndGet();
                    if (last[0] != 0 && e.getSeq() != last[0] + 1) {
                        gaps.incrementAndGet();
                    }
                    last[0] = e.getSeq();
                });
        try {
            Thread.sleep(1000); // warm-up
            long startCount = received.get();
            long startGaps = gaps.get();
            long startNs = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long count = received.get() - startCount;
            double elapsed = (System.nanoTime() - startNs) / 1e9;
            return new Rate(count / elapsed, gaps.get() - startGaps);
        } finally {
            call.cancel("bench done", null);
            RawGrpc.close(channel);
        }
    }

    private void latency(Vertx vertx, Path certs, Path dir) throws Exception {
        Cluster.Layout layout = new Cluster.Layout(certs, dir.resolve("l"), basePort + 5, 0, ledgerUrl, redisUrl);
        Files.createDirectories(layout.dataDir());
        Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
        extra.put(NodeName.GATEWAY, Map.of("feed-bad-tick-ratio", "0"));
        // the bench submits as its own strategy, beside the cluster's, at a rate the defaults would throttle
        // (all of them LIVE in the promotion pipeline: the bench measures the live path)
        String benchStrategies = String.join(",", memesnipe.strategy.core.Strategies.NAMES) + "," + RiskBench.STRATEGY
                + "," + String.join(",", OrderLoad.STRATEGIES);
        extra.put(NodeName.RISK, Map.of(memesnipe.risk.RiskConfig.STRATEGIES_KEY, benchStrategies,
                memesnipe.risk.RiskConfig.STRATEGY_STAGES_KEY, benchStrategies.replace(",", "=LIVE,") + "=LIVE",
                "entries-per-second", "100000", "entry-burst", "100000", "max-open-positions", "10000"));
        extra.put(NodeName.SIGNER, Map.of("max-signs-per-second", "100000"));
        // the bench's ledger is a scratch one: a new deployment for this run (risk would otherwise stay CRITICAL)
        memesnipe.risk.ledger.Deployments.init(vertx, ledgerSettings(), 10_000 * memesnipe.model.money.Fixed.ONE, true,
                "bench", System.currentTimeMillis()).await(60, TimeUnit.SECONDS);
        Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);
        HostPort risk = new HostPort("127.0.0.1", layout.port(NodeName.RISK));
        HostPort executor = new HostPort("127.0.0.1", layout.port(NodeName.EXECUTOR));
        // every fill of the run, as risk's own fill stream client sees it (the risk certificate: WatchFills admits it)
        Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> dueAt = new java.util.concurrent.ConcurrentHashMap<>();
        Histogram tickToFill = new Histogram(60_000, 3);
        Histogram fromDue = new Histogram(60_000_000, 3);
        Histogram fromSent = new Histogram(60_000_000, 3);
        Map<String, Long> sentWallMs = new java.util.concurrent.ConcurrentHashMap<>();
        Hops hops = new Hops();
        io.grpc.ManagedChannel fillChannel = RawGrpc.channel(executor, TlsFiles.inDir(certs, NodeName.RISK));
        io.grpc.ClientCall<WatchFillsRequest, Fill> fills = RawGrpc.stream(fillChannel, RawGrpc.WATCH_FILLS,
                WatchFillsRequest.getDefaultInstance(), f -> {
                    long nowNs = System.nanoTime();
                    Long due = dueAt.remove(f.getClientOrderId());
                    Long sent = sentAt.remove(f.getClientOrderId());
                    Long wall = sentWallMs.remove(f.getClientOrderId());
                    synchronized (tickToFill) {
                        if (due != null) {
                            fromDue.recordValue(Math.min(60_000_000, (nowNs - due) / 1_000));
                            fromSent.recordValue(Math.min(60_000_000, (nowNs - sent) / 1_000));
                            hops.record(wall, f, System.currentTimeMillis());
                        } else if (f.getDecisionIngestTimeMs() > 0) {
                            tickToFill.recordValue(Math.max(0, Math.min(60_000,
                                    System.currentTimeMillis() - f.getDecisionIngestTimeMs())));
                        }
                    }
                });
        io.grpc.ManagedChannel strategyChannel = RawGrpc.channel(risk, TlsFiles.inDir(certs, NodeName.STRATEGY));
        // the order load decides on the latest event of each symbol, as a strategy does
        Map<String, MarketEvent> latest = new java.util.concurrent.ConcurrentHashMap<>();
        io.grpc.ManagedChannel marketChannel = RawGrpc.channel(new HostPort("127.0.0.1", layout.port(NodeName.GATEWAY)),
                TlsFiles.inDir(certs, NodeName.STRATEGY));
        io.grpc.ClientCall<SubscribeRequest, MarketEvent> market = RawGrpc.stream(marketChannel, RawGrpc.SUBSCRIBE,
                SubscribeRequest.newBuilder().setSubscriber("bench-load").build(), e -> latest.put(e.getSymbol(), e));
        try {
            Thread.sleep(latencySeconds * 1000L); // the cluster's own strategies trade on the simulated feed meanwhile
            synchronized (tickToFill) {
                System.out.printf("tick-to-fill (the demo strategies: gateway ingest -> fill seen by a WatchFills client, "
                                + "ms clock), %d fills in %d s: p50 %d ms, p99 %d ms, max %d ms%n",
                        tickToFill.getTotalCount(), latencySeconds, tickToFill.getValueAtPercentile(50),
                        tickToFill.getValueAtPercentile(99), tickToFill.getMaxValue());
            }
            OrderLoad.Result load = OrderLoad.run(strategyChannel, latest, orderRate, orderSeconds, sentAt, dueAt,
                    sentWallMs);
            long lastFills = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // the fills of the approved orders
            while (!dueAt.isEmpty() && System.nanoTime() < lastFills) {
                Thread.sleep(10);
            }
            synchronized (tickToFill) {
                System.out.printf("intent-to-fill at %,d orders/s for %d s (Risk.Submit -> risk -> executor -> signer -> "
                                + "paper venue -> fill on a WatchFills stream): %,d intents, %,d approved, %,d denied, "
                                + "%,d failed, %,d fills; %s; corrected for coordinated omission (from each order's "
                                + "scheduled time): %s%n",
                        orderRate, orderSeconds, load.sent(), load.approved(), load.denied(), load.failed(),
                        fromSent.getTotalCount(), percentiles(fromSent), percentiles(fromDue));
                System.out.println("  denied by reason: " + load.deniedBy());
                System.out.println("  per hop (ms clocks of the nodes): " + hops);
            }
            RiskBench.overGrpc(strategyChannel, certs, grpcDecisions);
        } finally {
            market.cancel("bench done", null);
            RawGrpc.close(marketChannel);
            fills.cancel("bench done", null);
            RawGrpc.close(fillChannel);
            RawGrpc.close(strategyChannel);
        }
    }

    /**
     * Where intent-to-fill time goes, per hop, from the fills' tracing fields (ms): risk's decision (submit to
     * approval), the hand-off to the executor, journaling RECEIVED and signing, journaling SIGNED and SENT, the venue,
     * and journaling FILLED with the fill stream back to a client.
     */
    static final class Hops {
        private static final String[] NAMES = {"risk", "risk->executor", "journal+sign", "journal signed+sent",
                "venue", "journal fill+stream"};
        private final Histogram[] hops = new Histogram[NAMES.length];

        Hops() {
            for (int i = 0; i < hops.length; i++) {
                hops[i] = new Histogram(60_000, 3);
            }
        }

        synchronized void record(long submittedMs, Fill f, long seenMs) {
            long[] at = {submittedMs, f.getApprovedTimeMs(), f.getReceivedTimeMs(), f.getSignedTimeMs(),
                    f.getSentTimeMs(), f.getFillTimeMs(), seenMs};
            for (int i = 0; i < hops.length; i++) {
                if (at[i] > 0 && at[i + 1] > 0) {
                    hops[i].recordValue(Math.max(0, Math.min(60_000, at[i + 1] - at[i])));
                }
            }
        }

        @Override
        public synchronized String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < hops.length; i++) {
                b.append(i == 0 ? "" : "; ").append(NAMES[i]).append(" p50 ").append(hops[i].getValueAtPercentile(50))
                        .append(" p99 ").append(hops[i].getValueAtPercentile(99));
            }
            return b.toString();
        }
    }

    /** p50, p90, p99, p99.9 and max of a histogram of microseconds, in ms. */
    static String percentiles(Histogram h) {
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
}
