package memesnipe.performance.allocation;

import memesnipe.model.money.Fixed;
import memesnipe.performance.Figure;
import memesnipe.performance.ReturnRatios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portfolio manager's sizing rule: each live strategy's capital from its measured performance, reduced when its
 * returns move with other live strategies'. With cap = equity × strategyCapBps / 10000, for strategy i:
 * <pre>
 *   performance_i = clamp(Sharpe_i / fullCapSharpe, 0, 1)     (Sharpe annualized from its period returns)
 *   excess(ρ)     = max(0, (ρ − θ) / (1 − θ))                 (θ = correlationThreshold)
 *   correlation_i = 1 / (1 + Σ_{j ≠ i} excess(ρ_ij))
 *   allocation_i  = floor(cap × performance_i × correlation_i)  (USD, scale e8, never above the cap)
 * </pre>
 * so two perfectly correlated strategies each get half of what either would alone, and an uncorrelated one is not
 * reduced. Where the data is too short to measure (fewer than minCommonPeriods returns: for a Sharpe ratio, the
 * strategy's own; for a correlation, the pair's common ones) that factor is 1 and the allocation says so: the
 * allocator scales by evidence, it does not invent any. A strategy measured at a Sharpe of 0 or less gets nothing.
 * Pure: figures in, allocations out.
 */
public final class CapitalAllocator {
    private CapitalAllocator() {
    }

    /**
     * One live strategy's period returns, aligned with every other's (index k is the same period for all); NaN where
     * the strategy had no figure for a period.
     */
    public record Returns(String strategy, double[] periodReturns) {
    }

    /** One strategy's allocation with its two factors and why, in words. */
    public record Allocation(String strategy, long capitalE8, long capE8, double performanceFactor,
                             double correlationFactor, String why) {
    }

    /** The pairwise correlations (NaN where too few common periods) and how many periods each pair shared. */
    public record Correlations(List<String> strategies, double[][] rho, int[][] commonPeriods) {
        /** The correlation of two strategies' returns, NaN when not measured. */
        public double of(String a, String b) {
            return rho[strategies.indexOf(a)][strategies.indexOf(b)];
        }
    }

    /** Every strategy's allocation (in the order given) and the correlation matrix they were reduced by. */
    public record Result(List<Allocation> allocations, Correlations correlations) {
        public Map<String, Long> byStrategy() {
            Map<String, Long> out = new LinkedHashMap<>();
            allocations.forEach(a -> out.put(a.strategy(), a.capitalE8()));
            return out;
        }
    }

    /**
     * @param equityE8      the portfolio's marked equity, USD at scale e8
     * @param periodsPerYear how many of the returns' periods make a year (annualizes the Sharpe ratio)
     */
    public static Result allocate(long equityE8, List<Returns> live, double periodsPerYear, AllocationSettings s) {
        if (!s.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", s.problems()));
        }
        int n = live.size();
        List<String> names = live.stream().map(Returns::strategy).toList();
        double[][] rho = new double[n][n];
        int[][] common = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                common[i][j] = commonPeriods(live.get(i).periodReturns(), live.get(j).periodReturns());
                rho[i][j] = i == j ? 1 : common[i][j] < s.minCommonPeriods() ? Double.NaN
                        : correlation(live.get(i).periodReturns(), live.get(j).periodReturns());
            }
        }
        long capE8 = Fixed.bps(Math.max(0, equityE8), s.strategyCapBps());
        List<Allocation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] own = present(live.get(i).periodReturns());
            List<String> why = new ArrayList<>();
            double performance;
            if (own.length < s.minCommonPeriods()) {
                performance = 1;
                why.add(String.format(java.util.Locale.ROOT, "%d periods measured (< %d): not scaled by performance",
                        own.length, s.minCommonPeriods()));
            } else {
                // a Sharpe ratio that is not available (returns that do not vary) earns nothing
                double sharpe = ReturnRatios.sharpe(own, periodsPerYear) instanceof Figure.Value v ? v.value() : 0;
                performance = Math.max(0, Math.min(1, sharpe / s.fullCapSharpe()));
                why.add(String.format(java.util.Locale.ROOT, "Sharpe %.2f over %d periods → %.0f %% of the cap",
                        sharpe, own.length, performance * 100));
            }
            double excess = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                if (Double.isNaN(rho[i][j])) {
                    why.add(String.format(java.util.Locale.ROOT, "correlation with %s not measured (%d common periods)",
                            names.get(j), common[i][j]));
                } else if (rho[i][j] > s.correlationThreshold()) {
                    excess += (rho[i][j] - s.correlationThreshold()) / (1 - s.correlationThreshold());
                    why.add(String.format(java.util.Locale.ROOT, "correlated %.2f with %s", rho[i][j], names.get(j)));
                }
            }
            double correlationFactor = 1 / (1 + excess);
            long capital = (long) Math.floor(capE8 * performance * correlationFactor);
            out.add(new Allocation(names.get(i), Math.min(capE8, capital), capE8, performance, correlationFactor,
                    String.join("; ", why)));
        }
        return new Result(List.copyOf(out), new Correlations(names, rho, common));
    }

    /** Periods where both have a figure. */
    private static int commonPeriods(double[] a, double[] b) {
        int k = 0;
        for (int t = 0; t < Math.min(a.length, b.length); t++) {
            if (!Double.isNaN(a[t]) && !Double.isNaN(b[t])) {
                k++;
            }
        }
        return k;
    }

    /** Pearson correlation over the periods both have; 0 when either is constant over them. */
    static double correlation(double[] a, double[] b) {
        int len = Math.min(a.length, b.length);
        double sa = 0;
        double sb = 0;
        int k = 0;
        for (int t = 0; t < len; t++) {
            if (!Double.isNaN(a[t]) && !Double.isNaN(b[t])) {
                sa += a[t];
                sb += b[t];
                k++;
            }
        }
        double ma = sa / k;
        double mb = sb / k;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int t = 0; t < len; t++) {
            if (!Double.isNaN(a[t]) && !Double.isNaN(b[t])) {
                cov += (a[t] - ma) * (b[t] - mb);
                va += (a[t] - ma) * (a[t] - ma);
                vb += (b[t] - mb) * (b[t] - mb);
            }
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    private static double[] present(double[] r) {
        return java.util.Arrays.stream(r).filter(x -> !Double.isNaN(x)).toArray();
    }
}
