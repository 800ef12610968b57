package memesnipe.performance;

/**
 * Annualized Sharpe and Sortino ratios of per-period simple returns r_1 .. r_n, with a risk-free rate and a target
 * return of 0:
 * <pre>
 *   mean    = (1/n) * sum r_k
 *   s       = sqrt( sum (r_k - mean)^2 / (n - 1) )          sample standard deviation
 *   DD      = sqrt( (1/n) * sum min(r_k, 0)^2 )             downside deviation over all n periods
 *   Sharpe  = mean / s  * sqrt(periods per year)
 *   Sortino = mean / DD * sqrt(periods per year)
 * </pre>
 * Both need n &gt;= 2. When s is 0 the Sharpe ratio is not available; when DD is 0 the Sortino ratio is unbounded
 * if the mean is positive and not available if every return is 0.
 */
public final class ReturnRatios {
    private ReturnRatios() {
    }

    /** The annualized Sharpe ratio of the returns (see the class comment). */
    public static Figure sharpe(double[] r, double periodsPerYear) {
        if (r.length < 2) {
            return tooFew(r);
        }
        double mean = mean(r);
        double s = sampleStdDev(r, mean);
        if (s == 0) {
            return Figure.notAvailable(mean == 0 ? "flat equity" : "period returns do not vary");
        }
        return Figure.of(mean / s * Math.sqrt(periodsPerYear));
    }

    static Figure sortino(double[] r, double periodsPerYear) {
        if (r.length < 2) {
            return tooFew(r);
        }
        double mean = mean(r);
        double dd = downsideDeviation(r);
        if (dd == 0) {
            return mean > 0 ? Figure.unbounded("no losing period") : Figure.notAvailable("flat equity");
        }
        return Figure.of(mean / dd * Math.sqrt(periodsPerYear));
    }

    static double mean(double[] r) {
        double sum = 0;
        for (double x : r) {
            sum += x;
        }
        return sum / r.length;
    }

    static double sampleStdDev(double[] r, double mean) {
        double sum = 0;
        for (double x : r) {
            sum += (x - mean) * (x - mean);
        }
        return Math.sqrt(sum / (r.length - 1));
    }

    static double downsideDeviation(double[] r) {
        double sum = 0;
        for (double x : r) {
            double down = Math.min(x, 0);
            sum += down * down;
        }
        return Math.sqrt(sum / r.length);
    }

    private static Figure tooFew(double[] r) {
        return Figure.notAvailable("needs at least 2 periods, have " + r.length);
    }
}
