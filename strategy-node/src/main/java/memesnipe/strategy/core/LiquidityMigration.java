package memesnipe.strategy.core;

import memesnipe.model.event.LpLock;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PoolChange;
import memesnipe.model.money.Fixed;

import java.util.List;
import java.util.Locale;

/**
 * A token migrating to a new pool with large liquidity that cannot be pulled, per symbol, long only.
 *
 * <p>Reads {@link PoolChange}s:
 * <ul>
 *   <li>a new pool ({@code newPool}, e.g. a bonding curve's graduation to an AMM) whose first liquidity is at least
 *       {@code minLiquidity} (default 100,000 USD) with its LP tokens {@link LpLock#LOCKED} or {@link LpLock#BURNED}
 *       arms an entry in the token; an {@link LpLock#UNLOCKED} one, or a smaller one, arms nothing (its liquidity
 *       can leave, or it is too thin to matter);</li>
 *   <li>ENTER_LONG on the token's next tick when flat, if that tick is at most {@code maxSignalAge} (default 30 s)
 *       after the migration (else the arming is dropped: a stale migration is not traded);</li>
 *   <li>a removal of at least {@code removalBps} (default 2000 = 20 %) of a pool's liquidity (its liquidity
 *       before the change) from any pool of the token: EXIT_LONG at once on the last tick seen when long, and an
 *       armed entry is dropped;</li>
 *   <li>EXIT_LONG on the first tick at least {@code hold} (default 30 min) after the entry (time stop).</li>
 * </ul>
 * No signal for a symbol within {@code coolDown} (default 3 s) of its previous one. Entries carry stop-loss 600 bps
 * and take-profit 1500 bps by default, no trailing stop.
 */
public final class LiquidityMigration implements Strategy {
    public static final String NAME = "liquidity_migration";

    /** Tunable parameters; durations in milliseconds, liquidity in USD, the removal in bps of the pool's liquidity. */
    public record Params(double minLiquidityUsd, int removalBps, long maxSignalAgeMs, long holdMs, long coolDownMs,
                         ExitBps exits) {
        public Params {
            if (minLiquidityUsd < 0 || removalBps <= 0 || removalBps > 10_000 || maxSignalAgeMs < 0 || holdMs <= 0
                    || coolDownMs < 0) {
                throw new IllegalArgumentException("liquidity_migration parameters out of range: " + this);
            }
        }

        public static Params defaults() {
            return new Params(100_000, 2_000, 30_000, 1_800_000, 3_000, new ExitBps(600, 1500, 0));
        }

        public Params withEntry(double minLiquidityUsd, long holdMs) {
            return new Params(minLiquidityUsd, removalBps, maxSignalAgeMs, holdMs, coolDownMs, exits);
        }
    }

    /** An entry armed by a migration, with its figures. */
    private record Migration(String pool, String venue, long atMs, double liquidityUsd, LpLock lock) {
    }

    private final Params p;
    private final EventBook<Migration> book;

    public LiquidityMigration(Params params) {
        this.p = params;
        this.book = new EventBook<>(NAME, params.coolDownMs());
    }

    public LiquidityMigration() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onEvent(MarketSignal event) {
        if (!(event instanceof PoolChange c)) {
            return List.of();
        }
        double change = Fixed.toDouble(c.liquidityChangeE8());
        if (change > 0) {
            if (c.newPool() && c.lpLock() != LpLock.UNLOCKED && change >= p.minLiquidityUsd()) {
                book.arm(c.symbol(), c.eventTimeMs(), new Migration(c.pool(), c.venue(), c.eventTimeMs(), change, c.lpLock()));
            }
            return List.of();
        }
        double before = Fixed.toDouble(c.liquidityAfterE8()) - change;
        double removedBps = -change / before * 10_000;
        if (removedBps < p.removalBps()) {
            return List.of();
        }
        book.disarm(c.symbol());
        String pool = c.pool();
        return book.exitNow(c.symbol(), c.eventTimeMs(), () -> String.format(Locale.ROOT,
                "%.0f USD (%.0f bps >= %d) of liquidity removed from pool %s", -change, removedBps, p.removalBps(),
                pool));
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        String symbol = tick.symbol();
        book.saw(tick);
        if (book.isLong(symbol)) {
            return book.exitIfHeld(tick, p.holdMs());
        }
        Migration m = book.armed(tick, p.maxSignalAgeMs());
        if (m == null) {
            return List.of();
        }
        long age = tick.eventTimeMs() - m.atMs();
        return book.enter(tick, () -> String.format(Locale.ROOT,
                "migrated to new pool %s on %s with %.0f USD (>= %.0f), LP %s (%d ms ago)", m.pool(), m.venue(),
                m.liquidityUsd(), p.minLiquidityUsd(), m.lock(), age), p.exits());
    }

    @Override
    public void onRejected(String symbol) {
        book.rejected(symbol);
    }
}
