package memesnipe.strategy.core;

import java.util.Arrays;

/**
 * Amounts summed per time bucket over a trailing span (a ring of {@code capacity} buckets), to ask how much flowed in
 * any span of whole buckets back from a time: e.g. the last 5 minutes and the hour before them. Time going backwards
 * counts in the bucket in progress; buckets older than the ring are forgotten.
 */
public final class FlowWindow {
    private final long bucketMs;
    private final double[] sums;
    private long newest = Long.MIN_VALUE; // the bucket number sums[newest % capacity] holds

    public FlowWindow(long bucketMs, int capacity) {
        if (bucketMs <= 0 || capacity < 1) {
            throw new IllegalArgumentException("bucketMs must be > 0 and capacity >= 1");
        }
        this.bucketMs = bucketMs;
        this.sums = new double[capacity];
    }

    /** Adds an amount at a time. */
    public void add(long timeMs, double amount) {
        long b = advance(timeMs);
        sums[slot(b)] += amount;
    }

    /**
     * The sum over the buckets from {@code skipMs} back from timeMs to {@code skipMs + spanMs} back, both rounded to
     * whole buckets: {@code sum(t, 0, 5 min)} is the last 5 minutes' buckets including the one in progress, {@code
     * sum(t, 5 min, 60 min)} the hour of buckets before those.
     */
    public double sum(long timeMs, long skipMs, long spanMs) {
        long b = advance(timeMs);
        long first = b - skipMs / bucketMs; // newest bucket counted
        long n = Math.min(spanMs / bucketMs, first - (b - sums.length)); // only buckets the ring still holds
        double total = 0;
        for (long i = 0; i < n; i++) {
            total += sums[slot(first - i)];
        }
        return total;
    }

    /** Forgets everything. */
    public void clear() {
        Arrays.fill(sums, 0);
        newest = Long.MIN_VALUE;
    }

    /** Moves the newest bucket up to the time's (emptying the buckets it passes); returns the newest bucket. */
    private long advance(long timeMs) {
        long b = Math.floorDiv(timeMs, bucketMs);
        if (newest == Long.MIN_VALUE) {
            newest = b;
        } else if (b > newest) {
            long clear = Math.min(b - newest, sums.length);
            for (long i = 1; i <= clear; i++) {
                sums[slot(newest + i)] = 0;
            }
            newest = b;
        }
        return newest;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) sums.length);
    }
}
