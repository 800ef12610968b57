package memesnipe.model.regime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies the market's volatility from its price ticks (pure, deterministic; one owner, not thread-safe). Every
 * node that needs the regime feeds its own instance the same accepted ticks, so they all agree.
 *
 * <p>The exact rule, with {@link Params} p:
 * <ol>
 *   <li>Per symbol, time is cut into buckets of p.sampleMs by event time ({@code floorDiv(eventTimeMs, sampleMs)});
 *       a bucket's close is its last price. A tick whose event time falls before the symbol's current bucket counts
 *       as a tick of the current bucket. Non-positive prices are ignored.</li>
 *   <li>When a tick opens a later bucket, the bucket before it completes with the log return
 *       {@code ln(close / previous close)} (the first bucket's previous close is the symbol's first price), followed
 *       by a zero return for every bucket without a tick in between. The symbol keeps the last
 *       {@code windowMs / sampleMs} returns.</li>
 *   <li>A symbol's volatility is the population standard deviation of the returns it keeps. It counts when it keeps
 *       at least p.minSamples returns and its current bucket is less than a window behind the newest bucket any
 *       symbol has reached (a symbol that stopped ticking leaves the average after one window).</li>
 *   <li>The market's volatility v, in basis points per sample interval, is the arithmetic mean of the counting
 *       symbols' volatilities x 10,000; with none counting the regime is UNKNOWN.</li>
 *   <li>Plain rule: HIGH when v &gt;= p.highBps, LOW when v &lt; p.lowBps, else NORMAL. With hysteresis: HIGH holds
 *       while v &gt;= highBps x (100 - hysteresisPct) / 100 and LOW holds while v &lt; lowBps x (100 + hysteresisPct)
 *       / 100; otherwise (and from UNKNOWN or NORMAL) the plain rule applies.</li>
 * </ol>
 * The regime is judged again only when a bucket completes (or a new symbol appears), so it changes only on a tick.
 * A tick costs a map lookup and a comparison; a completed bucket one logarithm and a pass over the symbols.
 */
