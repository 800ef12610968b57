package memesnipe.risk.engine;

import memesnipe.model.Decision;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions the risk engine remembers, answered by (caller, client order id): a caller gets back only a decision
 * made for itself, never one made for another caller under the same id. A client order id is the order's
 * idempotency key all the way to the venue, so it belongs to the first caller that used it; {@link #owner} tells a
 * later caller the id is taken. Bounded: beyond the capacity the oldest are forgotten first (the ledger keeps them).
 * One owner (not thread-safe).
 */
public final class DecisionMemory {
    /** A remembered decision and the caller it was made for. */
    record Entry(String caller, Decision decision) {
    }

    private final Map<String, Entry> byId;

    public DecisionMemory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.byId = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity; // the oldest goes once a new one is in
            }
        };
    }

    /** The entry under this id, or null: {@link #find} and {@link #owner} in one lookup. */
    Entry entry(String clientOrderId) {
        return byId.get(clientOrderId);
    }

    /** The decision made for this caller under this id, if remembered; empty for any other caller. */
    public Optional<Decision> find(String caller, String clientOrderId) {
        Entry e = byId.get(clientOrderId);
        return e != null && e.caller().equals(caller) ? Optional.of(e.decision()) : Optional.empty();
    }

    /** The caller this id belongs to, if remembered. */
    public Optional<String> owner(String clientOrderId) {
        Entry e = byId.get(clientOrderId);
        return e == null ? Optional.empty() : Optional.of(e.caller());
    }

    /** Remembers the first decision under an id for its caller; false (nothing changed) when the id is known. */
    public boolean remember(String caller, Decision d) {
        return byId.putIfAbsent(d.clientOrderId(), new Entry(caller, d)) == null;
    }

    public int size() {
        return byId.size();
    }
}
