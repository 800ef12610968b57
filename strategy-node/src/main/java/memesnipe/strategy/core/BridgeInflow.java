package memesnipe.strategy.core;

import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.money.Fixed;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A surge of value bridged into a chain, read as demand for its native token (the {@link BridgeFlow}'s symbol),
 * long only.
 *
 * <p>Each chain's inflows (flows whose destination it is) and outflows (whose source it is) are summed in 10 s
 * buckets. {@code recent} is the inflow over the trailing {@code window} (default 3 min) and {@code base} the mean
 * inflow per window over the {@code baseline} before it (default 20 min). A chain has a baseline only once its flows
 * have been observed without a silence longer than {@code maxSilence} (default 5 min) for window + baseline; a longer
 * silence means the source was down, and the chain's history starts again (a resumed source is not a surge). A chain's
 * token is the symbol of the flows into it: outflows from a chain no flow into has named yet exit nothing.
 * <ul>
 *   <li>A flow into a chain with a baseline arms an entry in its token when {@code recent >= surgeRatio x base}
 *       (default 3) and {@code recent >= minInflow} (default 500,000 USD);</li>
 *   <li>ENTER_LONG on the token's next tick when flat, if that tick is at most {@code maxSignalAge} (default 30 s)
 *       after the flow that armed it (else the arming is dropped: a stale surge is not traded);</li>
 *   <li>EXIT_LONG at once, on the last tick seen, when a flow out of the token's chain makes the window's outflow
 *       at least {@code outflowRatio} (default 2) times its inflow and at least {@code minInflow} (outflow
 *       dominance);</li>
 *   <li>EXIT_LONG on the first tick at least {@code hold} (default 30 min) after the entry (time stop).</li>
 * </ul>
 * No signal for a symbol within {@code coolDown} (default 10 min) of its previous one, so a surge still in the
 * window does not buy again right after an exit. Entries carry stop-loss 400 bps and take-profit 800 bps by default,
 * no trailing stop.
 */
public final class BridgeInflow implements Strategy {
    public static final String NAME = "bridge_inflow";
    private static final long BUCKET_MS = 10_000;

    /** Tunable parameters; durations in milliseconds, amounts in USD. */
    public record Params(long windowMs, long baselineMs, double surgeRatio, double minInflowUsd, double outflowRatio,
                         long maxSilenceMs, long maxSignalAgeMs, long holdMs, long coolDownMs, ExitBps exits) {
        public Params {
            if (windowMs < BUCKET_MS || baselineMs < BUCKET_MS || surgeRatio <= 0 || minInflowUsd < 0
                    || outflowRatio <= 0 || maxSilenceMs <= 0 || maxSignalAgeMs < 0 || holdMs <= 0 || coolDownMs < 0) {
                throw new IllegalArgumentException("bridge_inflow parameters out of range: " + this);
            }
        }

        public static Params defaults() {
            return new Params(180_000, 1_200_000, 3.0, 500_000, 2.0, 300_000, 30_000, 1_800_000, 600_000,
                    new ExitBps(400, 800, 0));
        }

        public Params withEntry(double surgeRatio, long holdMs) {
            return new Params(windowMs, baselineMs, surgeRatio, minInflowUsd, outflowRatio, maxSilenceMs,
                    maxSignalAgeMs, holdMs, coolDownMs, exits);
        }
    }

    /** One chain's flows, since its history (re)started. */
    private static final class Chain {
        final FlowWindow in;
        final FlowWindow out;
        String symbol; // its native token, once a flow into it named it
        long firstMs = Long.MIN_VALUE;
        long lastMs = Long.MIN_VALUE;

        Chain(int buckets) {
            in = new FlowWindow(BUCKET_MS, buckets);
            out = new FlowWindow(BUCKET_MS, buckets);
        }
    }

    /** An entry armed by a surge, with its figures. */
    private record Surge(String chain, long atMs, double recentUsd, double baseUsd) {
    }

    private final Params p;
    private final EventBook<Surge> book;
    private final Map<String, Chain> chains = new HashMap<>();

    public BridgeInflow(Params params) {
        this.p = params;
        this.book = new EventBook<>(NAME, params.coolDownMs());
    }

    public BridgeInflow() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onEvent(MarketSignal event) {
        if (!(event instanceof BridgeFlow f)) {
            return List.of();
        }
        long t = f.eventTimeMs();
        double usd = Fixed.toDouble(f.usdE8());
        Chain into = observed(f.destinationChain(), t);
        Chain from = observed(f.sourceChain(), t);
        into.symbol = f.symbol();
        into.in.add(t, usd);
        from.out.add(t, usd);
        if (t - into.firstMs >= p.windowMs() + p.baselineMs()) {
            double recent = into.in.sum(t, 0, p.windowMs());
            double base = into.in.sum(t, p.windowMs(), p.baselineMs()) * p.windowMs() / p.baselineMs();
            if (recent >= p.minInflowUsd() && recent >= p.surgeRatio() * base) {
                book.arm(f.symbol(), t, new Surge(f.destinationChain(), t, recent, base));
            }
        }
        if (from.symbol == null || !book.isLong(from.symbol)) {
            return List.of();
        }
        double outflow = from.out.sum(t, 0, p.windowMs());
        double inflow = from.in.sum(t, 0, p.windowMs());
        if (outflow < p.minInflowUsd() || outflow < p.outflowRatio() * inflow) {
            return List.of();
        }
        String chain = f.sourceChain();
        return book.exitNow(from.symbol, t, () -> String.format(Locale.ROOT,
                "outflow dominance on %s: %.0f USD out vs %.0f USD in over %d s (>= %.1fx)", chain, outflow, inflow,
                p.windowMs() / 1000, p.outflowRatio()));
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        String symbol = tick.symbol();
        book.saw(tick);
        if (book.isLong(symbol)) {
            return book.exitIfHeld(tick, p.holdMs());
        }
        Surge s = book.armed(tick, p.maxSignalAgeMs());
        if (s == null) {
            return List.of();
        }
        long age = tick.eventTimeMs() - s.atMs();
        return book.enter(tick, () -> String.format(Locale.ROOT,
                "bridge inflow into %s %.0f USD over %d s >= %.1fx its baseline %.0f USD (%d s ago)", s.chain(),
                s.recentUsd(), p.windowMs() / 1000, p.surgeRatio(), s.baseUsd(), age / 1000), p.exits());
    }

    /** The chain, its history restarted when its source was silent for longer than allowed, its last flow now. */
    private Chain observed(String name, long timeMs) {
        Chain c = chains.get(name);
        if (c == null) {
            c = new Chain((int) ((p.windowMs() + p.baselineMs()) / BUCKET_MS) + 1);
            chains.put(name, c);
        }
        if (c.lastMs == Long.MIN_VALUE || timeMs - c.lastMs > p.maxSilenceMs()) {
            c.in.clear();
            c.out.clear();
            c.firstMs = timeMs;
        }
        c.lastMs = Math.max(c.lastMs, timeMs);
        return c;
    }

    @Override
    public void onRejected(String symbol) {
        book.rejected(symbol);
    }
}
