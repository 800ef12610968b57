package memesnipe.performance;

import memesnipe.model.money.Fixed;

import java.util.List;
import java.util.Objects;

/**
 * The performance figures of a backtest, from its marked equity curve and its closed trades.
 * <ul>
 *   <li>total return: (last equity - first equity) / first equity, from the raw curve;</li>
 *   <li>Sharpe and Sortino: annualized from the per-period simple returns of the curve resampled every
 *       {@link Sampling#periodMs()} ({@link ReturnRatios} has the formulas; risk-free rate and target 0;
 *       {@code periods} is the number of returns n);</li>
 *   <li>max drawdown: peak to trough of the raw marked curve ({@link MaxDrawdown});</li>
 *   <li>win rate: trades with net P&amp;L &gt; 0 over all trades (a trade at exactly 0 is not a win);</li>
 *   <li>profit factor: gross profit / gross loss over the trades' net P&amp;L (after fees); unbounded when there
 *       are profits and no losses;</li>
 *   <li>exposure: share of the run's time with a position open, from the trades' entry and exit times
 *       ({@link Exposure});</li>
 *   <li>95 % confidence intervals for the Sharpe ratio (resampling the period returns) and the win rate
 *       (resampling the trades) by the percentile bootstrap ({@link Bootstrap}) with a seeded generator.</li>
 * </ul>
 * Statistics are doubles and fractions are plain (0.2 is 20 %); money stays at scale e8 and times are epoch
 * milliseconds. The Sharpe interval's generator is seeded with {@code seed}, the win rate's with {@code seed + 1}.
 * Nothing here is NaN or infinite: see {@link Figure}.
 */
public record PerformanceMetrics(
        Sampling sampling, int periods, long startTimeMs, long endTimeMs, long startEquityE8, long endEquityE8,
        Figure totalReturn, Figure sharpe, ConfidenceInterval sharpeCi, Figure sortino, MaxDrawdown maxDrawdown,
        int trades, int wins, int losses, Figure winRate, ConfidenceInterval winRateCi,
        long grossProfitE8, long grossLossE8, long netPnlE8, Figure profitFactor, long feesE8, Figure exposure,
        int resamples, long seed) {

    /**
     * @param curve  the marked equity curve, at least one point, in time order
     * @param trades the closed trades, in any order
     */
    public static PerformanceMetrics compute(List<EquityPoint> curve, List<ClosedTrade> trades, MetricsConfig config) {
        Objects.requireNonNull(config, "config");
        requireTimeOrder(curve);
        EquityPoint first = curve.get(0);
        EquityPoint last = curve.get(curve.size() - 1);
        Sampling sampling = config.sampling();
        double perYear = sampling.periodsPerYear();

        long[] grid = PeriodReturns.resample(curve, sampling.periodMs());
        Figure sharpe;
        Figure sortino;
        ConfidenceInterval sharpeCi;
        if (PeriodReturns.definedFor(grid)) {
            double[] r = PeriodReturns.simpleReturns(grid);
            sharpe = ReturnRatios.sharpe(r, perYear);
            sortino = ReturnRatios.sortino(r, perYear);
            sharpeCi = sharpe instanceof Figure.Value
                    ? Bootstrap.percentile(r, x -> ReturnRatios.sharpe(x, perYear), config.resamples(), config.seed())
                    : new ConfidenceInterval.NotAvailable("no Sharpe ratio");
        } else {
            sharpe = sortino = Figure.notAvailable("equity not positive at the start of a period");
            sharpeCi = new ConfidenceInterval.NotAvailable("no Sharpe ratio");
        }

        int wins = 0;
        int losses = 0;
        long grossProfit = 0;
        long grossLoss = 0;
        long fees = 0;
        double[] won = new double[trades.size()];
        for (int i = 0; i < trades.size(); i++) {
            ClosedTrade t = trades.get(i);
            fees = Fixed.add(fees, t.feesE8());
            if (t.netPnlE8() > 0) {
                wins++;
                won[i] = 1;
                grossProfit = Fixed.add(grossProfit, t.netPnlE8());
            } else if (t.netPnlE8() < 0) {
                losses++;
                grossLoss = Fixed.sub(grossLoss, t.netPnlE8());
            }
        }
        Figure winRate = trades.isEmpty() ? Figure.notAvailable("no trades") : Figure.of(ReturnRatios.mean(won));
        ConfidenceInterval winRateCi = trades.isEmpty()
                ? new ConfidenceInterval.NotAvailable("no trades")
                : Bootstrap.percentile(won, x -> Figure.of(ReturnRatios.mean(x)), config.resamples(),
                        config.seed() + 1);

        return new PerformanceMetrics(sampling, Math.max(0, grid.length - 1), first.timeMs(), last.timeMs(),
                first.equityE8(), last.equityE8(), totalReturn(curve), sharpe, sharpeCi, sortino,
                MaxDrawdown.of(curve), trades.size(), wins, losses, winRate, winRateCi, grossProfit, grossLoss,
                Fixed.sub(grossProfit, grossLoss), profitFactor(trades.size(), grossProfit, grossLoss), fees,
                Exposure.of(trades, first.timeMs(), last.timeMs()), config.resamples(), config.seed());
    }

    private static Figure totalReturn(List<EquityPoint> curve) {
        if (curve.size() < 2) {
            return Figure.notAvailable("a single equity point");
        }
        long first = curve.get(0).equityE8();
        if (first <= 0) {
            return Figure.notAvailable("starting equity not positive");
        }
        return Figure.of((double) Fixed.sub(curve.get(curve.size() - 1).equityE8(), first) / first);
    }

    private static Figure profitFactor(int trades, long grossProfitE8, long grossLossE8) {
        if (trades == 0) {
            return Figure.notAvailable("no trades");
        }
        if (grossLossE8 == 0) {
            return grossProfitE8 > 0 ? Figure.unbounded("no losing trade") : Figure.notAvailable("no profit, no loss");
        }
        return Figure.of((double) grossProfitE8 / grossLossE8);
    }

    private static void requireTimeOrder(List<EquityPoint> curve) {
        if (curve.isEmpty()) {
            throw new IllegalArgumentException("the equity curve needs at least one point");
        }
        for (int i = 1; i < curve.size(); i++) {
            if (curve.get(i).timeMs() < curve.get(i - 1).timeMs()) {
                throw new IllegalArgumentException("equity curve out of time order at point " + i);
            }
        }
    }
}
