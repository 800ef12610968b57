package memesnipe.strategy.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mean reversion against a trailing window (default 1 hour), per symbol, long only.
 *
 * <p>Prices are sampled once per {@code sampleMs} (default 250 ms: 14,400 doubles per symbol for an
 * hour, and the 30 samples it needs exist after 7.5 s). {@code z = (price − mean) / stdev} of the
 * current price against the completed samples, once at least {@code minSamples} (default 30) exist
 * and the stdev is not zero:
 * <ul>
 *   <li>ENTER_LONG when flat and {@code z <= entryZ} (default −2.0);</li>
 *   <li>EXIT_LONG when long and {@code z >= exitZ} (default 0: back at the mean).</li>
 * </ul>
 * No signal for a symbol within {@code coolDown} (default 3 s) of its previous one. Entries carry
 * stop-loss 400 bps and take-profit 300 bps by default, no trailing stop.
 */
public final class MeanRevert1h implements Strategy {
    public static final String NAME = "mean_revert_1h";

    /** Tunable parameters; durations in milliseconds. */
    public record Params(long windowMs, long sampleMs, int minSamples, double entryZ, double exitZ,
                         long coolDownMs, ExitBps exits) {
        public static Params defaults() {
            return new Params(3_600_000, 250, 30, -2.0, 0.0, 3_000, new ExitBps(400, 300, 0));
        }
    }

    private final Params p;
    private final Arming arming;
    private final Map<String, SampleWindow> windows = new HashMap<>();

    public MeanRevert1h(Params params) {
        this.p = params;
        this.arming = new Arming(params.coolDownMs());
    }

    public MeanRevert1h() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        String symbol = tick.symbol();
        SampleWindow w = windows.get(symbol); // not computeIfAbsent: its lambda would be made on every tick
        if (w == null) {
            w = new SampleWindow(p.sampleMs(), (int) (p.windowMs() / p.sampleMs()));
            windows.put(symbol, w);
        }
        w.add(tick.eventTimeMs(), tick.price());
        double stdev = w.stdev();
        if (w.size() < p.minSamples() || !(stdev > 1e-12 * Math.abs(w.mean()))
                || arming.coolingDown(symbol, tick.eventTimeMs())) {
            return List.of();
        }
        double mean = w.mean();
        double z = (tick.price() - mean) / stdev;
        int samples = w.size();
        if (!arming.isLong(symbol)) {
            if (z <= p.entryZ()) {
                arming.entered(symbol, tick.eventTimeMs());
                return List.of(Signal.enter(NAME, tick, () -> String.format(Locale.ROOT,
                        "z %.2f <= %.2f (mean %.8f, stdev %.8f, %d samples)",
                        z, p.entryZ(), mean, stdev, samples), p.exits()));
            }
        } else if (z >= p.exitZ()) {
            arming.exited(symbol, tick.eventTimeMs());
            return List.of(Signal.exit(NAME, tick, () -> String.format(Locale.ROOT,
                    "z %.2f >= %.2f (mean %.8f)", z, p.exitZ(), mean)));
        }
        return List.of();
    }

    @Override
    public void onRejected(String symbol) {
        arming.rejected(symbol);
    }
}
