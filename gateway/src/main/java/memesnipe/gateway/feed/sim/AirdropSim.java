package memesnipe.gateway.feed.sim;

import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated airdrops on four tokens (AIRA at 0.50, AIRB at 1.20, AIRC at 0.08, AIRD at 3.00 USD, each with a
 * volatility of 0.0002 per square root of a second, about 1.2 % an hour), stepped every second.
 *
 * <p>Each token cycles on its own: idle for an exponential time (mean {@code meanIdle}, default 20 min), then an
 * AIRDROP_ANNOUNCED event whose snapshot lies 20 to 40 min ahead (uniform) and whose claims open 5 to 15 min after the
 * snapshot; an AIRDROP_SNAPSHOT event at the snapshot and an AIRDROP_CLAIM_OPEN event at the claim opening follow; the
 * token idles again {@code dumpDuration} after the claim opening. Planted: the price drifts up by {@code runUp}
 * (default +3 %) from the announcement to the snapshot, and down by {@code dump} (default &minus;4 %) over the
 * {@code dumpDuration} (default 10 min) after the claims open (airdropped tokens being sold). Not planted: the same
 * events at the same times, no drift. The schedules come from a generator of their own (seeded from the seed), so both
 * regimes of one seed have the same events and the same price noise: only the drifts differ.
 */
public final class AirdropSim extends ScenarioFeed {
    /** The simulated tokens. */
    public static final List<Asset> ASSETS = List.of(new Asset("AIRA", 0.50, 0.0002), new Asset("AIRB", 1.20, 0.0002),
            new Asset("AIRC", 0.08, 0.0002), new Asset("AIRD", 3.00, 0.0002));

    /** The model's sizes; durations in ms, moves as fractions of the price (0.03 = 3 %). */
    public record Params(long meanIdleMs, double runUp, double dump, long dumpDurationMs) {
        public Params {
            if (meanIdleMs <= 0 || runUp < 0 || dump < 0 || dump >= 1 || dumpDurationMs <= 0) {
                throw new IllegalArgumentException("need a positive idle time and dump duration, a run-up >= 0 and a "
                        + "dump within [0, 1)");
            }
        }

        public static Params defaults() {
            return new Params(1_200_000, 0.03, 0.04, 600_000);
        }
    }

    private static final long MIN_TO_SNAPSHOT_MS = 1_200_000;
    private static final long MAX_TO_SNAPSHOT_MS = 2_400_000;
    private static final long MIN_TO_CLAIM_MS = 300_000;
    private static final long MAX_TO_CLAIM_MS = 900_000;

    private final boolean planted;
    private final Params params;
    private final SplittableRandom schedules;
    /** Per token: its phase, and the time the phase ends (the announcement, snapshot, claim opening, end of dump). */
    private final Phase[] phase;
    private final long[] phaseEndMs;
    private final long[] snapshotAtMs;
    private final long[] claimAtMs;

    private enum Phase { IDLE, ANNOUNCED, SNAPSHOT_TAKEN, CLAIMS_OPEN }

    public AirdropSim(long seed, boolean planted) {
        this(seed, planted, Params.defaults());
    }

    public AirdropSim(long seed, boolean planted, Params params) {
        super(seed, 1_000, ASSETS);
        this.planted = planted;
        this.params = params;
        this.schedules = new SplittableRandom(seed ^ 0x5eed_a1d0_0000L);
        int n = ASSETS.size();
        phase = new Phase[n];
        phaseEndMs = new long[n];
        snapshotAtMs = new long[n];
        claimAtMs = new long[n];
    }

    @Override
    protected void onStep(long timeMs) {
        for (int i = 0; i < ASSETS.size(); i++) {
            String symbol = ASSETS.get(i).symbol();
            if (phase[i] == null) {
                idle(i, timeMs); // the first step
                continue;
            }
            if (timeMs < phaseEndMs[i]) {
                continue;
            }
            switch (phase[i]) {
                case IDLE -> announce(i, symbol, timeMs);
                case ANNOUNCED -> {
                    emit(new TokenEvent(symbol, timeMs, TokenEventKind.AIRDROP_SNAPSHOT, snapshotAtMs[i], claimAtMs[i]));
                    phase[i] = Phase.SNAPSHOT_TAKEN;
                    phaseEndMs[i] = claimAtMs[i];
                }
                case SNAPSHOT_TAKEN -> {
                    emit(new TokenEvent(symbol, timeMs, TokenEventKind.AIRDROP_CLAIM_OPEN, snapshotAtMs[i], claimAtMs[i]));
                    if (planted) {
                        drift(symbol, Math.log1p(-params.dump()) / (params.dumpDurationMs() / 1000.0),
                                timeMs + params.dumpDurationMs());
                    }
                    phase[i] = Phase.CLAIMS_OPEN;
                    phaseEndMs[i] = timeMs + params.dumpDurationMs();
                }
                case CLAIMS_OPEN -> idle(i, timeMs);
            }
        }
    }

    private void announce(int i, String symbol, long timeMs) {
        snapshotAtMs[i] = timeMs + between(MIN_TO_SNAPSHOT_MS, MAX_TO_SNAPSHOT_MS);
        claimAtMs[i] = snapshotAtMs[i] + between(MIN_TO_CLAIM_MS, MAX_TO_CLAIM_MS);
        emit(new TokenEvent(symbol, timeMs, TokenEventKind.AIRDROP_ANNOUNCED, snapshotAtMs[i], claimAtMs[i]));
        if (planted) {
            drift(symbol, Math.log1p(params.runUp()) / ((snapshotAtMs[i] - timeMs) / 1000.0), snapshotAtMs[i]);
        }
        phase[i] = Phase.ANNOUNCED;
        phaseEndMs[i] = snapshotAtMs[i];
    }

    /** The token idles until its next announcement, an exponential time from now (at least a step). */
    private void idle(int i, long timeMs) {
        long idle = (long) (-Math.log(1 - schedules.nextDouble()) * params.meanIdleMs());
        phase[i] = Phase.IDLE;
        phaseEndMs[i] = timeMs + Math.max(stepMs(), idle / stepMs() * stepMs());
    }

    /** A whole number of steps within [min, max] ms, uniform. */
    private long between(long minMs, long maxMs) {
        return (minMs + schedules.nextLong(maxMs - minMs + 1)) / stepMs() * stepMs();
    }
}
