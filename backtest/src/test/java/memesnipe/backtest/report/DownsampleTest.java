package memesnipe.backtest.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DownsampleTest {
    @Test
    void aLongSeries_isThinnedToTheLimit_keepingEndsSpikeAndDeepestTrough() {
        SplittableRandom random = new SplittableRandom(5);
        double[] v = new double[100_000];
        for (int i = 1; i < v.length; i++) {
            v[i] = v[i - 1] + random.nextDouble(-1, 1);
        }
        v[31_337] = 10_000; // a one-point spike
        v[77_777] = -10_000; // a one-point crash

        int[] keep = Downsample.minMax(v, 2_000);

        assertThat(keep.length).isLessThanOrEqualTo(2_000);
        assertThat(keep).contains(0, 99_999, 31_337, 77_777);
        assertThat(keep).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aShortSeries_isKeptWhole() {
        assertThat(Downsample.minMax(new double[] {3, 1, 2}, 2_000)).containsExactly(0, 1, 2);
    }

    @Test
    void everyBucketMinimumAndMaximum_survive() {
        double[] v = new double[10_000];
        Arrays.setAll(v, i -> Math.sin(i / 50.0));
        int[] keep = Downsample.minMax(v, 100);

        double min = Arrays.stream(keep).mapToDouble(i -> v[i]).min().orElseThrow();
        double max = Arrays.stream(keep).mapToDouble(i -> v[i]).max().orElseThrow();
        assertThat(min).isEqualTo(Arrays.stream(v).min().orElseThrow());
        assertThat(max).isEqualTo(Arrays.stream(v).max().orElseThrow());
        assertThat(keep.length).isLessThanOrEqualTo(100);
    }
}
