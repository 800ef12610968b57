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
        description = {"1) events/s delivered by the gateway to one gRPC+TLS subscriber at a high feed rate;",
                "2) tick-to-fill latency p50/p99 through gateway -> strategy -> risk -> executor -> signer -> fill;",
                "3) risk decisions/s through the pure core and p50/p99 Risk.Submit latency over gRPC+TLS;",
                "4) fills/s written durably by the executor's ledger journal and its write latency p50/p99.",
                "The ledger is an embedded PostgreSQL (or --pg-url, a scratch database: rows stay) and Redis embedded.",
                "`memesnipe bench backtest`: the trading kernel's events/s against ta4j on the same data."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "50000", description = "feed rate for the throughput run, events/s (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "length of the throughput run (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--latency-seconds", defaultValue = "30", description = "length of the latency run (default: ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(names = "--decisions", defaultValue = "1000000", description = "intents through the pure risk core (default: ${DEFAULT-VALUE})")
    int decisions;

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
        if (rate < 1 || seconds < 1 || latencySeconds < 1 || decisions < 1 || grpcDecisions < 1) {
            System.err.println("memesnipe bench: --rate, --seconds and --latency-seconds must be >= 1");
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
                RiskBench.core(decisions);
                ledger(vertx, dir);
                throughput(vertx, certs, dir);
                latency(vertx, certs, dir);
                RiskBench.overGrpc(vertx, certs, new HostPort("127.0.0.1", basePort + 5 + NodeName.RISK.ordinal()),
                        grpcDecisions);
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
        vertx.deployVerticle(gateway).await(30, TimeUnit.SECONDS);
        GrpcClient client = GrpcClients.create(vertx, TlsFiles.inDir(certs, NodeName.STRATEGY));
        AtomicLong received = new AtomicLong();
        AtomicLong gaps = new AtomicLong();
        long[] last = {0};
        ReadStream<MarketEvent> stream = Calls.serverStream(client, new HostPort("127.0.0.1", layout.port(NodeName.GATEWAY)),
                MarketDataGrpcClient.Subscribe, SubscribeRequest.newBuilder().setSubscriber("bench").build())
                .await(10, TimeUnit.SECONDS);
        stream.handler(e -> {
            received.incrementAndGet();
            if (last[0] != 0 && e.getSeq() != last[0] + 1) {
                gaps.incrementAndGet();
            }
            last[0] = e.getSeq();
        });
        stream.resume();
        Thread.sleep(1000); // warm-up
        long startCount = received.get();
        long startNs = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = received.get() - startCount;
        double elapsed = (System.nanoTime() - startNs) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("fan-out: %,d events in %.1f s = %,.0f events/s to one gRPC+TLS subscriber (feed %,d/s; %d conflation gaps); heap used %d MiB%n",
                count, elapsed, count / elapsed, rate, gaps.get(), (rt.totalMemory() - rt.freeMemory()) >> 20);
        vertx.undeploy(vertx.deploymentIDs().iterator().next()).await(10, TimeUnit.SECONDS);
    }

    private void latency(Vertx vertx, Path certs, Path dir) throws Exception {
        Cluster.Layout layout = new Cluster.Layout(certs, dir.resolve("l"), basePort + 5, 0, ledgerUrl, redisUrl);
        Files.createDirectories(layout.dataDir());
        Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
        extra.put(NodeName.GATEWAY, Map.of("feed-bad-tick-ratio", "0"));
        // the Submit latency run (RiskBench.overGrpc) submits as its own strategy, beside the cluster's
        extra.put(NodeName.RISK, Map.of(memesnipe.risk.RiskConfig.STRATEGIES_KEY,
                String.join(",", memesnipe.strategy.core.Strategies.NAMES) + "," + RiskBench.STRATEGY));
        // the bench's ledger is a scratch one: a new deployment for this run (risk would otherwise stay CRITICAL)
        memesnipe.risk.ledger.Deployments.init(vertx, ledgerSettings(), 10_000 * memesnipe.model.money.Fixed.ONE, true,
                "bench", System.currentTimeMillis()).await(60, TimeUnit.SECONDS);
        Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);
        GrpcClient client = GrpcClients.create(vertx, TlsFiles.inDir(certs, NodeName.RISK));
        Histogram hist = new Histogram(60_000, 3);
        ReadStream<Fill> fills = Calls.serverStream(client, new HostPort("127.0.0.1", layout.port(NodeName.EXECUTOR)),
                ExecutorGrpcClient.WatchFills, WatchFillsRequest.getDefaultInstance()).await(10, TimeUnit.SECONDS);
        fills.handler(f -> {
            if (f.getDecisionIngestTimeMs() > 0) {
                synchronized (hist) {
                    hist.recordValue(Math.max(0, Math.min(60_000, System.currentTimeMillis() - f.getDecisionIngestTimeMs())));
                }
            }
        });
        fills.resume();
        Thread.sleep(latencySeconds * 1000L);
        synchronized (hist) {
            System.out.printf("tick-to-fill (gateway ingest -> fill seen by a WatchFills client), %d fills in %d s: p50 %d ms, p99 %d ms, max %d ms%n",
                    hist.getTotalCount(), latencySeconds, hist.getValueAtPercentile(50), hist.getValueAtPercentile(99),
                    hist.getMaxValue());
        }
    }
}
