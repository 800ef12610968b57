package memesnipe.cli;

import io.vertx.core.Vertx;
import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.walkforward.WalkForward;
import memesnipe.gateway.feed.sim.Scenarios;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.model.text.Printable;
import memesnipe.risk.EvidenceWire;
import memesnipe.v1.BacktestEvidence;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.StrategyView;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The demo's backtest step of the promotion pipeline: every signal strategy it runs whose simulator it runs too is
 * walked forward on that simulator (the same seed, and planted or not as the demo runs it) and its out-of-sample
 * evidence is recorded with risk over the admin certificate, exactly as 'memesnipe promote --scenario' does; risk's
 * gates then move it to SHADOW or keep it in BACKTEST. A strategy on a plain simulator has no edge to find, so the demo
 * shows both outcomes. Runs on a thread of its own, after the cluster is up.
 */
final class DemoPromotion {
    /** The simulator whose effect each signal strategy trades (the gateway's feed-scenarios names). */
    static final Map<String, String> SCENARIO_OF = Map.of(
            "social_buzz", "social_buzz", "korean_time_burst", "korean_session",
            "eth_breakout_momentum", "eth_breakout", "dev_wallet_drain", "dev_wallet", "bridge_inflow", "bridge_flow",
            "liquidity_migration", "liquidity_migration", "airdrop_rotation", "airdrop", "rug_pull_sniffer", "rug_pull");
    /** Simulated hours each walk-forward covers: two days, so the Seoul morning falls out of sample too. */
    static final int HOURS = 48;
    static final long IN_SAMPLE_MS = 6 * 3_600_000L;
    static final long OUT_OF_SAMPLE_MS = 6 * 3_600_000L;

    /**
     * The risk settings the demo adds when it runs simulators: evidence in one-minute periods and ten minutes of
     * shadow before LIVE, so a run of the demo can show the stages (every gate keeps its threshold).
     */
    static final Map<String, String> RISK_SETTINGS = Map.of("promotion-period-ms", "60000",
            "promotion-sample-ms", "5000", "promotion-review-ms", "15000",
            memesnipe.risk.RiskConfig.MIN_SHADOW_MS_KEY, "600000");

    private DemoPromotion() {
    }

    /** The strategies of the list that have their simulator among the scenarios, with it. */
    static List<Map.Entry<String, Scenarios.Spec>> pairs(List<String> strategies, List<Scenarios.Spec> scenarios) {
        return strategies.stream().flatMap(s -> scenarios.stream()
                .filter(spec -> spec.name().equals(SCENARIO_OF.get(s))).findFirst()
                .map(spec -> Map.entry(s, spec)).stream()).toList();
    }

    /** Walks each pair forward and records its evidence; one line per strategy on out. */
    static void run(Vertx vertx, TlsFiles admin, HostPort risk, List<Map.Entry<String, Scenarios.Spec>> pairs,
                    long seed, PrintStream out) {
        io.vertx.grpc.client.GrpcClient client = GrpcClients.create(vertx, admin);
        for (Map.Entry<String, Scenarios.Spec> pair : pairs) {
            String strategy = pair.getKey();
            Scenarios.Spec spec = pair.getValue();
            try {
                List<Arrival> data = Arrival.simulate(Scenarios.create(List.of(spec), seed).get(0),
                        WalkForwardOptions.SCENARIO_START_MS, WalkForwardOptions.SCENARIO_START_MS
                                + HOURS * 3_600_000L + 1_000, 1_000);
                WalkForward.Result result = WalkForward.run(KernelSettings.defaults().withStrategies(List.of(strategy)),
                        strategy, data, IN_SAMPLE_MS, OUT_OF_SAMPLE_MS, w -> { });
                String source = "demo: walk-forward on simulator " + spec.label() + " (seed " + seed + ", " + HOURS
                        + " simulated hours, " + result.windows().size() + " windows of 6 h in / 6 h out)";
                BacktestEvidence request = BacktestEvidence.newBuilder().setStrategy(strategy)
                        .setEvidence(EvidenceWire.toWire(result.outOfSampleEvidence())).setSource(source).build();
                StrategyView view = Calls.unary(client, risk, RiskGrpcClient.RecordBacktestEvidence, request, 10_000)
                        .await(30, TimeUnit.SECONDS);
                out.println("[promotion] " + strategy + " on " + spec.label() + ": " + view.getStage()
                        + Optional.of(view.getWhy()).filter(w -> !w.isEmpty()).map(w -> " (" + w + ")").orElse(""));
            } catch (Exception e) {
                out.println("[promotion] " + strategy + ": no evidence recorded: "
                        + Printable.oneLine(NodeCommand.rootMessage(e), 300));
            }
        }
        java.lang.ref.Reference.reachabilityFence(client); // an unreachable Vert.x client closes its pool
    }
}
