package memesnipe.cli;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.walkforward.ParameterGrid;
import memesnipe.backtest.walkforward.WalkForward;
import memesnipe.model.text.Printable;
import memesnipe.strategy.core.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Walk-forward analysis: parameters chosen in-sample only, judged on the out-of-sample time that follows. */
@Command(name = "walkforward", mixinStandardHelpOptions = true,
        description = {"Rolling in-sample/out-of-sample windows over market data: in each window every parameter set "
                + "of the strategy's grid is backtested in-sample, the best in-sample return is chosen, and only that "
                + "one runs on the out-of-sample time that follows. Prints both side by side (overfitting shows as "
                + "in-sample gains that do not last) and the out-of-sample returns compounded.",
                "Exit codes: 0 done, 1 unreadable data or report, or too little data, 2 invalid options."})
final class WalkForwardCommand implements Callable<Integer> {
    @Mixin
    WalkForwardOptions walk = new WalkForwardOptions();

    @Option(names = "--strategy", split = ",", paramLabel = "NAME",
            description = "strategies, each walked forward on its own (default: all of them)")
    List<String> strategies;

    @Option(names = "--report", paramLabel = "FILE.html", description = "also write the windows as a self-contained HTML table")
    Path report;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        List<String> names = strategies == null ? Strategies.KNOWN : strategies;
        WalkForwardOptions.Prepared run;
        try {
            run = walk.prepare("walkforward", names);
        } catch (WalkForwardOptions.Refused r) {
            return r.exitCode;
        }
        List<Arrival> data = run.data();
        String inSample = walk.inSample;
        String outOfSample = walk.outOfSample;
        List<WalkForward.Result> results = new ArrayList<>();
        for (String strategy : names) {
            out.printf("%s on %s (%,d events), in-sample %s, out-of-sample %s, %d parameter sets:%n", strategy,
                    walk.source(), data.size(), inSample, outOfSample, ParameterGrid.of(strategy).size());
            out.printf("  %-3s %-20s %-20s %-32s %12s %8s %12s %8s%n", "#", "in-sample from", "out-of-sample from",
                    "chosen in-sample", "in return", "trades", "out return", "trades");
            try {
                results.add(WalkForward.run(run.settings(), strategy, data, run.inSampleMs(), run.outOfSampleMs(),
                        w -> out.printf(Locale.ROOT,
                        "  %-3d %-20s %-20s %-32s %11.2f%% %8d %11.2f%% %8d%n", w.index(), day(w.inFromMs()),
                        day(w.inToMs()), w.chosen(), w.inReturn() * 100, w.inTrades(), w.outReturn() * 100,
                        w.outTrades())));
            } catch (IllegalArgumentException e) {
                System.err.println("memesnipe walkforward: " + strategy + ": " + Printable.oneLine(e.getMessage(), 300));
                return 1;
            }
            WalkForward.Result r = results.get(results.size() - 1);
            out.printf(Locale.ROOT, "  mean in-sample return %.2f %%, mean out-of-sample return %.2f %%, "
                            + "out-of-sample compounded %.2f %% over %d window(s)%n", r.meanInSampleReturn() * 100,
                    r.meanOutOfSampleReturn() * 100, r.compoundedOutOfSampleReturn() * 100, r.windows().size());
        }
        if (report != null) {
            try {
                Files.writeString(report, html(results), StandardCharsets.UTF_8);
                out.println("report: " + report.toAbsolutePath());
            } catch (IOException e) {
                System.err.println("memesnipe walkforward: cannot write " + report + ": "
                        + Printable.oneLine(e.getMessage(), 300));
                return 1;
            }
        }
        return 0;
    }

    static long duration(String text, String option) {
        try {
            long ms = Duration.parse(text).toMillis();
            if (ms <= 0) {
                throw new IllegalArgumentException(option + " must be longer than zero");
            }
            return ms;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 duration such as P2D or PT12H");
        }
    }

    static String day(long ms) {
        return Instant.ofEpochMilli(ms).toString().substring(0, 16).replace('T', ' ');
    }

    /** One self-contained page: a table per strategy, in-sample and out-of-sample side by side. */
    static String html(List<WalkForward.Result> results) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<title>Walk-forward</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:"
                + "collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td.l,th.l{text-align:left}"
                + ".neg{color:#b00}</style></head><body><h1>Walk-forward</h1>");
        for (WalkForward.Result r : results) {
            b.append("<h2>").append(escape(r.strategy())).append("</h2><table><tr><th>#</th><th class=\"l\">in-sample"
                    + "</th><th class=\"l\">out-of-sample</th><th class=\"l\">chosen in-sample</th><th>in-sample return"
                    + "</th><th>trades</th><th>out-of-sample return</th><th>trades</th></tr>");
            for (WalkForward.Window w : r.windows()) {
                b.append("<tr><td>").append(w.index()).append("</td><td class=\"l\">").append(day(w.inFromMs()))
                        .append(" to ").append(day(w.inToMs())).append("</td><td class=\"l\">").append(day(w.inToMs()))
                        .append(" to ").append(day(w.outToMs())).append("</td><td class=\"l\">").append(escape(w.chosen()))
                        .append("</td>").append(pctCell(w.inReturn())).append("<td>").append(w.inTrades()).append("</td>")
                        .append(pctCell(w.outReturn())).append("<td>").append(w.outTrades()).append("</td></tr>");
            }
            b.append("<tr><th class=\"l\" colspan=\"4\">mean (out-of-sample compounded: ")
                    .append(String.format(Locale.ROOT, "%.2f %%", r.compoundedOutOfSampleReturn() * 100))
                    .append(")</th>").append(pctCell(r.meanInSampleReturn())).append("<td></td>")
                    .append(pctCell(r.meanOutOfSampleReturn())).append("<td></td></tr></table>");
        }
        return b.append("</body></html>\n").toString();
    }

    static String pctCell(double fraction) {
        return "<td" + (fraction < 0 ? " class=\"neg\"" : "") + ">"
                + String.format(Locale.ROOT, "%.2f %%", fraction * 100) + "</td>";
    }

    static String escape(String text) {
        return memesnipe.backtest.report.Html.escape(text);
    }
}
