package memesnipe.gateway.feed.sim;

import java.util.List;

/**
 * Consolidation ranges and upward breakouts of one symbol (default "ETH", 3,000 USD, volatility 0.0002 per square
 * root of a second), for the eth_breakout_momentum strategy; a tick per step (default 1 s). The market cycles:
 * <ol>
 *   <li>consolidation for 30 to 60 minutes (uniform): the log price is pulled back to the range's centre (the price
 *   when it began) at 1/120 of the gap per second, so it stays within about ±0.3 %;</li>
 *   <li>a breakout: the volume rises to 4 times the usual for 90 s, and 30 s into it the price jumps by
 *   {@code breakLogReturn} (default +0.8 %) in one step;</li>
 *   <li>the aftermath, {@code afterMs} (default 20 minutes) from the jump: when planted, the breakout continues with
 *   a drift of {@code continueLogReturn} (default +1.5 %) spread over it; when not planted, the price walks at
 *   random (no drift). Then a new consolidation begins around wherever the price is.</li>
 * </ol>
 * The breakouts themselves (jump and volume) are the same planted or not: only the continuation is the effect.
 */
public final class BreakoutSim extends ScenarioFeed {
    private static final double PULL_PER_SECOND = 1.0 / 120;
    private static final long VOLUME_LEAD_MS = 30_000;
    private static final long VOLUME_MS = 90_000;
    private static final double VOLUME_FACTOR = 4;

    private enum Phase { CONSOLIDATING, BREAKING, JUMPED, AFTER }

    private final String symbol;
    private final boolean planted;
    private final double breakLogReturn;
    private final double continueLogReturn;
    private final long afterMs;
    private Phase phase;
    private long phaseEndsMs;
    private double centre;

    /**
     * @param breakLogReturn    the breakout's jump, log return
     * @param continueLogReturn the planted continuation's total log return after the jump
     * @param afterMs           how long the aftermath (planted drift or random walk) lasts, ms
     */
    public BreakoutSim(long seed, boolean planted, String symbol, long stepMs, double breakLogReturn,
                       double continueLogReturn, long afterMs) {
        super(seed, stepMs, List.of(new Asset(symbol, 3_000, 0.0002)));
        if (afterMs < stepMs || stepMs > VOLUME_LEAD_MS) {
            throw new IllegalArgumentException("need a step of at most 30 s and an aftermath of at least a step");
        }
        this.symbol = symbol;
        this.planted = planted;
        this.breakLogReturn = breakLogReturn;
        this.continueLogReturn = continueLogReturn;
        this.afterMs = afterMs;
    }

    public BreakoutSim(long seed, boolean planted) {
        this(seed, planted, "ETH", 1_000, 0.008, 0.015, 1_200_000);
    }

    @Override
    protected void onStep(long timeMs) {
        double consolidationMs = 1_800_000 + 1_800_000 * random.nextDouble(); // drawn every step: the same draws always
        if (phase == null) {
            consolidate(timeMs, consolidationMs);
        }
        switch (phase) {
            case CONSOLIDATING -> {
                if (timeMs < phaseEndsMs) {
                    drift(symbol, -PULL_PER_SECOND * (Math.log(price(symbol)) - centre), timeMs + stepMs());
                    return;
                }
                phase = Phase.BREAKING;
                phaseEndsMs = timeMs + VOLUME_LEAD_MS; // the jump's step
                volume(symbol, VOLUME_FACTOR, timeMs + VOLUME_MS);
                drift(symbol, 0, timeMs);
            }
            case BREAKING -> {
                if (timeMs + stepMs() >= phaseEndsMs) {
                    drift(symbol, breakLogReturn / (stepMs() / 1000.0), timeMs + stepMs()); // the next step only
                    phase = Phase.JUMPED;
                }
            }
            case JUMPED -> { // the jump's step is over: the aftermath begins
                phase = Phase.AFTER;
                phaseEndsMs = timeMs + afterMs;
                drift(symbol, planted ? continueLogReturn / (afterMs / 1000.0) : 0, phaseEndsMs);
            }
            case AFTER -> {
                if (timeMs >= phaseEndsMs) {
                    consolidate(timeMs, consolidationMs);
                }
            }
        }
    }

    private void consolidate(long timeMs, double lengthMs) {
        phase = Phase.CONSOLIDATING;
        phaseEndsMs = timeMs + (long) lengthMs;
        centre = Math.log(price(symbol));
    }
}
