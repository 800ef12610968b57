package memesnipe.strategy.core;

/**
 * A ring buffer of one sample per time bucket (the bucket's last price), so a long window costs
 * {@code capacity} doubles instead of every tick. Only completed buckets are samples; a bucket
 * with no tick repeats the previous close. Keeps running sums for the mean and standard deviation.
 */
public final class SampleWindow {
    private final long bucketMs;
    private final double[] samples;
    private int head; // next write position
    private int size;
    private long bucket = Long.MIN_VALUE; // the bucket in progress
    private double pending; // last price of the bucket in progress
    // Sums of (sample - anchor), anchored at the first price to keep the variance numerically stable.
    private double anchor;
    private double sum;
    private double sumSq;

    public SampleWindow(long bucketMs, int capacity) {
        if (bucketMs <= 0 || capacity < 2) {
            throw new IllegalArgumentException("bucketMs must be > 0 and capacity >= 2");
        }
        this.bucketMs = bucketMs;
        this.samples = new double[capacity];
    }

    /** Records a price at a time; time going backwards counts as the bucket in progress. */
    public void add(long timeMs, double price) {
        long b = Math.floorDiv(timeMs, bucketMs);
        if (bucket == Long.MIN_VALUE) {
            anchor = price;
        } else if (b > bucket) {
            long completed = Math.min(b - bucket, samples.length);
            for (long i = 0; i < completed; i++) {
                push(pending);
            }
        }
        if (bucket == Long.MIN_VALUE || b > bucket) {
            bucket = b;
        }
        pending = price;
    }

    /** Completed samples held (at most the capacity). */
    public int size() {
        return size;
    }

    /** The close {@code back} buckets ago (1 = the last completed bucket), clamped to the oldest held. */
    public double ago(int back) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        int n = Math.max(1, Math.min(back, size));
        return samples[Math.floorMod(head - n, samples.length)];
    }

    public double mean() {
        return size == 0 ? Double.NaN : anchor + sum / size;
    }

    /** Population standard deviation of the samples held. */
    public double stdev() {
        if (size == 0) {
            return Double.NaN;
        }
        double m = sum / size;
        return Math.sqrt(Math.max(0, sumSq / size - m * m));
    }

    private void push(double price) {
        if (size == samples.length) {
            double old = samples[head] - anchor;
            sum -= old;
            sumSq -= old * old;
        } else {
            size++;
        }
        samples[head] = price;
        double d = price - anchor;
        sum += d;
        sumSq += d * d;
        if (++head == samples.length) { // not %: a division per sample costs more than the sums
            head = 0;
            recompute(); // once per lap: no drift from adding and removing for ever
        }
    }

    private void recompute() {
        sum = 0;
        sumSq = 0;
        for (int i = 0; i < size; i++) {
            double d = samples[i] - anchor;
            sum += d;
            sumSq += d * d;
        }
    }
}
