package memesnipe.performance;

import java.util.List;
import java.util.Objects;

/** How the performance figures are computed: the sampling of returns and the bootstrap's size and seed. */
public record MetricsConfig(Sampling sampling, int resamples, long seed) {
    /** Bootstrap resamples per confidence interval unless told otherwise. */
    public static final int DEFAULT_RESAMPLES = 2_000;
    /** The bootstrap's seed unless told otherwise: the same inputs always give the same intervals. */
    public static final long DEFAULT_SEED = 20_240_601L;

    public MetricsConfig {
        Objects.requireNonNull(sampling, "sampling");
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
        }
    }

    /** The given sampling with the default bootstrap. */
    public static MetricsConfig of(Sampling sampling) {
        return new MetricsConfig(sampling, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /** Sampling chosen from the curve's span ({@link Sampling#forSpan}) with the default bootstrap. */
    public static MetricsConfig forCurve(List<EquityPoint> curve) {
        long span = curve.isEmpty() ? 0 : curve.get(curve.size() - 1).timeMs() - curve.get(0).timeMs();
        return of(Sampling.forSpan(span));
    }
}
