package memesnipe.cli;

import memesnipe.backtest.walkforward.WalkForward;
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
    WalkForwardOptions walk = new WalkForwardOptions();

    @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "the strategy to promote")
    String strategy;

    @Mixin
    RiskAdminOptions admin = new RiskAdminOptions();

    @Option(names = "--type", defaultValue = "MOMENTUM", paramLabel = "TYPE",
            description = "the strategy's type for --dry-run's win-rate gate, MOMENTUM or MEAN_REVERSION (risk uses "
                    + "its own strategy-types setting; default: ${DEFAULT-VALUE})")
    StrategyType type;

    @Option(names = "--dry-run", description = "print the evidence and the default gates' verdict; send nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        WalkForwardOptions.Prepared run;
        try {
            run = walk.prepare("promote", List.of(strategy));
        } catch (WalkForwardOptions.Refused r) {
            return r.exitCode;
        }
        WalkForward.Result result;
        Evidence evidence;
        try {
            result = WalkForward.run(run.settings(), strategy, run.data(), run.inSampleMs(), run.outOfSampleMs(),
                    w -> { });
            evidence = result.outOfSampleEvidence();
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe promote: " + strategy + ": " + Printable.oneLine(e.getMessage(), 300));
            return 1;
        }
        String source = "walk-forward of " + walk.source() + ", " + result.windows().size()
                + " window(s), in-sample " + walk.inSample + ", out-of-sample " + walk.outOfSample;
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
        return AdminCommand.withAdmin("promote", admin, c -> Calls.unary(c, admin.address(),
                RiskGrpcClient.RecordBacktestEvidence, request, 10_000), view -> {
                    System.out.println("recorded with the risk node:");
                    StrategiesCommand.print(StrategyList.newBuilder().setPromotion(true).setAsOfMs(System.currentTimeMillis())
                            .addStrategies(view).build(), System.out);
                });
    }
}
