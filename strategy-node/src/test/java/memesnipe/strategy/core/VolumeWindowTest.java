package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VolumeWindowTest {
    static final long T0 = 1_700_000_000_000L;

    @Test
    void recent_countsTheBucketInProgressAndTheCompletedOnesBeforeIt_andAverageBefore_theBucketsOlderThanThat() {
        VolumeWindow w = new VolumeWindow(1_000, 10_000);
        for (int s = 0; s < 8; s++) {
            w.add(T0 + s * 1_000, 10); // 10 a second
        }
        w.add(T0 + 8_000, 50);
        w.add(T0 + 8_500, 40);
        assertThat(w.buckets()).isEqualTo(8);
        assertThat(w.recent(2_000)).isEqualTo(10 + 50 + 40); // the second at 7 s and the one in progress
        assertThat(w.averageBefore(2_000, 1_000)).isEqualTo(10); // seconds 0..6
        assertThat(w.averageBefore(8_000, 1_000)).isNaN(); // nothing held before the last 8 s
    }

    @Test
    void secondsWithoutTicks_countAsNoVolume_andANegativeVolumeCountsAsNone() {
        VolumeWindow w = new VolumeWindow(1_000, 60_000);
        w.add(T0, 30);
        w.add(T0 + 20_000, 30); // 19 silent seconds between
        w.add(T0 + 21_000, -5);
        assertThat(w.buckets()).isEqualTo(21);
        assertThat(w.recent(1_000)).as("the second in progress: only the negative volume").isZero();
        assertThat(w.recent(5_000)).isEqualTo(30); // the second at 20 s is within the last five
        assertThat(w.averageBefore(1_000, 20_000)).isCloseTo(30, within(1e-9)); // 30 over the 20 s before the last
    }

    @Test
    void recentAndAverage_matchANaiveSumOfTheBuckets_overManyLaps() {
        VolumeWindow w = new VolumeWindow(1_000, 120_000);
        double[] perSecond = new double[2_000];
        Random random = new Random(3);
        for (int s = 0; s < perSecond.length; s++) {
            for (int k = 0; k < 3; k++) {
                double v = random.nextDouble() * 100;
                perSecond[s] += v;
                w.add(T0 + s * 1_000L + k * 300, v);
            }
        }
        int now = perSecond.length - 1; // the second in progress
        double naiveRecent = 0;
        for (int s = now - 59; s <= now; s++) {
            naiveRecent += perSecond[s];
        }
        double naiveBefore = 0;
        for (int s = now - 120; s < now - 59; s++) { // the 61 completed seconds held before the last minute
            naiveBefore += perSecond[s];
        }
        assertThat(w.recent(60_000)).isCloseTo(naiveRecent, within(1e-6));
        assertThat(w.averageBefore(60_000, 60_000)).isCloseTo(naiveBefore / 61 * 60, within(1e-6));
    }
}
