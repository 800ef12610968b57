package memesnipe.gateway.feed.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signal simulators by name, for the gateway's feed-scenarios setting: each runs beside the simulated price feed
 * with its effect planted ({@code name}) or not ({@code name:plain}), so a deployment can watch strategies that have an
 * edge and strategies that have none. Two feeds must not simulate the same symbol (two price processes would fight).
 */
public final class Scenarios {
    /** A simulator by name, with its effect planted or not. */
    public record Spec(String name, boolean planted) {
        public String label() {
            return planted ? name : name + ":plain";
        }
    }

    /** Makes a simulator from a seed and whether its effect is planted. */
    @FunctionalInterface
    interface Maker {
        ScenarioFeed make(long seed, boolean planted);
    }

    /** The step of every simulator run live: one tick per symbol per second. */
    static final long LIVE_STEP_MS = 1_000;
    private static final Map<String, Maker> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("social_buzz", SocialBuzzSim::new);
        // a tick a second, as every other simulator: risk holds a symbol without a tick for 5 s as stale
        BY_NAME.put("korean_session", (seed, planted) -> new KoreanSessionSim(seed, planted, LIVE_STEP_MS));
        BY_NAME.put("eth_breakout", BreakoutSim::new);
        BY_NAME.put("dev_wallet", DevWalletSim::new);
        BY_NAME.put("bridge_flow", BridgeFlowSim::new);
        BY_NAME.put("liquidity_migration", LiquidityMigrationSim::new);
        BY_NAME.put("airdrop", AirdropSim::new);
        BY_NAME.put("rug_pull", RugPullSim::new);
    }

    private Scenarios() {
    }

    /** Every simulator's name. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** "name[:plain],..." → specs; IllegalArgumentException naming the unknown or repeated one. */
    public static List<Spec> parse(String value) {
        List<Spec> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            boolean plain = item.endsWith(":plain");
            String name = plain ? item.substring(0, item.length() - ":plain".length()) : item;
            if (!BY_NAME.containsKey(name)) {
                throw new IllegalArgumentException("unknown scenario '" + memesnipe.model.text.Printable.of(name)
                        + "' (known: " + String.join(", ", BY_NAME.keySet()) + "; add :plain for no planted effect)");
            }
            if (out.stream().anyMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("scenario '" + name + "' named twice");
            }
            out.add(new Spec(name, !plain));
        }
        return List.copyOf(out);
    }

    /** The simulators, each seeded from the seed and its position. */
    public static List<ScenarioFeed> create(List<Spec> specs, long seed) {
        List<ScenarioFeed> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(BY_NAME.get(specs.get(i).name()).make(seed + 1 + i, specs.get(i).planted()));
        }
        return out;
    }

    /**
     * The symbols simulated by more than one of the scenarios or by a scenario and the price feed's own symbols, with
     * who simulates them; empty when none is shared.
     */
    public static Map<String, List<String>> sharedSymbols(List<Spec> specs, List<String> priceFeedSymbols) {
        Map<String, List<String>> owners = new HashMap<>();
        priceFeedSymbols.forEach(s -> owners.computeIfAbsent(s, k -> new ArrayList<>()).add("the simulated feed"));
        List<ScenarioFeed> feeds = create(specs, 0);
        for (int i = 0; i < specs.size(); i++) {
            String name = specs.get(i).name();
            feeds.get(i).symbols().forEach(s -> owners.computeIfAbsent(s, k -> new ArrayList<>()).add(name));
        }
        Map<String, List<String>> shared = new java.util.TreeMap<>();
        owners.forEach((symbol, who) -> {
            if (who.size() > 1) {
                shared.put(symbol, List.copyOf(who));
            }
        });
        return shared;
    }
}
