package memesnipe.cli;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.walkforward.WalkForward;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayFileException;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.model.text.Printable;
import memesnipe.performance.promotion.Evidence;
import memesnipe.performance.promotion.GateCheck;
import memesnipe.performance.promotion.GateResult;
import memesnipe.performance.promotion.PromotionGates;
import memesnipe.performance.promotion.StrategyType;
import memesnipe.risk.EvidenceWire;
import memesnipe.v1.BacktestEvidence;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.StrategyList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Runs a strategy's walk-forward and records its out-of-sample evidence with the risk node (BACKTEST gates). */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Walks the strategy forward over market data (parameters chosen in-sample only), measures its "
                + "out-of-sample evidence (Sharpe with its 95 % interval, win rate, p-value of the edge, each with its "
                + "samples) and sends it to the risk node, which applies its BACKTEST gates: when all pass, the "
                + "strategy moves to SHADOW. Uses DIR/admin.pem from 'memesnipe certs'. --dry-run prints the evidence "
                + "judged by the default gates and sends nothing.",
                "Exit codes: 0 recorded (or printed), 1 unreadable or too little data, or the risk node refused or did "
                        + "not answer, 2 invalid options."})
final class PromoteCommand implements Callable<Integer> {
    @Mixin
    MarketDataOptions market = new MarketDataOptions();

    @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "the strategy to promote")
    String strategy;

    @Option(names = "--in-sample", defaultValue = "P2D", paramLabel = "DURATION",
            description = "in-sample length, ISO-8601 (default: ${DEFAULT-VALUE})")
    String inSample;

    @Option(names = "--out-of-sample", defaultValue = "P1D", paramLabel = "DURATION",
            description = "out-of-sample length and window step (default: ${DEFAULT-VALUE})")
    String outOfSample;

    @Option(names = "--risk", defaultValue = "127.0.0.1:7003", description = "risk node gRPC address (default: ${DEFAULT-VALUE})")
    String risk;

    @Option(names = "--certs", defaultValue = "certs", paramLabel = "DIR",
            description = "directory with ca.pem, admin.pem, admin-key.pem (default: ${DEFAULT-VALUE})")
    Path certs;

    @Option(names = "--type", defaultValue = "MOMENTUM", paramLabel = "TYPE",
            description = "the strategy's type for --dry-run's win-rate gate, MOMENTUM or MEAN_REVERSION (risk uses "
                    + "its own strategy-types setting; default: ${DEFAULT-VALUE})")
    StrategyType type;

    @Option(names = "--dry-run", description = "print the evidence and the default gates' verdict; send nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        KernelSettings settings;
        long in;
        long oos;
        try {
            settings = market.settings(List.of(strategy));
            in = WalkForwardCommand.duration(inSample, "--in-sample");
            oos = WalkForwardCommand.duration(outOfSample, "--out-of-sample");
            market.format();
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe promote: " + Printable.oneLine(e.getMessage(), 300));
            return 2;
        }
        ReplayData loaded;
        try {
            loaded = market.load();
        } catch (ReplayFileException e) {
            System.err.println("memesnipe promote: " + Printable.oneLine(e.getMessage(), 500));
            return 1;
        }
        List<Arrival> data = market.arrivals(loaded);
        WalkForward.Result result;
        Evidence evidence;
        try {
            result = WalkForward.run(settings, strategy, data, in, oos, w -> { });
            evidence = result.outOfSampleEvidence();
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe promote: " + strategy + ": " + Printable.oneLine(e.getMessage(), 300));
            return 1;
        }
        String source = "walk-forward of " + market.fileName() + ", " + result.windows().size() + " window(s), in-sample "
                + inSample + ", out-of-sample " + outOfSample;
        System.out.println(strategy + " out of sample (" + source + "):");
        System.out.println("  " + StrategiesCommand.evidence(EvidenceWire.toWire(evidence)));
        if (dryRun) {
            System.out.println("  against the default gates (" + type + "; risk applies its own settings):");
            for (GateResult g : GateCheck.all(GateCheck.BACKTEST_GATES, evidence, type, PromotionGates.defaults())) {
                System.out.println("    " + g.outcome() + "  " + g.text());
            }
            return 0;
        }
        BacktestEvidence request = BacktestEvidence.newBuilder().setStrategy(strategy)
                .setEvidence(EvidenceWire.toWire(evidence)).setSource(source).build();
        return AdminCommand.withAdmin("promote", risk, certs, c -> Calls.unary(c, HostPort.parse(risk),
                RiskGrpcClient.RecordBacktestEvidence, request, 10_000), view -> {
                    System.out.println("recorded with the risk node:");
                    StrategiesCommand.print(StrategyList.newBuilder().setPromotion(true).setAsOfMs(System.currentTimeMillis())
                            .addStrategies(view).build(), System.out);
                });
    }
}
