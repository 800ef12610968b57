package memesnipe.performance;

import java.util.Objects;

/**
 * A statistic that is a finite number, unbounded, or not available, so a report never shows NaN or Infinity:
 * the two special cases carry the reason in words.
 */
public sealed interface Figure {
    /** A finite value. */
    record Value(double value) implements Figure {
        public Value {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not finite: " + value);
            }
        }
    }

    /** Positively unbounded, e.g. the profit factor when no trade lost. */
    record Unbounded(String why) implements Figure {
        public Unbounded {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Undefined for this input, e.g. a Sharpe ratio from a single period. */
    record NotAvailable(String why) implements Figure {
        public NotAvailable {
            Objects.requireNonNull(why, "why");
        }
    }

    static Figure of(double value) {
        return new Value(value);
    }

    static Figure unbounded(String why) {
        return new Unbounded(why);
    }

    static Figure notAvailable(String why) {
        return new NotAvailable(why);
    }
}
