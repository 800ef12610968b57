package memesnipe.strategy.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Momentum over a trailing window (default 5 minutes), per symbol, long only.
 *
 * <p>Prices are sampled once per second (the second's last price, by event time). With {@code r_lb}
 * the return of the current price over the trailing lookback (what history exists, once at least
 * {@code minHistory} is present) and {@code r_s} the return over the last {@code shortWindow}:
 * <ul>
 *   <li>ENTER_LONG when flat and {@code r_lb >= entryReturn} (default +0.5 %) and {@code r_s > 0};</li>
 *   <li>EXIT_LONG when long and {@code r_s <= -shortExitDrop} (default −0.3 %) or {@code r_lb < 0}.</li>
 * </ul>
 * No signal for a symbol within {@code coolDown} (default 3 s) of its previous one. Entries carry
 * stop-loss 300 bps, take-profit 600 bps and trailing stop 200 bps by default.
 */
public final class Momentum5m implements Strategy {
    public static final String NAME = "momentum_5m";

    /** Tunable parameters; durations in milliseconds, returns as fractions (0.005 = 0.5 %). */
    public record Params(long lookbackMs, long minHistoryMs, long shortWindowMs, double entryReturn,
                         double shortExitDrop, long coolDownMs, ExitBps exits) {
        public static Params defaults() {
            return new Params(300_000, 10_000, 5_000, 0.005, 0.003, 3_000, new ExitBps(300, 600, 200));
        }
    }

    private static final long SAMPLE_MS = 1_000;
    private final Params p;
    private final Arming arming;
    private final Map<String, SampleWindow> windows = new HashMap<>();

    public Momentum5m(Params params) {
        this.p = params;
        this.arming = new Arming(params.coolDownMs());
    }

    public Momentum5m() {
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
            w = new SampleWindow(SAMPLE_MS, (int) (p.lookbackMs() / SAMPLE_MS) + 1);
            windows.put(symbol, w);
        }
        w.add(tick.eventTimeMs(), tick.price());
        if (w.size() < p.minHistoryMs() / SAMPLE_MS || arming.coolingDown(symbol, tick.eventTimeMs())) {
            return List.of();
        }
        double lookback = tick.price() / w.ago((int) (p.lookbackMs() / SAMPLE_MS)) - 1;
        double shortTerm = tick.price() / w.ago((int) (p.shortWindowMs() / SAMPLE_MS)) - 1;
        if (!arming.isLong(symbol)) {
            if (lookback >= p.entryReturn() && shortTerm > 0) {
                arming.entered(symbol, tick.eventTimeMs());
                return List.of(Signal.enter(NAME, tick, () -> String.format(Locale.ROOT,
                        "lookback return %.3f%% >= %.3f%%, short-term %.3f%% > 0",
                        lookback * 100, p.entryReturn() * 100, shortTerm * 100), p.exits()));
            }
        } else if (shortTerm <= -p.shortExitDrop() || lookback < 0) {
            arming.exited(symbol, tick.eventTimeMs());
            return List.of(Signal.exit(NAME, tick, () -> String.format(Locale.ROOT,
                    "short-term return %.3f%%, lookback return %.3f%%", shortTerm * 100, lookback * 100)));
        }
        return List.of();
    }

    @Override
    public void onRejected(String symbol) {
        arming.rejected(symbol);
    }
}
