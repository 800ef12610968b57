package memesnipe.performance;

import memesnipe.model.money.Fixed;

import java.util.List;

/**
 * The deepest fall of the marked equity curve from a running peak to a later trough, as a fraction of that peak:
 * max over points of (peak - equity) / peak, where peak is the highest equity so far. The peak time is the last
 * time the curve stood at that peak before the fall. With no fall, the fraction is 0 and peak and trough are the
 * first point; with no positive peak, the fraction is not available.
 */
public record MaxDrawdown(Figure fraction, long peakTimeMs, long peakEquityE8, long troughTimeMs,
                          long troughEquityE8) {

    /** @param curve at least one point, in time order */
    public static MaxDrawdown of(List<EquityPoint> curve) {
        EquityPoint peak = curve.get(0);
        EquityPoint worstPeak = peak;
        EquityPoint worstTrough = peak;
        double worst = 0;
        for (EquityPoint p : curve) {
            if (p.equityE8() >= peak.equityE8()) {
                peak = p;
            } else if (peak.equityE8() > 0) {
                double dd = fraction(peak.equityE8(), p.equityE8());
                if (dd > worst) {
                    worst = dd;
                    worstPeak = peak;
                    worstTrough = p;
                }
            }
        }
        Figure f = peak.equityE8() > 0 ? Figure.of(worst) : Figure.notAvailable("equity never positive");
        return new MaxDrawdown(f, worstPeak.timeMs(), worstPeak.equityE8(), worstTrough.timeMs(),
                worstTrough.equityE8());
    }

    /** The drawdown (peak - equity) / peak at every point of the curve, 0 while the peak is not positive. */
    public static double[] series(List<EquityPoint> curve) {
        double[] dd = new double[curve.size()];
        long peak = Long.MIN_VALUE;
        for (int i = 0; i < dd.length; i++) {
            long e = curve.get(i).equityE8();
            peak = Math.max(peak, e);
            dd[i] = peak > 0 ? fraction(peak, e) : 0;
        }
        return dd;
    }

    private static double fraction(long peakE8, long equityE8) {
        return (double) Fixed.sub(peakE8, equityE8) / peakE8;
    }
}
