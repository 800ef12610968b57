package memesnipe.strategy.core;

/**
 * A symbol's traded volume over trailing time, from the volume each tick brings: a {@link SampleWindow} of the
 * running total (a bucket's close is the total at its end, a bucket without ticks repeats it), so the volume of any
 * trailing span is a difference of two totals, and a long window still costs one double per bucket.
 */
public final class VolumeWindow {
    private final long bucketMs;
    private final SampleWindow totals;
    private double total;

    /** Buckets of bucketMs, enough of them to cover spanMs (the longest span asked for). */
    public VolumeWindow(long bucketMs, long spanMs) {
        if (bucketMs <= 0 || spanMs < 2 * bucketMs) {
            throw new IllegalArgumentException("need a positive bucket and a span of at least two buckets");
        }
        this.bucketMs = bucketMs;
        this.totals = new SampleWindow(bucketMs, (int) (spanMs / bucketMs) + 1);
    }

    /** Records the volume a tick at timeMs brought (0 or more; a negative volume counts as none). */
    public void add(long timeMs, double volume) {
        if (volume > 0) {
            total += volume;
        }
        totals.add(timeMs, total);
    }

    /** Completed buckets held (at most the span's). */
    public int buckets() {
        return totals.size();
    }

    /**
     * Volume over the last spanMs: the bucket in progress and the completed ones before it, spanMs in all (less while
     * fewer are held); 0 before the first completed bucket.
     */
    public double recent(long spanMs) {
        if (totals.size() == 0) {
            return 0;
        }
        return total - totals.ago((int) Math.max(1, spanMs / bucketMs));
    }

    /**
     * Mean volume per perMs over the completed buckets held before the last recentMs (the baseline a {@link #recent}
     * span is compared with, not counting it); NaN while none are held before it.
     */
    public double averageBefore(long recentMs, long perMs) {
        int n = totals.size();
        int k = (int) Math.max(1, recentMs / bucketMs);
        if (n <= k) {
            return Double.NaN;
        }
        return (totals.ago(k) - totals.ago(n)) / ((n - k) * (double) bucketMs) * perMs;
    }
}
