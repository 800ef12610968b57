package memesnipe.cli;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.report.HtmlReport;
import memesnipe.backtest.report.TextSummary;
import memesnipe.backtest.run.Backtest;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayFileException;
import memesnipe.model.money.Fixed;
import memesnipe.model.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/** Backtests strategies on recorded or historical data through the same kernel stages the nodes run live. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay market data through the trading kernel: the gateway's validation, the strategies, the "
                + "risk engine with its breaker and limits, and the paper venue's fees and slippage, on one thread with "
                + "the data's own clock. Prints the figures; --report writes a self-contained HTML report.",
                "Exit codes: 0 done, 1 unreadable data or report file, 2 invalid options."})
final class BacktestCommand implements Callable<Integer> {
    /** Breaker transitions printed on the console; the HTML report has all. */
    static final int SHOWN_TRANSITIONS = 10;

    @picocli.CommandLine.Mixin
    MarketDataOptions market = new MarketDataOptions();

    @Option(names = "--strategy", split = ",", paramLabel = "NAME",
            description = "strategies to run, comma-separated (default: all of them)")
    List<String> strategies;

    @Option(names = "--from", paramLabel = "TIME", description = "first time included: ISO date (2013-11-26) or instant")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "first time excluded: ISO date or instant")
    String to;

    @Option(names = "--report", paramLabel = "FILE.html", description = "also write a self-contained HTML report")
    Path report;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        KernelSettings settings;
        long fromMs;
        long toMs;
        try {
            if (market.data == null) {
                throw new IllegalArgumentException("--data FILE is required");
            }
            settings = market.settings(strategies);
            fromMs = from == null ? Long.MIN_VALUE : time(from, "--from");
            toMs = to == null ? Long.MAX_VALUE : time(to, "--to");
            market.format();
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe backtest: " + Printable.oneLine(e.getMessage(), 300));
            return 2;
        }
        ReplayData loaded;
        try {
            loaded = market.load(settings);
        } catch (ReplayFileException e) {
            System.err.println("memesnipe backtest: " + Printable.oneLine(e.getMessage(), 500));
            return 1;
        }
        if (loaded.rejections().total() > 0) {
            out.println("data: " + loaded.rejections().summary(5));
        }
        List<Arrival> ticks = market.arrivals(loaded);
        int total = ticks.size();
        long t0 = System.nanoTime();
        Backtest.Result r;
        try {
            r = Backtest.run(settings, ticks, fromMs, toMs, n -> {
                if (!quiet && total >= 100_000) {
                    System.err.printf("\rbacktest: %3d %% (%,d of %,d events)", n * 100 / total, n, total);
                }
            });
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe backtest: " + Printable.oneLine(e.getMessage(), 300) + " (" + total
                    + " events in " + market.fileName() + ")");
            return 1;
        }
        if (!quiet && total >= 100_000) {
            System.err.println();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf("backtest of %s (%s, %,d events, %,d accepted) with %s in %.2f s%n",
                market.fileName(), loaded.format().id(), r.events(), r.accepted(),
                String.join(", ", settings.strategies()), seconds);
        out.printf("intents %,d (denied %,d), fills %,d, trades %,d, final equity %s USD%n", r.intents(), r.denied(),
                r.fills().size(), r.trades().size(), Fixed.format(r.finalEquityE8()));
        if (!r.orderRejections().isEmpty()) {
            out.println("orders the venue refused: " + r.orderRejections());
        }
        out.println("breaker transitions: " + r.breaker().size());
        r.breaker().stream().limit(SHOWN_TRANSITIONS).forEach(b -> out.println("  " + Instant.ofEpochMilli(b.timeMs())
                + " " + b.fromTier() + " -> " + b.toTier() + ": " + Printable.of(b.reason(), 200)));
        if (r.breaker().size() > SHOWN_TRANSITIONS) {
            out.println("  ... " + (r.breaker().size() - SHOWN_TRANSITIONS) + " more (all of them in the --report)");
        }
        out.print(TextSummary.format(r.metrics()));
        if (report != null) {
            try {
                HtmlReport.write(r.report("Backtest of " + market.fileName() + " (" + String.join(", ",
                        settings.strategies()) + ")"), report);
                out.println("report: " + report.toAbsolutePath());
            } catch (IOException e) {
                System.err.println("memesnipe backtest: cannot write " + report + ": " + Printable.oneLine(e.getMessage(), 300));
                return 1;
            }
        }
        return 0;
    }

    static long time(String text, String option) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " must be a date (2013-11-26) or an instant "
                        + "(2013-11-26T12:00:00Z)");
            }
        }
    }
}
