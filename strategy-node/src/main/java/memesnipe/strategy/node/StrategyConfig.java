package memesnipe.strategy.node;

import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.NodeBasics;
import memesnipe.kit.config.Settings;
import memesnipe.kit.money.OrderLimits;
import memesnipe.kit.tls.NodeName;
import memesnipe.strategy.core.Strategies;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The strategy node's validated configuration.
 * Keys: host, grpc-port, certs-dir, tls-ca, tls-cert, tls-key, gateway, risk, strategies, strategy-params,
 * order-notional, max-in-flight.
 */
public record StrategyConfig(NodeBasics basics, HostPort gateway, HostPort risk, List<String> strategies,
                             Map<String, Map<String, String>> strategyParams, long orderNotionalE8, int maxInFlight) {
    public static final int DEFAULT_PORT = 7002;

    /** Reads and validates every key; throws ConfigException listing all problems (unknown keys too). */
    public static StrategyConfig from(Settings settings) {
        return ConfigReader.validate(settings, StrategyConfig::read);
    }

    /** Key → documentation with its default, for --help. */
    public static Map<String, String> documentation() {
        return ConfigReader.describe(StrategyConfig::read);
    }

    /** Entry size asked of risk, USD (decimal): the node's and the backtest's default. */
    public static final String ORDER_NOTIONAL_DEFAULT = "200";

    private static StrategyConfig read(ConfigReader r) {
        NodeBasics basics = NodeBasics.read(r, NodeName.STRATEGY, DEFAULT_PORT);
        HostPort gateway = r.hostPort("gateway", "127.0.0.1:7001", "gateway gRPC address (MarketData.Subscribe)");
        HostPort risk = r.hostPort("risk", "127.0.0.1:7003", "risk node gRPC address (Risk.Submit)");
        List<String> strategies = r.read("strategies", String.join(",", Strategies.NAMES),
                "strategies to run, comma-separated, from " + Strategies.KNOWN, StrategyConfig::strategyList);
        Map<String, Map<String, String>> params = r.read("strategy-params", "",
                "strategy parameters replacing defaults, 'name.param=value;...' (e.g. 'momentum_5m.entryReturn=0.008;"
                        + "momentum_5m.exits.stopLossBps=200'); names as in the strategy's Params (README)",
                StrategyConfig::paramList);
        Long notional = r.read("order-notional", ORDER_NOTIONAL_DEFAULT,
                "entry order size asked of the risk node, USD (decimal)", OrderLimits::positive);
        int maxInFlight = r.integer("max-in-flight", 64, 1, 100_000,
                "intents awaiting a risk answer; beyond this new entries are skipped (exits never)");
        if (params != null && strategies != null) {
            for (Map.Entry<String, Map<String, String>> e : params.entrySet()) {
                if (!strategies.contains(e.getKey())) {
                    r.problem("strategy-params names '" + e.getKey() + "', which is not among the strategies run "
                            + strategies);
                } else {
                    try {
                        Strategies.create(e.getKey(), e.getValue());
                    } catch (IllegalArgumentException bad) {
                        r.problem("strategy-params for " + e.getKey() + ": " + bad.getMessage());
                    }
                }
            }
        }
        return new StrategyConfig(basics, gateway, risk, strategies, params == null ? Map.of() : params,
                notional == null ? 0 : notional, maxInFlight);
    }

    /** The parameters of one strategy (none when not set). */
    public Map<String, String> paramsOf(String strategy) {
        return strategyParams.getOrDefault(strategy, Map.of());
    }

    /** 'name.param=value;...' → name → param → value (names checked against the catalogue). */
    static Map<String, Map<String, String>> paramList(String value) {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        for (String part : value.split(";")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            int dot = item.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) {
                throw new IllegalArgumentException("'" + memesnipe.model.text.Printable.of(item)
                        + "' is not name.param=value");
            }
            String name = item.substring(0, dot).trim();
            if (!Strategies.KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown strategy '" + memesnipe.model.text.Printable.of(name)
                        + "' (known: " + String.join(", ", Strategies.KNOWN) + ")");
            }
            out.computeIfAbsent(name, k -> new java.util.LinkedHashMap<>())
                    .put(item.substring(dot + 1, eq).trim(), item.substring(eq + 1).trim());
        }
        return out;
    }

    private static List<String> strategyList(String value) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!Strategies.KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown strategy '" + name + "' (known: "
                        + String.join(", ", Strategies.KNOWN) + ")");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("must name at least one strategy");
        }
        return List.copyOf(names);
    }
}
