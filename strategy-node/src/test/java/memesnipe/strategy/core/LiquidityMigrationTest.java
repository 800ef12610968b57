package memesnipe.strategy.core;

import memesnipe.model.event.LpLock;
import memesnipe.model.event.PoolChange;
import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiquidityMigrationTest {
    private final LiquidityMigration strategy = new LiquidityMigration();
    private final Feed feed = new Feed(strategy, 1_000);

    /** A change of a FROG pool's liquidity now. */
    private void pool(double changeUsd, double afterUsd, LpLock lock, boolean newPool) {
        feed.event(new PoolChange("FROG", feed.now(), "pool-frog-1", "raydium", Fixed.fromDouble(changeUsd),
                Fixed.fromDouble(afterUsd), lock, newPool));
    }

    private void migrates(double usd, LpLock lock) {
        pool(usd, usd, lock, true);
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            feed.tick("FROG", 0.0004);
        }
    }

    @Test
    void onTick_afterALargeMigrationWithItsLpBurned_entersOnTheNextTick_thenExitsOnTheTimeStop() {
        ticks(10);
        migrates(250_000, LpLock.BURNED);
        long entry = feed.tick("FROG", 0.0004);
        ticks(1_799);
        assertThat(feed.signals).hasSize(1);
        long exit = feed.tick("FROG", 0.0004); // 1,800 s after the entry

        assertThat(feed.signals).extracting(Signal::kind)
                .containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        Signal enter = feed.signals.get(0);
        assertThat(enter.seq()).isEqualTo(entry);
        assertThat(enter.strategy()).isEqualTo("liquidity_migration");
        assertThat(enter.stopLossBps()).isEqualTo(600);
        assertThat(enter.takeProfitBps()).isEqualTo(1500);
        assertThat(enter.reason()).contains("pool-frog-1", "250000 USD", "LP BURNED");
        assertThat(feed.signals.get(1).seq()).isEqualTo(exit);
    }

    @Test
    void onTick_afterALargeMigrationWithItsLpLocked_enters() {
        ticks(10);
        migrates(100_000, LpLock.LOCKED); // exactly the minimum
        ticks(1);

        assertThat(feed.signals).extracting(Signal::kind).containsExactly(Signal.Kind.ENTER_LONG);
    }

    @Test
    void onTick_afterAMigrationWithAnUnlockedLp_doesNotEnter_howeverLarge() {
        ticks(10);
        migrates(5_000_000, LpLock.UNLOCKED);
        ticks(60);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_afterASmallMigrationOrLiquidityAddedToAnOldPool_doesNotEnter() {
        ticks(10);
        migrates(99_999, LpLock.BURNED);
        ticks(10);
        pool(500_000, 900_000, LpLock.BURNED, false);
        ticks(10);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onEvent_aLargeRemovalWhileLong_exitsAtOnceOnTheLastTick() {
        ticks(10);
        migrates(250_000, LpLock.LOCKED);
        ticks(100);
        long last = feed.seq();
        pool(-49_999, 200_001, LpLock.LOCKED, false); // 20 % less a dollar: not yet
        assertThat(feed.signals).hasSize(1);
        pool(-50_000, 150_001, LpLock.LOCKED, false); // 25 % of the 200,001 there was

        assertThat(feed.signals).extracting(Signal::kind)
                .containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(feed.signals.get(1).seq()).isEqualTo(last);
        assertThat(feed.signals.get(1).reason()).contains("50000 USD", "2500 bps");
    }

    @Test
    void onEvent_aLargeRemovalBeforeTheNextTick_dropsTheArmedEntry() {
        ticks(10);
        migrates(250_000, LpLock.LOCKED);
        pool(-200_000, 50_000, LpLock.LOCKED, false);
        ticks(60);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_whenTheTokensNextTickComesAfterTheMaxSignalAge_doesNotEnter() {
        ticks(10);
        migrates(250_000, LpLock.BURNED);
        for (int i = 0; i < 31; i++) {
            feed.skip(); // the token's price source is silent for 31 s
        }
        ticks(60);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_aMigrationBeforeTheTokensFirstTick_entersOnThatTick_whenItComesInTime() {
        migrates(250_000, LpLock.BURNED); // no FROG price yet: the entry waits for one
        feed.skip();
        long first = feed.tick("FROG", 0.0004);

        assertThat(feed.signals).extracting(Signal::seq).containsExactly(first);
    }

    @Test
    void onEvent_aRemovalWhileFlat_signalsNothing() {
        ticks(10);
        pool(-90_000, 10_000, LpLock.UNLOCKED, false);

        assertThat(feed.signals).isEmpty();
    }
}
