package memesnipe.gateway.replay;

import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.MarketSignal;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One event of a replay file: a trade, the close of a bar, a recorded journal row, or a non-price signal. Figures are
 * kept exactly as the file wrote them (per base unit, USD); the double views are what a feed hands to the gateway.
 *
 * @param symbol       the file's symbol, or the replay-symbol setting for files that name none
 * @param eventTimeMs  when it happened, ms since the epoch (a bar's end time)
 * @param price        USD per base unit, positive (a bar's close); null for a signal
 * @param volume       base units traded, zero or more (a bar's volume); null for a signal
 * @param bar          the bar's open, high, low and close; null for trades, journal rows and signals
 * @param liquidityUsd quoted liquidity the file recorded (journal rows, JSON Lines trades that give one), or null
 * @param signal       the signal this event is, its symbol and time being the event's; null for a price event
 */
public record ReplayEvent(String symbol, long eventTimeMs, BigDecimal price, BigDecimal volume, Bar bar,
                          BigDecimal liquidityUsd, MarketSignal signal) {

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
        if (signal == null) {
            Objects.requireNonNull(price);
            Objects.requireNonNull(volume);
        } else if (price != null || volume != null || bar != null || liquidityUsd != null
                || !symbol.equals(signal.symbol()) || eventTimeMs != signal.eventTimeMs()) {
            throw new IllegalArgumentException("a signal event carries only its signal");
        }
    }

    /** A price event: a trade, a bar's close or a journal row. */
    public ReplayEvent(String symbol, long eventTimeMs, BigDecimal price, BigDecimal volume, Bar bar,
                       BigDecimal liquidityUsd) {
        this(symbol, eventTimeMs, price, volume, bar, liquidityUsd, null);
    }

    /** A trade or a journal row: no bar. */
    public static ReplayEvent trade(String symbol, long eventTimeMs, BigDecimal price, BigDecimal volume) {
        return new ReplayEvent(symbol, eventTimeMs, price, volume, null, null);
    }

    /** A non-price signal, at its own symbol and time. */
    public static ReplayEvent of(MarketSignal signal) {
        return new ReplayEvent(signal.symbol(), signal.eventTimeMs(), null, null, null, null, signal);
    }

    public boolean isSignal() {
        return signal != null;
    }

    /** The price as a double, for the feed (price events only). */
    public double priceDouble() {
        return price.doubleValue();
    }

    /** The volume as a double, for the feed (price events only). */
    public double volumeDouble() {
        return volume.doubleValue();
    }

    /**
     * The event as a feed hands it to the gateway, at its own time: a tick quoting the recorded liquidity, or the
     * given one when the file records none; or the signal.
     */
    public FeedEvent raw(double liquidityUsdIfNone) {
        if (signal != null) {
            return new RawSignal(signal);
        }
        double liquidity = liquidityUsd != null ? liquidityUsd.doubleValue() : liquidityUsdIfNone;
        return new RawTick(symbol, priceDouble(), volumeDouble(), liquidity, eventTimeMs);
    }
}
