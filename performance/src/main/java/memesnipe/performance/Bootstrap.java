package memesnipe.performance;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

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
        double[] all = resampled(sample, resamples, seed,
                x -> statistic.apply(x) instanceof Figure.Value v ? v.value() : Double.NaN);
        double[] values = Arrays.stream(all).filter(Double::isFinite).toArray();
        int used = values.length;
        if (used * 2 < resamples) {
            return new ConfidenceInterval.NotAvailable("only " + used + " of " + resamples
                    + " resamples gave a finite value");
        }
        Arrays.sort(values);
        double tail = (1 - ConfidenceInterval.LEVEL) / 2;
        return new ConfidenceInterval.Range(quantile(values, tail), quantile(values, 1 - tail), used);
    }

    /**
     * The statistic of each of {@code resamples} resamples, in the order drawn: each resample takes
     * {@code sample.length} values of the sample with replacement, at indices drawn by one {@link SplittableRandom}
     * seeded with {@code seed}. The array handed to the statistic is reused from one resample to the next.
     */
    static double[] resampled(double[] sample, int resamples, long seed, ToDoubleFunction<double[]> statistic) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        double[] resample = new double[sample.length];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < resample.length; i++) {
                resample[i] = sample[random.nextInt(sample.length)];
            }
            values[b] = statistic.applyAsDouble(resample);
        }
        return values;
    }

    /** The p-quantile of sorted values by linear interpolation at position p * (m - 1). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
