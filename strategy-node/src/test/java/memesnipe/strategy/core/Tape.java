package memesnipe.strategy.core;

import memesnipe.model.event.MarketSignal;
import memesnipe.model.money.Fixed;

import java.util.ArrayList;
import java.util.List;

/** Feeds hand-built ticks (with volumes, at given times) and signals to a strategy and collects what it emits. */
final class Tape {
    private final Strategy strategy;
    private long seq;
    final List<Signal> signals = new ArrayList<>();

    Tape(Strategy strategy) {
        this.strategy = strategy;
    }

    /** One tick of a symbol at timeMs with the volume it traded (units); returns its sequence number. */
    long tick(String symbol, double price, double volume, long timeMs) {
        seq++;
        signals.addAll(strategy.onTick(Tick.of(symbol, Fixed.fromDouble(price), seq, timeMs, timeMs + 1, 0,
                Fixed.fromDouble(volume))));
        return seq;
    }

    /** One non-price observation; returns what it caused at once (strategies price their signals on ticks). */
    List<Signal> event(MarketSignal signal) {
        seq++;
        List<Signal> out = strategy.onEvent(signal);
        signals.addAll(out);
        return out;
    }

    /** The kinds emitted so far, in order. */
    List<Signal.Kind> kinds() {
        return signals.stream().map(Signal::kind).toList();
    }
}
