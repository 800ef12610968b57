package memesnipe.strategy.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simple moving-average crossover, per symbol, long only, on closing prices: every event's price (a trade, or a bar's
 * close) with {@code barMs} 0, else the close (last price) of each time bar of {@code barMs} by event time, known
 * when the first event of a later bar arrives (bars without events do not exist). With {@code fast} and {@code slow}
 * the means of the last {@code fastN} and {@code slowN} closes,
 * <ul>
 *   <li>ENTER_LONG when flat and fast crosses above slow (fast &le; slow on the previous event, fast &gt; slow now);</li>
 *   <li>EXIT_LONG when long and fast crosses below slow (fast &ge; slow before, fast &lt; slow now).</li>
 * </ul>
 * Nothing until {@code slowN} prices are in. Entries carry no exit parameters of their own (risk's defaults apply).
 * The textbook strategy: the backtest is checked against a plain computation of these crossings.
 */
public final class SmaCross implements Strategy {
    public static final String NAME = "sma_cross";
    /** Entries carry no exit parameters of their own. */
    private static final ExitBps NO_EXITS = new ExitBps(0, 0, 0);

    /** Window lengths in closes; the bar length in ms of event time (0: every event is a close). */
    public record Params(int fastN, int slowN, long barMs) {
        public Params {
            if (fastN < 1 || slowN <= fastN || slowN > 100_000) {
                throw new IllegalArgumentException("need 1 <= fast < slow <= 100000, got " + fastN + " and " + slowN);
            }
            if (barMs < 0 || barMs > 86_400_000L * 7) {
                throw new IllegalArgumentException("the bar length must be within [0, 7 days] ms, got " + barMs);
            }
        }

        public Params(int fastN, int slowN) {
            this(fastN, slowN, 0);
        }

        public static Params defaults() {
            return new Params(10, 30);
        }
    }

    private final Params p;
    private final Map<String, Series> series = new HashMap<>();
    private final Map<String, Boolean> longIn = new HashMap<>();
    /** Per symbol with bars: the open bar's index and its last price so far. */
    private final Map<String, OpenBar> bars = new HashMap<>();

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
        if (p.barMs() == 0) {
            return onClose(tick, tick.priceE8());
        }
        long index = Math.floorDiv(tick.eventTimeMs(), p.barMs());
        OpenBar bar = bars.get(tick.symbol());
        if (bar == null) {
            bars.put(tick.symbol(), new OpenBar(index, tick.priceE8()));
            return List.of();
        }
        if (index <= bar.index) {
            bar.lastE8 = tick.priceE8(); // the open bar (an event of an earlier time counts in it)
            return List.of();
        }
        long close = bar.lastE8;
        bar.index = index;
        bar.lastE8 = tick.priceE8();
        return onClose(tick, close); // signals at the event that closed the bar, at its price
    }

    /** A close: updates the means and signals on a crossing, at the event that brought the close. */
    private List<Signal> onClose(Tick tick, long closeE8) {
        Series s = series.get(tick.symbol());
        if (s == null) {
            s = new Series(p.fastN(), p.slowN());
            series.put(tick.symbol(), s);
        }
        boolean hadHistory = s.count >= p.slowN();
        int before = s.fastVersusSlow();
        s.add(closeE8);
        if (!hadHistory) {
            return List.of();
        }
        int now = s.fastVersusSlow();
        boolean isLong = longIn.getOrDefault(tick.symbol(), false);
        if (!isLong && before <= 0 && now > 0) {
            longIn.put(tick.symbol(), true);
            double fast = s.fastMean();
            double slow = s.slowMean();
            return List.of(Signal.enter(NAME, tick, () -> String.format(Locale.ROOT, "SMA%d %.8f crossed above SMA%d %.8f",
                    p.fastN(), fast, p.slowN(), slow), NO_EXITS));
        }
        if (isLong && before >= 0 && now < 0) {
            longIn.put(tick.symbol(), false);
            double fast = s.fastMean();
            double slow = s.slowMean();
            return List.of(Signal.exit(NAME, tick, () -> String.format(Locale.ROOT, "SMA%d %.8f crossed below SMA%d %.8f",
                    p.fastN(), fast, p.slowN(), slow)));
        }
        return List.of();
    }

    @Override
    public void onRejected(String symbol) {
        longIn.put(symbol, false);
    }

    private static final class OpenBar {
        long index;
        long lastE8;

        OpenBar(long index, long lastE8) {
            this.index = index;
            this.lastE8 = lastE8;
        }
    }

    /**
     * The last slowN closes of a symbol (scale e8) in a ring with running sums of the fast and slow windows, exact:
     * the means are compared as fastSum * slowN against slowSum * fastN in 128 bits, so a crossing never hinges on
     * rounding. Sums beyond a long (prices near the e8 scale's top) continue in BigInteger.
     */
    private static final class Series {
        final int fastN;
        final int slowN;
        final long[] ring;
        long count;
        long fastSum;
        long slowSum;
        java.math.BigInteger wideFast; // non-null once a sum left the long range
        java.math.BigInteger wideSlow;

        Series(int fastN, int slowN) {
            this.fastN = fastN;
            this.slowN = slowN;
            this.ring = new long[slowN];
        }

        void add(long close) {
            long leavingFast = count >= fastN ? ring[(int) ((count - fastN) % slowN)] : 0;
            long leavingSlow = count >= slowN ? ring[(int) (count % slowN)] : 0;
            ring[(int) (count++ % slowN)] = close;
            if (wideFast == null) {
                try {
                    fastSum = Math.addExact(fastSum - leavingFast, close);
                    slowSum = Math.addExact(slowSum - leavingSlow, close);
                    return;
                } catch (ArithmeticException e) {
                    wideFast = java.math.BigInteger.ZERO;
                    wideSlow = java.math.BigInteger.ZERO;
                    for (long i = Math.max(0, count - slowN); i < count; i++) {
                        long v = ring[(int) (i % slowN)];
                        wideSlow = wideSlow.add(java.math.BigInteger.valueOf(v));
                        if (i >= count - fastN) {
                            wideFast = wideFast.add(java.math.BigInteger.valueOf(v));
                        }
                    }
                    return;
                }
            }
            wideFast = wideFast.subtract(java.math.BigInteger.valueOf(leavingFast)).add(java.math.BigInteger.valueOf(close));
            wideSlow = wideSlow.subtract(java.math.BigInteger.valueOf(leavingSlow)).add(java.math.BigInteger.valueOf(close));
        }

        /** Sign of (fast mean - slow mean), exact; 0 until the slow window is full. */
        int fastVersusSlow() {
            if (count < slowN) {
                return 0;
            }
            if (wideFast != null) {
                return wideFast.multiply(java.math.BigInteger.valueOf(slowN))
                        .compareTo(wideSlow.multiply(java.math.BigInteger.valueOf(fastN)));
            }
            long hiA = Math.multiplyHigh(fastSum, slowN);
            long hiB = Math.multiplyHigh(slowSum, fastN);
            if (hiA != hiB) {
                return Long.compare(hiA, hiB);
            }
            return Long.compareUnsigned(fastSum * slowN, slowSum * fastN);
        }

        double fastMean() {
            return (wideFast != null ? wideFast.doubleValue() : fastSum) / fastN / 1e8;
        }

        double slowMean() {
            return (wideSlow != null ? wideSlow.doubleValue() : slowSum) / slowN / 1e8;
        }
    }
}
