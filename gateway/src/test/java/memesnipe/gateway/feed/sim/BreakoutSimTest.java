package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.RawTick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BreakoutSimTest {
    static final long T0 = 1_700_000_000_000L;
    static final long SPAN = 36 * 3_600_000L;
    static final long AFTER_MS = 1_200_000;

    /** The times of the ticks the price jumped to (a one-second log return above 0.4 %: noise is 0.02 %). */
    private static List<Long> jumps(TreeMap<Long, RawTick> ticks) {
        List<Long> out = new ArrayList<>();
        RawTick before = null;
        for (RawTick t : ticks.values()) {
            if (before != null && Math.log(t.price() / before.price()) > 0.004) {
                out.add(t.eventTimeMs());
            }
            before = t;
        }
        return out;
    }

    @Test
    void eachBreakoutJumpsOnce_onFourTimesTheVolume_outOfAHalfHourRange() {
        TreeMap<Long, RawTick> ticks = SimTrace.of(new BreakoutSim(3, false), T0, T0 + SPAN, 1_000).ticks("ETH");
        List<Long> jumps = jumps(ticks);
        assertThat(jumps).as("a cycle of 30-60 min of range and 20 min after: ~28 in 36 hours").hasSizeBetween(20, 40);
        for (long at : jumps) {
            assertThat(SimTrace.logReturn(ticks, at - 1_000, at)).isCloseTo(0.008, within(0.002));
            assertThat(usd(ticks.get(at - 10_000))).as("the volume leads the jump").isGreaterThanOrEqualTo(2_000);
            assertThat(usd(ticks.get(at - 40_000))).isLessThanOrEqualTo(1_500);
            if (at - 1_800_000 >= T0) {
                var range = ticks.subMap(at - 1_800_000, at).values().stream().mapToDouble(RawTick::price)
                        .summaryStatistics();
                assertThat(range.getMax() / range.getMin()).as("the half hour before is a range").isLessThan(1.015);
            }
        }
    }

    @Test
    void whenPlanted_theBreakoutContinuesByTheDrift_andUnplantedItWalksWithoutOne() {
        TreeMap<Long, RawTick> planted = SimTrace.of(new BreakoutSim(3, true), T0, T0 + SPAN, 1_000).ticks("ETH");
        TreeMap<Long, RawTick> plain = SimTrace.of(new BreakoutSim(3, false), T0, T0 + SPAN, 1_000).ticks("ETH");
        List<Long> jumps = jumps(plain);
        assertThat(jumps(planted)).isEqualTo(jumps);
        double sum = 0;
        int n = 0;
        for (long at : jumps) {
            if (at + AFTER_MS < T0 + SPAN) {
                double plainReturn = SimTrace.logReturn(plain, at, at + AFTER_MS);
                // the same noise in both runs: the planted run's excess return is the planted continuation alone
                assertThat(SimTrace.logReturn(planted, at, at + AFTER_MS) - plainReturn).isCloseTo(0.015, within(1e-9));
                sum += plainReturn;
                n++;
            }
        }
        // unplanted, 20 minutes of noise of 0.0002 per square root of a second: 0.7 % each, ~0.13 % on the mean
        assertThat(sum / n).isCloseTo(0, within(0.004));
    }

    private static double usd(RawTick t) {
        return t.price() * t.volume();
    }
}
