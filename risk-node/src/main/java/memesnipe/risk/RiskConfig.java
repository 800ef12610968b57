package memesnipe.risk;

import memesnipe.kit.tls.OperatorToken;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.HostPort;
import memesnipe.model.text.Identifiers;
import memesnipe.kit.config.NodeBasics;
import memesnipe.model.text.Printable;
import memesnipe.kit.config.Settings;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.kit.ledger.RedisSettings;
import memesnipe.model.money.Fixed;
import memesnipe.kit.signing.RiskApproval;
import memesnipe.kit.money.OrderLimits;
import memesnipe.kit.tls.NodeName;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.BreakerThresholds.VolatilityScales;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import memesnipe.risk.promotion.PromotionSettings;
import memesnipe.risk.promotion.ShadowBook;
import memesnipe.executor.ExecutorConfig;
import memesnipe.model.money.Bps;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.Sampling;
import memesnipe.performance.promotion.PromotionGates;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StrategyType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The risk node's validated configuration: where it listens, its peers, breaker thresholds and limits, where its
 * state lives (the PostgreSQL ledger, the local breaker journal, the Redis tick journal it reads marks from), the
 * strategies the deployment runs and risk's approval key. The initial capital is the deployment's (set by
 * `memesnipe init`), not a setting. The promotion pipeline's settings are empty when it is off (every strategy then
 * trades live).
 */
