package memesnipe.performance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static memesnipe.performance.Curves.DAY;
import static memesnipe.performance.Curves.every;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EdgeSignificanceTest {
    /** Enough resamples that the bootstrap's share is within 0.006 (about 4 standard errors) of the exact value. */
    static final int MANY = 100_000;

    /**
     * Samples small enough to enumerate every resample by hand (n^n equally likely draws), with the exact share of
     * resampled centred means at or above the observed mean. a = 2^-7, so every sum is exact in binary.
     */
    static Stream<Arguments> handComputed() {
        double a = 1.0 / 128;
        return Stream.of(
                // r = {2a, -a, 2a}: m = a, c = {a, -2a, a}; m* >= a only when all three draws are a: (2/3)^3 = 8/27
                Arguments.of(new double[] {2 * a, -a, 2 * a}, 8.0 / 27),
                // r = {a, a, a, -3a}: m = 0, c = r; m* >= 0 with at most one -3a among 4 draws:
                // (3/4)^4 + 4 * (1/4) * (3/4)^3 = 81/256 + 108/256 = 189/256
                Arguments.of(new double[] {a, a, a, -3 * a}, 189.0 / 256),
                // r = {a, -3a}: m = -a, c = {2a, -2a}; m* is 2a, 0, 0 or -2a, all but the last >= -a: 3/4
                Arguments.of(new double[] {a, -3 * a}, 3.0 / 4),
                // r = {4a, 0, 0, -a}: m = 3a/4, c = {13a/4, -3a/4, -3a/4, -7a/4}; with k draws of the first value
                // (binomial 4, 1/4) m* >= 3a/4 needs k >= 2 whatever the rest: 1 - 81/256 - 108/256 = 67/256
                Arguments.of(new double[] {4 * a, 0, 0, -a}, 67.0 / 256));
    }

    @ParameterizedTest
    @MethodSource("handComputed")
    void test_onSmallSamples_matchesTheExactShareOfResampledMeans(double[] returns, double exact) {
        Significance s = EdgeSignificance.test(returns, MANY, 42);

        assertThat(((Figure.Value) s.pValue()).value()).isCloseTo(exact, within(0.006));
        assertThat(s.test()).isEqualTo(EdgeSignificance.TEST);
        assertThat(s.samples()).isEqualTo(returns.length);
        assertThat(s.resamples()).isEqualTo(MANY);
        assertThat(s.seed()).isEqualTo(42);
    }

    @Test
    void test_withEveryReturnZero_isOne_andWithEveryReturnTheSamePositive_isZero() {
        assertThat(EdgeSignificance.test(new double[] {0, 0, 0}, 1_000, 1).pValue()).isEqualTo(Figure.of(1.0));
        assertThat(EdgeSignificance.test(new double[] {0.5, 0.5, 0.5}, 1_000, 1).pValue()).isEqualTo(Figure.of(0.0));
    }

    @Test
    void test_withTheSameSeed_givesTheSamePValue() {
        double[] r = {0.01, -0.004, 0.007, 0.002, -0.001, 0.003};

        assertThat(EdgeSignificance.test(r, 2_000, 7)).isEqualTo(EdgeSignificance.test(r, 2_000, 7));
    }

    @Test
    void test_onFewerThanTwoReturns_hasNoPValue() {
        assertThat(EdgeSignificance.test(new double[] {0.1}, 100, 1).pValue())
                .isEqualTo(Figure.notAvailable("needs at least 2 period returns, have 1"));
        assertThatThrownBy(() -> EdgeSignificance.test(new double[] {0.1, 0.2}, 0, 1))
                .hasMessageContaining("resamples must be at least 1");
    }

    @Test
    void ofCurve_testsTheCurvesPeriodReturns() {
        List<EquityPoint> curve = every(DAY, "100", "102", "101", "104", "103");
        double[] returns = PeriodReturns.simpleReturns(PeriodReturns.resample(curve, DAY));

        assertThat(EdgeSignificance.ofCurve(curve, Sampling.daily(), 500, 3))
                .isEqualTo(EdgeSignificance.test(returns, 500, 3));
        assertThat(EdgeSignificance.ofCurve(every(DAY, "100", "0", "10"), Sampling.daily(), 500, 3).pValue())
                .isEqualTo(Figure.notAvailable("equity not positive at the start of a period"));
    }
}
