package memesnipe.backtest.run;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.kernel.TradingKernel;
import memesnipe.backtest.report.BreakerTransition;
import memesnipe.backtest.report.FillMarker;
import memesnipe.backtest.report.PricePoint;
import memesnipe.backtest.report.PriceSeries;
import memesnipe.backtest.report.ReportInput;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.validation.RejectReason;
import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.performance.ClosedTrade;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.PerformanceMetrics;
import memesnipe.performance.RoundTrips;
import memesnipe.risk.breaker.Transition;
import memesnipe.strategy.core.Tick;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Runs a {@link TradingKernel} over market data in time order and records what a report needs: the marked equity
 * curve (a point per minute of event time and at every fill), every fill, the round trips they make, the breaker's
 * transitions and the prices. Pure: no I/O; the caller reads the data and writes the report.
 */
public final class Backtest {
    /** Equity is sampled at least this often (event time), and at every fill. */
    public static final long EQUITY_EVERY_MS = 60_000;

    /** Everything a run produced. */
    public record Result(List<FillEvent> fills, List<ClosedTrade> trades, List<EquityPoint> equity,
                         List<BreakerTransition> breaker, Map<String, PriceSeries> prices, long events,
                         long accepted, Map<RejectReason, Long> rejected, long intents, long denied,
                         Map<String, Long> orderRejections, long finalEquityE8, long finalCashE8,
                         Map<String, Long> finalPositions, PerformanceMetrics metrics) {
        public ReportInput report(String title) {
            return new ReportInput(title, metrics, equity, trades, breaker, List.copyOf(prices.values()));
        }
    }

    private Backtest() {
    }

    /**
     * Runs the kernel over the ticks (ascending event time) from fromMs (inclusive) to toMs (exclusive); progress is
     * told the number of events read so far, every 10,000 events.
     */
    public static Result run(KernelSettings settings, Iterable<Arrival> ticks, long fromMs, long toMs,
                             LongConsumer progress) {
        return run(settings, () -> TradingKernel.named(settings.strategies(), settings.strategyParams()), ticks, fromMs, toMs, progress);
    }

    /** As {@link #run(KernelSettings, Iterable, long, long, LongConsumer)} with strategy instances of the caller's. */
    public static Result run(KernelSettings settings, java.util.function.Supplier<List<memesnipe.strategy.core.Strategy>>
            strategies, Iterable<Arrival> ticks, long fromMs, long toMs, LongConsumer progress) {
        Recorder rec = new Recorder();
        TradingKernel kernel = null;
        long events = 0;
        for (Arrival a : ticks) {
            events++;
            if (events % 10_000 == 0) {
                progress.accept(events);
            }
            if (a.atMs() < fromMs || a.atMs() >= toMs) {
                continue;
            }
            if (kernel == null) {
                kernel = new TradingKernel(settings, a.atMs(), rec, strategies.get());
                rec.kernel = kernel;
                rec.equity.add(new EquityPoint(a.atMs(), settings.capitalE8()));
                rec.lastEquityMs = a.atMs();
            }
            kernel.onArrival(a);
            rec.sampleEquity(kernel.now(), false);
        }
        if (kernel == null) {
            throw new IllegalArgumentException("no market data between the given times");
        }
        rec.sampleEquity(kernel.now(), true);
        PerformanceMetrics metrics = PerformanceMetrics.compute(rec.equity, rec.trades,
                MetricsConfig.forCurve(rec.equity));
        return new Result(List.copyOf(rec.fills), List.copyOf(rec.trades), List.copyOf(rec.equity),
                List.copyOf(rec.breaker), rec.priceSeries(), events, rec.accepted, rec.rejected, rec.intents, rec.denied,
                rec.orderRejections, kernel.risk().equityE8(), kernel.risk().portfolio().cashE8(), positions(kernel),
                metrics);
    }

    /** Open quantity per "strategy/symbol" in the kernel's risk engine at the end. */
    private static Map<String, Long> positions(TradingKernel kernel) {
        Map<String, Long> out = new LinkedHashMap<>();
        kernel.risk().portfolio().positions().forEach(p -> out.put(p.strategy() + "/" + p.symbol(), p.qtyE8()));
        return out;
    }

    /** Collects the kernel's reports. */
    private static final class Recorder implements TradingKernel.Listener {
        TradingKernel kernel;
        final List<FillEvent> fills = new ArrayList<>();
        final List<ClosedTrade> trades = new ArrayList<>();
        final List<EquityPoint> equity = new ArrayList<>();
        final List<BreakerTransition> breaker = new ArrayList<>();
        final Map<String, List<PricePoint>> prices = new LinkedHashMap<>();
        final Map<String, List<FillMarker>> markers = new HashMap<>();
        final RoundTrips roundTrips = new RoundTrips();
        final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        final Map<String, Long> orderRejections = new LinkedHashMap<>();
        final Map<String, Long> lastPriceMs = new HashMap<>();
        long accepted;
        long intents;
        long denied;
        long lastEquityMs;

        void sampleEquity(long timeMs, boolean force) {
            if (force || timeMs - lastEquityMs >= EQUITY_EVERY_MS) {
                equity.add(new EquityPoint(timeMs, kernel.risk().equityE8()));
                lastEquityMs = timeMs;
            }
        }

        @Override
        public void rejected(memesnipe.gateway.feed.FeedEvent event, RejectReason reason) {
            rejected.merge(reason, 1L, Long::sum);
        }

        @Override
        public void acceptedSignal(memesnipe.model.event.MarketSignal signal, long seq) {
            accepted++;
        }

        @Override
        public void accepted(Tick tick) {
            accepted++;
            // a price point per second per symbol is plenty for a chart (the report downsamples further)
            Long last = lastPriceMs.get(tick.symbol());
            if (last == null || tick.eventTimeMs() - last >= 1_000) {
                prices.computeIfAbsent(tick.symbol(), s -> new ArrayList<>()).add(new PricePoint(tick.eventTimeMs(),
                        tick.priceE8()));
                lastPriceMs.put(tick.symbol(), tick.eventTimeMs());
            }
        }

        @Override
        public void decided(Intent intent, Decision decision) {
            intents++;
            if (!decision.approved()) {
                denied++;
            }
        }

        @Override
        public void orderRejected(OrderRequest order, String reason) {
            int colon = reason.indexOf(':');
            orderRejections.merge(colon > 0 ? reason.substring(0, colon) : reason, 1L, Long::sum);
        }

        @Override
        public void breaker(Transition t) {
            breaker.add(new BreakerTransition(t.timeMs(), t.from().name(), t.to().name(), t.reason()));
        }

        @Override
        public void filled(FillEvent fill, Purpose purpose) {
            fills.add(fill);
            markers.computeIfAbsent(fill.symbol(), s -> new ArrayList<>()).add(new FillMarker(fill.timeMs(), fill.side(),
                    fill.priceE8()));
            sampleEquity(fill.timeMs(), true);
            roundTrips.add(fill).ifPresent(trades::add);
        }

        Map<String, PriceSeries> priceSeries() {
            Map<String, PriceSeries> out = new LinkedHashMap<>();
            prices.forEach((s, p) -> out.put(s, new PriceSeries(s, p, markers.getOrDefault(s, List.of()))));
            return out;
        }
    }
}
