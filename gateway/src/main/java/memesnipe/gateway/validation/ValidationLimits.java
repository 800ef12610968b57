package memesnipe.gateway.validation;

/**
 * Thresholds of the tick validator; a value exactly at a threshold is accepted.
 *
 * @param maxAgeMs        oldest accepted event time, ms before now
 * @param maxFutureMs     furthest accepted event time, ms after now
 * @param maxDeviationPct largest accepted move from the last accepted price, percent
 * @param minLiquidityUsd smallest accepted liquidity, USD
 */
public record ValidationLimits(long maxAgeMs, long maxFutureMs, double maxDeviationPct, double minLiquidityUsd) {
    public static final ValidationLimits DEFAULTS = new ValidationLimits(500, 100, 20.0, 10_000);
}
