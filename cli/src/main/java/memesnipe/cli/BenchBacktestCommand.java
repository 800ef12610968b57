package memesnipe.cli;

import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.kernel.TradingKernel;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayEvent;
import memesnipe.gateway.replay.ReplayFileException;
import memesnipe.gateway.replay.ReplayFiles;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.model.FillEvent;
import memesnipe.model.Purpose;
import memesnipe.strategy.core.SmaCross;
import memesnipe.strategy.core.Strategies;
import memesnipe.strategy.core.Strategy;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.zip.ZipFile;

/**
 * Events/s through the whole trading kernel on one thread (validation, strategies, risk with its breaker, the paper
 * venue, fills back), on real trades looped to a large count, beside the same moving-average crossover in ta4j on the
 * same prices (one bar per trade), as a ratio measured in the same run.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Events/s through the full trading kernel on one thread, on real trades looped to --events "
                + "(alternately forward and backward, so prices stay continuous), and the same 10/30 moving-average "
                + "crossover in ta4j " + "0.17 on the same prices (one bar per trade), as a ratio; also the kernel "
                + "with the default strategies, allocation per event and the process's RSS.",
                "Data: --data FILE, or by default the Bitstamp BTC/USD trades inside the ta4j-examples 0.18 jar in "
                        + "the local Maven repository (the test command downloads it)."})
final class BenchBacktestCommand implements Callable<Integer> {
    static final String DEFAULT_ENTRY = "bitstamp_trades_from_20131125_usd.csv";

    @Option(names = "--data", paramLabel = "FILE", description = "trades or bars to loop (default: the ta4j-examples BTC trades)")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "replay format of --data (default: guessed)")
    String format;

    @Option(names = "--events", defaultValue = "10000000", description = "events per measured kernel run (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--warmup-events", defaultValue = "5000000",
            description = "events through a kernel of the same strategies before each measured run, not counted, so "
                    + "the JIT has compiled the path (default: ${DEFAULT-VALUE})")
    long warmupEvents;

    @Option(names = "--ta4j-bars", defaultValue = "2000000",
            description = "bars through ta4j for its figure (default: ${DEFAULT-VALUE}; it keeps every bar of a pass in memory)")
    long ta4jBars;

    @Override
    public Integer call() throws Exception {
        if (events < 1_000 || ta4jBars < 1_000 || warmupEvents < 0) {
            System.err.println("memesnipe bench backtest: --events and --ta4j-bars must be >= 1000, --warmup-events >= 0");
            return 2;
        }
        List<RawTick> trades;
        try {
            trades = load();
        } catch (IOException | ReplayFileException e) {
            System.err.println("memesnipe bench backtest: " + e.getMessage());
            return 1;
        }
        System.out.printf("data: %,d trades of %s, looped to %,d events; Java %s, %d cores%n", trades.size(),
                trades.get(0).symbol(), events, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        Supplier<List<Strategy>> sma = () -> List.of(new SmaCross());
        Supplier<List<Strategy>> defaults = () -> TradingKernel.named(Strategies.NAMES);
        Figures kernel = measure("kernel, sma_cross 10/30 on every trade", trades, sma);
        measure("kernel, default strategies (" + String.join(", ", Strategies.NAMES) + ")", trades, defaults);
        Figures every = measure("kernel, every strategy (" + Strategies.KNOWN.size() + ")", trades,
                () -> TradingKernel.named(Strategies.KNOWN));
        System.out.printf("every strategy against sma_cross alone: %.2fx the time per event%n",
                kernel.perSecond / every.perSecond);
        mixed();

        ta4j(trades, Math.min(ta4jBars, 500_000)); // warm-up
        double ta4jRate = ta4j(trades, ta4jBars);
        System.out.printf("ratio: kernel %,.0f events/s / ta4j %,.0f bars/s = %.1fx (same crossover, same prices, one "
                + "thread each)%n", kernel.perSecond, ta4jRate, kernel.perSecond / ta4jRate);
        System.out.printf("process RSS %s%n", Rss.text());
        return 0;
    }

    private List<RawTick> load() throws IOException {
        ReplayData d;
        if (data != null) {
            ReplayFormat f = format == null ? null : ReplayFormat.fromId(format).orElseThrow(() -> new IOException(
                    "--format must be one of " + ReplayFormat.ids() + ", got " + format));
            d = ReplayFiles.load(data, f, "BTC");
        } else {
            Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "ta4j", "ta4j-examples",
                    "0.18", "ta4j-examples-0.18.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IOException("no --data and no " + jar + " (get it with: ./mvnw dependency:get "
                        + "-Dartifact=org.ta4j:ta4j-examples:0.18)");
            }
            try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(DEFAULT_ENTRY))) {
                d = ReplayFiles.read(in, jar.toString(), DEFAULT_ENTRY, ReplayFormat.TRADES_CSV, "BTC");
            }
        }
        List<RawTick> ticks = d.events().stream().filter(e -> !e.isSignal()).map(BenchBacktestCommand::tick).toList();
        if (ticks.size() < 2) {
            throw new IOException("need at least two trades to loop");
        }
        return ticks;
    }

    private static RawTick tick(ReplayEvent e) {
        return new RawTick(e.symbol(), e.priceDouble(), e.volumeDouble(), 1e9, e.eventTimeMs());
    }

    record Figures(long events, double seconds, double perSecond) {
    }

    @Option(names = "--mixed-events", defaultValue = "1000000",
            description = "events of the multi-source run: ticks and signals of every signal simulator, planted "
                    + "(default: ${DEFAULT-VALUE}; generated before the clock starts)")
    long mixedEvents;

    /**
     * Every strategy on a multi-source stream (every simulator of memesnipe.gateway.feed.sim.Scenarios, its effect
     * planted), against one strategy on the same stream: the stream is generated first and not looped (signals carry
     * schedules that a loop would break).
     */
    private void mixed() {
        List<memesnipe.gateway.feed.sim.Scenarios.Spec> all = memesnipe.gateway.feed.sim.Scenarios.names().stream()
                .map(n -> new memesnipe.gateway.feed.sim.Scenarios.Spec(n, true)).toList();
        memesnipe.gateway.feed.Feed feed = new memesnipe.gateway.feed.CompositeFeed(
                List.copyOf(memesnipe.gateway.feed.sim.Scenarios.create(all, 42)));
        List<memesnipe.backtest.kernel.Arrival> stream = new java.util.ArrayList<>();
        long t = 1_700_000_000_000L;
        long signals = 0;
        while (stream.size() < mixedEvents) {
            for (memesnipe.gateway.feed.FeedEvent e : feed.next(t, Integer.MAX_VALUE)) {
                stream.add(new memesnipe.backtest.kernel.Arrival(e, t));
                signals += e instanceof memesnipe.gateway.feed.RawSignal ? 1 : 0;
            }
            t += 1_000;
        }
        System.out.printf("multi-source stream: %,d events (%,d signals) over %.1f simulated hours from %d simulators%n",
                stream.size(), signals, (t - 1_700_000_000_000L) / 3.6e6, all.size());
        Figures one = runArrivals("kernel, sma_cross on the multi-source stream", stream,
                () -> List.of(new SmaCross()));
        Figures every = runArrivals("kernel, every strategy on the multi-source stream", stream,
                () -> TradingKernel.named(Strategies.KNOWN));
        System.out.printf("every strategy against one: %.2fx the time per event on the multi-source stream%n",
                one.perSecond / every.perSecond);
    }

    private static Figures runArrivals(String name, List<memesnipe.backtest.kernel.Arrival> stream,
                                       Supplier<List<Strategy>> strategies) {
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
            TradingKernel kernel = new TradingKernel(KernelSettings.defaults().withStrategies(Strategies.KNOWN),
                    stream.get(0).atMs(), new TradingKernel.Listener() { }, strategies.get());
            long start = System.nanoTime();
            for (memesnipe.backtest.kernel.Arrival a : stream) {
                kernel.onArrival(a);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (pass == 1) {
                Figures f = new Figures(stream.size(), seconds, stream.size() / seconds);
                System.out.printf("%s: %,d events in %.2f s = %,.0f events/s, %.0f ns/event%n", name, stream.size(),
                        seconds, f.perSecond, 1e9 / f.perSecond);
                return f;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** A warm-up run of the same strategies (printed, not counted), then the measured run. */
    private Figures measure(String name, List<RawTick> trades, Supplier<List<Strategy>> strategies) {
        if (warmupEvents > 0) {
            run("warm-up", trades, warmupEvents, strategies);
        }
        return run(name, trades, events, strategies);
    }

    private static Figures run(String name, List<RawTick> trades, long n, Supplier<List<Strategy>> strategies) {
        long[] fills = new long[3];
        TradingKernel.Listener counting = new TradingKernel.Listener() {
            @Override
            public void filled(FillEvent fill, Purpose purpose) {
                fills[purpose == Purpose.ENTRY ? 0 : 1]++;
            }

            @Override
            public void rejected(memesnipe.gateway.feed.FeedEvent event, memesnipe.gateway.validation.RejectReason reason) {
                fills[2]++;
            }
        };
        TradingKernel kernel = new TradingKernel(KernelSettings.defaults(), trades.get(0).eventTimeMs(), counting,
                strategies.get());
        long allocBefore = allocated();
        long start = System.nanoTime();
        for (long i = 0; i < n; i++) {
            RawTick t = looped(trades, i);
            kernel.onTick(t, t.eventTimeMs()); // recorded data arrives at its own time
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long alloc = allocated() - allocBefore;
        Figures f = new Figures(n, seconds, n / seconds);
        System.out.printf("%s: %,d events in %.2f s = %,.0f events/s, %.0f ns/event, %,d entry and %,d exit fills, "
                        + "%,d ticks rejected, %s allocated per event%n", name, n, seconds, f.perSecond, 1e9 / f.perSecond,
                fills[0], fills[1], fills[2], alloc < 0 ? "n/a" : String.format("%.0f bytes", (double) alloc / n));
        return f;
    }

    /**
     * Event i of the trades played again and again, alternately forward and backward so the price path stays
     * continuous (a jump back to the first price would be refused as a deviation), with time moving on: each pass
     * starts a second after the last.
     */
    static RawTick looped(List<RawTick> trades, long i) {
        long first = trades.get(0).eventTimeMs();
        long last = trades.get(trades.size() - 1).eventTimeMs();
        long span = last - first + 1_000;
        long pass = i / trades.size();
        int k = (int) (i % trades.size());
        boolean forward = pass % 2 == 0;
        RawTick t = trades.get(forward ? k : trades.size() - 1 - k);
        long offset = forward ? t.eventTimeMs() - first : last - t.eventTimeMs();
        return new RawTick(t.symbol(), t.price(), t.volume(), t.liquidityUsd(), first + pass * span + offset);
    }

    /** ta4j's crossover on one bar per trade, in passes of the trades (alternately forward and backward). */
    private static double ta4j(List<RawTick> trades, long bars) {
        long done = 0;
        long positions = 0;
        long start = System.nanoTime();
        for (int pass = 0; done < bars; pass++) {
            int size = (int) Math.min(trades.size(), bars - done);
            BarSeries series = new BaseBarSeriesBuilder().withName("ta4j").withNumTypeOf(DoubleNum.class).build();
            long end = trades.get(0).eventTimeMs();
            for (int k = 0; k < size; k++) {
                RawTick t = trades.get(pass % 2 == 0 ? k : trades.size() - 1 - k);
                end++; // one bar per trade; ta4j needs strictly increasing end times
                ZonedDateTime at = ZonedDateTime.ofInstant(Instant.ofEpochMilli(end), ZoneOffset.UTC);
                series.addBar(at, t.price(), t.price(), t.price(), t.price(), t.volume());
            }
            ClosePriceIndicator close = new ClosePriceIndicator(series);
            SMAIndicator fast = new SMAIndicator(close, 10);
            SMAIndicator slow = new SMAIndicator(close, 30);
            TradingRecord record = new BarSeriesManager(series).run(new BaseStrategy(new CrossedUpIndicatorRule(fast, slow),
                    new CrossedDownIndicatorRule(fast, slow), 30));
            positions += record.getPositionCount();
            done += size;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done / seconds;
        System.out.printf("ta4j 0.17, sma 10/30 crossover, DoubleNum, one bar per trade: %,d bars in %.2f s = %,.0f "
                + "bars/s (series built and run), %,d positions%n", done, seconds, rate, positions);
        return rate;
    }

    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
