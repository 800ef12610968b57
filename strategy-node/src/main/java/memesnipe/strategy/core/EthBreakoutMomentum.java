package memesnipe.strategy.core;

import java.util.List;
import java.util.Locale;

/**
 * ETH breakout momentum: buys one symbol (default "ETH") breaking above its Donchian channel on rising volume, long
 * only; every other symbol is ignored.
 *
 * <p>The symbol's price is sampled once per {@code sampleMs} (default 1 minute: the minute's last price, by event
 * time) and its traded volume is kept in 1 s buckets. With {@code high} the highest of the last {@code channelN}
 * (default 30) completed samples, {@code low} the lowest of the last {@code exitM} (default 15), {@code recent} the
 * volume of the last {@code volumeSpanMs} (default 60 s) and {@code usual} the mean volume per {@code volumeSpanMs}
 * over the {@code baselineMs} (default 60 minutes) before it (at least {@code channelN} samples' worth of it held):
 * <ul>
 *   <li>ENTER_LONG when flat, {@code price > high}, {@code usual > 0} and {@code recent >= volumeRatio × usual}
 *   (default 1.5);</li>
 *   <li>EXIT_LONG when long and {@code price < low} (the breakout failed), or on the first tick at or after entry +
 *   {@code holdMs} (default 30 minutes: the time stop).</li>
 * </ul>
 * No entry within {@code coolDown} (default 60 s) of the previous signal (exits do not wait). Entries carry stop-loss
 * 300 bps, no take-profit and a trailing stop of 150 bps by default.
 */
public final class EthBreakoutMomentum implements Strategy {
    public static final String NAME = "eth_breakout_momentum";
    private static final long VOLUME_BUCKET_MS = 1_000;

    /** Tunable parameters; durations in milliseconds. */
    public record Params(String symbol, long sampleMs, int channelN, int exitM, long volumeSpanMs, long baselineMs,
                         double volumeRatio, long holdMs, long coolDownMs, ExitBps exits) {
        public Params {
            if (symbol == null || symbol.isEmpty() || sampleMs < VOLUME_BUCKET_MS || channelN < 2 || exitM < 2
                    || volumeSpanMs < 2 * VOLUME_BUCKET_MS || baselineMs < channelN * sampleMs
                    || !(volumeRatio >= 1) || holdMs <= 0 || coolDownMs < 0) {
                throw new IllegalArgumentException("need a symbol, a sample of >= 1 s, channel and exit lengths >= 2,"
                        + " a volume span >= 2 s, a baseline of at least the channel's time, a volume ratio >= 1, a"
                        + " positive hold and a non-negative cool-down");
            }
        }

        public static Params defaults() {
            return new Params("ETH", 60_000, 30, 15, 60_000, 3_600_000, 1.5, 1_800_000, 60_000,
                    new ExitBps(300, 0, 150));
        }

        public Params withChannel(int n, int m) {
            return new Params(symbol, sampleMs, n, m, volumeSpanMs, baselineMs, volumeRatio, holdMs, coolDownMs,
                    exits);
        }
    }

    private final Params p;
    private final Arming arming;
    private final SampleWindow closes;
    private final VolumeWindow volumes;
    private long lastBucket = Long.MIN_VALUE;
    private double high;
    private double low;
    private long enteredAtMs;

    public EthBreakoutMomentum(Params params) {
        this.p = params;
        this.arming = new Arming(params.coolDownMs());
        this.closes = new SampleWindow(params.sampleMs(), Math.max(params.channelN(), params.exitM()));
        this.volumes = new VolumeWindow(VOLUME_BUCKET_MS, params.baselineMs() + params.volumeSpanMs());
    }

    public EthBreakoutMomentum() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        if (!tick.symbol().equals(p.symbol())) {
            return List.of();
        }
        long now = tick.eventTimeMs();
        closes.add(now, tick.price());
        volumes.add(now, tick.volumeE8());
        updateChannel(now);
        if (closes.size() < p.channelN()) {
            return List.of();
        }
        double price = tick.price();
        if (arming.isLong(p.symbol())) {
            long held = now - enteredAtMs;
            if (price < low || held >= p.holdMs()) {
                double channelLow = low;
                arming.exited(p.symbol(), now);
                return List.of(Signal.exit(NAME, tick, () -> price < channelLow
                        ? String.format(Locale.ROOT, "price %.8f < %d-sample low %.8f", price, p.exitM(), channelLow)
                        : String.format(Locale.ROOT, "time stop: held %d s >= %d s", held / 1000, p.holdMs() / 1000)));
            }
            return List.of();
        }
        if (!(price > high) || arming.coolingDown(p.symbol(), now)
                || volumes.buckets() < p.channelN() * p.sampleMs() / VOLUME_BUCKET_MS) {
            return List.of();
        }
        double recent = volumes.recent(p.volumeSpanMs());
        double usual = volumes.averageBefore(p.volumeSpanMs(), p.volumeSpanMs());
        if (!(usual > 0) || recent < p.volumeRatio() * usual) {
            return List.of();
        }
        double channelHigh = high;
        enteredAtMs = now;
        arming.entered(p.symbol(), now);
        return List.of(Signal.enter(NAME, tick, () -> String.format(Locale.ROOT,
                "price %.8f > %d-sample high %.8f, volume %.2fx the usual over %d s", price, p.channelN(), channelHigh,
                recent / usual, p.volumeSpanMs() / 1000), p.exits()));
    }

    /** Recomputes the channel once per completed sample (a loop over at most max(N, M) samples once a minute). */
    private void updateChannel(long now) {
        long bucket = Math.floorDiv(now, p.sampleMs());
        if (bucket == lastBucket) {
            return;
        }
        lastBucket = bucket;
        if (closes.size() == 0) {
            return;
        }
        high = Double.NEGATIVE_INFINITY;
        low = Double.POSITIVE_INFINITY;
        for (int back = 1; back <= Math.min(closes.size(), Math.max(p.channelN(), p.exitM())); back++) {
            double c = closes.ago(back);
            if (back <= p.channelN()) {
                high = Math.max(high, c);
            }
            if (back <= p.exitM()) {
                low = Math.min(low, c);
            }
        }
    }

    @Override
    public void onRejected(String symbol) {
        arming.rejected(symbol);
    }
}