public record RiskConfig(NodeBasics basics, HostPort gateway, HostPort executor, String venue,
                         BreakerThresholds thresholds, RiskLimits limits, ExecutionQuality.Limits quality,
                         long evaluateEveryMs, DatabaseSettings database, Path walFile, int ledgerQueueMax,
                         long equitySampleMs, RedisSettings redis, String journalStream, Set<String> strategies,
                         Path approvalKey, String operatorTokenHash, Optional<PromotionSettings> promotion) {
    public static final String EQUITY_SAMPLE_MS_KEY = "equity-sample-ms";
    public static final long EQUITY_SAMPLE_MS_DEFAULT = 1000;
    public static final String WAL_FILE_KEY = "wal-file";
    public static final String WAL_FILE_DEFAULT = "risk-wal.log";
    public static final String LEDGER_QUEUE_MAX_KEY = "ledger-queue-max";
    public static final int LEDGER_QUEUE_MAX_DEFAULT = 100_000;
    public static final String STRATEGIES_KEY = "strategies";
    /** A new deployment's capital, USD, unless `memesnipe init` (or the demo, or a backtest) is told otherwise. */
    public static final String INITIAL_CAPITAL_DEFAULT_USD = "10000";
    /** How often the breaker is judged without ticks: the node's and the backtest's default. */
    public static final long EVALUATE_EVERY_MS_DEFAULT = 250;
    /**
     * The strategies the strategy node runs by default (its Strategies.NAMES; the cli's tests keep the two equal):
     * a deployment that runs other ones lists them on both nodes.
     */
    public static final String STRATEGIES_DEFAULT = "momentum_5m,mean_revert_1h";
    /** The breaker's threshold scale, percent, per volatility regime (defaults and range in VolatilityScales). */
    public static final String LOW_VOL_THRESHOLD_PCT_KEY = "low-vol-threshold-pct";
    public static final String NORMAL_VOL_THRESHOLD_PCT_KEY = "normal-vol-threshold-pct";
    public static final String HIGH_VOL_THRESHOLD_PCT_KEY = "high-vol-threshold-pct";
    public static final String APPROVAL_KEY_KEY = "approval-key";
    public static final String OPERATOR_TOKEN_HASH_KEY = "operator-token-hash";
    public static final String PROMOTION_KEY = "promotion";
    public static final String STRATEGY_STAGES_KEY = "strategy-stages";
    public static final String STRATEGY_TYPES_KEY = "strategy-types";
    public static final String MIN_SHADOW_MS_KEY = "promotion-min-shadow-ms";

    public static RiskConfig from(Settings settings) {
        return ConfigReader.validate(settings, RiskConfig::read);
    }

    public static Map<String, String> documentation() {
        return ConfigReader.describe(RiskConfig::read);
    }

    private static RiskConfig read(ConfigReader r) {
        NodeBasics basics = NodeBasics.read(r, NodeName.RISK, 7003);
        HostPort gateway = r.hostPort("gateway", "127.0.0.1:7001", "gateway gRPC address (market data)");
        HostPort executor = r.hostPort("executor", "127.0.0.1:7004", "executor gRPC address");
        String venue = r.string("venue", "paper", "venue approved orders are sent to");
        BreakerThresholds t = new BreakerThresholds(
                pct(r, "warn-drawdown-pct", "3", "drawdown from the equity peak that raises WARNING"),
                pct(r, "critical-drawdown-pct", "5", "drawdown that raises CRITICAL (reduce-only)"),
                pct(r, "emergency-drawdown-pct", "10", "drawdown that raises EMERGENCY (flatten, halt)"),
                pct(r, "warn-daily-loss-pct", "2", "loss since the day's start equity that raises WARNING"),
                pct(r, "critical-daily-loss-pct", "3", "daily loss that raises CRITICAL"),
                pct(r, "strategy-drawdown-pct", "8", "a strategy's own drawdown that suspends it"),
                r.integer("warning-size-pct", 50, 1, 100, "entry size multiplier in WARNING, percent"),
                r.longValue("cooldown-ms", 60_000, 0, 86_400_000, "time a trigger must stay clear before stepping down"),
                r.read("ramp-pct", "25,50,100", "entry size steps after a step down, percent, ending at 100",
                        RiskConfig::intList),
                r.longValue("ramp-step-ms", 60_000, 0, 86_400_000, "time on each ramp step"),
                r.read("trading-day-zone", "UTC", "zone whose midnight starts a trading day", ZoneId::of),
                new VolatilityScales(
                        volatilityScale(r, LOW_VOL_THRESHOLD_PCT_KEY, "LOW"),
                        volatilityScale(r, NORMAL_VOL_THRESHOLD_PCT_KEY, "NORMAL (or still UNKNOWN)"),
                        volatilityScale(r, HIGH_VOL_THRESHOLD_PCT_KEY, "HIGH")));
        RiskLimits limits = new RiskLimits(
                pct(r, "per-trade-pct", "2", "largest single entry, percent of equity"),
                pct(r, "strategy-cap-pct", "10", "largest exposure of one strategy, percent of equity"),
                pct(r, "symbol-cap-pct", "15", "largest exposure in one symbol, percent of equity"),
                pct(r, "gross-cap-pct", "50", "largest total exposure, percent of equity"),
                r.integer("max-open-positions", 20, 1, 10_000, "most positions open at once"),
                orZero(r.read("min-notional", "1", "smallest entry worth sending, USD", Fixed::parse)),
                r.longValue("mark-max-age-ms", 2000, 1, 3_600_000, "a price older than this is no market data for entries"),
                r.longValue("held-stale-ms", 5000, 1, 3_600_000, "no tick for a held symbol this long raises CRITICAL"),
                r.integer("entries-per-second", 10, 1, 100_000, "entry order-rate throttle (exits are never throttled)"),
                r.integer("entry-burst", 20, 1, 100_000, "entry throttle burst size"),
                pct(r, "portfolio-stop-pct", "8", "flatten everything when equity falls this far below the day's start"),
                pct(r, "default-stop-loss-pct", "5", "stop-loss when an entry gives none"),
                orZero(OrderLimits.maxOrderNotional(r, OrderLimits.RISK_MAX_ORDER_NOTIONAL_DEFAULT, "largest single "
                        + "order, USD; larger exits go in pieces (keep it below the executor's and the signer's "
                        + "max-order-notional)")),
                orZero(OrderLimits.maxOrderQty(r, "largest quantity in a single order, units of the base asset: "
                        + "entries are resized to it, exits go in pieces (keep it at most the executor's and the "
                        + "signer's max-order-qty)")));
        ExecutionQuality.Limits q = new ExecutionQuality.Limits(
                r.integer("quality-window", 50, 1, 10_000, "orders in the rolling execution-quality window"),
                r.integer("quality-min-samples", 10, 1, 10_000, "orders needed before quality can raise the breaker"),
                r.longValue("quality-degraded-p95-ms", 1000, 1, 600_000, "p95 order latency that is DEGRADED (WARNING)"),
                r.longValue("quality-bad-p95-ms", 3000, 1, 600_000, "p95 order latency that is BAD (CRITICAL)"),
                pct(r, "quality-degraded-slippage-pct", "1", "average slippage that is DEGRADED"),
                pct(r, "quality-bad-slippage-pct", "3", "average slippage that is BAD"),
                r.integer("quality-degraded-error-pct", 10, 1, 100, "order error/reject rate that is DEGRADED"),
                r.integer("quality-bad-error-pct", 30, 1, 100, "order error/reject rate that is BAD"),
                r.longValue("quality-max-age-ms", ExecutionQuality.Limits.MAX_AGE_MS_DEFAULT, 1_000, 86_400_000,
                        "a quality sample older than this leaves the window (so a bad verdict decays once orders stop)"));
        long every = r.longValue("evaluate-every-ms", EVALUATE_EVERY_MS_DEFAULT, 10, 60_000, "breaker re-evaluation period without ticks");
        DatabaseSettings database = DatabaseSettings.read(r);
        Path walFile = r.path(WAL_FILE_KEY, WAL_FILE_DEFAULT, "local write-ahead file (fsync'd) for breaker writes and "
                + "admin actions made while PostgreSQL is unreachable; drained into the ledger when it is back");
        int queueMax = r.integer(LEDGER_QUEUE_MAX_KEY, LEDGER_QUEUE_MAX_DEFAULT, 1_000, 10_000_000,
                "ledger rows (fills, decisions, samples) kept in memory while PostgreSQL is slow or down");
        long equitySample = r.longValue(EQUITY_SAMPLE_MS_KEY, EQUITY_SAMPLE_MS_DEFAULT, 10, 3_600_000,
                "shortest time between two equity-curve samples (one is also taken on every breaker change)");
        RedisSettings redis = RedisSettings.read(r);
        String stream = r.string(TickJournal.STREAM_KEY, TickJournal.STREAM_DEFAULT,
                "Redis tick journal stream the last marks are read from at start");
        Set<String> strategies = r.read(STRATEGIES_KEY, STRATEGIES_DEFAULT, "the strategies this deployment runs, "
                + "comma-separated (names of [a-z0-9_], at most 64 characters): an intent from any other strategy is "
                + "denied UNKNOWN_STRATEGY; list the same ones as the strategy node's strategies", RiskConfig::strategyNames);
        Path approvalKey = r.path(APPROVAL_KEY_KEY, basics.certsDir() == null ? RiskApproval.PRIVATE_KEY_FILE
                : basics.certsDir().resolve(RiskApproval.PRIVATE_KEY_FILE).toString(), "risk's Ed25519 approval key "
                + "(owner-only PEM, written by memesnipe certs): every order sent to the executor carries risk's "
                + "signature, which the executor and the signer verify");
        if (approvalKey != null && !Files.isRegularFile(approvalKey)) {
            r.problem("risk approval key not found: " + Printable.of(String.valueOf(approvalKey), 300)
                    + " (memesnipe certs writes it)");
        }
        String operatorTokenHash = operatorTokenHash(r, basics);
        if (t.rampPct() != null && t.tradingDayZone() != null) {
            t.problems().forEach(r::problem);
        }
        if (limits.minNotionalE8() >= 0 && limits.maxOrderNotionalE8() > 0 && limits.maxOrderQtyE8() > 0) {
            limits.problems().forEach(r::problem);
        }
        Optional<PromotionSettings> promotion = promotion(r);
        return new RiskConfig(basics, gateway, executor, venue, t, limits, q, every, database, walFile, queueMax,
                equitySample, redis, stream, strategies, approvalKey, operatorTokenHash, promotion);
    }

    /** The promotion pipeline's settings (every key is read, so each is documented and checked, on or off). */
    private static Optional<PromotionSettings> promotion(ConfigReader r) {
        Boolean on = r.read(PROMOTION_KEY, "on", "the promotion pipeline: on (each strategy trades by its stage: "
                + "BACKTEST and RETIRED place no orders, SHADOW trades on the shadow book, LIVE on the portfolio) or off "
                + "(every strategy trades live, as before the pipeline)", v -> switch (v.trim()) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("must be on or off");
                });
        Map<String, Stage> stages = r.read(STRATEGY_STAGES_KEY, PromotionSettings.INITIAL_STAGES_DEFAULT, "each "
                + "strategy's stage when the ledger knows none for it, NAME=STAGE comma-separated (BACKTEST, SHADOW, LIVE "
                + "or RETIRED); an unlisted strategy starts in " + PromotionSettings.UNLISTED_STAGE + "; the ledger's "
                + "stage always wins, so a restart moves no strategy", v -> pairs(v, Stage::valueOf));
        Map<String, StrategyType> types = r.read(STRATEGY_TYPES_KEY, PromotionSettings.TYPES_DEFAULT, "each "
                + "strategy's type, NAME=TYPE comma-separated (MOMENTUM or MEAN_REVERSION: the win rate it must beat); "
                + "an unlisted strategy is " + PromotionSettings.UNLISTED_TYPE, v -> pairs(v, StrategyType::valueOf));
        Double sharpe = r.read("promotion-min-sharpe", String.valueOf(PromotionGates.DEFAULT_MIN_SHARPE),
                "annualized Sharpe ratio a strategy's evidence must reach (>=) in every stage", RiskConfig::finite);
        int momentum = pct(r, "promotion-momentum-win-rate-pct", Bps.pct(PromotionGates.DEFAULT_MOMENTUM_WIN_RATE_BPS),
                "win rate a MOMENTUM strategy must beat (>)");
        int meanReversion = pct(r, "promotion-mean-reversion-win-rate-pct",
                Bps.pct(PromotionGates.DEFAULT_MEAN_REVERSION_WIN_RATE_BPS), "win rate a MEAN_REVERSION strategy must "
                        + "beat (>)");
        int drawdown = pct(r, "promotion-max-drawdown-pct", Bps.pct(PromotionGates.DEFAULT_MAX_DRAWDOWN_BPS),
                "largest drawdown of a strategy's shadow or live equity curve (<=, of its allocation's peak)");
        long latency = r.longValue("promotion-max-avg-latency-ms", PromotionGates.DEFAULT_MAX_AVG_LATENCY_MS, 1,
                600_000, "largest average decision-to-fill latency in shadow and live (<=)");
        long minShadow = r.longValue(MIN_SHADOW_MS_KEY, PromotionGates.DEFAULT_MIN_SHADOW_MS, 0, 365L * 86_400_000,
                "time in SHADOW before LIVE (>=); shorten it for demos and tests here, never in code");
        Double pValue = r.read("promotion-max-p-value", String.valueOf(PromotionGates.DEFAULT_MAX_P_VALUE),
                "largest p-value of the edge test (bootstrap of the mean period return, <=)", RiskConfig::finite);
        int minTrades = r.integer("promotion-min-trades", PromotionGates.DEFAULT_MIN_TRADES, 2, 1_000_000,
                "closed trades the win rate needs before it can pass");
        int minPeriods = r.integer("promotion-min-periods", PromotionGates.DEFAULT_MIN_PERIODS, 2, 1_000_000,
                "period returns the Sharpe ratio, the drawdown and the p-value need before they can pass");
        int minFills = r.integer("promotion-min-latency-samples", PromotionGates.DEFAULT_MIN_LATENCY_SAMPLES, 1,
                1_000_000, "fills the average latency needs before it can pass");
        int retireAfter = r.integer("promotion-retire-after-demotions", PromotionGates.DEFAULT_RETIRE_AFTER_DEMOTIONS,
                1, 1_000, "the demotion from LIVE that retires a strategy instead");
        long review = r.longValue("promotion-review-ms", PromotionSettings.REVIEW_EVERY_MS_DEFAULT, 100, 86_400_000,
                "how often every strategy's evidence is measured and its gates evaluated");
        long sample = r.longValue("promotion-sample-ms", PromotionSettings.SAMPLE_EVERY_MS_DEFAULT, 10, 3_600_000,
                "how often a SHADOW or LIVE strategy's equity curve takes a point");
        long window = r.longValue("promotion-window-ms", PromotionSettings.WINDOW_MS_DEFAULT, 1_000,
                366L * 86_400_000, "how far back shadow and live evidence reaches: a trailing window within the stage, so "
                        + "the figures are recent ones (a live decay shows) and memory stays bounded");
        long period = r.longValue("promotion-period-ms", PromotionSettings.EVIDENCE_PERIOD_MS_DEFAULT, 10,
                7 * 86_400_000L, "the period of the returns behind the Sharpe ratio, the drawdown's samples and the "
                        + "p-value (a curve is resampled at it)");
        int resamples = r.integer("promotion-resamples", MetricsConfig.DEFAULT_RESAMPLES, 100, 100_000,
                "bootstrap resamples per confidence interval and p-value");
        ShadowBook.Costs costs = new ShadowBook.Costs(
                r.integer("shadow-slippage-bps", ExecutorConfig.SLIPPAGE_BPS_DEFAULT, 0, 1_000,
                        "the shadow book's fill slippage against the mark (keep the executor's slippage-bps)"),
                r.integer("shadow-fee-bps", ExecutorConfig.FEE_BPS_DEFAULT, 0, 1_000,
                        "the shadow book's fee on the fill notional (keep the executor's fee-bps)"),
                r.integer("shadow-participation-bps", ExecutorConfig.PARTICIPATION_BPS_DEFAULT, 0, 10_000,
                        "the shadow book's fills take at most this share of the event's traded volume, 0: no cap "
                                + "(keep the executor's participation-bps)"),
                r.longValue("shadow-max-mark-age-ms", ExecutorConfig.MAX_MARK_AGE_MS_DEFAULT, 1, 600_000,
                        "a mark older than this is no price for a shadow buy (keep the executor's max-mark-age-ms)"));
        if (sample > period) {
            r.problem("promotion-sample-ms (" + sample + ") must be at most promotion-period-ms (" + period
                    + "): the curve needs a point in every period");
        }
        if (on == null || stages == null || types == null || sharpe == null || pValue == null) {
            return Optional.empty(); // the problem is recorded
        }
        PromotionGates gates = new PromotionGates(sharpe, momentum, meanReversion, drawdown, latency, minShadow, pValue,
                minTrades, minPeriods, minFills, retireAfter);
        gates.problems().forEach(p -> r.problem("promotion gates: " + p));
        return on ? Optional.of(new PromotionSettings(gates, types, stages, review, sample, window,
                new MetricsConfig(new Sampling(period), resamples, MetricsConfig.DEFAULT_SEED), costs))
                : Optional.empty();
    }

    /** NAME=VALUE pairs, comma-separated, each name a strategy name; empty entries ignored. */
    private static <T> Map<String, T> pairs(String v, java.util.function.Function<String, T> value) {
        Map<String, T> out = new java.util.LinkedHashMap<>();
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            if (eq < 0 || !Identifiers.valid(Identifiers.NAME, name)) {
                throw new IllegalArgumentException("has '" + Printable.of(part.trim()) + "', which is not NAME=VALUE "
                        + "with a strategy name (1..64 characters of [a-z0-9_])");
            }
            String raw = part.substring(eq + 1).trim();
            if (out.containsKey(name)) {
                throw new IllegalArgumentException("names " + name + " twice");
            }
            try {
                out.put(name, value.apply(raw.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("has '" + Printable.of(raw) + "' for " + name
                        + ", which is not one of the allowed values");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Double finite(String v) {
        double d = Double.parseDouble(v.trim());
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("must be a finite number");
        }
        return d;
    }

    /**
     * The operator token's SHA-256 (hex) from the operator-token-hash file; empty when the setting is empty, or when
     * it is left at its default and the certificates directory has no such file (the dashboard's admin actions are
     * then refused). A file named explicitly must exist and hold a hash.
     */
    private static String operatorTokenHash(ConfigReader r, NodeBasics basics) {
        String def = basics.certsDir() == null ? "" : basics.certsDir().resolve(OperatorToken.HASH_FILE).toString();
        return r.read(OPERATOR_TOKEN_HASH_KEY, def, "file with the SHA-256 of the operator token (memesnipe certs "
                + "writes operator.token.sha256): the token admits Trip and Reset through the gateway's REST API (the "
                + "dashboard); empty: only an admin certificate may trip or reset", v -> {
                    if (v.isBlank() || (v.equals(def) && !Files.exists(Path.of(v)))) {
                        return "";
                    }
                    try {
                        return OperatorToken.readHash(Path.of(v));
                    } catch (IOException e) {
                        throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
                    }
                });
    }

    /** Reads one regime's scale of the drawdown and daily-loss thresholds, whole percent. */
    private static int volatilityScale(ConfigReader r, String key, String regime) {
        return r.integer(key, VolatilityScales.DEFAULT_PCT, VolatilityScales.MIN_PCT, VolatilityScales.MAX_PCT,
                "while the market's volatility regime is " + regime + ", the drawdown and daily-loss thresholds are "
                        + "floor(threshold x this / 100), at most 100 %; 100 keeps them as set, above widens, below "
                        + "tightens; percent");
    }

    /** Reads a percentage such as "2.5" as basis points (250). */
    private static int pct(ConfigReader r, String key, String def, String doc) {
        Integer bps = r.read(key, def, doc + ", percent", v -> {
            long e8 = Fixed.parse(v);
            if (e8 < 0 || e8 > 100 * Fixed.ONE) {
                throw new IllegalArgumentException("must be a percentage between 0 and 100");
            }
            if (e8 % (Fixed.ONE / 100) != 0) {
                throw new IllegalArgumentException("has more than 2 decimals");
            }
            return (int) (e8 / (Fixed.ONE / 100));
        });
        return bps == null ? 0 : bps;
    }

    private static long orZero(Long v) {
        return v == null ? -1 : v;
    }

    /** A comma-separated list of strategy names, each matching {@link Identifiers#NAME}; at least one. */
    private static Set<String> strategyNames(String v) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!Identifiers.valid(Identifiers.NAME, name)) {
                throw new IllegalArgumentException("has '" + Printable.of(name) + "', which is not a strategy name "
                        + "(1..64 characters of [a-z0-9_])");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("must name at least one strategy");
        }
        return Collections.unmodifiableSet(names);
    }

    private static List<Integer> intList(String v) {
        try {
            return java.util.Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a comma-separated list of whole percents");
        }
    }
}
