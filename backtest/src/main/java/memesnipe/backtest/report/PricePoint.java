package memesnipe.backtest.report;

/** One price of a symbol at a moment of the run, for the price chart. */
public record PricePoint(long timeMs, long priceE8) {
}
