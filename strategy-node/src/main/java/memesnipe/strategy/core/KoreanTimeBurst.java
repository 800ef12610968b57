package memesnipe.strategy.core;

import memesnipe.model.time.DailyWindow;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Korean time burst: buys a volume burst with a rising price in the morning of Korean trading hours, long only.
 *
 * <p>The window opens every day at {@code opens} (default 09:00) in {@code zone} (default Asia/Seoul, explicit: the
 * window is a wall-clock time there, whatever the machine's zone) and lasts {@code windowMs} (default 90 minutes). Per
 * symbol, every tick's price and traded volume are kept in 1 s buckets (by event time). With {@code recent} the
 * volume traded over the last {@code burstSpanMs} (default 60 s), {@code usual} the mean volume per
 * {@code burstSpanMs} over the {@code baselineMs} (default 30 minutes) before it, and {@code r} the return over the
 * last {@code burstSpanMs}:
 * <ul>
 *   <li>ENTER_LONG when flat, inside the window, with at least {@code minBaselineMs} (default 10 minutes) of
 *   baseline, {@code usual > 0}, {@code recent >= volumeRatio × usual} (default 3) and {@code r > minReturn}
 *   (default 0);</li>
 *   <li>EXIT_LONG when long, on the first tick at or after the earlier of the window's end and entry +
 *   {@code holdMs} (default 15 minutes: a time stop).</li>
 * </ul>
 * History builds outside the window too (the baseline at 09:00 is the half hour before it). Ticks without a volume
 * (0) count as no trading. No entry for a symbol within {@code coolDown} (default 60 s) of its previous signal (exits
 * do not wait). Entries carry stop-loss 200 bps, no take-profit and no trailing stop by default.
 */
public final class KoreanTimeBurst implements Strategy {
    public static final String NAME = "korean_time_burst";
    /** Korea has one zone and no daylight saving time; named explicitly all the same. */
    public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final long BUCKET_MS = 1_000;

    /** Tunable parameters; durations in milliseconds, returns as fractions. */
    public record Params(ZoneId zone, LocalTime opens, long windowMs, long burstSpanMs, long baselineMs,
                         long minBaselineMs, double volumeRatio, double minReturn, long holdMs, long coolDownMs,
                         ExitBps exits) {
        public Params {
            if (zone == null || opens == null || windowMs <= 0 || windowMs > 12 * 3_600_000L
                    || burstSpanMs < 2 * BUCKET_MS || baselineMs < burstSpanMs || minBaselineMs < BUCKET_MS
                    || minBaselineMs > baselineMs || !(volumeRatio > 1) || Double.isNaN(minReturn) || holdMs <= 0
                    || coolDownMs < 0) {
                throw new IllegalArgumentException("need a zone, an opening time, a window within (0, 12 h], a burst"
                        + " span >= 2 s, burst span <= baseline, 1 s <= min baseline <= baseline, a volume ratio > 1,"
                        + " a positive hold and a non-negative cool-down");
            }
        }

        public static Params defaults() {
            return new Params(SEOUL, LocalTime.of(9, 0), 5_400_000, 60_000, 1_800_000, 600_000, 3.0, 0.0, 900_000,
                    60_000, new ExitBps(200, 0, 0));
        }

        public Params withBurst(double ratio, long hold) {
            return new Params(zone, opens, windowMs, burstSpanMs, baselineMs, minBaselineMs, ratio, minReturn, hold,
                    coolDownMs, exits);
        }
    }

    private final Params p;
    private final Arming arming;
    private final DailyWindow window;
    private final Map<String, SymbolState> symbols = new HashMap<>();

    /** A symbol's prices and volumes, and when its position must be closed. */
    private static final class SymbolState {
        final SampleWindow prices;
        final VolumeWindow volumes;
        long exitByMs;
        boolean exitAtWindowEnd;

        SymbolState(Params p) {
            prices = new SampleWindow(BUCKET_MS, (int) (p.burstSpanMs() / BUCKET_MS) + 1);
            volumes = new VolumeWindow(BUCKET_MS, p.baselineMs() + p.burstSpanMs());
        }
    }

    public KoreanTimeBurst(Params params) {
        this.p = params;
        this.arming = new Arming(params.coolDownMs());
        this.window = new DailyWindow(params.zone(), params.opens(), params.windowMs());
    }

    public KoreanTimeBurst() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        String symbol = tick.symbol();
        long now = tick.eventTimeMs();
        SymbolState s = symbols.get(symbol); // not computeIfAbsent: its lambda would be made on every tick
        if (s == null) {
            s = new SymbolState(p);
            symbols.put(symbol, s);
        }
        s.prices.add(now, tick.price());
        s.volumes.add(now, tick.volumeE8());
        if (arming.isLong(symbol)) {
            if (now >= s.exitByMs) {
                long exitBy = s.exitByMs;
                boolean windowEnded = s.exitAtWindowEnd;
                arming.exited(symbol, now);
                return List.of(Signal.exit(NAME, tick, () -> windowEnded
                        ? "the window closed at " + Instant.ofEpochMilli(exitBy).atZone(p.zone()).toLocalTime() + " "
                        + p.zone()
                        : String.format(Locale.ROOT, "time stop: held %d s", p.holdMs() / 1000)));
            }
            return List.of();
        }
        long windowEnd = window.endIfInside(now);
        if (windowEnd == DailyWindow.OUTSIDE || arming.coolingDown(symbol, now)
                || s.volumes.buckets() < (p.minBaselineMs() + p.burstSpanMs()) / BUCKET_MS) {
            return List.of();
        }
        double recent = s.volumes.recent(p.burstSpanMs());
        double usual = s.volumes.averageBefore(p.burstSpanMs(), p.burstSpanMs());
        if (!(usual > 0) || recent < p.volumeRatio() * usual) {
            return List.of();
        }
        double r = tick.price() / s.prices.ago((int) (p.burstSpanMs() / BUCKET_MS)) - 1;
        if (!(r > p.minReturn())) {
            return List.of();
        }
        s.exitAtWindowEnd = windowEnd <= now + p.holdMs();
        s.exitByMs = s.exitAtWindowEnd ? windowEnd : now + p.holdMs();
        arming.entered(symbol, now);
        return List.of(Signal.enter(NAME, tick, () -> String.format(Locale.ROOT,
                "in the %s %s window: volume %.1fx the usual over %d s, return %.3f%% > %.3f%%", p.opens(), p.zone(),
                recent / usual, p.burstSpanMs() / 1000, r * 100, p.minReturn() * 100), p.exits()));
    }

    @Override
    public void onRejected(String symbol) {
        arming.rejected(symbol);
    }
}
