package memesnipe.strategy.core;

import memesnipe.model.regime.Regime;

/**
 * One market price observation as strategies see it: {@code price} is for indicator math,
 * {@code priceE8} (scale 10^8, USD per lot of 10^lotExponent units) is what goes on the wire; times are ms since
 * the epoch; {@code regime} is the market's volatility regime once this tick is counted (the owner's
 * {@link memesnipe.model.regime.VolatilityRegime}; UNKNOWN where none is kept, e.g. in tests).
 */
public record Tick(String symbol, double price, long priceE8, long seq, long eventTimeMs, long ingestTimeMs,
                   int lotExponent, Regime regime) {

    /** A tick of a symbol traded in single units, its double price derived from its fixed-point price. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs) {
        return of(symbol, priceE8, seq, eventTimeMs, ingestTimeMs, 0);
    }

    /** A tick whose double price is derived from its fixed-point price (per lot), its regime UNKNOWN. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs, int lotExponent) {
        return of(symbol, priceE8, seq, eventTimeMs, ingestTimeMs, lotExponent, Regime.UNKNOWN);
    }

    /** A tick whose double price is derived from its fixed-point price (per lot), in the given regime. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs, int lotExponent,
                          Regime regime) {
        return new Tick(symbol, memesnipe.model.money.Fixed.toDouble(priceE8), priceE8, seq, eventTimeMs, ingestTimeMs,
                lotExponent, regime);
    }
}
