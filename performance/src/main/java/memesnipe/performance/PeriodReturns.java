package memesnipe.performance;

import memesnipe.model.money.Fixed;

import java.util.List;

/** Resamples an equity curve onto a fixed time grid and turns it into per-period simple returns. */
final class PeriodReturns {
    /** More grid points than this means the period is far too fine for the run: refused rather than allocated. */
    static final long MAX_GRID_POINTS = 1_000_000L;

    private PeriodReturns() {
    }

    /**
     * The equity at t0 + k * period for k = 0 .. floor((tLast - t0) / period), each the last mark at or before
     * that instant (t0 and tLast: the first and last marks). A trailing partial period is left out.
     *
     * @param curve at least one point, in time order
     */
    static long[] resample(List<EquityPoint> curve, long periodMs) {
        long t0 = curve.get(0).timeMs();
        long span = curve.get(curve.size() - 1).timeMs() - t0;
        long points = span / periodMs + 1;
        if (points > MAX_GRID_POINTS) {
            throw new IllegalArgumentException("sampling every " + periodMs + " ms over " + span + " ms gives "
                    + points + " periods, more than " + MAX_GRID_POINTS);
        }
        long[] grid = new long[(int) points];
        int i = 0;
        for (int k = 0; k < grid.length; k++) {
            long t = t0 + k * periodMs;
            while (i + 1 < curve.size() && curve.get(i + 1).timeMs() <= t) {
                i++;
            }
            grid[k] = curve.get(i).equityE8();
        }
        return grid;
    }

    /** Whether every period starts at a positive equity, the condition for simple returns to be defined. */
    static boolean definedFor(long[] equityE8) {
        for (int k = 0; k + 1 < equityE8.length; k++) {
            if (equityE8[k] <= 0) {
                return false;
            }
        }
        return true;
    }

    /** r_k = (E_k - E_{k-1}) / E_{k-1} for k = 1 .. n; every E_{k-1} must be positive ({@link #definedFor}). */
    static double[] simpleReturns(long[] equityE8) {
        double[] r = new double[Math.max(0, equityE8.length - 1)];
        for (int k = 1; k < equityE8.length; k++) {
            r[k - 1] = (double) Fixed.sub(equityE8[k], equityE8[k - 1]) / equityE8[k - 1];
        }
        return r;
    }
}
