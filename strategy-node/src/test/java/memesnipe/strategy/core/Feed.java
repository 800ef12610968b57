package memesnipe.strategy.core;

import memesnipe.model.event.MarketSignal;
import memesnipe.model.money.Fixed;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a price series to a strategy at a fixed interval of event time, and non-price events between its ticks, and
 * collects its signals.
 */
final class Feed {
    static final long T0 = 1_700_000_000_000L;
    private final Strategy strategy;
    private final long intervalMs;
    private long seq;
    final List<Signal> signals = new ArrayList<>();

    Feed(Strategy strategy, long intervalMs) {
        this.strategy = strategy;
        this.intervalMs = intervalMs;
    }

    /** Sends one tick; returns its sequence number. */
    long tick(String symbol, double price) {
        seq++;
        long time = T0 + seq * intervalMs;
        signals.addAll(strategy.onTick(Tick.of(symbol, Fixed.fromDouble(price), seq, time, time + 1)));
        return seq;
    }

    /** Sends a non-price event (timed by the caller, e.g. at {@link #now()}). */
    void event(MarketSignal event) {
        signals.addAll(strategy.onEvent(event));
    }

    /** Advances the clock by one interval with no tick (a symbol's source silent for a step). */
    void skip() {
        seq++;
    }

    /** The event time of the last tick sent (or step skipped). */
    long now() {
        return T0 + seq * intervalMs;
    }

    long seq() {
        return seq;
    }
}
