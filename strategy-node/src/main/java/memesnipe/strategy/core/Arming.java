package memesnipe.strategy.core;

import java.util.HashMap;
import java.util.Map;

/**
 * A long-only strategy's view of each symbol: flat or long (from the signals it emitted), and a
 * cool-down after every signal so it does not flip-flop. An entry re-arms only after an exit
 * (or a rejected entry).
 */
public final class Arming {
    private final long coolDownMs;
    private final Map<String, State> bySymbol = new HashMap<>();

    private static final class State {
        boolean isLong;
        long lastSignalMs = Long.MIN_VALUE;
    }

    public Arming(long coolDownMs) {
        this.coolDownMs = coolDownMs;
    }

    public boolean isLong(String symbol) {
        State s = bySymbol.get(symbol);
        return s != null && s.isLong;
    }

    /** True while the last signal for the symbol is more recent than the cool-down. */
    public boolean coolingDown(String symbol, long timeMs) {
        State s = bySymbol.get(symbol);
        return s != null && s.lastSignalMs != Long.MIN_VALUE && timeMs - s.lastSignalMs < coolDownMs;
    }

    public void entered(String symbol, long timeMs) {
        State s = bySymbol.computeIfAbsent(symbol, k -> new State());
        s.isLong = true;
        s.lastSignalMs = timeMs;
    }

    public void exited(String symbol, long timeMs) {
        State s = bySymbol.computeIfAbsent(symbol, k -> new State());
        s.isLong = false;
        s.lastSignalMs = timeMs;
    }

    /** The entry was not taken: flat again, but the cool-down still runs. */
    public void rejected(String symbol) {
        State s = bySymbol.get(symbol);
        if (s != null) {
            s.isLong = false;
        }
    }
}
