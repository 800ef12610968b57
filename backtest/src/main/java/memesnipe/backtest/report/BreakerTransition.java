package memesnipe.backtest.report;

import java.util.Objects;

/** One change of the circuit breaker's tier (tier names as text, e.g. NORMAL, WARNING, CRITICAL, EMERGENCY). */
public record BreakerTransition(long timeMs, String fromTier, String toTier, String reason) {
    public BreakerTransition {
        Objects.requireNonNull(fromTier, "fromTier");
        Objects.requireNonNull(toTier, "toTier");
        Objects.requireNonNull(reason, "reason");
    }
}
