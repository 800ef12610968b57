package memesnipe.strategy.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simple moving-average crossover, per symbol, long only, on every event (a trade, or a bar's close): with
 * {@code fast} and {@code slow} the means of the last {@code fastN} and {@code slowN} prices,
 * <ul>
 *   <li>ENTER_LONG when flat and fast crosses above slow (fast &le; slow on the previous event, fast &gt; slow now);</li>
 *   <li>EXIT_LONG when long and fast crosses below slow (fast &ge; slow before, fast &lt; slow now).</li>
 * </ul>
 * Nothing until {@code slowN} prices are in. Entries carry no exit parameters of their own (risk's defaults apply).
 * The textbook strategy: the backtest is checked against a plain computation of these crossings.
 */
public final class SmaCross implements Strategy {
    public static final String NAME = "sma_cross";

    /** Window lengths in events. */
    public record Params(int fastN, int slowN) {
        public Params {
            if (fastN < 1 || slowN <= fastN || slowN > 100_000) {
                throw new IllegalArgumentException("need 1 <= fast < slow <= 100000, got " + fastN + " and " + slowN);
            }
        }

        public static Params defaults() {
            return new Params(10, 30);
        }
    }

    private final Params p;
    private final Map<String, Series> series = new HashMap<>();
    private final Map<String, Boolean> longIn = new HashMap<>();

    public SmaCross(Params params) {
        this.p = params;
    }

    public SmaCross() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        Series s = series.computeIfAbsent(tick.symbol(), k -> new Series(p.slowN()));
        double prevFast = s.mean(p.fastN());
        double prevSlow = s.mean(p.slowN());
        boolean hadHistory = s.count >= p.slowN();
        s.add(tick.price());
        if (!hadHistory) {
            return List.of();
        }
        double fast = s.mean(p.fastN());
        double slow = s.mean(p.slowN());
        boolean isLong = longIn.getOrDefault(tick.symbol(), false);
        if (!isLong && prevFast <= prevSlow && fast > slow) {
            longIn.put(tick.symbol(), true);
            return List.of(Signal.enter(NAME, tick, String.format(Locale.ROOT, "SMA%d %.8f crossed above SMA%d %.8f",
                    p.fastN(), fast, p.slowN(), slow), new ExitBps(0, 0, 0)));
        }
        if (isLong && prevFast >= prevSlow && fast < slow) {
            longIn.put(tick.symbol(), false);
            return List.of(Signal.exit(NAME, tick, String.format(Locale.ROOT, "SMA%d %.8f crossed below SMA%d %.8f",
                    p.fastN(), fast, p.slowN(), slow)));
        }
        return List.of();
    }

    @Override
    public void onRejected(String symbol) {
        longIn.put(symbol, false);
    }

    /** The last n prices of a symbol in a ring, with their running sums recomputed per call (n is small). */
    private static final class Series {
        final double[] ring;
        long count;

        Series(int capacity) {
            ring = new double[capacity];
        }

        void add(double price) {
            ring[(int) (count++ % ring.length)] = price;
        }

        /** Mean of the last n prices (NaN before n are in). */
        double mean(int n) {
            if (count < n) {
                return Double.NaN;
            }
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                sum += ring[(int) ((count - i) % ring.length)];
            }
            return sum / n;
        }
    }
}
