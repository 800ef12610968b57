package memesnipe.gateway.feed.sim;

import memesnipe.model.event.LpLock;
import memesnipe.model.event.PoolChange;
import memesnipe.model.money.Fixed;

import java.util.List;
import java.util.Locale;

/**
 * Tokens migrating from a bonding curve to an AMM pool (the liquidity_migration scenario): three symbols (MOON, FROG,
 * CATZ, each 0.0006 volatility per square root of a second) on a 1 s step; each stands for a succession of tokens,
 * one migration at a time.
 *
 * <p>Each symbol repeats a cycle: idle for a random time (exponential, mean {@code meanIdle} 6 min, at least 1 min),
 * then a migration: a new pool on "raydium" ({@link PoolChange} with {@code newPool}) with log-normal liquidity
 * (median {@code medianUsd} 150,000 USD, σ {@code sigma} 0.8) and its LP {@link LpLock#BURNED} (probability
 * {@code burned}, 35 %), {@link LpLock#LOCKED} ({@code locked}, 30 %) or {@link LpLock#UNLOCKED} (the rest). The
 * pool then lives for {@code live} (25 min): about every minute {@code noise} liquidity is added or removed (up to
 * ±8 % of the pool); an unlocked pool is pulled with probability {@code pullUnlocked} (50 %), a locked one (a short
 * lock) with {@code pullLocked} (20 %), a burned one never, at a uniform 3..20 min after the migration: 60..95 % of
 * its liquidity is removed at once. In both regimes: the same pool changes. Planted: a burned or locked migration of
 * at least {@code largeUsd} (100,000 USD) is followed by a drift of {@code up} log return (+6 %) over
 * {@code effectTime} (20 min); an unlocked one (any size) by {@code down} (−6 %) over the same time; a pull by
 * {@code pullDrop} (−8 %) over 3 min, replacing the drift running. Smaller locked migrations: no effect. Not planted:
 * no effect after anything.
 */
public final class LiquidityMigrationSim extends ScenarioFeed {
    private static final long PULL_DROP_MS = 180_000;
    private static final long MIN_PULL_DELAY_MS = 180_000;
    private static final long MAX_PULL_DELAY_MS = 1_200_000;

    /** The model's figures (liquidity in USD, durations in ms, price moves in log return). */
    public record Model(long meanIdleMs, long liveMs, double medianUsd, double sigma, double burned, double locked,
                        double noise, double pullUnlocked, double pullLocked, double largeUsd, double up, double down,
                        double pullDrop, long effectMs) {
        public Model {
            if (meanIdleMs <= 0 || liveMs <= MAX_PULL_DELAY_MS || medianUsd <= 0 || sigma < 0 || burned < 0
                    || locked < 0 || burned + locked > 1 || noise < 0 || noise >= 1 || pullUnlocked < 0
                    || pullUnlocked > 1 || pullLocked < 0 || pullLocked > 1 || effectMs <= 0) {
                throw new IllegalArgumentException("liquidity migration model out of range: " + this);
            }
        }

        public static Model defaults() {
            return new Model(360_000, 1_500_000, 150_000, 0.8, 0.35, 0.30, 0.08, 0.5, 0.2, 100_000, 0.06, -0.06,
                    -0.08, 1_200_000);
        }
    }

    /** The symbols simulated. */
    public static final List<String> SYMBOLS = List.of("MOON", "FROG", "CATZ");

    private static final class Token {
        final String symbol;
        boolean live;
        long nextMs; // idle: the next migration; live: the pool's end
        int pools;
        String pool;
        LpLock lock;
        double liquidityUsd;
        long pullMs = Long.MAX_VALUE;
        long nextNoiseMs;

        Token(String symbol) {
            this.symbol = symbol;
        }
    }

    private final boolean planted;
    private final Model m;
    private final Token[] tokens;
    private boolean started;

    public LiquidityMigrationSim(long seed, boolean planted) {
        this(seed, planted, Model.defaults());
    }

    public LiquidityMigrationSim(long seed, boolean planted, Model model) {
        super(seed, 1_000, List.of(new Asset("MOON", 0.002, 0.0006), new Asset("FROG", 0.0004, 0.0006),
                new Asset("CATZ", 0.01, 0.0006)));
        this.planted = planted;
        this.m = model;
        this.tokens = SYMBOLS.stream().map(Token::new).toArray(Token[]::new);
    }

    @Override
    protected void onStep(long timeMs) {
        if (!started) {
            started = true;
            for (Token k : tokens) {
                k.nextMs = timeMs + idle();
            }
        }
        for (Token k : tokens) {
            if (!k.live) {
                if (timeMs >= k.nextMs) {
                    migrate(k, timeMs);
                }
            } else if (timeMs >= k.nextMs) {
                k.live = false;
                k.nextMs = timeMs + idle();
            } else if (timeMs >= k.pullMs) {
                pull(k, timeMs);
            } else if (timeMs >= k.nextNoiseMs) {
                double change = k.liquidityUsd * m.noise() * (2 * random.nextDouble() - 1);
                if (Math.abs(change) >= 1) {
                    change(k, timeMs, change, false);
                }
                k.nextNoiseMs = timeMs + random.nextLong(30_000, 90_001);
            }
        }
    }

    private void migrate(Token k, long t) {
        double u = random.nextDouble();
        k.lock = u < m.burned() ? LpLock.BURNED : u < m.burned() + m.locked() ? LpLock.LOCKED : LpLock.UNLOCKED;
        double usd = Math.round(m.medianUsd() * Math.exp(m.sigma() * random.nextGaussian()));
        double pullChance = k.lock == LpLock.UNLOCKED ? m.pullUnlocked() : k.lock == LpLock.LOCKED ? m.pullLocked() : 0;
        k.pullMs = random.nextDouble() < pullChance ? t + random.nextLong(MIN_PULL_DELAY_MS, MAX_PULL_DELAY_MS + 1)
                : Long.MAX_VALUE;
        k.live = true;
        k.nextMs = t + m.liveMs();
        k.nextNoiseMs = t + random.nextLong(30_000, 90_001);
        k.pool = String.format(Locale.ROOT, "raydium-%s-%d", k.symbol.toLowerCase(Locale.ROOT), ++k.pools);
        k.liquidityUsd = 0;
        change(k, t, usd, true);
        if (planted) {
            if (k.lock == LpLock.UNLOCKED) {
                drift(k.symbol, m.down() / (m.effectMs() / 1000.0), t + m.effectMs());
            } else if (usd >= m.largeUsd()) {
                drift(k.symbol, m.up() / (m.effectMs() / 1000.0), t + m.effectMs());
            }
        }
    }

    private void pull(Token k, long t) {
        k.pullMs = Long.MAX_VALUE;
        change(k, t, -k.liquidityUsd * (0.60 + 0.35 * random.nextDouble()), false);
        if (planted) {
            drift(k.symbol, m.pullDrop() / (PULL_DROP_MS / 1000.0), t + PULL_DROP_MS);
        }
    }

    private void change(Token k, long t, double usd, boolean newPool) {
        long changeE8 = Fixed.fromDouble(usd);
        long afterE8 = Math.max(Fixed.fromDouble(k.liquidityUsd) + changeE8, newPool ? changeE8 : 0);
        k.liquidityUsd = Fixed.toDouble(afterE8);
        emit(new PoolChange(k.symbol, t, k.pool, "raydium", changeE8, afterE8, k.lock, newPool));
    }

    private long idle() {
        return Waits.exponential(random, m.meanIdleMs(), 60_000);
    }
}
