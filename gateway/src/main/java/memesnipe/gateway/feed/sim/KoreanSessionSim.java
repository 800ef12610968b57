package memesnipe.gateway.feed.sim;

import memesnipe.model.time.DailyWindow;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Volume bursts around the clock, with an effect only in the Korean morning, for the korean_time_burst strategy. Four
 * symbols (XRP 0.6, DOGE 0.15, SUI 150, ETC 25 USD; volatility 0.0004 per square root of a second, about 1.4 % over
 * 20 minutes) tick every step (default 5 s) of the caller's clock, which is real epoch time: days of it pass through
 * the window {@code opens} (default 09:00) in {@code zone} (default Asia/Seoul) lasting {@code windowMs} (default 90
 * minutes). At every step each symbol starts a volume burst with probability {@code step / burstEveryMs} (default one
 * per 15 minutes, at any time of day, none while one runs): its volume is 4 to 8 times the usual (uniform) for
 * {@code burstMs} (default 60 s). When planted, a burst that starts inside the window is followed by a drift of the
 * symbol's log price of {@code driftLogReturn} (default +0.015) spread over {@code driftMs} (default 10 minutes) from
 * the burst's start; bursts outside the window, and every burst when not planted, move nothing.
 */
public final class KoreanSessionSim extends ScenarioFeed {
    private static final List<Asset> ASSETS = List.of(new Asset("XRP", 0.6, 0.0004), new Asset("DOGE", 0.15, 0.0004),
            new Asset("SUI", 150, 0.0004), new Asset("ETC", 25, 0.0004));

    private final boolean planted;
    private final DailyWindow window;
    private final double burstChance;
    private final long burstMs;
    private final double driftLogReturn;
    private final long driftMs;
    private final long[] burstUntilMs = new long[ASSETS.size()];

    /**
     * @param burstEveryMs   mean time between a symbol's bursts, ms
     * @param burstMs        how long a burst's volume lasts, ms
     * @param driftLogReturn the planted drift's total log return after a burst in the window
     * @param driftMs        how long the planted drift lasts, ms
     */
    public KoreanSessionSim(long seed, boolean planted, long stepMs, ZoneId zone, LocalTime opens, long windowMs,
                            long burstEveryMs, long burstMs, double driftLogReturn, long driftMs) {
        super(seed, stepMs, ASSETS);
        if (burstEveryMs < stepMs || burstMs < stepMs || driftMs <= 0) {
            throw new IllegalArgumentException("need bursts at least a step apart and long, and a positive drift length");
        }
        this.planted = planted;
        this.window = new DailyWindow(zone, opens, windowMs);
        this.burstChance = (double) stepMs / burstEveryMs;
        this.burstMs = burstMs;
        this.driftLogReturn = driftLogReturn;
        this.driftMs = driftMs;
        java.util.Arrays.fill(burstUntilMs, Long.MIN_VALUE);
    }

    public KoreanSessionSim(long seed, boolean planted) {
        this(seed, planted, 5_000);
    }

    /** The default model stepped every stepMs (5 s for backtests; a live feed ticks each second, see Scenarios). */
    public KoreanSessionSim(long seed, boolean planted, long stepMs) {
        this(seed, planted, stepMs, ZoneId.of("Asia/Seoul"), LocalTime.of(9, 0), 5_400_000, 900_000, 60_000, 0.015,
                600_000);
    }

    @Override
    protected void onStep(long timeMs) {
        for (int i = 0; i < ASSETS.size(); i++) {
            // the same draws whatever happens, so planted and unplanted runs see the same noise
            boolean starts = random.nextDouble() < burstChance;
            double factor = 4 + 4 * random.nextDouble();
            if (!starts || timeMs < burstUntilMs[i]) {
                continue;
            }
            String symbol = ASSETS.get(i).symbol();
            burstUntilMs[i] = timeMs + burstMs;
            volume(symbol, factor, timeMs + burstMs);
            if (planted && window.contains(timeMs)) {
                drift(symbol, driftLogReturn / (driftMs / 1000.0), timeMs + driftMs);
            }
        }
    }
}
