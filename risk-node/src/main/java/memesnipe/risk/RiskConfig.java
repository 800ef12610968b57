package memesnipe.risk;

import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.NodeBasics;
import memesnipe.kit.config.Settings;
import memesnipe.kit.money.Fixed;
import memesnipe.kit.tls.NodeName;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The risk node's validated configuration: where it listens, its peers, capital, breaker thresholds and limits. */
public record RiskConfig(NodeBasics basics, HostPort gateway, HostPort executor, long initialCapitalE8, String venue,
                         BreakerThresholds thresholds, RiskLimits limits, ExecutionQuality.Limits quality,
                         long evaluateEveryMs, Path stateFile) {

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
        Long capital = r.read("initial-capital", "10000", "starting equity, USD", Fixed::parse);
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
                r.read("trading-day-zone", "UTC", "zone whose midnight starts a trading day", ZoneId::of));
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
                orZero(r.read("max-order-notional", "900", "largest single order, USD; larger exits go in pieces "
                        + "(keep it below the signer's max-order-notional)", Fixed::parse)));
        ExecutionQuality.Limits q = new ExecutionQuality.Limits(
                r.integer("quality-window", 50, 1, 10_000, "orders in the rolling execution-quality window"),
                r.integer("quality-min-samples", 10, 1, 10_000, "orders needed before quality can raise the breaker"),
                r.longValue("quality-degraded-p95-ms", 1000, 1, 600_000, "p95 order latency that is DEGRADED (WARNING)"),
                r.longValue("quality-bad-p95-ms", 3000, 1, 600_000, "p95 order latency that is BAD (CRITICAL)"),
                pct(r, "quality-degraded-slippage-pct", "1", "average slippage that is DEGRADED"),
                pct(r, "quality-bad-slippage-pct", "3", "average slippage that is BAD"),
                r.integer("quality-degraded-error-pct", 10, 1, 100, "order error/reject rate that is DEGRADED"),
                r.integer("quality-bad-error-pct", 30, 1, 100, "order error/reject rate that is BAD"));
        long every = r.longValue("evaluate-every-ms", 250, 10, 60_000, "breaker re-evaluation period without ticks");
        Path stateFile = r.path("state-file", "risk-breaker-state.json", "where the breaker state is kept across "
                + "restarts (absent = a new deployment; unreadable = start CRITICAL)");
        if (t.rampPct() != null && t.tradingDayZone() != null) {
            t.problems().forEach(r::problem);
        }
        if (limits.minNotionalE8() >= 0) {
            limits.problems().forEach(r::problem);
        }
        if (capital != null && capital <= 0) {
            r.problem("initial-capital must be > 0");
        }
        return new RiskConfig(basics, gateway, executor, capital == null ? 0 : capital, venue, t, limits, q, every,
                stateFile);
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

    private static List<Integer> intList(String v) {
        try {
            return java.util.Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a comma-separated list of whole percents");
        }
    }
}
