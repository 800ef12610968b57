package memesnipe.gateway.feed.sim;

import memesnipe.model.event.BridgeFlow;
import memesnipe.model.money.Fixed;

import java.util.ArrayList;
import java.util.List;

/**
 * Value bridged between three chains (the bridge_inflow scenario): ethereum (ETH, price 3,000, volatility 0.0002 per
 * square root of a second), solana (SOL, 150, 0.0003) and avalanche (AVAX, 30, 0.0003), on a 1 s step.
 *
 * <p>Every {@code flowEvery} (10 s) each of the six routes reports a {@link BridgeFlow} of USDC, its symbol the
 * destination's token: {@code routeUsd} (20,000 USD) times a log-normal factor (σ {@code sigma} 0.5, mean 1). A chain
 * not surging and with no planted drift running starts a surge with probability step / {@code meanSurgeGap} per step
 * (a mean of 20 min between surges): for a uniform {@code minSurge..maxSurge} (4..8 min) every flow into it is
 * multiplied by a uniform {@code minMultiple..maxMultiple} (5..10). In both regimes: the same flows. Planted: a surge
 * is followed by a drift up of the destination's token of {@code drift} log return (+4 %) over {@code driftTime}
 * (30 min) from the surge's start; a chain does not surge again while that time runs (in both regimes). Not planted: no drift. Outflows from a chain grow with every surge elsewhere, so
 * the strategy's outflow-dominance exit is exercised in both regimes.
 */
public final class BridgeFlowSim extends ScenarioFeed {
    /** The model's figures (amounts in USD, durations in ms, the drift in log return). */
    public record Model(long flowEveryMs, double routeUsd, double sigma, long meanSurgeGapMs, long minSurgeMs,
                        long maxSurgeMs, double minMultiple, double maxMultiple, double drift, long driftMs) {
        public Model {
            if (flowEveryMs <= 0 || flowEveryMs % 1_000 != 0 || routeUsd <= 0 || sigma < 0 || meanSurgeGapMs <= 0
                    || minSurgeMs <= 0 || maxSurgeMs < minSurgeMs || minMultiple < 1 || maxMultiple < minMultiple
                    || driftMs < maxSurgeMs) {
                throw new IllegalArgumentException("bridge flow model out of range: " + this);
            }
        }

        public static Model defaults() {
            return new Model(10_000, 20_000, 0.5, 1_200_000, 240_000, 480_000, 5, 10, 0.04, 1_800_000);
        }
    }

    /** A surge into a chain: when it started, until when, and by what multiple its inflows grew. */
    public record Surge(String chain, String symbol, long startMs, long untilMs, double multiple) {
    }

    private static final String[] CHAINS = {"ethereum", "solana", "avalanche"};
    private static final String[] TOKENS = {"ETH", "SOL", "AVAX"};

    private final boolean planted;
    private final Model m;
    private final long[] surgeUntilMs = new long[CHAINS.length];
    private final long[] quietFromMs = new long[CHAINS.length]; // no new surge before (a drift may be running)
    private final double[] multiple = new double[CHAINS.length];
    private final List<Surge> surges = new ArrayList<>();
    private long startMs = Long.MIN_VALUE;

    public BridgeFlowSim(long seed, boolean planted) {
        this(seed, planted, Model.defaults());
    }

    public BridgeFlowSim(long seed, boolean planted, Model model) {
        super(seed, 1_000, List.of(new Asset("ETH", 3_000, 0.0002), new Asset("SOL", 150, 0.0003),
                new Asset("AVAX", 30, 0.0003)));
        this.planted = planted;
        this.m = model;
    }

    /** The surges so far, in start order (the simulation's ground truth, for tests and reports). */
    public List<Surge> surges() {
        return List.copyOf(surges);
    }

    @Override
    protected void onStep(long timeMs) {
        if (startMs == Long.MIN_VALUE) {
            startMs = timeMs;
        }
        double p = stepMs() / (double) m.meanSurgeGapMs();
        for (int c = 0; c < CHAINS.length; c++) {
            if (timeMs >= quietFromMs[c] && random.nextDouble() < p) {
                long until = timeMs + random.nextLong(m.minSurgeMs(), m.maxSurgeMs() + 1);
                multiple[c] = m.minMultiple() + (m.maxMultiple() - m.minMultiple()) * random.nextDouble();
                surgeUntilMs[c] = until;
                quietFromMs[c] = timeMs + m.driftMs();
                surges.add(new Surge(CHAINS[c], TOKENS[c], timeMs, until, multiple[c]));
                if (planted) {
                    drift(TOKENS[c], m.drift() / (m.driftMs() / 1000.0), timeMs + m.driftMs());
                }
            }
        }
        if ((timeMs - startMs) % m.flowEveryMs() != 0) {
            return;
        }
        for (int from = 0; from < CHAINS.length; from++) {
            for (int to = 0; to < CHAINS.length; to++) {
                if (from == to) {
                    continue;
                }
                double usd = m.routeUsd() * Math.exp(m.sigma() * random.nextGaussian() - m.sigma() * m.sigma() / 2)
                        * (timeMs < surgeUntilMs[to] ? multiple[to] : 1);
                emit(new BridgeFlow(TOKENS[to], timeMs, CHAINS[from], CHAINS[to], "USDC", Fixed.fromDouble(usd)));
            }
        }
    }
}
