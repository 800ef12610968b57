package memesnipe.gateway.feed.sim;

import memesnipe.model.event.LpLock;
import memesnipe.model.event.PoolChange;
import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static memesnipe.gateway.feed.sim.SimRun.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class LiquidityMigrationSimTest {
    static final long HOURS_4 = 4 * 3_600_000L;
    static final LiquidityMigrationSim.Model M = LiquidityMigrationSim.Model.defaults();

    /** A removal of at least 60 % of the pool: a pull (the noise moves at most 8 %). */
    private static boolean pull(PoolChange c) {
        return c.liquidityChangeE8() < 0 && -c.liquidityChangeE8() >= 0.6 * (c.liquidityAfterE8() - c.liquidityChangeE8());
    }

    @Test
    void migrations_openNewPoolsOfEveryLockState_andOnlyUnburnedPoolsArePulled() {
        SimRun run = new SimRun(new LiquidityMigrationSim(1, false), HOURS_4);
        List<PoolChange> changes = run.of(PoolChange.class);
        List<PoolChange> migrations = changes.stream().filter(PoolChange::newPool).toList();

        assertThat(migrations).hasSizeGreaterThanOrEqualTo(20)
                .allMatch(c -> c.liquidityChangeE8() > 0 && c.liquidityAfterE8() == c.liquidityChangeE8());
        assertThat(migrations).extracting(PoolChange::lpLock).contains(LpLock.BURNED, LpLock.LOCKED, LpLock.UNLOCKED);
        assertThat(migrations).extracting(PoolChange::pool).doesNotHaveDuplicates();
        assertThat(migrations).anyMatch(c -> Fixed.toDouble(c.liquidityChangeE8()) >= M.largeUsd())
                .anyMatch(c -> Fixed.toDouble(c.liquidityChangeE8()) < M.largeUsd());
        assertThat(changes).filteredOn(LiquidityMigrationSimTest::pull).isNotEmpty()
                .allMatch(c -> c.lpLock() != LpLock.BURNED && !c.newPool());
        assertThat(changes).filteredOn(c -> !c.newPool() && !pull(c)).isNotEmpty().allMatch(c ->
                Math.abs(c.liquidityChangeE8()) <= M.noise() * (c.liquidityAfterE8() - c.liquidityChangeE8()) + 1);
    }

    @Test
    void planted_migrationsAreFollowedByTheirDrift_andPullsByTheDrop_andTheSameChangesHappenUnplanted() {
        SimRun planted = new SimRun(new LiquidityMigrationSim(2, true), HOURS_4);
        SimRun plain = new SimRun(new LiquidityMigrationSim(2, false), HOURS_4);
        assertThat(planted.signals).isEqualTo(plain.signals);
        List<PoolChange> changes = plain.of(PoolChange.class);
        int up = 0;
        int down = 0;
        int none = 0;
        int pulls = 0;
        for (PoolChange c : changes) {
            long t = c.eventTimeMs();
            long end = t + M.effectMs();
            if (c.newPool() && end <= T0 + HOURS_4 && changes.stream().noneMatch(p -> pull(p)
                    && p.symbol().equals(c.symbol()) && p.eventTimeMs() > t && p.eventTimeMs() <= end)) {
                double expected = c.lpLock() == LpLock.UNLOCKED ? M.down()
                        : Fixed.toDouble(c.liquidityChangeE8()) >= M.largeUsd() ? M.up() : 0;
                assertThat(planted.driftOver(plain, c.symbol(), t, end)).as("after %s", c)
                        .isCloseTo(expected, offset(1e-9));
                up += expected > 0 ? 1 : 0;
                down += expected < 0 ? 1 : 0;
                none += expected == 0 ? 1 : 0;
            }
            if (pull(c) && t + 180_000 <= T0 + HOURS_4) {
                assertThat(planted.driftOver(plain, c.symbol(), t, t + 180_000)).as("after %s", c)
                        .isCloseTo(M.pullDrop(), offset(1e-9));
                pulls++;
            }
        }
        assertThat(up).isGreaterThanOrEqualTo(5);
        assertThat(down).isGreaterThanOrEqualTo(3);
        assertThat(none).isGreaterThanOrEqualTo(1);
        assertThat(pulls).isGreaterThanOrEqualTo(2);
    }
}
