package memesnipe.risk.breaker;

import java.util.Map;
import java.util.Set;

/**
 * The whole breaker state as one plain record, for persistence: tier and why, equity peak,
 * trading-day start, manual latch, ramp and cool-down timers, per-strategy peaks and suspensions.
 */
public record BreakerRecord(String tier, String reason, long sinceMs, long peakE8, long dayStartE8, long dayEpochDay,
                            boolean manualLatch, int rampStep, long rampSinceMs, long clearSinceMs,
                            Map<String, Long> strategyPeaksE8, Set<String> suspendedStrategies, long transitionSeq) {
    /** A ramp step past every configured step: entries at full size, whatever the ramp settings. */
    public static final int FULLY_RAMPED = Integer.MAX_VALUE;
}
