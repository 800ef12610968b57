package memesnipe.gateway.feed;

import memesnipe.model.event.MarketSignal;

/** A non-price observation as a feed delivers it, before validation (its values may be out of range). */
public record RawSignal(MarketSignal signal) implements FeedEvent {
    public RawSignal {
        java.util.Objects.requireNonNull(signal, "signal");
    }

    @Override
    public String symbol() {
        return signal.symbol();
    }

    @Override
    public long eventTimeMs() {
        return signal.eventTimeMs();
    }
}
