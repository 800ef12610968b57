package memesnipe.risk.quality;

import memesnipe.risk.breaker.ExecQuality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionQualityTest {
    static final ExecutionQuality.Limits L = ExecutionQuality.Limits.defaults(); // 1000/3000 ms, 100/300 bps, 10/30 %

    @ParameterizedTest(name = "p95 latency {0} ms -> {1}")
    @CsvSource({"999, OK", "1000, DEGRADED", "1001, DEGRADED", "2999, DEGRADED", "3000, BAD", "3001, BAD"})
    void latencyAroundEachThreshold(long latencyMs, ExecQuality expected) {
        ExecutionQuality q = new ExecutionQuality(L);
        for (int i = 0; i < 20; i++) {
            q.filled(latencyMs, 0, 0);
        }
        assertThat(q.p95LatencyMs()).isEqualTo(latencyMs);
        assertThat(q.verdict()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "slippage {0} bps -> {1}")
    @CsvSource({"99, OK", "100, DEGRADED", "101, DEGRADED", "299, DEGRADED", "300, BAD", "301, BAD", "-300, BAD",
            "-2147483648, BAD"}) // the smallest int: its absolute value is not negative
    void slippageAroundEachThreshold(int slippageBps, ExecQuality expected) {
        ExecutionQuality q = new ExecutionQuality(L);
        for (int i = 0; i < 20; i++) {
            q.filled(10, slippageBps, 0);
        }
        assertThat(q.verdict()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} errors in 50 -> {1}")
    @CsvSource({"4, OK", "5, DEGRADED", "6, DEGRADED", "14, DEGRADED", "15, BAD", "16, BAD"})
    void errorRateAroundEachThreshold(int errors, ExecQuality expected) {
        ExecutionQuality q = new ExecutionQuality(L);
        for (int i = 0; i < 50; i++) {
            if (i < errors) {
                q.failed(10, 0);
            } else {
                q.filled(10, 0, 0);
            }
        }
        assertThat(q.verdict()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} samples -> judged: {1}")
    @CsvSource({"9, false", "10, true"})
    void tooFewSamples_neverRaiseTheBreaker(int samples, boolean judged) {
        ExecutionQuality q = new ExecutionQuality(L);
        for (int i = 0; i < samples; i++) {
            q.failed(10_000, 0);
        }
        assertThat(q.verdict() == ExecQuality.BAD).isEqualTo(judged);
    }

    @org.junit.jupiter.api.Test
    void badWindow_decaysSampleBySample_onceOlderThanTheMaxAge() {
        ExecutionQuality q = new ExecutionQuality(L);
        for (int i = 0; i < 20; i++) {
            q.failed(10, i * 1_000L);
        }
        assertThat(q.verdict()).isEqualTo(ExecQuality.BAD);
        assertThat(q.expire(L.maxAgeMs())).as("nothing older than the max age yet").isFalse();
        assertThat(q.expire(L.maxAgeMs() + 10_500)).isTrue();
        assertThat(q.samples()).hasSize(9);
        assertThat(q.verdict()).as("fewer samples than needed to judge").isEqualTo(ExecQuality.OK);
    }

    @org.junit.jupiter.api.Test
    void clear_emptiesTheWindow_andTheVerdictIsOkAgain() {
        ExecutionQuality q = new ExecutionQuality(L);
        for (int i = 0; i < 20; i++) {
            q.failed(10, 0);
        }
        q.clear();
        assertThat(q.samples()).isEmpty();
        assertThat(q.verdict()).isEqualTo(ExecQuality.OK);
    }

    /**
     * The window keeps its figures as samples come and go (latencies in order, errors, slippage sum); over random
     * fills, failures, expiries, clears and restores they equal the figures computed afresh from the samples held.
     */
    @org.junit.jupiter.api.Test
    void keptFigures_equalARecomputationFromTheSamples_overRandomSequences() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int window : new int[] {1, 2, 10, 50, 200}) {
            ExecutionQuality q = new ExecutionQuality(new ExecutionQuality.Limits(window, Math.min(window, 10), 1000, 3000,
                    100, 300, 10, 30, 60_000));
            long now = 0;
            for (int step = 0; step < 20_000; step++) {
                now += rnd.nextInt(0, 2_000);
                int roll = rnd.nextInt(100);
                if (roll < 60) {
                    int slip = rnd.nextInt(10) == 0 ? Integer.MIN_VALUE + rnd.nextInt(2) : rnd.nextInt(-400, 400);
                    q.filled(rnd.nextInt(10) == 0 ? Long.MAX_VALUE - rnd.nextInt(3) : rnd.nextLong(5_000), slip, now);
                } else if (roll < 85) {
                    q.failed(rnd.nextLong(5_000), now);
                } else if (roll < 97) {
                    q.expire(now);
                } else if (roll < 98) {
                    q.clear();
                } else {
                    java.util.List<ExecutionQuality.Sample> saved = q.samples();
                    q.restore(saved.subList(rnd.nextInt(saved.size() + 1), saved.size()));
                }
                java.util.List<ExecutionQuality.Sample> held = q.samples();
                long[] l = held.stream().mapToLong(ExecutionQuality.Sample::latencyMs).sorted().toArray();
                long p95 = l.length == 0 ? 0 : l[(int) Math.ceil(0.95 * l.length) - 1];
                int slip = (int) held.stream().filter(x -> !x.error()).mapToInt(ExecutionQuality.Sample::slippageBps)
                        .average().orElse(0);
                int err = held.isEmpty() ? 0 : (int) (100 * held.stream().filter(ExecutionQuality.Sample::error).count()
                        / held.size());
                assertThat(new long[] {q.p95LatencyMs(), q.avgSlippageBps(), q.errorPct()})
                        .as("window %d step %d", window, step).containsExactly(p95, slip, err);
            }
        }
    }
}
