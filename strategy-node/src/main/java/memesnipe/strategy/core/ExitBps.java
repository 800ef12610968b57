package memesnipe.strategy.core;

/** Default exit parameters a strategy attaches to its entries, in basis points (0 = none / risk default). */
public record ExitBps(int stopLossBps, int takeProfitBps, int trailingStopBps) {
}
