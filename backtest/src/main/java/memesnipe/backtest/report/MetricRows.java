package memesnipe.backtest.report;

import memesnipe.performance.Figure;
import memesnipe.performance.MaxDrawdown;
import memesnipe.performance.PerformanceMetrics;
import memesnipe.performance.Sampling;

import java.util.List;

/** The metrics as labelled rows, shared by the console summary and the HTML report's table. */
final class MetricRows {
    /** One metric: its label, its value, its 95 % interval (empty when it has none) and a note (may be empty). */
    record Row(String label, String value, String ci, String note) {
    }

    private MetricRows() {
    }

    static List<Row> of(PerformanceMetrics m) {
        MaxDrawdown dd = m.maxDrawdown();
        Sampling s = m.sampling();
        return List.of(
                new Row("Run", Formats.time(m.startTimeMs()) + " to " + Formats.time(m.endTimeMs()), "", ""),
                new Row("Start equity", Formats.money(m.startEquityE8()), "", ""),
                new Row("End equity", Formats.money(m.endEquityE8()), "", ""),
                new Row("Total return", Formats.percent(m.totalReturn()), "", ""),
                new Row("Sharpe (annualized)", Formats.ratio(m.sharpe()), Formats.ratioCi(m.sharpeCi()),
                        "mean / sample std dev of " + s.label() + " returns"),
                new Row("Sortino (annualized)", Formats.ratio(m.sortino()), "",
                        "mean / downside deviation, target 0, all periods"),
                new Row("Max drawdown", Formats.percent(dd.fraction()), "", drawdownNote(dd)),
                new Row("Trades", m.trades() + "", "", m.wins() + " won, " + m.losses() + " lost, "
                        + (m.trades() - m.wins() - m.losses()) + " at zero"),
                new Row("Win rate", Formats.percent(m.winRate()), Formats.percentCi(m.winRateCi()),
                        "net P&L > 0"),
                new Row("Profit factor", Formats.ratio(m.profitFactor()), "", "gross profit "
                        + Formats.money(m.grossProfitE8()) + " / gross loss " + Formats.money(m.grossLossE8())),
                new Row("Net P&L of trades", Formats.money(m.netPnlE8()), "", "after fees"),
                new Row("Fees paid", Formats.money(m.feesE8()), "", ""),
                new Row("Exposure", Formats.percent(m.exposure()), "", "share of time with a position open"),
                new Row("Sampling", "every " + s.label(), "", m.periods() + " periods, annualized by sqrt("
                        + Formats.plain(s.periodsPerYear()) + "), 365-day year, risk-free rate 0"),
                new Row("Intervals", "95 % bootstrap", "", "percentile method, " + m.resamples()
                        + " resamples, seed " + m.seed()));
    }

    private static String drawdownNote(MaxDrawdown dd) {
        if (!(dd.fraction() instanceof Figure.Value v) || v.value() == 0) {
            return "";
        }
        return "peak " + Formats.money(dd.peakEquityE8()) + " at " + Formats.time(dd.peakTimeMs()) + ", trough "
                + Formats.money(dd.troughEquityE8()) + " at " + Formats.time(dd.troughTimeMs());
    }
}
