package memesnipe.performance;

import java.util.Objects;

/** A 95 % bootstrap confidence interval, or the reason there is none. */
public sealed interface ConfidenceInterval {
    /** The confidence level of every interval in a report. */
    double LEVEL = 0.95;

    /**
     * The 2.5th and 97.5th percentiles of the statistic over the resamples that gave a finite value
     * ({@code used} of them).
     */
    record Range(double low, double high, int used) implements ConfidenceInterval {
        public Range {
            if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
                throw new IllegalArgumentException("not an interval: [" + low + ", " + high + "]");
            }
        }
    }

    /** No interval could be computed. */
    record NotAvailable(String why) implements ConfidenceInterval {
        public NotAvailable {
            Objects.requireNonNull(why, "why");
        }
    }
}
