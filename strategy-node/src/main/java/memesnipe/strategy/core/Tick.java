package memesnipe.strategy.core;

import memesnipe.model.regime.Regime;

/**
 * One market price observation as strategies see it: {@code price} is for indicator math,
 * {@code priceE8} (scale 10^8, USD per lot of 10^lotExponent units) is what goes on the wire; times are ms since
 * the epoch; {@code volumeE8} is the volume traded since the symbol's previous tick (lots, scale 10^8; 0 when the
 * source does not say); {@code regime} is the market's volatility regime once this tick is counted (the owner's
 * {@link memesnipe.model.regime.VolatilityRegime}; UNKNOWN where none is kept, e.g. in tests).
 */
public record Tick(String symbol, double price, long priceE8, long seq, long eventTimeMs, long ingestTimeMs,
                   int lotExponent, long volumeE8, Regime regime) {

    /** A tick of a symbol traded in single units, its double price derived from its fixed-point price. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs) {
        return of(symbol, priceE8, seq, eventTimeMs, ingestTimeMs, 0);
    }

    /** A tick whose double price is derived from its fixed-point price (per lot), without volume, regime UNKNOWN. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs, int lotExponent) {
        return of(symbol, priceE8, seq, eventTimeMs, ingestTimeMs, lotExponent, 0, Regime.UNKNOWN);
    }

    /** A tick in the given regime, without a traded volume. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs, int lotExponent,
                          Regime regime) {
        return of(symbol, priceE8, seq, eventTimeMs, ingestTimeMs, lotExponent, 0, regime);
    }

    /** A tick with its traded volume, regime UNKNOWN. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs, int lotExponent,
                          long volumeE8) {
        return of(symbol, priceE8, seq, eventTimeMs, ingestTimeMs, lotExponent, volumeE8, Regime.UNKNOWN);
    }

    /** A tick whose double price is derived from its fixed-point price (per lot), with its volume and regime. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs, int lotExponent,
                          long volumeE8, Regime regime) {
        return new Tick(symbol, memesnipe.model.money.Fixed.toDouble(priceE8), priceE8, seq, eventTimeMs, ingestTimeMs,
                lotExponent, volumeE8, regime);
    }
}
