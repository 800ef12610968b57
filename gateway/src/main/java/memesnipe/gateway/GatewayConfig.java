package memesnipe.gateway;

import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.validation.ValidationLimits;
import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.NodeBasics;
import memesnipe.kit.config.Settings;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.ledger.RedisSettings;
import memesnipe.kit.tls.NodeName;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The gateway's settings, validated once: its gRPC server, the plain-HTTP REST port, the simulated feed,
 * the validation limits, the per-subscriber queue, the peers whose status the REST API reports and the
 * Redis tick journal.
 */
public record GatewayConfig(NodeBasics basics, String httpHost, int httpPort, long feedSeed, int feedRate,
                            double feedBadTickRatio, ValidationLimits limits, int subscriberQueue,
                            int maxSubscribers, HostPort strategy, HostPort risk, HostPort executor,
                            Journal journal, LotExponents lots) {
    public static final int DEFAULT_GRPC_PORT = 7001;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String JOURNAL_MAX_IN_FLIGHT_KEY = "journal-max-in-flight";
    public static final int JOURNAL_MAX_IN_FLIGHT_DEFAULT = 10_000;

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
        return new GatewayConfig(basics, httpHost, (int) httpPort, seed, (int) rate, bad,
                new ValidationLimits(maxAge, maxFuture, maxDev, minLiq), (int) queue, maxSubscribers, strategy, risk,
                executor, new Journal(redis, stream, maxLen, maxInFlight), lots == null ? LotExponents.NONE : lots);
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
