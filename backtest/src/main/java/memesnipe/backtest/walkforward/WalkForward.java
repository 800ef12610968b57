package memesnipe.backtest.walkforward;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.run.Backtest;

import memesnipe.model.money.Fixed;
import memesnipe.performance.ClosedTrade;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.promotion.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walk-forward analysis: rolling windows of in-sample then out-of-sample time; in each, every parameter set of the
 * strategy ({@link ParameterGrid}) is backtested on the in-sample part only, the one with the highest in-sample
 * return is chosen (the first listed on a tie), and only that one is run on the out-of-sample part that follows.
 * Windows step by the out-of-sample length, so out-of-sample parts are consecutive and never overlap; their returns
 * compound into the out-of-sample result. In-sample and out-of-sample figures side by side show overfitting: a
 * choice that shines in-sample and fails after it. Each run starts from the settings' capital.
 */
public final class WalkForward {
    /** One window: its times, the choice made in-sample, and how that choice did in and out of sample. */
    public record Window(int index, long inFromMs, long inToMs, long outToMs, String chosen, int variantsTried,
                         double inReturn, long inTrades, double outReturn, long outTrades) {
    }

    /**
     * Every window, the out-of-sample returns compounded, and the out-of-sample runs joined: their marked equity
     * curves chained window after window (each scaled to start where the one before ended) and their closed trades
     * as run.
     */
    public record Result(String strategy, long inSampleMs, long outOfSampleMs, List<Window> windows,
                         List<EquityPoint> outOfSampleCurve, List<ClosedTrade> outOfSampleTrades) {
        public Result {
            windows = List.copyOf(windows);
            outOfSampleCurve = List.copyOf(outOfSampleCurve);
            outOfSampleTrades = List.copyOf(outOfSampleTrades);
        }

        /**
         * The out-of-sample evidence the promotion pipeline's BACKTEST gates read: measured from the chained curve
         * (returns at {@link MetricsConfig#forCurve}'s period) and the trades; no latency, a backtest trades no market.
         */
        public Evidence outOfSampleEvidence() {
            return Evidence.measure(outOfSampleCurve, outOfSampleTrades, new long[0],
                    MetricsConfig.forCurve(outOfSampleCurve));
        }

        /** Mean in-sample return of the chosen parameter sets. */
        public double meanInSampleReturn() {
            return windows.stream().mapToDouble(Window::inReturn).average().orElse(0);
        }

        /** Mean out-of-sample return. */
        public double meanOutOfSampleReturn() {
            return windows.stream().mapToDouble(Window::outReturn).average().orElse(0);
        }

        /** The out-of-sample returns compounded, window after window. */
        public double compoundedOutOfSampleReturn() {
            double growth = 1;
            for (Window w : windows) {
                growth *= 1 + w.outReturn();
            }
            return growth - 1;
        }
    }

    private WalkForward() {
    }

    /**
     * @param data       market data in arrival order
     * @param onWindow   told of each window when it is done (progress)
     */
    public static Result run(KernelSettings settings, String strategy, List<Arrival> data, long inSampleMs,
                             long outOfSampleMs, Consumer<Window> onWindow) {
        if (inSampleMs <= 0 || outOfSampleMs <= 0) {
            throw new IllegalArgumentException("in-sample and out-of-sample lengths must be > 0");
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no market data");
        }
        List<ParameterGrid.Variant> variants = ParameterGrid.of(strategy);
        KernelSettings one = settings.withStrategies(List.of(strategy));
        long start = data.get(0).atMs();
        long end = data.get(data.size() - 1).atMs() + 1;
        List<Window> windows = new ArrayList<>();
        List<EquityPoint> curve = new ArrayList<>();
        List<ClosedTrade> trades = new ArrayList<>();
        for (int k = 0; ; k++) {
            long inFrom = start + k * outOfSampleMs;
            long inTo = inFrom + inSampleMs;
            long outTo = inTo + outOfSampleMs;
            if (outTo > end) {
                break;
            }
            ParameterGrid.Variant best = null;
            Backtest.Result bestIn = null;
            for (ParameterGrid.Variant v : variants) {
                Backtest.Result in = runOrNull(one, v, data, inFrom, inTo);
                if (in != null && (bestIn == null || totalReturn(in, one) > totalReturn(bestIn, one))) {
                    best = v;
                    bestIn = in;
                }
            }
            if (best == null) {
                continue; // no data in this in-sample part
            }
            Backtest.Result out = runOrNull(one, best, data, inTo, outTo);
            Window w = new Window(k + 1, inFrom, inTo, outTo, best.label(), variants.size(), totalReturn(bestIn, one),
                    bestIn.trades().size(), out == null ? 0 : totalReturn(out, one), out == null ? 0 : out.trades().size());
            windows.add(w);
            if (out != null) {
                chain(curve, out.equity());
                trades.addAll(out.trades());
            }
            onWindow.accept(w);
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("the data spans less than one in-sample plus one out-of-sample length");
        }
        if (curve.isEmpty()) {
            throw new IllegalArgumentException("no out-of-sample part had market data");
        }
        return new Result(strategy, inSampleMs, outOfSampleMs, windows, curve, trades);
    }

    /** Appends a run's curve scaled to start at the chained curve's last equity (the first run as it is). */
    private static void chain(List<EquityPoint> curve, List<EquityPoint> run) {
        long start = run.get(0).equityE8();
        long from = curve.isEmpty() ? start : curve.get(curve.size() - 1).equityE8();
        for (EquityPoint p : run) {
            curve.add(new EquityPoint(p.timeMs(), start == from ? p.equityE8() : Fixed.mulDiv(p.equityE8(), from, start)));
        }
    }

    private static Backtest.Result runOrNull(KernelSettings settings, ParameterGrid.Variant v, List<Arrival> data,
                                             long fromMs, long toMs) {
        try {
            return Backtest.run(settings, () -> List.of(v.make().get()), data, fromMs, toMs, n -> { });
        } catch (IllegalArgumentException noDataInWindow) {
            return null;
        }
    }

    static double totalReturn(Backtest.Result r, KernelSettings s) {
        return (r.finalEquityE8() - s.capitalE8()) / (double) s.capitalE8();
    }
}
