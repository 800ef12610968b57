package memesnipe.risk.quality;

import memesnipe.risk.breaker.ExecQuality;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Rolling execution quality over the last N orders: p95 order latency (approval to fill report),
 * average absolute slippage against the price at decision, and the error/reject rate.
 */
public final class ExecutionQuality {
    /** Thresholds for DEGRADED and BAD. */
    public record Limits(int window, int minSamples, long degradedP95Ms, long badP95Ms, int degradedSlippageBps,
                         int badSlippageBps, int degradedErrorPct, int badErrorPct) {
        public static Limits defaults() {
            return new Limits(50, 10, 1000, 3000, 100, 300, 10, 30);
        }
    }

    private record Sample(long latencyMs, int slippageBps, boolean error) {
    }

    private final Limits limits;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private ExecQuality verdict = ExecQuality.OK;

    public ExecutionQuality(Limits limits) {
        this.limits = limits;
    }

    public void filled(long latencyMs, int slippageBps) {
        add(new Sample(latencyMs, Math.abs(slippageBps), false));
    }

    public void failed(long latencyMs) {
        add(new Sample(latencyMs, 0, true));
    }

    private void add(Sample s) {
        samples.addLast(s);
        if (samples.size() > limits.window()) {
            samples.removeFirst();
        }
        verdict = judge();
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
