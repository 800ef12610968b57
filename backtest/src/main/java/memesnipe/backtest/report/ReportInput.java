package memesnipe.backtest.report;

import memesnipe.performance.ClosedTrade;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.PerformanceMetrics;

import java.util.List;
import java.util.Objects;

/**
 * Everything the HTML report shows of one backtest: its figures, its marked equity curve (in time order), its
 * closed trades, its breaker transitions and the prices with fills of the symbols it traded.
 */
public record ReportInput(String title, PerformanceMetrics metrics, List<EquityPoint> equity,
                          List<ClosedTrade> trades, List<BreakerTransition> breaker, List<PriceSeries> prices) {
    public ReportInput {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(metrics, "metrics");
        equity = List.copyOf(equity);
        trades = List.copyOf(trades);
        breaker = List.copyOf(breaker);
        prices = List.copyOf(prices);
    }
}
