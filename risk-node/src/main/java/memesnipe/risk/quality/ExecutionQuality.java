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
        samples.clear();
        for (Sample s : saved) {
            samples.addLast(s);
            if (samples.size() > limits.window()) {
                samples.removeFirst();
            }
        }
        verdict = judge();
    }

    /** Drops the samples older than maxAgeMs at nowMs and judges again; true when the window changed. */
    public boolean expire(long nowMs) {
        long oldest = nowMs - limits.maxAgeMs();
        boolean changed = false;
        while (!samples.isEmpty() && samples.peekFirst().timeMs() < oldest) {
            samples.removeFirst();
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
        samples.clear();
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
        samples.addLast(s);
        if (samples.size() > limits.window()) {
            samples.removeFirst();
        }
        verdict = judge();
        return s;
    }

    public long p95LatencyMs() {
        if (samples.isEmpty()) {
            return 0;
        }
        long[] l = samples.stream().mapToLong(Sample::latencyMs).toArray();
        Arrays.sort(l);
        return l[(int) Math.ceil(0.95 * l.length) - 1];
    }

    public int avgSlippageBps() {
        return (int) samples.stream().filter(s -> !s.error()).mapToInt(Sample::slippageBps).average().orElse(0);
    }

    public int errorPct() {
        return samples.isEmpty() ? 0 : (int) (100 * samples.stream().filter(Sample::error).count() / samples.size());
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
