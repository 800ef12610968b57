package memesnipe.strategy.core;

import java.util.function.Supplier;

/**
 * A strategy's decision on one tick: enter or exit a long position in a symbol, with the price,
 * the tick that caused it and, for entries, the exit parameters (basis points) of the new position. The price is
 * per lot of the tick's lot exponent. Why it signalled is put into words only when asked ({@link #reason()}): the
 * figures are taken at the signal, the text is formatted on demand.
 */
public record Signal(String strategy, String symbol, Kind kind, long priceE8, Supplier<String> why, long seq,
                     long ingestTimeMs, int stopLossBps, int takeProfitBps, int trailingStopBps, int lotExponent) {

    /** What the strategy wants to do. */
    public enum Kind { ENTER_LONG, EXIT_LONG }

    /** Why the strategy signalled, with its figures. */
    public String reason() {
        return why.get();
    }

    public static Signal enter(String strategy, Tick tick, Supplier<String> reason, ExitBps exits) {
        return new Signal(strategy, tick.symbol(), Kind.ENTER_LONG, tick.priceE8(), reason, tick.seq(),
                tick.ingestTimeMs(), exits.stopLossBps(), exits.takeProfitBps(), exits.trailingStopBps(),
                tick.lotExponent());
    }

    public static Signal exit(String strategy, Tick tick, Supplier<String> reason) {
        return new Signal(strategy, tick.symbol(), Kind.EXIT_LONG, tick.priceE8(), reason, tick.seq(),
                tick.ingestTimeMs(), 0, 0, 0, tick.lotExponent());
    }
}
