package memesnipe.cli;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.report.HtmlReport;
import memesnipe.backtest.report.TextSummary;
import memesnipe.backtest.run.Backtest;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayEvent;
import memesnipe.gateway.replay.ReplayFileException;
import memesnipe.gateway.replay.ReplayFiles;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.gateway.validation.ValidationLimits;
import memesnipe.model.money.Fixed;
import memesnipe.model.text.Printable;
import memesnipe.strategy.core.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "market data: trades CSV (timestamp,price,amount), OHLCV bars (CSV or JSON) or a journal export")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "the data's format (default: guessed from the file); one of trades-csv, bars-csv, bars-json, journal-csv")
    String format;

    @Option(names = "--symbol", defaultValue = "BTC",
            description = "symbol of a file that names none (default: ${DEFAULT-VALUE})")
    String symbol;

    @Option(names = "--strategy", split = ",", paramLabel = "NAME",
            description = "strategies to run, comma-separated (default: all of them)")
    List<String> strategies;

    @Option(names = "--from", paramLabel = "TIME", description = "first time included: ISO date (2013-11-26) or instant")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "first time excluded: ISO date or instant")
    String to;

    @Option(names = "--fee-bps", paramLabel = "BPS", description = "paper fee on the fill notional (default: the executor's)")
    Integer feeBps;

    @Option(names = "--slippage-bps", paramLabel = "BPS",
            description = "paper slippage against the mark (default: the executor's)")
    Integer slippageBps;

    @Option(names = "--capital", paramLabel = "USD", description = "starting capital (default: a new deployment's)")
    String capital;

    @Option(names = "--liquidity-usd", defaultValue = "1000000000", paramLabel = "USD",
            description = "quoted liquidity assumed for data that carries none, for the liquidity check (default: ${DEFAULT-VALUE})")
    double liquidityUsd;

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
        ReplayFormat fmt = null;
        try {
            settings = settings();
            fromMs = from == null ? Long.MIN_VALUE : time(from, "--from");
            toMs = to == null ? Long.MAX_VALUE : time(to, "--to");
            if (format != null) {
                fmt = ReplayFormat.fromId(format).orElseThrow(() -> new IllegalArgumentException(
                        "--format must be one of " + ReplayFormat.ids()));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe backtest: " + Printable.oneLine(e.getMessage(), 300));
            return 2;
        }
        ReplayData loaded;
        try {
            loaded = ReplayFiles.load(data, fmt, symbol);
        } catch (ReplayFileException e) {
            System.err.println("memesnipe backtest: " + Printable.oneLine(e.getMessage(), 500));
            return 1;
        }
        if (loaded.rejections().total() > 0) {
            out.println("data: " + loaded.rejections().summary(5));
        }
        List<RawTick> ticks = new ArrayList<>(loaded.events().size());
        for (ReplayEvent e : loaded.events()) {
            ticks.add(new RawTick(e.symbol(), e.priceDouble(), e.volumeDouble(), liquidityUsd, e.eventTimeMs()));
        }
        int total = ticks.size();
        long t0 = System.nanoTime();
        Backtest.Result r;
        try {
            r = Backtest.run(settings, Arrival.asRecorded(ticks), fromMs, toMs, n -> {
                if (!quiet && total >= 100_000) {
                    System.err.printf("\rbacktest: %3d %% (%,d of %,d events)", n * 100 / total, n, total);
                }
            });
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe backtest: " + Printable.oneLine(e.getMessage(), 300) + " (" + total
                    + " events in " + Printable.of(data.getFileName().toString()) + ")");
            return 1;
        }
        if (!quiet && total >= 100_000) {
            System.err.println();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf("backtest of %s (%s, %,d events, %,d accepted) with %s in %.2f s%n",
                Printable.of(data.getFileName().toString()), loaded.format().id(), r.events(), r.accepted(),
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
                HtmlReport.write(r.report("Backtest of " + data.getFileName() + " (" + String.join(", ",
                        settings.strategies()) + ")"), report);
                out.println("report: " + report.toAbsolutePath());
            } catch (IOException e) {
                System.err.println("memesnipe backtest: cannot write " + report + ": " + Printable.oneLine(e.getMessage(), 300));
                return 1;
            }
        }
        return 0;
    }

    private KernelSettings settings() {
        KernelSettings s = KernelSettings.defaults();
        if (strategies != null) {
            for (String name : strategies) {
                if (!Strategies.KNOWN.contains(name)) {
                    throw new IllegalArgumentException("unknown strategy '" + Printable.of(name, 80) + "' (known: "
                            + String.join(", ", Strategies.KNOWN) + ")");
                }
            }
            s = s.withStrategies(strategies);
        }
        if (feeBps != null || slippageBps != null) {
            int fee = feeBps == null ? s.feeBps() : feeBps;
            int slip = slippageBps == null ? s.slippageBps() : slippageBps;
            if (fee < 0 || fee > 1_000 || slip < 0 || slip > 1_000) {
                throw new IllegalArgumentException("--fee-bps and --slippage-bps must be within 0..1000");
            }
            s = s.withCosts(slip, fee);
        }
        if (capital != null) {
            long c;
            try {
                c = Fixed.parse(capital);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--capital is not a decimal amount");
            }
            if (c <= 0) {
                throw new IllegalArgumentException("--capital must be > 0");
            }
            s = s.withCapital(c);
        }
        if (!(liquidityUsd >= 0)) {
            throw new IllegalArgumentException("--liquidity-usd must be >= 0");
        }
        // recorded data is historical: only the event-time checks against the data's own clock apply
        ValidationLimits v = s.validation();
        return s.withValidation(new ValidationLimits(v.maxAgeMs(), v.maxFutureMs(), v.maxDeviationPct(),
                Math.min(v.minLiquidityUsd(), liquidityUsd)));
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
