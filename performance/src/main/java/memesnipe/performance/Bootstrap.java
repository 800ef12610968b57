package memesnipe.performance;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Percentile bootstrap: the sample is resampled with replacement (same size) {@code resamples} times by a
 * {@link SplittableRandom} seeded with {@code seed}, the statistic is computed on each resample, and the interval
 * is the 2.5th and 97.5th percentiles of those values (linear interpolation between order statistics,
 * position p * (m - 1) in the m sorted values). Resamples whose statistic is not a finite value (e.g. returns that
 * happen not to vary) are left out and counted; if more than half are left out there is no interval.
 */
final class Bootstrap {
    private Bootstrap() {
    }

    static ConfidenceInterval percentile(double[] sample, Function<double[], Figure> statistic, int resamples,
                                         long seed) {
        if (sample.length < 2) {
            return new ConfidenceInterval.NotAvailable("needs at least 2 samples, have " + sample.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int used = 0;
        double[] resample = new double[sample.length];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < resample.length; i++) {
                resample[i] = sample[random.nextInt(sample.length)];
            }
            if (statistic.apply(resample) instanceof Figure.Value v) {
                values[used++] = v.value();
            }
        }
        if (used * 2 < resamples) {
            return new ConfidenceInterval.NotAvailable("only " + used + " of " + resamples
                    + " resamples gave a finite value");
        }
        double[] sorted = Arrays.copyOf(values, used);
        Arrays.sort(sorted);
        double tail = (1 - ConfidenceInterval.LEVEL) / 2;
        return new ConfidenceInterval.Range(quantile(sorted, tail), quantile(sorted, 1 - tail), used);
    }

    /** The p-quantile of sorted values by linear interpolation at position p * (m - 1). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
