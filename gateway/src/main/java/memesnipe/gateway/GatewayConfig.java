package memesnipe.gateway;

import memesnipe.gateway.feed.sim.Scenarios;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.validation.ValidationLimits;
import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.HostPort;
import memesnipe.model.text.Identifiers;
import memesnipe.model.text.Printable;
import memesnipe.kit.config.NodeBasics;
import memesnipe.kit.config.Settings;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.ledger.RedisSettings;
import memesnipe.kit.tls.NodeName;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The gateway's settings, validated once: its gRPC server, the plain-HTTP REST port, the simulated feed,
 * the validation limits, the per-subscriber queue, the peers whose status the REST API reports, the
 * Redis tick journal and the replay file that replaces the simulated feed when one is set.
 */
public record GatewayConfig(NodeBasics basics, String httpHost, int httpPort, long feedSeed, int feedRate,
                            double feedBadTickRatio, ValidationLimits limits, int subscriberQueue,
                            int maxSubscribers, HostPort strategy, HostPort risk, HostPort executor,
                            Journal journal, LotExponents lots, Replay replay, List<Scenarios.Spec> scenarios) {
    public static final int DEFAULT_GRPC_PORT = 7001;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String JOURNAL_MAX_IN_FLIGHT_KEY = "journal-max-in-flight";
    public static final int JOURNAL_MAX_IN_FLIGHT_DEFAULT = 10_000;

    public static final String REPLAY_FILE_KEY = "replay-file";
    /** The signal simulators run beside the simulated feed (see memesnipe.gateway.feed.sim.Scenarios). */
    public static final String SCENARIOS_KEY = "feed-scenarios";
    public static final String REPLAY_FORMAT_KEY = "replay-format";
    public static final String REPLAY_SPEED_KEY = "replay-speed";
    public static final double REPLAY_SPEED_DEFAULT = 1;
    public static final double REPLAY_SPEED_MAX = 1_000_000;
    public static final String REPLAY_SYMBOL_KEY = "replay-symbol";
    public static final String REPLAY_SYMBOL_DEFAULT = "BTC";
    public static final String REPLAY_LIQUIDITY_KEY = "replay-liquidity-usd";
    public static final double REPLAY_LIQUIDITY_DEFAULT = 1_000_000;
    public static final String REPLAY_WAIT_SUBSCRIBERS_KEY = "replay-wait-subscribers";
    public static final int REPLAY_WAIT_SUBSCRIBERS_DEFAULT = 1;

    /**
     * What the gateway replays instead of the simulated feed.
     *
     * @param file         the file, or null for the simulated feed
     * @param format       its format, or null to guess it from the name and first line
     * @param speed        multiple of real time; 0 = as fast as feed-rate allows
     * @param symbol       symbol of every event of a file that names none (trades and bars)
     * @param liquidityUsd quoted liquidity given to replayed ticks whose file carries none (journal rows and JSON
     *                     Lines trades that give one keep theirs)
     * @param waitSubscribers market data subscribers that must be connected before the replay begins
     */
    public record Replay(Path file, ReplayFormat format, double speed, String symbol, double liquidityUsd,
                         int waitSubscribers) {
        public boolean enabled() {
            return file != null;
        }
    }

    /**
     * Where and how the gateway journals accepted events: the Redis server, the stream key, its approximate
     * length cap and how many appends may wait for Redis at once (more are not journaled, only counted).
     */
    public record Journal(RedisSettings redis, String stream, long maxLen, int maxInFlight) {
    }

    /**
     * Reads and validates every key.
     *
     * @throws ConfigException listing all problems, unknown keys included
     */
    public static GatewayConfig from(Settings s) {
        return ConfigReader.validate(s, GatewayConfig::read);
    }

    /** Key → documentation with its default, for --help. */
    public static Map<String, String> documentation() {
        return ConfigReader.describe(GatewayConfig::read);
    }

    private static GatewayConfig read(ConfigReader r) {
        NodeBasics basics = NodeBasics.read(r, NodeName.GATEWAY, DEFAULT_GRPC_PORT);
        String httpHost = r.string("http-host", "0.0.0.0", "address the REST/metrics HTTP server (plain HTTP) binds to");
        long httpPort = r.longValue("http-port", DEFAULT_HTTP_PORT, 0, 65535,
                "REST API, /health and /metrics port (plain HTTP); 0 picks a free port");
        long seed = r.longValue("feed-seed", 42, Long.MIN_VALUE, Long.MAX_VALUE, "random seed of the simulated feed");
        long rate = r.longValue("feed-rate", 200, 0, 1_000_000,
                "simulated feed events per second (all symbols); 0 turns the feed off");
        double bad = decimal(r, "feed-bad-tick-ratio", 0.01, 0, 1, "share of malformed ticks the simulated feed injects");
        long maxAge = r.longValue("max-age-ms", 500, 0, 3_600_000, "ticks older than this are rejected as STALE");
        long maxFuture = r.longValue("max-future-ms", 100, 0, 3_600_000,
                "ticks further ahead of now than this are rejected as FUTURE_TIMESTAMP");
        double maxDev = decimal(r, "max-deviation-pct", 20, 0, 1e6,
                "largest accepted price move from the symbol's last accepted price, percent");
        double minLiq = decimal(r, "min-liquidity-usd", 10_000, 0, 1e15,
                "ticks with less quoted liquidity (USD) are rejected");
        long queue = r.longValue("subscriber-queue", 1024, 1, 1_000_000,
                "pending events per subscriber (conflated per symbol) before the oldest is dropped");
        int maxSubscribers = r.integer("max-subscribers", 64, 1, 10_000,
                "market data subscribers served at once; more get RESOURCE_EXHAUSTED");
        HostPort strategy = r.hostPort("strategy", "127.0.0.1:7002", "strategy node gRPC address, for the status API");
        HostPort risk = r.hostPort("risk", "127.0.0.1:7003", "risk node gRPC address, for the status API");
        HostPort executor = r.hostPort("executor", "127.0.0.1:7004", "executor node gRPC address, for the status API");
        LotExponents lots = r.read(LotExponents.KEY, "", "lot of each symbol as SYMBOL=EXPONENT,...: prices are "
                + "published per lot of 10^EXPONENT units and quantities in lots, so tokens far below 1e-8 USD keep "
                + "their precision (e.g. BABYDOGE=9); unlisted symbols trade in single units. Do not change a "
                + "symbol's lot while positions in it are open", LotExponents::parse);
        RedisSettings redis = RedisSettings.read(r);
        String stream = r.string(TickJournal.STREAM_KEY, TickJournal.STREAM_DEFAULT,
                "Redis stream the gateway appends every accepted market event to (the tick journal)");
        long maxLen = r.longValue(TickJournal.MAXLEN_KEY, TickJournal.MAXLEN_DEFAULT, 1, 1_000_000_000L,
                "about how many entries the tick journal keeps (XADD MAXLEN ~); older ones are trimmed");
        int maxInFlight = r.integer(JOURNAL_MAX_IN_FLIGHT_KEY, JOURNAL_MAX_IN_FLIGHT_DEFAULT, 1, 1_000_000,
                "journal appends waiting for Redis at once; beyond it events are not journaled and are counted "
                        + "as dropped (market data never waits for Redis)");
        Replay replay = readReplay(r, rate, minLiq);
        List<Scenarios.Spec> scenarios = r.read(SCENARIOS_KEY, "", "signal simulators run beside the simulated feed, "
                + "NAME or NAME:plain (no planted effect), comma-separated, from " + Scenarios.names()
                + " (not with replay-file)", Scenarios::parse);
        if (scenarios != null && !scenarios.isEmpty()) {
            if (replay != null && replay.enabled()) {
                r.problem(SCENARIOS_KEY + " and " + REPLAY_FILE_KEY + " cannot be used together: a replay replaces the "
                        + "simulated feed");
            }
            Scenarios.sharedSymbols(scenarios, memesnipe.gateway.feed.SymbolSpec.defaults().stream()
                    .map(memesnipe.gateway.feed.SymbolSpec::symbol).toList()).forEach((symbol, who) -> r.problem(
                    SCENARIOS_KEY + ": " + symbol + " would be simulated by both " + String.join(" and ", who)));
        }
        return new GatewayConfig(basics, httpHost, (int) httpPort, seed, (int) rate, bad,
                new ValidationLimits(maxAge, maxFuture, maxDev, minLiq), (int) queue, maxSubscribers, strategy, risk,
                executor, new Journal(redis, stream, maxLen, maxInFlight), lots == null ? LotExponents.NONE : lots,
                replay, scenarios == null ? List.of() : scenarios);
    }

    private static Replay readReplay(ConfigReader r, long feedRate, double minLiquidity) {
        Path path = r.read(REPLAY_FILE_KEY, "", "a file of recorded or historical market data the gateway replays "
                + "instead of the simulated feed (formats: " + String.join(", ", ReplayFormat.ids())
                + "); it is read at start, and a file that cannot be replayed stops the gateway from starting",
                v -> v.isBlank() ? null : Path.of(v));
        ReplayFormat format = r.read(REPLAY_FORMAT_KEY, "", "format of replay-file: " + String.join(" | ",
                ReplayFormat.ids()) + "; unset = guessed: a .jsonl name or a first line holding one JSON object with a "
                + "\"kind\" field is jsonl, a .json name or a first line starting with { or [ is bars-json, a header "
                + "with price_e8 journal-csv, a header with an open, high, low or close column but no price column "
                + "bars-csv, anything else trades-csv", v -> v.isBlank() ? null : ReplayFormat.fromId(v.trim()).orElseThrow(
                () -> new IllegalArgumentException("must be one of " + String.join(", ", ReplayFormat.ids()))));
        double speed = decimal(r, REPLAY_SPEED_KEY, REPLAY_SPEED_DEFAULT, 0, REPLAY_SPEED_MAX,
                "replay pace as a multiple of real time (60 = a minute of data per second); 0 = no pacing, as fast "
                        + "as feed-rate allows; feed-rate also caps a paced replay, which then slows down rather than "
                        + "dropping events");
        String symbol = r.read(REPLAY_SYMBOL_KEY, REPLAY_SYMBOL_DEFAULT, "symbol of the replayed events for files "
                + "that name none (trades and bars; journal-csv and jsonl rows name theirs)", v -> {
            if (!Identifiers.SYMBOL.matcher(v).matches()) {
                throw new IllegalArgumentException("is not a symbol (letters, digits, '.', '_', '-'; 1 to 24)");
            }
            return v;
        });
        double liquidity = decimal(r, REPLAY_LIQUIDITY_KEY, REPLAY_LIQUIDITY_DEFAULT, 0, 1e15,
                "quoted liquidity (USD) of replayed events, which the files do not carry (journal-csv rows and jsonl "
                        + "trades that give one keep theirs); below min-liquidity-usd every event would be rejected");
        int wait = r.integer(REPLAY_WAIT_SUBSCRIBERS_KEY, REPLAY_WAIT_SUBSCRIBERS_DEFAULT, 0, 10_000,
                "the replay begins once this many market data subscribers are connected (0 = at once), so the "
                        + "nodes see it from its first event; it then runs to its end whoever is connected");
        if (path == null) {
            return new Replay(null, format, speed, symbol, liquidity, wait);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            r.problem(REPLAY_FILE_KEY + ": '" + Printable.of(path.toString(), 200) + "' is not a readable file");
        }
        if (feedRate == 0) {
            r.problem("feed-rate 0 turns the feed off, but " + REPLAY_FILE_KEY + " is set: a replay needs a feed-rate "
                    + "above 0 (its cap in events per second)");
        }
        if (liquidity < minLiquidity) {
            r.problem(REPLAY_LIQUIDITY_KEY + " " + plain(liquidity) + " is below min-liquidity-usd "
                    + plain(minLiquidity) + ": every replayed event would be rejected as LOW_LIQUIDITY");
        }
        return new Replay(path, format, speed, symbol == null ? REPLAY_SYMBOL_DEFAULT : symbol, liquidity, wait);
    }

    /** A decimal number in [min, max]; on a bad value the problem is recorded and the default returned. */
    private static double decimal(ConfigReader r, String key, double def, double min, double max, String doc) {
        Double v = r.read(key, plain(def), doc + " [" + plain(min) + ".." + plain(max) + "]", text -> {
            double d;
            try {
                d = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a number");
            }
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException("must be between " + plain(min) + " and " + plain(max));
            }
            return d;
        });
        return v == null ? def : v;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
