package memesnipe.strategy.core;

import memesnipe.model.money.Fixed;

import java.util.ArrayList;
import java.util.List;

/** Feeds a price series to a strategy at a fixed interval of event time and collects its signals. */
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

    long seq() {
        return seq;
    }
}
