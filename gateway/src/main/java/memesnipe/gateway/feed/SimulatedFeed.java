package memesnipe.gateway.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic simulated market: per symbol a log-price random walk with weak pull to its fair price,
 * occasional trend bursts of a few seconds (momentum) and sudden spikes that decay back (mean reversion).
 * Time in the walk is measured in ticks at the nominal rate, so the market looks the same at 200 or 20 000
 * events/s. With a bad-tick ratio it also emits malformed ticks, which never move the walk.
 * Same seed, rate and call sequence ⇒ same ticks. Not thread-safe: one owner.
 */
public final class SimulatedFeed implements Feed {
    /** Trend bursts per symbol per second, their strength (log return per second) and length in seconds. */
    private static final double BURSTS_PER_SECOND = 1.0 / 12;
    private static final double BURST_MIN_DRIFT = 0.004;
    private static final double BURST_MAX_DRIFT = 0.012;
    private static final double BURST_MIN_SECONDS = 2;
    private static final double BURST_MAX_SECONDS = 5;
    /** Spikes per symbol per second, their size (log) and decay time constant in seconds. */
    private static final double SPIKES_PER_SECOND = 1.0 / 20;
    private static final double SPIKE_MIN = 0.02;
    private static final double SPIKE_MAX = 0.05;
    private static final double SPIKE_DECAY_SECONDS = 1.5;
    /** Pull of the log price towards its fair value, per second. */
    private static final double FAIR_PULL_PER_SECOND = 0.01;

    private final SplittableRandom random;
    private final double badTickRatio;
    private final double dt;
    private final Walk[] walks;

    /**
     * @param seed         random seed
     * @param ratePerSecond nominal event rate (all symbols together), sets the simulated time per tick
     * @param badTickRatio share of malformed ticks in [0, 1]
     * @param symbols      the universe
     */
    public SimulatedFeed(long seed, double ratePerSecond, double badTickRatio, List<SymbolSpec> symbols) {
        if (symbols.isEmpty() || ratePerSecond <= 0 || badTickRatio < 0 || badTickRatio > 1) {
            throw new IllegalArgumentException("need symbols, a positive rate and a bad-tick ratio in [0,1]");
        }
        this.random = new SplittableRandom(seed);
        this.badTickRatio = badTickRatio;
        this.dt = symbols.size() / ratePerSecond;
        this.walks = symbols.stream().map(Walk::new).toArray(Walk[]::new);
    }

    /** The default universe ({@link SymbolSpec#defaults()}). */
    public SimulatedFeed(long seed, double ratePerSecond, double badTickRatio) {
        this(seed, ratePerSecond, badTickRatio, SymbolSpec.defaults());
    }

    @Override
    public List<RawTick> next(long nowMs, int count) {
        List<RawTick> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Walk w = walks[random.nextInt(walks.length)];
            out.add(random.nextDouble() < badTickRatio ? bad(w, nowMs) : w.step(nowMs));
        }
        return out;
    }

    /** A malformed observation of the symbol, one kind at random. */
    private RawTick bad(Walk w, long nowMs) {
        double p = w.price();
        double liq = w.spec.liquidityUsd();
        return switch (random.nextInt(10)) {
            case 0 -> new RawTick(w.spec.symbol(), Double.NaN, 1, liq, nowMs);
            case 1 -> new RawTick(w.spec.symbol(), -p, 1, liq, nowMs);
            case 2 -> new RawTick(w.spec.symbol(), 0, 1, liq, nowMs);
            case 3 -> new RawTick(w.spec.symbol(), p, -1, liq, nowMs);
            case 4 -> new RawTick(w.spec.symbol(), p, 1, liq, nowMs - 5_000);
            case 5 -> new RawTick(w.spec.symbol(), p, 1, liq, nowMs + 5_000);
            case 6 -> new RawTick(w.spec.symbol(), p * 3, 1, liq, nowMs);
            case 7 -> new RawTick(w.spec.symbol(), p, 1e12, liq, nowMs); // a volume beyond the e8 range
            case 8 -> new RawTick(w.spec.symbol() + " ", p, 1, liq, nowMs); // not a symbol
            default -> new RawTick(w.spec.symbol(), p, 1, 1_000, nowMs);
        };
    }

    /** State of one symbol's walk. */
    private final class Walk {
        final SymbolSpec spec;
        final double fairLog;
        double log;
        double spike;
        double trend;
        double burstLeft;

        Walk(SymbolSpec spec) {
            this.spec = spec;
            this.fairLog = Math.log(spec.startPrice());
            this.log = fairLog;
        }

        double price() {
            return Math.exp(log + spike);
        }

        RawTick step(long nowMs) {
            log += -FAIR_PULL_PER_SECOND * (log - fairLog) * dt
                    + spec.volPerSecond() * Math.sqrt(dt) * random.nextGaussian();
            if (burstLeft > 0) {
                log += trend * dt;
                burstLeft -= dt;
            } else if (random.nextDouble() < BURSTS_PER_SECOND * dt) {
                double size = BURST_MIN_DRIFT + random.nextDouble() * (BURST_MAX_DRIFT - BURST_MIN_DRIFT);
                trend = random.nextBoolean() ? size : -size;
                burstLeft = BURST_MIN_SECONDS + random.nextDouble() * (BURST_MAX_SECONDS - BURST_MIN_SECONDS);
            }
            spike *= Math.exp(-dt / SPIKE_DECAY_SECONDS);
            if (random.nextDouble() < SPIKES_PER_SECOND * dt) {
                double size = SPIKE_MIN + random.nextDouble() * (SPIKE_MAX - SPIKE_MIN);
                spike += random.nextBoolean() ? size : -size;
            }
            double price = price();
            double notional = -Math.log(1 - random.nextDouble()) * spec.tradeUsd() * (burstLeft > 0 ? 3 : 1);
            double liquidity = spec.liquidityUsd() * (0.9 + 0.2 * random.nextDouble());
            return new RawTick(spec.symbol(), price, notional / price, liquidity, nowMs);
        }
    }
}
