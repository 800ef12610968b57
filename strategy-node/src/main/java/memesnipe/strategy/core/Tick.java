package memesnipe.strategy.core;

/**
 * One market price observation as strategies see it: {@code price} is for indicator math,
 * {@code priceE8} (scale 10^8) is what goes on the wire; times are ms since the epoch.
 */
public record Tick(String symbol, double price, long priceE8, long seq, long eventTimeMs, long ingestTimeMs) {

    /** A tick whose double price is derived from its fixed-point price. */
    public static Tick of(String symbol, long priceE8, long seq, long eventTimeMs, long ingestTimeMs) {
        return new Tick(symbol, priceE8 / 1e8, priceE8, seq, eventTimeMs, ingestTimeMs);
    }
}
