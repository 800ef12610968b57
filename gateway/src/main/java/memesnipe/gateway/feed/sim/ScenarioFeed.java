package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.Feed;
import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.MarketSignal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The base of the signal simulators: a seeded market of a few symbols advanced in fixed steps of simulated time. At
 * every step each symbol's log price moves by its drift plus Gaussian noise (volatility per square root of a second)
 * and emits one tick (about 1,000 USD of volume, scaled during a {@link #volume} burst); then the subclass observes the
 * step ({@link #onStep}) and may emit signals and plant its effect as a drift over a window ({@link #drift}). A
 * simulator whose effect is not planted emits the same kind of signals with no drift after them, so a backtest can
 * tell an edge from none. Time only moves forward, to the caller's clock:
 * the first call starts the market; each call emits the steps due by then, at most count events, and keeps the rest.
 * Same seed and call sequence ⇒ same events. Not thread-safe: one owner.
 */
public abstract class ScenarioFeed implements Feed {
    /** Quoted liquidity of every simulated tick, USD: well above the gateway's floor. */
    public static final double LIQUIDITY_USD = 2_000_000;

    protected final SplittableRandom random;
    private final long stepMs;
    private final String[] symbols;
    private final double[] logPrice;
    private final double[] volPerSqrtSecond;
    private final double[] drift;
    private final long[] driftUntilMs;
    private final double[] volumeFactor;
    private final long[] volumeUntilMs;
    private final ArrayDeque<FeedEvent> pending = new ArrayDeque<>();
    private long clockMs = Long.MIN_VALUE;

    /** A symbol of the simulated market: its name, starting price (USD) and volatility per square root of a second. */
    public record Asset(String symbol, double price, double volPerSqrtSecond) {
    }

    protected ScenarioFeed(long seed, long stepMs, List<Asset> assets) {
        if (stepMs <= 0 || assets.isEmpty()) {
            throw new IllegalArgumentException("need a positive step and at least one asset");
        }
        this.random = new SplittableRandom(seed);
        this.stepMs = stepMs;
        int n = assets.size();
        symbols = new String[n];
        logPrice = new double[n];
        volPerSqrtSecond = new double[n];
        drift = new double[n];
        driftUntilMs = new long[n];
        volumeFactor = new double[n];
        volumeUntilMs = new long[n];
        for (int i = 0; i < n; i++) {
            Asset a = assets.get(i);
            symbols[i] = a.symbol();
            logPrice[i] = Math.log(a.price());
            volPerSqrtSecond[i] = a.volPerSqrtSecond();
        }
    }

    @Override
    public final List<FeedEvent> next(long nowMs, int count) {
        if (clockMs == Long.MIN_VALUE) {
            clockMs = nowMs - stepMs;
        }
        while (pending.size() < count && clockMs + stepMs <= nowMs) {
            clockMs += stepMs;
            step(clockMs);
        }
        List<FeedEvent> out = new ArrayList<>(Math.min(count, pending.size()));
        while (out.size() < count && !pending.isEmpty()) {
            out.add(pending.poll());
        }
        return out;
    }

    private void step(long t) {
        double seconds = stepMs / 1000.0;
        for (int i = 0; i < symbols.length; i++) {
            double mu = t <= driftUntilMs[i] ? drift[i] : 0;
            logPrice[i] += mu * seconds + volPerSqrtSecond[i] * Math.sqrt(seconds) * random.nextGaussian();
            double volume = 1_000 / Math.exp(logPrice[i]) * (0.5 + random.nextDouble()); // ~1,000 USD per tick
            if (t <= volumeUntilMs[i]) {
                volume *= volumeFactor[i];
            }
            pending.add(new RawTick(symbols[i], Math.exp(logPrice[i]), volume, LIQUIDITY_USD, t));
        }
        onStep(t);
    }

    /** Called after every step's ticks, at the step's time: emit signals, plant effects. */
    protected abstract void onStep(long timeMs);

    /** Emits a signal (after this step's ticks). */
    protected final void emit(MarketSignal signal) {
        pending.add(new RawSignal(signal));
    }

    /** Adds a drift (log return per second) to the symbol's price until the given time: a planted effect. */
    protected final void drift(String symbol, double logReturnPerSecond, long untilMs) {
        int i = index(symbol);
        drift[i] = logReturnPerSecond;
        driftUntilMs[i] = untilMs;
    }

    /**
     * Multiplies the symbol's traded volume by a factor until the given time (a volume burst; the factor only scales
     * the volume's draw, so the same seed gives the same prices with or without it).
     */
    protected final void volume(String symbol, double factor, long untilMs) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the volume factor must be finite and >= 0, got " + factor);
        }
        int i = index(symbol);
        volumeFactor[i] = factor;
        volumeUntilMs[i] = untilMs;
    }

    /** The symbol's price now, USD per unit. */
    protected final double price(String symbol) {
        return Math.exp(logPrice[index(symbol)]);
    }

    /** The simulated symbols. */
    public final List<String> symbols() {
        return List.of(symbols);
    }

    /** The step length, ms. */
    protected final long stepMs() {
        return stepMs;
    }

    private int index(String symbol) {
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i].equals(symbol)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a simulated symbol: " + symbol);
    }
}
