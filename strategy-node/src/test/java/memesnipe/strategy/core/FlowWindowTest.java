package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class FlowWindowTest {
    static final long T0 = 1_700_000_000_000L;

    @Test
    void sum_countsWholeBuckets_theOneInProgressIncluded() {
        FlowWindow w = new FlowWindow(10_000, 10);
        w.add(T0, 1);
        w.add(T0 + 9_999, 2); // same bucket
        w.add(T0 + 10_000, 4);
        w.add(T0 + 25_000, 8);

        assertThat(w.sum(T0 + 25_000, 0, 10_000)).isEqualTo(8);
        assertThat(w.sum(T0 + 25_000, 0, 20_000)).isEqualTo(12);
        assertThat(w.sum(T0 + 25_000, 10_000, 20_000)).isEqualTo(7);
        assertThat(w.sum(T0 + 35_000, 0, 10_000)).isZero(); // a later bucket with nothing in it
    }

    @Test
    void sum_forgetsBucketsOlderThanTheRing_andCountsTimeGoingBackInTheBucketInProgress() {
        FlowWindow w = new FlowWindow(10_000, 3);
        w.add(T0, 1);
        w.add(T0 + 30_000, 2); // T0's bucket left the ring
        w.add(T0 + 5_000, 4); // late: counted in the newest bucket

        assertThat(w.sum(T0 + 30_000, 0, 100_000)).isEqualTo(6);
        w.clear();
        assertThat(w.sum(T0 + 30_000, 0, 100_000)).isZero();
    }

    @Test
    void sum_matchesANaiveSumOverEveryAmountKept() {
        SplittableRandom random = new SplittableRandom(7);
        long bucketMs = 1_000;
        int capacity = 50;
        FlowWindow w = new FlowWindow(bucketMs, capacity);
        List<long[]> adds = new ArrayList<>(); // {bucket, amount}
        long t = T0;
        for (int i = 0; i < 5_000; i++) {
            t += random.nextLong(0, 3_000);
            long amount = random.nextLong(1, 1_000);
            w.add(t, amount);
            adds.add(new long[]{Math.floorDiv(t, bucketMs), amount});
            long skip = random.nextLong(0, 60) * bucketMs;
            long span = random.nextLong(0, 60) * bucketMs;
            long now = Math.floorDiv(t, bucketMs);
            long naive = 0;
            for (long[] a : adds) {
                long back = now - a[0];
                if (back >= skip / bucketMs && back < skip / bucketMs + span / bucketMs && back < capacity) {
                    naive += a[1];
                }
            }
            assertThat(w.sum(t, skip, span)).isCloseTo(naive, offset(1e-6));
        }
    }
}
