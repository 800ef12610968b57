package memesnipe.backtest.report;

import java.util.List;
import java.util.Objects;

/** The prices of one symbol and the fills on it, drawn as one chart of the report. */
public record PriceSeries(String symbol, List<PricePoint> prices, List<FillMarker> fills) {
    public PriceSeries {
        Objects.requireNonNull(symbol, "symbol");
        prices = List.copyOf(prices);
        fills = List.copyOf(fills);
    }
}
