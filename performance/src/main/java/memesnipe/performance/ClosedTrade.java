package memesnipe.performance;

import java.util.Objects;

/**
 * A round trip from entry to exit. Quantity is positive for a long and negative for a short; fees are what both
 * legs paid, and the net P&amp;L is after those fees.
 */
public record ClosedTrade(String symbol, String strategy, long entryTimeMs, long entryPriceE8, long exitTimeMs,
                          long exitPriceE8, long quantityE8, long feesE8, long netPnlE8) {
    public ClosedTrade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(strategy, "strategy");
        if (exitTimeMs < entryTimeMs) {
            throw new IllegalArgumentException("exit at " + exitTimeMs + " before entry at " + entryTimeMs);
        }
        if (feesE8 < 0) {
            throw new IllegalArgumentException("negative fees: " + feesE8);
        }
    }
}
