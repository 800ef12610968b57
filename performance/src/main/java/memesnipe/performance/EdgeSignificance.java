package memesnipe.performance;

import java.util.Arrays;
import java.util.List;

/**
 * One-sided bootstrap test that the mean period return is above zero, i.e. that an edge is not luck. With period
 * returns r_1 .. r_n and B resamples:
 * <pre>
 *   m   = (1/n) * sum r_k                        the observed mean
 *   c_k = r_k - m                                the returns centred to mean 0 (the null hypothesis: no edge)
 *   m*_b = (1/n) * sum c_(i_b,j), j = 1 .. n     the mean of resample b, indices i_b,j uniform in 1 .. n with
 *                                                replacement, drawn by a SplittableRandom seeded with the seed
 *   p   = #{ b : m*_b &gt;= m } / B              the share of resampled means at least the observed one
 * </pre>
 * A small p says a mean this high is rare when the true mean is 0. It needs n &gt;= 2; with returns that are all
 * equal the centred returns are all 0, so p is 1 if they are 0 and 0 if they are positive. It is a test of the
 * returns' mean, not of their Sharpe ratio, and it assumes the periods are independent (no serial correlation).
 */
public final class EdgeSignificance {
    /** The name every {@link Significance} from this test carries. */
    public static final String TEST = "one-sided bootstrap of the mean period return";

    private EdgeSignificance() {
    }

    /** The test on the given period returns. */
    public static Significance test(double[] returns, int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
        }
        if (returns.length < 2) {
            return new Significance(TEST, Figure.notAvailable("needs at least 2 period returns, have "
                    + returns.length), returns.length, 0, seed);
        }
        double observed = ReturnRatios.mean(returns);
        double[] centred = new double[returns.length];
        for (int k = 0; k < returns.length; k++) {
            centred[k] = returns[k] - observed;
        }
        double[] means = Bootstrap.resampled(centred, resamples, seed, ReturnRatios::mean);
        long atLeast = Arrays.stream(means).filter(m -> m >= observed).count();
        return new Significance(TEST, Figure.of((double) atLeast / resamples), returns.length, resamples, seed);
    }

    /** The test on the simple returns of the curve resampled every {@code sampling} period ({@link PeriodReturns}). */
    public static Significance ofCurve(List<EquityPoint> curve, Sampling sampling, int resamples, long seed) {
        long[] grid = PeriodReturns.resample(curve, sampling.periodMs());
        if (!PeriodReturns.definedFor(grid)) {
            return new Significance(TEST, Figure.notAvailable("equity not positive at the start of a period"),
                    grid.length - 1, 0, seed);
        }
        return test(PeriodReturns.simpleReturns(grid), resamples, seed);
    }
}
