package memesnipe.risk.quality;

import memesnipe.risk.breaker.ExecQuality;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Rolling execution quality over the last N orders, none older than maxAgeMs: p95 order latency (approval to fill
 * report), average absolute slippage against the price at decision, and the error/reject rate. The window decays
 * with time ({@link #expire}) and a manual reset empties it ({@link #clear}), so a verdict raised when orders stopped
 * coming (entries are refused in CRITICAL, so no new sample would ever replace the bad ones) does not hold forever.
 */
public final class ExecutionQuality {
    /** Thresholds for DEGRADED and BAD. */
    public record Limits(int window, int minSamples, long degradedP95Ms, long badP95Ms, int degradedSlippageBps,
                         int badSlippageBps, int degradedErrorPct, int badErrorPct, long maxAgeMs) {
        /** How long a sample counts by default: ten minutes. */
        public static final long MAX_AGE_MS_DEFAULT = 600_000;

        public static Limits defaults() {
            return new Limits(50, 10, 1000, 3000, 100, 300, 10, 30, MAX_AGE_MS_DEFAULT);
        }
    }

    /** One order's outcome: when it was judged, its latency, its absolute slippage, and whether it failed. */
    public record Sample(long timeMs, long latencyMs, int slippageBps, boolean error) {
    }

    private final Limits limits;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private ExecQuality verdict = ExecQuality.OK;
    // Figures of the samples in the window, kept as samples come and go (checked against a recomputation in the
    // tests): the latencies in ascending order, the errors, and the sum of the slippage of the orders that filled.
    private long[] latencies = new long[16];
    private int errors;
    private long slippageSum;

    public ExecutionQuality(Limits limits) {
        this.limits = limits;
    }

    /** A filled order; returns the sample added to the window. */
    public Sample filled(long latencyMs, int slippageBps, long nowMs) {
        return add(new Sample(nowMs, latencyMs, slippageBps == Integer.MIN_VALUE ? Integer.MAX_VALUE
                : Math.abs(slippageBps), false));
    }

    /** A rejected or undeliverable order; returns the sample added to the window. */
    public Sample failed(long latencyMs, long nowMs) {
        return add(new Sample(nowMs, latencyMs, 0, true));
    }

    /** Puts back a window saved before a restart (oldest first); only the newest window-size samples are kept. */
    public void restore(java.util.List<Sample> saved) {
        clearWindow();
        for (Sample s : saved) {
            enter(s);
        }
        verdict = judge();
    }

    /** Drops the samples older than maxAgeMs at nowMs and judges again; true when the window changed. */
    public boolean expire(long nowMs) {
        long oldest = nowMs - limits.maxAgeMs();
        boolean changed = false;
        while (!samples.isEmpty() && samples.peekFirst().timeMs() < oldest) {
            leave(samples.removeFirst());
            changed = true;
        }
        if (changed) {
            verdict = judge();
        }
        return changed;
    }

    /** When the oldest sample leaves the window by age ({@link #expire} drops it from then on); Long.MAX_VALUE when empty. */
    public long nextExpiryMs() {
        Sample oldest = samples.peekFirst();
        return oldest == null ? Long.MAX_VALUE : oldest.timeMs() + limits.maxAgeMs() + 1;
    }

    /** Empties the window (a manual reset): quality is judged afresh from the next orders. */
    public void clear() {
        clearWindow();
        verdict = ExecQuality.OK;
    }

    /** The samples in the window now, oldest first. */
    public java.util.List<Sample> samples() {
        return java.util.List.copyOf(samples);
    }

    public Limits limits() {
        return limits;
    }

    private Sample add(Sample s) {
        enter(s);
        verdict = judge();
        return s;
    }

    /** Adds a sample to the window and its figures, dropping the oldest beyond the window size. */
    private void enter(Sample s) {
        samples.addLast(s);
        int n = samples.size() - 1; // latencies held before this one
        if (n == latencies.length) {
            latencies = Arrays.copyOf(latencies, 2 * n);
        }
        int at = insertionPoint(s.latencyMs(), n);
        System.arraycopy(latencies, at, latencies, at + 1, n - at);
        latencies[at] = s.latencyMs();
        if (s.error()) {
            errors++;
        } else {
            slippageSum += s.slippageBps();
        }
        if (samples.size() > limits.window()) {
            leave(samples.removeFirst());
        }
    }

    /** Takes a sample that left the window out of its figures. */
    private void leave(Sample s) {
        int n = samples.size() + 1; // latencies held, the leaving one included
        int at = insertionPoint(s.latencyMs(), n) - 1; // the last equal value: any equal one will do
        System.arraycopy(latencies, at + 1, latencies, at, n - at - 1);
        if (s.error()) {
            errors--;
        } else {
            slippageSum -= s.slippageBps();
        }
    }

    private void clearWindow() {
        samples.clear();
        errors = 0;
        slippageSum = 0;
    }

    /** Where a latency goes among the first n ascending ones: after every one that is not greater. */
    private int insertionPoint(long latencyMs, int n) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (latencies[mid] <= latencyMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The 95th percentile of the latencies in the window (nearest rank), 0 when empty. */
    public long p95LatencyMs() {
        if (samples.isEmpty()) {
            return 0;
        }
        return latencies[(int) Math.ceil(0.95 * samples.size()) - 1];
    }

    /** Mean absolute slippage of the filled orders in the window (truncated), 0 when none. */
    public int avgSlippageBps() {
        long filled = samples.size() - errors;
        return filled == 0 ? 0 : (int) ((double) slippageSum / filled);
    }

    public int errorPct() {
        return samples.isEmpty() ? 0 : (int) (100L * errors / samples.size());
    }

    /** The current judgement (recomputed when a sample arrives, read on every breaker evaluation). */
    public ExecQuality verdict() {
        return verdict;
    }

    private ExecQuality judge() {
        if (samples.size() < limits.minSamples()) {
            return ExecQuality.OK;
        }
        long p95 = p95LatencyMs();
        int slip = avgSlippageBps();
        int err = errorPct();
        if (p95 >= limits.badP95Ms() || slip >= limits.badSlippageBps() || err >= limits.badErrorPct()) {
            return ExecQuality.BAD;
        }
        if (p95 >= limits.degradedP95Ms() || slip >= limits.degradedSlippageBps() || err >= limits.degradedErrorPct()) {
            return ExecQuality.DEGRADED;
        }
        return ExecQuality.OK;
    }
}
