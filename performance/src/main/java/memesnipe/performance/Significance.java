package memesnipe.performance;

import java.util.Objects;

/**
 * The outcome of a test that an edge is not luck: which test, its p-value (the chance of a result at least this good
 * if the true edge were zero), and what it was computed from.
 *
 * @param test      the test's name, e.g. {@link EdgeSignificance#TEST}
 * @param pValue    the p-value in [0, 1], or why there is none
 * @param samples   the number of observations tested (period returns)
 * @param resamples bootstrap resamples drawn (0 when none were drawn)
 * @param seed      the generator's seed, so the same inputs give the same p-value
 */
public record Significance(String test, Figure pValue, int samples, int resamples, long seed) {
    public Significance {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(pValue, "pValue");
        if (pValue instanceof Figure.Value v && (v.value() < 0 || v.value() > 1)) {
            throw new IllegalArgumentException("a p-value is within [0, 1]: " + v.value());
        }
        if (pValue instanceof Figure.Unbounded) {
            throw new IllegalArgumentException("a p-value is never unbounded");
        }
        if (samples < 0 || resamples < 0) {
            throw new IllegalArgumentException("negative count: samples " + samples + ", resamples " + resamples);
        }
    }
}