public final class VolatilityRegime {
    /**
     * How the regime is measured, validated once.
     *
     * @param sampleMs      the sampling interval of the returns (default 1 s)
     * @param windowMs      the trailing window of returns, a multiple of sampleMs (default 5 min: 300 returns)
     * @param minSamples    returns a symbol needs before it counts (default 60: one minute)
     * @param lowBps        volatility per sample interval below which the market is LOW (default 20 bps = 0.20 %)
     * @param highBps       volatility at or above which the market is HIGH (default 120 bps = 1.20 %); the defaults
     *                      put the gateway's default simulated market (about 85 to 100 bps a second) in NORMAL
     * @param hysteresisPct how far past a threshold, in percent of it, volatility must come back to leave LOW or
     *                      HIGH (default 20)
     */
    public record Params(long sampleMs, long windowMs, int minSamples, double lowBps, double highBps,
                         int hysteresisPct) {
        public static final long SAMPLE_MS_DEFAULT = 1_000;
        public static final long WINDOW_MS_DEFAULT = 300_000;
        public static final int MIN_SAMPLES_DEFAULT = 60;
        public static final double LOW_BPS_DEFAULT = 20;
        public static final double HIGH_BPS_DEFAULT = 120;
        public static final int HYSTERESIS_PCT_DEFAULT = 20;
        /** The most returns a symbol keeps (a day of one-second samples). */
        public static final int MAX_SAMPLES = 86_400;

        public static Params defaults() {
            return new Params(SAMPLE_MS_DEFAULT, WINDOW_MS_DEFAULT, MIN_SAMPLES_DEFAULT, LOW_BPS_DEFAULT,
                    HIGH_BPS_DEFAULT, HYSTERESIS_PCT_DEFAULT);
        }

        /** Returns kept per symbol: windowMs / sampleMs. */
        public int capacity() {
            return (int) (windowMs / sampleMs);
        }

        /** Every inconsistency, empty when usable. */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (sampleMs <= 0 || windowMs <= 0 || windowMs % sampleMs != 0 || windowMs / sampleMs < 2
                    || windowMs / sampleMs > MAX_SAMPLES) {
                p.add("the window must be 2 to " + MAX_SAMPLES + " whole sample intervals");
            } else if (minSamples < 2 || minSamples > capacity()) {
                p.add("min samples must be within [2, window / sample interval]");
            }
            if (!(Double.isFinite(highBps) && 0 < lowBps && lowBps < highBps)) {
                p.add("volatility thresholds must satisfy 0 < low < high");
            }
            if (hysteresisPct < 0 || hysteresisPct > 50) {
                p.add("hysteresis must be within [0, 50] %");
            } else if (!(lowBps * (100 + hysteresisPct) < highBps * (100 - hysteresisPct))) {
                p.add("the hysteresis bands must not overlap: low x (100 + hysteresis) < high x (100 - hysteresis)");
            }
            return p;
        }
    }

    private final Params params;
    private final int capacity;
    private final Map<String, Series> bySymbol = new HashMap<>();
    private final List<Series> series = new ArrayList<>(); // in order of first tick: the mean sums in a fixed order
    private long newestBucket = Long.MIN_VALUE;
    private Regime regime = Regime.UNKNOWN;
    private double volatilityBps = Double.NaN;
    private int counted;

    public VolatilityRegime(Params params) {
        List<String> problems = params.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.params = params;
        this.capacity = params.capacity();
    }

    /** A regime measured with the default parameters. */
    public VolatilityRegime() {
        this(Params.defaults());
    }

    /** Counts one accepted price tick (price per lot, scale 10^8; event time ms); returns the regime after it. */
    public Regime onTick(String symbol, long priceE8, long eventTimeMs) {
        if (priceE8 <= 0) {
            return regime;
        }
        long bucket = Math.floorDiv(eventTimeMs, params.sampleMs());
        Series s = bySymbol.get(symbol);
        if (s == null) {
            s = new Series(capacity, bucket, priceE8);
            bySymbol.put(symbol, s);
            series.add(s);
        } else if (bucket > s.bucket) {
            s.complete(bucket);
            s.pendingE8 = priceE8;
        } else {
            s.pendingE8 = priceE8;
            return regime;
        }
        newestBucket = Math.max(newestBucket, bucket);
        judge();
        return regime;
    }

    public Regime regime() {
        return regime;
    }

    /** The market's volatility v in basis points per sample interval (see the rule); NaN while UNKNOWN. */
    public double volatilityBps() {
        return volatilityBps;
    }

    /** Symbols counted in the last judgement. */
    public int countedSymbols() {
        return counted;
    }

    public Params params() {
        return params;
    }

    private void judge() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < series.size(); i++) { // indexed: no iterator on the tick path
            Series s = series.get(i);
            if (s.size >= params.minSamples() && newestBucket - s.bucket < capacity) {
                sum += s.stdev();
                n++;
            }
        }
        counted = n;
        volatilityBps = n == 0 ? Double.NaN : sum / n * 10_000;
        regime = n == 0 ? Regime.UNKNOWN : classify(regime, volatilityBps, params);
    }

    /** The regime volatility v gives, coming from the regime {@code from} (the rule's step 5). */
    static Regime classify(Regime from, double v, Params p) {
        if (from == Regime.HIGH && v >= p.highBps() * (100 - p.hysteresisPct()) / 100) {
            return Regime.HIGH;
        }
        if (from == Regime.LOW && v < p.lowBps() * (100 + p.hysteresisPct()) / 100) {
            return Regime.LOW;
        }
        return v >= p.highBps() ? Regime.HIGH : v < p.lowBps() ? Regime.LOW : Regime.NORMAL;
    }

    /** One symbol's sampled log returns: a ring with running sums, recomputed once per lap against drift. */
    private static final class Series {
        final double[] returns;
        long bucket; // the bucket in progress
        long pendingE8; // its last price so far
        long closeE8; // the close of the bucket before it
        int head; // next write position
        int size;
        double sum;
        double sumSq;

        Series(int capacity, long bucket, long priceE8) {
            this.returns = new double[capacity];
            this.bucket = bucket;
            this.pendingE8 = priceE8;
            this.closeE8 = priceE8;
        }

        /** Completes the bucket in progress and every empty one up to {@code next}, which starts. */
        void complete(long next) {
            push(StrictMath.log((double) pendingE8 / closeE8)); // StrictMath: the same bits on every JVM
            long empty = Math.min(next - bucket - 1, returns.length);
            for (long i = 0; i < empty; i++) {
                push(0);
            }
            closeE8 = pendingE8;
            bucket = next;
        }

        double stdev() {
            double mean = sum / size;
            return Math.sqrt(Math.max(0, sumSq / size - mean * mean));
        }

        private void push(double r) {
            if (size == returns.length) {
                double old = returns[head];
                sum -= old;
                sumSq -= old * old;
            } else {
                size++;
            }
            returns[head] = r;
            sum += r;
            sumSq += r * r;
            if (++head == returns.length) {
                head = 0;
                sum = 0;
                sumSq = 0;
                for (int i = 0; i < size; i++) {
                    sum += returns[i];
                    sumSq += returns[i] * returns[i];
                }
            }
        }
    }
}
