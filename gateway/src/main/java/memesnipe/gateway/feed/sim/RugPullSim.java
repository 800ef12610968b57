package memesnipe.gateway.feed.sim;

import memesnipe.model.event.TokenRisk;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated token launches, some of them rugged: eight tokens (MEMEA..MEMEH, 0.0004 to 2.50 USD, each with a
 * volatility of 0.0002 per square root of a second, about 1.2 % an hour), stepped every second.
 *
 * <p>Token i launches {@code i x launchGap} (default 30 min) after the start; from then on it reports its risk facts
 * (a {@link TokenRisk}) every 10 s. At launch it is clean with probability 0.7 (mint authority revoked, top-10 holders
 * 10 to 25 %), else sketchy (mint authority active, top-10 holders 35 to 45 %: not clean, not flagged). After an
 * exponential lifetime (mean {@code meanLifetime}, default 150 min; most tokens outlive a few simulated hours, some do
 * not) its liquidity is drained: the LP share removed reads 6 %, 13 %, 24 % (the rug rule's flag, at 20 %), 40 %,
 * 65 %, then 90 % for good, one report after the other. Planted: the crash follows the flag {@code crashDelay}
 * (default 5 s) later, {@code crash} (default &minus;35 %) over 20 s; and a clean token drifts up by
 * {@code cleanDriftPerHour} (default +3 % an hour) until its drain begins. Not planted: the same facts at the same
 * times, the same crashes at random times unrelated to them (each token crashes once, an exponential time of the same
 * mean after its launch), and no drift. Launches, facts and crash times come from a generator of their own (seeded
 * from the seed), so both regimes of one seed have the same facts and the same price noise.
 */
public final class RugPullSim extends ScenarioFeed {
    /** The simulated tokens. */
    public static final List<Asset> ASSETS = List.of(new Asset("MEMEA", 0.0004, 0.0002),
            new Asset("MEMEB", 0.02, 0.0002), new Asset("MEMEC", 0.75, 0.0002), new Asset("MEMED", 2.50, 0.0002),
            new Asset("MEMEE", 0.003, 0.0002), new Asset("MEMEF", 0.12, 0.0002), new Asset("MEMEG", 1.10, 0.0002),
            new Asset("MEMEH", 0.05, 0.0002));
    /** Time between two risk facts of a token, ms. */
    public static final long REPORT_EVERY_MS = 10_000;
    /** The LP share removed in the reports of a drain, one after the other, bps; the last one holds for good. */
    static final int[] DRAIN_BPS = {600, 1_300, 2_400, 4_000, 6_500, 9_000};
    /** The drain's report that reaches the rug rule's flag (20 %). */
    static final int FLAG_REPORT = 2;
    private static final long CRASH_MS = 20_000;

    /** The model's sizes; durations in ms, moves as fractions of the price (0.35 = 35 %). */
    public record Params(long launchGapMs, long meanLifetimeMs, long crashDelayMs, double crash,
                         double cleanDriftPerHour) {
        public Params {
            if (launchGapMs < 0 || meanLifetimeMs <= 0 || crashDelayMs < 0 || crash < 0 || crash >= 1
                    || cleanDriftPerHour < 0) {
                throw new IllegalArgumentException("need a launch gap and crash delay >= 0, a positive lifetime, a "
                        + "crash within [0, 1) and a drift >= 0");
            }
        }

        public static Params defaults() {
            return new Params(1_800_000, 9_000_000, 5_000, 0.35, 0.03);
        }
    }

    private final boolean planted;
    private final Params params;
    private final SplittableRandom facts;
    private final int n = ASSETS.size();
    private final long[] launchMs = new long[n];
    private final long[] nextReportMs = new long[n];
    private final boolean[] clean = new boolean[n];
    private final int[] top10Bps = new int[n];
    private final long[] drainMs = new long[n];
    private final int[] drainReports = new int[n];
    private final long[] crashMs = new long[n];
    private final boolean[] crashed = new boolean[n];
    private boolean started;

    public RugPullSim(long seed, boolean planted) {
        this(seed, planted, Params.defaults());
    }

    public RugPullSim(long seed, boolean planted, Params params) {
        super(seed, 1_000, ASSETS);
        this.planted = planted;
        this.params = params;
        this.facts = new SplittableRandom(seed ^ 0x5eed_0c0f_fee0L);
    }

    @Override
    protected void onStep(long timeMs) {
        if (!started) {
            started = true;
            launch(timeMs);
        }
        for (int i = 0; i < n; i++) {
            String symbol = ASSETS.get(i).symbol();
            if (!crashed[i] && timeMs >= crashMs[i]) {
                crashed[i] = true;
                drift(symbol, Math.log1p(-params.crash()) / (CRASH_MS / 1000.0), timeMs + CRASH_MS);
            }
            if (timeMs < nextReportMs[i]) {
                continue;
            }
            nextReportMs[i] += REPORT_EVERY_MS;
            boolean draining = timeMs >= drainMs[i];
            int lpRemoved = draining ? DRAIN_BPS[Math.min(drainReports[i]++, DRAIN_BPS.length - 1)] : 0;
            emit(new TokenRisk(symbol, timeMs, !clean[i], top10Bps[i], lpRemoved));
            if (planted && clean[i] && !draining) {
                drift(symbol, params.cleanDriftPerHour() / 3600, timeMs + REPORT_EVERY_MS);
            }
        }
    }

    /** Draws every token's launch, kind, drain and crash, from the first step's time. */
    private void launch(long startMs) {
        for (int i = 0; i < n; i++) {
            launchMs[i] = startMs + i * params.launchGapMs();
            nextReportMs[i] = launchMs[i];
            clean[i] = facts.nextDouble() < 0.7;
            top10Bps[i] = clean[i] ? 1_000 + facts.nextInt(1_500) : 3_500 + facts.nextInt(1_000);
            long reports = (long) Math.ceil(lifetime() / REPORT_EVERY_MS);
            drainMs[i] = launchMs[i] + reports * REPORT_EVERY_MS;
            long randomCrash = launchMs[i] + (long) lifetime(); // drawn in both regimes: the same facts in both
            crashMs[i] = planted ? drainMs[i] + FLAG_REPORT * REPORT_EVERY_MS + params.crashDelayMs() : randomCrash;
        }
    }

    /** An exponential lifetime, ms. */
    private double lifetime() {
        return -Math.log(1 - facts.nextDouble()) * params.meanLifetimeMs();
    }
}
