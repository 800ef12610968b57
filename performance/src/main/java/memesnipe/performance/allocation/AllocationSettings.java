package memesnipe.performance.allocation;

import java.util.ArrayList;
import java.util.List;

/**
 * How the portfolio manager sizes each live strategy's capital (see {@link CapitalAllocator} for the rule), validated
 * once ({@link #problems}).
 *
 * @param strategyCapBps       the most one strategy may have, bps of equity (default 1000 = 10 %, risk's per-strategy
 *                             cap; an allocation never exceeds it)
 * @param fullCapSharpe        the measured annualized Sharpe ratio that earns the whole cap (default 3.0); below it the
 *                             allocation shrinks in proportion, and a Sharpe of 0 or less earns nothing
 * @param correlationThreshold the correlation of period returns above which two strategies count as the same bet
 *                             (default 0.5); only the excess above it reduces allocations
 * @param minCommonPeriods     period returns two strategies must share before their correlation is measured
 *                             (default 30), and one strategy needs before its Sharpe ratio scales its allocation
 */
public record AllocationSettings(int strategyCapBps, double fullCapSharpe, double correlationThreshold,
                                 int minCommonPeriods) {
    public static final int DEFAULT_STRATEGY_CAP_BPS = 1_000;
    public static final double DEFAULT_FULL_CAP_SHARPE = 3.0;
    public static final double DEFAULT_CORRELATION_THRESHOLD = 0.5;
    public static final int DEFAULT_MIN_COMMON_PERIODS = 30;

    public static AllocationSettings defaults() {
        return new AllocationSettings(DEFAULT_STRATEGY_CAP_BPS, DEFAULT_FULL_CAP_SHARPE, DEFAULT_CORRELATION_THRESHOLD,
                DEFAULT_MIN_COMMON_PERIODS);
    }

    /** Every inconsistency, empty when usable. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (strategyCapBps <= 0 || strategyCapBps > 10_000) {
            p.add("strategy cap must be within (0, 100 %]");
        }
        if (!(fullCapSharpe > 0) || Double.isInfinite(fullCapSharpe)) {
            p.add("the Sharpe ratio earning the full cap must be a finite number > 0");
        }
        if (!(correlationThreshold >= 0 && correlationThreshold < 1)) {
            p.add("the correlation threshold must be within [0, 1)");
        }
        if (minCommonPeriods < 3) {
            p.add("at least 3 common periods are needed to measure a correlation");
        }
        return p;
    }
}
