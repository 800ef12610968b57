package memesnipe.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import memesnipe.kit.config.ConfigException;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs all five nodes in one JVM on paper with the simulated feed, or a replay of a file, and prints a status line
 * every few seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs all five nodes in this JVM, each on its own loopback gRPC port over TLS,",
                "paper trading on the simulated feed (or on a replay of recorded or historical data, --replay).",
                "The ledger is PostgreSQL and the tick journal Redis:",
                "embedded servers under --data-dir unless --pg-url / --redis-url name external ones.",
                "REST status on --http-port."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--certs", paramLabel = "DIR",
            description = "use the certificates in DIR (from 'memesnipe certs'); default: generate fresh ones")
    Path certs;

    @Option(names = "--http-port", defaultValue = "8080", description = "REST status port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--grpc-base-port", defaultValue = "7001",
            description = "gRPC ports: gateway=BASE, strategy=BASE+1, risk=BASE+2, executor=BASE+3, signer=BASE+4 (default: ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--feed-rate", defaultValue = "200", description = "simulated events per second (default: ${DEFAULT-VALUE})")
    int feedRate;

    @Option(names = "--seed", defaultValue = "42", description = "simulated feed seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--lot-exponents", paramLabel = "SYMBOL=K,...",
            description = "symbols traded in lots of 10^K units, e.g. PEPE=6,BONK=6 (prices per lot, quantities in "
                    + "lots; default: single units). Flatten a symbol before changing its lot on an existing ledger.")
    String lotExponents;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "replay FILE instead of the simulated feed: trades CSV (timestamp,price,amount), OHLCV bars "
                    + "as CSV or JSON, a tick journal export ('memesnipe journal export'), or JSON Lines of trades and "
                    + "signals (.jsonl); the replay begins once "
                    + "every node has subscribed, and --feed-rate caps its events per second")
    Path replay;

    @Option(names = "--speed", paramLabel = "N",
            description = "replay at N times real time, 0 = as fast as --feed-rate allows (default: 1)")
    String speed;

    @Option(names = "--replay-format", paramLabel = "FORMAT",
            description = "trades-csv | bars-csv | bars-json | journal-csv | jsonl (default: guessed from the name and "
                    + "first line)")
    String replayFormat;

    @Option(names = "--replay-symbol", paramLabel = "SYMBOL",
            description = "symbol of the replayed events for files that name none (default: BTC)")
    String replaySymbol;

    @Option(names = "--strategies", paramLabel = "NAME,...",
            description = "strategies the strategy node runs (default: its own default set); every name from "
                    + "'memesnipe backtest --help'")
    String strategies;

    @Option(names = "--scenarios", paramLabel = "NAME[:plain],...",
            description = "signal simulators beside the simulated feed, their effect planted or not (:plain), e.g. "
                    + "airdrop,rug_pull,dev_wallet:plain (the gateway's feed-scenarios setting; default: none)")
    String scenarios;

    @Option(names = "--status-every", defaultValue = "5", description = "seconds between status lines (default: ${DEFAULT-VALUE})")
    int statusEvery;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the demo keeps its ledger (embedded PostgreSQL), keys and files; a restart on the "
                    + "same DIR continues the same ledger (default: ~/.memesnipe/demo)")
    Path dataDirOption;

    @Option(names = "--pg-url", paramLabel = "URL",
            description = "external PostgreSQL ledger, postgresql://user@host:port/database (default: embedded)")
    String pgUrl;

    @Option(names = "--pg-password-file", paramLabel = "FILE", description = "file holding the PostgreSQL password")
    Path pgPasswordFile;

    @Option(names = "--pg-ca-file", paramLabel = "FILE",
            description = "PEM CA certificate(s) that sign the external PostgreSQL server's certificate")
    Path pgCaFile;

    @Option(names = "--redis-url", paramLabel = "URL", description = "external Redis, redis://host:port (default: embedded)")
    String redisUrl;

    @Option(names = "--redis-password-file", paramLabel = "FILE", description = "file holding the Redis password")
    Path redisPasswordFile;

    @Option(names = "--redis-ca-file", paramLabel = "FILE",
            description = "PEM CA certificate(s) that sign the external Redis server's certificate (rediss://)")
    Path redisCaFile;

    @Option(names = "--initial-capital", defaultValue = memesnipe.risk.RiskConfig.INITIAL_CAPITAL_DEFAULT_USD, paramLabel = "USD",
            description = "capital of the deployment the demo creates on a new ledger (default: ${DEFAULT-VALUE})")
    String initialCapital;

    private long capitalE8;

    @Option(names = "--duration", defaultValue = "0", description = "stop after this many seconds (0 = run until Ctrl-C)")
    int duration;

    @Override
    public Integer call() throws Exception {
        if (httpPort < 0 || httpPort > 65535 || basePort < 1 || basePort > 65530 || feedRate < 1 || statusEvery < 1
                || duration < 0) {
            System.err.println("memesnipe demo: ports must be within 1..65535, --feed-rate and --status-every >= 1");
            return 2;
        }
        if (replay == null && (speed != null || replayFormat != null || replaySymbol != null)) {
            System.err.println("memesnipe demo: --speed, --replay-format and --replay-symbol need --replay FILE");
            return 2;
        }
        long capitalE8;
        try {
            capitalE8 = memesnipe.model.money.Fixed.parse(initialCapital);
        } catch (IllegalArgumentException e) {
            capitalE8 = 0;
        }
        if (capitalE8 <= 0) {
            System.err.println("memesnipe demo: --initial-capital must be an amount in USD above 0");
            return 2;
        }
        this.capitalE8 = capitalE8;
        Path dataDir = dataDirOption != null ? dataDirOption
                : Path.of(System.getProperty("user.home"), ".memesnipe", "demo");
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            System.err.println("memesnipe demo: --data-dir " + dataDir + ": cannot create it: " + e.getMessage());
            return 2;
        }
        System.out.println("MemeSnipe demo data directory: " + dataDir.toAbsolutePath());
        EmbeddedServices services = new EmbeddedServices();
        try {
            if (pgUrl == null) {
                services.startPostgres(dataDir);
                System.out.println("embedded PostgreSQL ledger: " + services.pgUrl()
                        + (services.freshLedger() ? " (new)" : " (continuing)"));
            }
            if (redisUrl == null) {
                services.startRedis(dataDir);
                System.out.println("embedded Redis tick journal: " + services.redisUrl());
            }
        } catch (Exception e) {
            System.err.println("memesnipe demo: cannot start the embedded servers: " + NodeCommand.rootMessage(e));
            services.close();
            return 1;
        }
        try {
            return run(dataDir, services);
        } finally {
            services.close();
        }
    }

    private int run(Path dataDir, EmbeddedServices services) throws Exception {
        String ledgerUrl = pgUrl != null ? pgUrl : services.pgUrl();
        String journalUrl = redisUrl != null ? redisUrl : services.redisUrl();
        Path certDir = certs;
        if (certDir == null) {
            certDir = dataDir.resolve("certs");
            CertificateAuthority.writeDeployment(certDir, List.of(), Duration.ofDays(1));
        } else {
            for (NodeName n : NodeName.values()) {
                List<String> problems = TlsFiles.inDir(certDir, n).problems();
                if (!problems.isEmpty()) {
                    System.err.println("memesnipe demo: --certs " + certDir + ": " + String.join("; ", problems));
                    return 2;
                }
            }
        }
        Cluster.Layout layout = new Cluster.Layout(certDir, dataDir, basePort, httpPort, ledgerUrl, journalUrl);
        Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
        for (NodeName n : NodeName.values()) {
            extra.put(n, new java.util.HashMap<>());
        }
        extra.get(NodeName.GATEWAY).put("feed-rate", String.valueOf(feedRate));
        extra.get(NodeName.GATEWAY).put("feed-seed", String.valueOf(seed));
        extra.get(NodeName.GATEWAY).putAll(replaySettings());
        if (lotExponents != null) {
            extra.get(NodeName.GATEWAY).put(memesnipe.gateway.validation.LotExponents.KEY, lotExponents);
        }
        if (scenarios != null) {
            extra.get(NodeName.GATEWAY).put(memesnipe.gateway.GatewayConfig.SCENARIOS_KEY, scenarios);
            extra.get(NodeName.RISK).putAll(DemoPromotion.RISK_SETTINGS);
        }
        if (strategies != null) {
            extra.get(NodeName.STRATEGY).put("strategies", strategies);
        }
        for (NodeName n : Cluster.LEDGER_NODES) {
            if (pgPasswordFile != null) {
                extra.get(n).put(memesnipe.kit.ledger.DatabaseSettings.PASSWORD_FILE_KEY, pgPasswordFile.toString());
            }
            if (pgCaFile != null) {
                extra.get(n).put(memesnipe.kit.ledger.DatabaseSettings.CA_FILE_KEY, pgCaFile.toString());
            }
        }
        for (NodeName n : Cluster.JOURNAL_NODES) {
            if (redisPasswordFile != null) {
                extra.get(n).put(memesnipe.kit.ledger.RedisSettings.PASSWORD_FILE_KEY, redisPasswordFile.toString());
            }
            if (redisCaFile != null) {
                extra.get(n).put(memesnipe.kit.ledger.RedisSettings.CA_FILE_KEY, redisCaFile.toString());
            }
        }

        Vertx vertx = Cluster.newVertx();
        Cluster cluster;
        try {
            if (services.freshLedger()) {
                // the demo just created this ledger itself: it is explicitly a new deployment
                var created = memesnipe.risk.ledger.Deployments.init(vertx, services.ledger(), capitalE8, false, "demo",
                        System.currentTimeMillis())
                        .await(60, TimeUnit.SECONDS);
                System.out.println("new deployment: " + created.describe());
            }
            cluster = Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);
        } catch (ConfigException e) {
            System.err.println("memesnipe demo: invalid configuration: " + String.join("; ", e.problems()));
            vertx.close();
            return 2;
        } catch (Exception e) {
            System.err.println("memesnipe demo: " + NodeCommand.rootMessage(e));
            vertx.close();
            return 1;
        }
        int port = cluster.httpPort();
        System.out.println("MemeSnipe demo running (paper trading, " + (replay == null ? "simulated feed"
                : "replaying " + replay + (speed == null ? "" : " at speed " + speed)) + "). Status: http://127.0.0.1:" + port
                + "/api/v1/status  gRPC: gateway " + layout.address(NodeName.GATEWAY) + ", strategy "
                + layout.address(NodeName.STRATEGY) + ", risk " + layout.address(NodeName.RISK) + ", executor "
                + layout.address(NodeName.EXECUTOR) + ", signer " + layout.address(NodeName.SIGNER)
                + "  certs: " + certDir);
        java.nio.file.Path token = certDir.resolve(memesnipe.kit.tls.OperatorToken.FILE);
        System.out.println("Dashboard: http://127.0.0.1:" + port + "/  (operator actions need the token in "
                + (java.nio.file.Files.isRegularFile(token) ? token : "operator.token, which " + certDir
                + " lacks: run memesnipe certs") + ")");
        startPromotion(vertx, layout, certDir);
        HttpClient http = vertx.createHttpClient();
        vertx.setPeriodic(statusEvery * 1000L, id -> http.request(HttpMethod.GET, port, "127.0.0.1", "/api/v1/status")
                .compose(req -> req.send().compose(resp -> resp.body()))
                .onSuccess(body -> System.out.println(statusLine(new JsonObject(body))))
                .onFailure(err -> System.out.println("status unavailable: " + err.getMessage())));

        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            done.countDown();
            try {
                closed.await(25, TimeUnit.SECONDS); // let the main thread stop the nodes before the JVM exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        if (duration > 0) {
            done.await(duration, TimeUnit.SECONDS);
        } else {
            done.await();
        }
        Shutdown.close(vertx);
        closed.countDown();
        return 0;
    }

    /** With simulators: the backtest step of the promotion pipeline for the strategies they feed, on a thread. */
    private void startPromotion(Vertx vertx, Cluster.Layout layout, java.nio.file.Path certDir) {
        if (scenarios == null || strategies == null) {
            return;
        }
        var pairs = DemoPromotion.pairs(java.util.Arrays.stream(strategies.split(",")).map(String::trim).toList(),
                memesnipe.gateway.feed.sim.Scenarios.parse(scenarios));
        if (pairs.isEmpty()) {
            return;
        }
        memesnipe.kit.tls.TlsFiles admin = memesnipe.kit.tls.TlsFiles.admin(certDir);
        if (!admin.problems().isEmpty()) {
            System.out.println("[promotion] no admin certificate in " + certDir + ": strategies stay in BACKTEST ("
                    + String.join("; ", admin.problems()) + ")");
            return;
        }
        System.out.println("[promotion] walking " + pairs.size() + " strategies forward on their simulators ("
                + DemoPromotion.HOURS + " simulated hours each); risk's gates decide who moves to SHADOW");
        Thread t = new Thread(() -> DemoPromotion.run(vertx, admin, HostPort.parse(layout.address(NodeName.RISK)), pairs, seed,
                System.out), "demo-promotion");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The gateway settings of the replay options (validated by the gateway's config, which reports bad values);
     * empty without --replay. Every node but the gateway subscribes to market data, so the replay waits for them.
     */
    Map<String, String> replaySettings() {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        if (replay == null) {
            return s;
        }
        s.put(memesnipe.gateway.GatewayConfig.REPLAY_FILE_KEY, replay.toString());
        s.put(memesnipe.gateway.GatewayConfig.REPLAY_WAIT_SUBSCRIBERS_KEY, String.valueOf(NodeName.values().length - 1));
        if (speed != null) {
            s.put(memesnipe.gateway.GatewayConfig.REPLAY_SPEED_KEY, speed);
        }
        if (replayFormat != null) {
            s.put(memesnipe.gateway.GatewayConfig.REPLAY_FORMAT_KEY, replayFormat);
        }
        if (replaySymbol != null) {
            s.put(memesnipe.gateway.GatewayConfig.REPLAY_SYMBOL_KEY, replaySymbol);
        }
        return s;
    }

    /** One line: breaker, equity, drawdown, fills, open positions, feed counters and how many nodes serve. */
    static String statusLine(JsonObject s) {
        JsonObject breaker = s.getJsonObject("breaker", new JsonObject());
        JsonObject p = s.getJsonObject("portfolio", new JsonObject());
        JsonObject feed = s.getJsonObject("feed", new JsonObject());
        JsonArray nodes = s.getJsonArray("nodes", new JsonArray());
        long serving = nodes.stream().filter(o -> ((JsonObject) o).getBoolean("serving", false)).count();
        String line = String.format("[status] breaker=%s equity=%s drawdown=%s%% fills=%s open=%s events=%s rejected=%s nodes=%d/%d serving",
                breaker.getString("tier", "?"), p.getValue("equity"), p.getValue("drawdownPct"), p.getValue("fills"),
                p.getValue("openPositions"), feed.getValue("eventsIn"), feed.getValue("eventsRejected"), serving,
                nodes.size());
        JsonObject replay = s.getJsonObject("replay");
        if (replay != null) {
            line += String.format(" replay=%s/%s%s", replay.getValue("emitted"), replay.getValue("events"),
                    replay.getBoolean("done", false) ? " finished" : replay.getBoolean("begun", false) ? "" : " waiting");
        }
        return line;
    }
}
