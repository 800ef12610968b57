package memesnipe.strategy.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-symbol book of a long-only strategy that acts on non-price events: the last tick seen (the price an
 * event's exit is signalled on), an entry an event armed (with its figures, of type A) until a tick takes it up,
 * flat or long and since when (for time stops), with {@link Arming}'s cool-down after every signal. One owner, not
 * thread-safe.
 */
public final class EventBook<A> {
    private final String strategy;
    private final Arming arming;
    private final Map<String, Held<A>> bySymbol = new HashMap<>();

    private static final class Held<A> {
        Tick last;
        long enteredMs;
        A armed;
        long armedMs;
    }

    public EventBook(String strategy, long coolDownMs) {
        this.strategy = strategy;
        this.arming = new Arming(coolDownMs);
    }

    /** Remembers the tick as the symbol's latest price. */
    public void saw(Tick tick) {
        held(tick.symbol()).last = tick;
    }

    /** The symbol's last tick seen, or null before its first. */
    public Tick last(String symbol) {
        Held<A> h = bySymbol.get(symbol);
        return h == null ? null : h.last;
    }

    /** Arms an entry in the symbol at an event's time, replacing one armed before. */
    public void arm(String symbol, long timeMs, A entry) {
        Held<A> h = held(symbol);
        h.armed = entry;
        h.armedMs = timeMs;
    }

    /** Drops the symbol's armed entry, if any. */
    public void disarm(String symbol) {
        Held<A> h = bySymbol.get(symbol);
        if (h != null) {
            h.armed = null;
        }
    }

    /**
     * The entry armed in the tick's symbol when the tick is at most maxAgeMs after its arming and the strategy may
     * enter (flat, not cooling down); else null. An arming older than maxAgeMs is dropped: a stale event is not
     * traded. The arming stays until {@link #enter} or {@link #disarm}.
     */
    public A armed(Tick tick, long maxAgeMs) {
        Held<A> h = bySymbol.get(tick.symbol());
        if (h == null || h.armed == null) {
            return null;
        }
        if (tick.eventTimeMs() - h.armedMs > maxAgeMs) {
            h.armed = null;
            return null;
        }
        return mayEnter(tick.symbol(), tick.eventTimeMs()) ? h.armed : null;
    }

    public boolean isLong(String symbol) {
        return arming.isLong(symbol);
    }

    /** Flat and not cooling down after a signal: an entry may be signalled at this time. */
    public boolean mayEnter(String symbol, long timeMs) {
        return !arming.isLong(symbol) && !arming.coolingDown(symbol, timeMs);
    }

    /** An entry on this tick, recorded as long from its event time; it takes up the symbol's armed entry. */
    public List<Signal> enter(Tick tick, Supplier<String> reason, ExitBps exits) {
        Held<A> h = held(tick.symbol());
        h.last = tick;
        h.enteredMs = tick.eventTimeMs();
        h.armed = null;
        arming.entered(tick.symbol(), tick.eventTimeMs());
        return List.of(Signal.enter(strategy, tick, reason, exits));
    }

    /** The time stop: an exit on this tick when long for at least holdMs, else none. */
    public List<Signal> exitIfHeld(Tick tick, long holdMs) {
        if (!arming.isLong(tick.symbol())) {
            return List.of();
        }
        long held = tick.eventTimeMs() - bySymbol.get(tick.symbol()).enteredMs;
        if (held < holdMs) {
            return List.of();
        }
        arming.exited(tick.symbol(), tick.eventTimeMs());
        return List.of(Signal.exit(strategy, tick, () -> "time stop: held " + held / 1000 + " s >= " + holdMs / 1000
                + " s"));
    }

    /**
     * An exit caused by a non-price event at timeMs, on the symbol's last tick seen, when long; else none (a strategy
     * is long only after a tick of the symbol, so a long symbol always has one).
     */
    public List<Signal> exitNow(String symbol, long timeMs, Supplier<String> reason) {
        if (!arming.isLong(symbol)) {
            return List.of();
        }
        arming.exited(symbol, timeMs);
        return List.of(Signal.exit(strategy, bySymbol.get(symbol).last, reason));
    }

    /** The entry was not taken: flat again (the cool-down still runs). */
    public void rejected(String symbol) {
        arming.rejected(symbol);
    }

    private Held<A> held(String symbol) {
        Held<A> h = bySymbol.get(symbol); // not computeIfAbsent: its lambda would be made on every tick
        if (h == null) {
            h = new Held<>();
            bySymbol.put(symbol, h);
        }
        return h;
    }
}
