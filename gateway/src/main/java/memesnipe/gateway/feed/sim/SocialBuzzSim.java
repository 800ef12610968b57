package memesnipe.gateway.feed.sim;

import memesnipe.model.event.SocialMentions;

import java.util.List;

/**
 * Social mentions of three tokens with bursts, for the social_buzz strategy. Every {@code reportMs} (default 60 s)
 * each symbol gets a report from source "x" counting its mentions over the last {@code reportMs}: in calm times its
 * base rate (BOME 20, POPCAT 40, MEW 12 mentions per minute) times log-normal noise (σ 0.25), sentiment N(0.15, 0.1)
 * clipped to [-1, 1]. At a calm report a burst starts with probability {@code burstChance} (default 1/25 per report,
 * so about one per symbol per 25 minutes): the burst's two reports count 4 to 8 times the base rate (uniform), with a
 * sentiment drawn once per burst, uniform in [0.4, 0.9] (half of the bursts) or in [-0.9, -0.4] (the other half). When
 * planted, a positive-sentiment burst is followed by a drift of the symbol's log price of {@code driftLogReturn}
 * (default +0.02) spread over {@code driftMs} (default 8 minutes) from its first report; negative bursts, and every
 * burst when not planted, move nothing. Prices: BOME 2.5, POPCAT 1.2, MEW 0.8 USD with volatility 0.0005 per square
 * root of a second (about 1.1 % over 8 minutes), a tick per symbol per step (default 1 s).
 */
public final class SocialBuzzSim extends ScenarioFeed {
    /** The source every report names. */
    public static final String SOURCE = "x";
    private static final List<Asset> ASSETS = List.of(new Asset("BOME", 2.5, 0.0005), new Asset("POPCAT", 1.2, 0.0005),
            new Asset("MEW", 0.8, 0.0005));
    private static final double[] BASE_PER_MINUTE = {20, 40, 12};
    private static final int BURST_REPORTS = 2;

    private final boolean planted;
    private final long reportMs;
    private final double burstChance;
    private final double driftLogReturn;
    private final long driftMs;
    private final int[] burstLeft = new int[ASSETS.size()];
    private final double[] burstFactor = new double[ASSETS.size()];
    private final double[] burstSentiment = new double[ASSETS.size()];
    private long firstStepMs = Long.MIN_VALUE;

    /**
     * @param reportMs       time between a symbol's reports (and each report's window), ms
     * @param burstChance    probability that a calm report starts a burst
     * @param driftLogReturn the planted drift's total log return after a positive burst
     * @param driftMs        how long the planted drift lasts, ms
     */
    public SocialBuzzSim(long seed, boolean planted, long stepMs, long reportMs, double burstChance,
                         double driftLogReturn, long driftMs) {
        super(seed, stepMs, ASSETS);
        if (reportMs < stepMs || reportMs % stepMs != 0 || reportMs < 1_000 || !(burstChance >= 0 && burstChance <= 1)
                || driftMs <= 0) {
            throw new IllegalArgumentException("need a report interval of whole steps (>= 1 s), a burst chance in [0, 1]"
                    + " and a positive drift length");
        }
        this.planted = planted;
        this.reportMs = reportMs;
        this.burstChance = burstChance;
        this.driftLogReturn = driftLogReturn;
        this.driftMs = driftMs;
    }

    public SocialBuzzSim(long seed, boolean planted) {
        this(seed, planted, 1_000, 60_000, 1.0 / 25, 0.02, 480_000);
    }

    @Override
    protected void onStep(long timeMs) {
        if (firstStepMs == Long.MIN_VALUE) {
            firstStepMs = timeMs;
        }
        if ((timeMs - firstStepMs) % reportMs != 0 || timeMs == firstStepMs) {
            return; // a report covers a whole interval before it
        }
        for (int i = 0; i < ASSETS.size(); i++) {
            String symbol = ASSETS.get(i).symbol();
            // every report draws the same numbers whatever happens, so planted and unplanted runs see the same noise
            double noise = Math.exp(0.25 * random.nextGaussian());
            double calmSentiment = 0.15 + 0.1 * random.nextGaussian();
            boolean starts = random.nextDouble() < burstChance;
            double factor = 4 + 4 * random.nextDouble();
            double sentiment = (random.nextBoolean() ? 1 : -1) * (0.4 + 0.5 * random.nextDouble());
            if (burstLeft[i] == 0 && starts) {
                burstLeft[i] = BURST_REPORTS;
                burstFactor[i] = factor;
                burstSentiment[i] = sentiment;
                if (planted && sentiment > 0) {
                    drift(symbol, driftLogReturn / (driftMs / 1000.0), timeMs + driftMs);
                }
            }
            boolean burst = burstLeft[i] > 0;
            double perMinute = BASE_PER_MINUTE[i] * noise * (burst ? burstFactor[i] : 1);
            double s = Math.max(-1, Math.min(1, burst ? burstSentiment[i] : calmSentiment));
            if (burst) {
                burstLeft[i]--;
            }
            emit(new SocialMentions(symbol, timeMs, Math.round(perMinute * reportMs / 60_000.0), reportMs,
                    (int) Math.round(s * 10_000), SOURCE));
        }
    }
}
