package memesnipe.backtest.report;

import java.util.Arrays;

/**
 * Thins a series for drawing: the first and last points are kept, and the points between are cut into equal
 * buckets of consecutive points of which only the lowest and the highest are kept, in their order. Spikes and
 * the deepest trough survive, and at most {@code maxPoints} points remain.
 */
final class Downsample {
    private Downsample() {
    }

    /** The indices of the points to keep, ascending. */
    static int[] minMax(double[] values, int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("keeping fewer than 4 points cannot keep first, last, min and max");
        }
        int n = values.length;
        if (n <= maxPoints) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = Math.max(1, (maxPoints - 2) / 2);
        int interior = n - 2;
        int[] keep = new int[2 + 2 * buckets];
        int k = 0;
        keep[k++] = 0;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * interior / buckets);
            int to = 1 + (int) ((long) (b + 1) * interior / buckets);
            if (from >= to) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from + 1; i < to; i++) {
                if (values[i] < values[lo]) {
                    lo = i;
                }
                if (values[i] > values[hi]) {
                    hi = i;
                }
            }
            keep[k++] = Math.min(lo, hi);
            if (lo != hi) {
                keep[k++] = Math.max(lo, hi);
            }
        }
        keep[k++] = n - 1;
        return Arrays.copyOf(keep, k);
    }
}
