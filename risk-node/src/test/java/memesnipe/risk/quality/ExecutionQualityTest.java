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
}
