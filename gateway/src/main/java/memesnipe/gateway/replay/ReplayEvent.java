package memesnipe.gateway.replay;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One event of a replay file: a trade, the close of a bar, or a recorded journal row. Figures are kept exactly as
 * the file wrote them (per base unit, USD); the double views are what a feed hands to the gateway.
 *
 * @param symbol       the file's symbol, or the replay-symbol setting for files that name none
 * @param eventTimeMs  when it happened, ms since the epoch (a bar's end time)
 * @param price        USD per base unit, positive (a bar's close)
 * @param volume       base units traded, zero or more (a bar's volume)
 * @param bar          the bar's open, high, low and close; null for trades and journal rows
 * @param liquidityUsd quoted liquidity the file recorded (journal rows), or null when the file has none
 */
public record ReplayEvent(String symbol, long eventTimeMs, BigDecimal price, BigDecimal volume, Bar bar,
                          BigDecimal liquidityUsd) {

    /** Open, high, low and close of one bar, USD per base unit. */
    public record Bar(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
        public Bar {
            Objects.requireNonNull(open);
            Objects.requireNonNull(high);
            Objects.requireNonNull(low);
            Objects.requireNonNull(close);
        }
    }

    public ReplayEvent {
        Objects.requireNonNull(symbol);
        Objects.requireNonNull(price);
        Objects.requireNonNull(volume);
    }

    /** A trade or a journal row: no bar. */
    public static ReplayEvent trade(String symbol, long eventTimeMs, BigDecimal price, BigDecimal volume) {
        return new ReplayEvent(symbol, eventTimeMs, price, volume, null, null);
    }

    /** The price as a double, for the feed. */
    public double priceDouble() {
        return price.doubleValue();
    }

    /** The volume as a double, for the feed. */
    public double volumeDouble() {
        return volume.doubleValue();
    }
}
