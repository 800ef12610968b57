package memesnipe.cli;

import memesnipe.kit.grpc.Calls;
import memesnipe.model.money.Fixed;
import memesnipe.model.text.Printable;
import memesnipe.v1.Evidence;
import memesnipe.v1.Figure;
import memesnipe.v1.GateView;
import memesnipe.v1.Interval;
import memesnipe.v1.ListStrategiesRequest;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.StrategyList;
import memesnipe.v1.StrategyView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Lists every strategy in the promotion pipeline as the risk node sees it, with the admin certificate. */
@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = {"Every strategy in the promotion pipeline: its stage and since when, type, allocation, why it is "
                + "where it is, the evidence of its last review and each gate's figure (with its 95 % confidence "
                + "interval where there is one), threshold and samples, and its last stage change. Figures are "
                + "measurements, never projections. Uses DIR/admin.pem from 'memesnipe certs'.",
                "Exit codes: 0 listed, 1 the risk node did not answer, 2 invalid options."})
final class StrategiesCommand implements Callable<Integer> {
    @Mixin
    RiskAdminOptions admin = new RiskAdminOptions();

    @Override
    public Integer call() {
        return AdminCommand.withAdmin("strategies", admin, c -> Calls.unary(c, admin.address(),
                RiskGrpcClient.ListStrategies, ListStrategiesRequest.getDefaultInstance(), 10_000),
                list -> print(list, System.out));
    }

    /** The table; every text from the risk node is escaped (a terminal must not run control sequences from a peer). */
    static void print(StrategyList list, PrintStream out) {
        out.printf("promotion pipeline %s, as of %s%n", list.getPromotion() ? "on" : "off (every strategy trades live)",
                time(list.getAsOfMs()));
        out.printf("%-24s %-9s %-21s %-15s %12s %9s%n", "STRATEGY", "STAGE", "SINCE (UTC)", "TYPE", "ALLOCATION",
                "DEMOTIONS");
        for (StrategyView s : list.getStrategiesList()) {
            out.printf("%-24s %-9s %-21s %-15s %12s %9d%n", Printable.of(s.getStrategy()), Printable.of(s.getStage()),
                    s.getSinceMs() == 0 ? "-" : time(s.getSinceMs()), Printable.of(s.getType()),
                    Fixed.format(s.getAllocationE8()), s.getDemotions());
            out.println("  why: " + Printable.of(s.getWhy(), 2000));
            if (s.hasEvidence()) {
                out.println("  evidence: " + evidence(s.getEvidence()) + ", reviewed " + time(s.getReviewedMs()));
                out.printf("    %-16s %-18s %-12s %-22s %-12s %s%n", "GATE", "OUTCOME", "FIGURE", "95% CI", "THRESHOLD",
                        "SAMPLES");
                for (GateView g : s.getGatesList()) {
                    out.printf("    %-16s %-18s %-12s %-22s %-12s %s%n", Printable.of(g.getGate()),
                            Printable.of(g.getOutcome()), figure(g.getGate(), g.getFigure()),
                            g.hasCi() ? interval(g.getGate(), g.getCi()) : "",
                            Printable.of(g.getComparison()) + " " + value(g.getGate(), g.getThreshold()),
                            g.getSampleUnit().isEmpty() ? "" : g.getSamples() + "/" + g.getMinSamples() + " "
                                    + Printable.of(g.getSampleUnit()));
                }
            }
            if (s.hasBacktest()) {
                out.println("  backtest evidence: " + evidence(s.getBacktest()));
            }
            if (s.hasLastChange()) {
                out.println("  last change " + time(s.getLastChange().getTimeMs()) + ": "
                        + Printable.of(s.getLastChange().getText(), 2000));
            }
        }
    }

    /** One line: the period, its returns, trades and fills, and the headline figures with their intervals. */
    static String evidence(Evidence e) {
        return String.format(Locale.ROOT, "%s to %s, %d returns of %s, Sharpe %s %s, %d trades (%d won, win rate %s), "
                        + "max drawdown %s, p-value %s, %d fills measured", time(e.getFromMs()), time(e.getToMs()),
                e.getPeriods(), Duration.ofMillis(e.getSamplingMs()), figure("SHARPE", e.getSharpe()),
                interval("SHARPE", e.getSharpeCi()), e.getTrades(), e.getWins(),
                e.getTrades() == 0 ? "n/a" : value("WIN_RATE", (double) e.getWins() / e.getTrades()),
                figure("MAX_DRAWDOWN", e.getMaxDrawdown()), figure("SIGNIFICANCE", e.getPValue()), e.getLatencySamples());
    }

    static String figure(String gate, Figure f) {
        return switch (f.getKindCase()) {
            case VALUE -> value(gate, f.getValue());
            case UNBOUNDED -> "unbounded";
            case NOT_AVAILABLE, KIND_NOT_SET -> "n/a";
        };
    }

    static String interval(String gate, Interval i) {
        return i.getNotAvailable().isEmpty() ? "[" + value(gate, i.getLow()) + ", " + value(gate, i.getHigh()) + "]"
                : "n/a";
    }

    /** A figure in its gate's unit: percent for rates and drawdowns, ms, a duration, or a plain number. */
    static String value(String gate, double x) {
        return switch (gate) {
            case "WIN_RATE", "MAX_DRAWDOWN" -> String.format(Locale.ROOT, "%.2f %%", x * 100);
            case "AVERAGE_LATENCY" -> String.format(Locale.ROOT, "%.1f ms", x);
            case "SHADOW_PERIOD" -> Duration.ofMillis((long) x).toString();
            case "SIGNIFICANCE" -> String.format(Locale.ROOT, "%.3f", x);
            default -> String.format(Locale.ROOT, "%.2f", x);
        };
    }

    static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString().replaceFirst("\\.\\d+Z$", "Z");
    }
}
