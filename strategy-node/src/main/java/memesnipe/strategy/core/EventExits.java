package memesnipe.strategy.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Prices the exits a strategy decides on a non-price event: on the last tick it saw of the symbol, at once; or, when
 * that tick is the one its entry was decided on, on the symbol's next tick (an exit decided on the entry's seq would get
 * the entry's client order id, and risk would answer it with the entry's decision). One per strategy, fed every tick.
 */
public final class EventExits {
    private final Map<String, Tick> lastTicks = new HashMap<>();
    private final Map<String, Long> entrySeqs = new HashMap<>();
    private final Set<String> deferred = new HashSet<>();

    /**
     * Records the symbol's tick (call first thing on every tick); true when an exit was deferred to this tick: the
     * strategy exits now.
     */
    public boolean onTick(Tick tick) {
        lastTicks.put(tick.symbol(), tick); // replaces the value of a known key: nothing allocated
        return !deferred.isEmpty() && deferred.remove(tick.symbol());
    }

    /** The strategy entered on this tick. */
    public void entered(Tick tick) {
        entrySeqs.put(tick.symbol(), tick.seq());
        deferred.remove(tick.symbol());
    }

    /**
     * The tick an exit decided now on a non-price event is priced on, or null when it waits for the symbol's next tick
     * ({@link #onTick} then says so).
     */
    public Tick exitTick(String symbol) {
        Tick last = lastTicks.get(symbol);
        Long entrySeq = entrySeqs.get(symbol);
        if (last == null || (entrySeq != null && entrySeq == last.seq())) {
            deferred.add(symbol);
            return null;
        }
        return last;
    }

    /** The position is gone another way (an exit on a tick, a rejected entry): no deferred exit stays due. */
    public void cancel(String symbol) {
        deferred.remove(symbol);
    }
}
