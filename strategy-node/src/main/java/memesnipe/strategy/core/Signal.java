package memesnipe.strategy.core;

/**
 * A strategy's decision on one tick: enter or exit a long position in a symbol, with the price,
 * the tick that caused it and, for entries, the exit parameters (basis points) of the new position. The price is
 * per lot of the tick's lot exponent.
 */
public record Signal(String strategy, String symbol, Kind kind, long priceE8, String reason, long seq,
                     long ingestTimeMs, int stopLossBps, int takeProfitBps, int trailingStopBps, int lotExponent) {

    /** What the strategy wants to do. */
    public enum Kind { ENTER_LONG, EXIT_LONG }

    public static Signal enter(String strategy, Tick tick, String reason, ExitBps exits) {
        return new Signal(strategy, tick.symbol(), Kind.ENTER_LONG, tick.priceE8(), reason, tick.seq(),
                tick.ingestTimeMs(), exits.stopLossBps(), exits.takeProfitBps(), exits.trailingStopBps(),
                tick.lotExponent());
    }

    public static Signal exit(String strategy, Tick tick, String reason) {
        return new Signal(strategy, tick.symbol(), Kind.EXIT_LONG, tick.priceE8(), reason, tick.seq(),
                tick.ingestTimeMs(), 0, 0, 0, tick.lotExponent());
    }
}
