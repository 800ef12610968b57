package memesnipe.executor.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The order state machine, keyed by client order id: RECEIVED → SIGNING → SENT → FILLED, or any
 * open state → REJECTED. An id is admitted once; a repeat is counted as a duplicate and gets the
 * first order's final report (at once, or when the first one finishes). Pure; one owner.
 *
 * @param <R> the final report type
 */
public final class OrderBook<R> {
    /** Where an order stands. */
    public enum State {
        RECEIVED, SIGNING, SENT, FILLED, REJECTED;

        public boolean terminal() {
            return this == FILLED || this == REJECTED;
        }
    }

    private static final class Entry<R> {
        State state = State.RECEIVED;
        String rejectReason;
        R report;
        final List<Consumer<R>> waiters = new ArrayList<>();
    }

    private final Map<String, Entry<R>> orders = new HashMap<>();
    private long duplicates;
    private long filled;
    private long rejected;

    /** Admits a new id in RECEIVED and returns true; returns false (and counts a duplicate) for an id already seen. */
    public boolean receive(String clientOrderId) {
        if (orders.containsKey(clientOrderId)) {
            duplicates++;
            return false;
        }
        orders.put(clientOrderId, new Entry<>());
        return true;
    }

    /** Calls back with the order's final report: now if it is final, otherwise when it becomes final. */
    public void whenDone(String clientOrderId, Consumer<R> callback) {
        Entry<R> e = entry(clientOrderId);
        if (e.state.terminal()) {
            callback.accept(e.report);
        } else {
            e.waiters.add(callback);
        }
    }

    public void signing(String clientOrderId) {
        move(clientOrderId, State.RECEIVED, State.SIGNING);
    }

    public void sent(String clientOrderId) {
        move(clientOrderId, State.SIGNING, State.SENT);
    }

    public void filled(String clientOrderId, R report) {
        move(clientOrderId, State.SENT, State.FILLED);
        filled++;
        finish(entry(clientOrderId), report);
    }

    /** Rejects an open order (from any non-final state) for the given reason. */
    public void rejected(String clientOrderId, String reason, R report) {
        Entry<R> e = entry(clientOrderId);
        if (e.state.terminal()) {
            throw new IllegalStateException(clientOrderId + " is already " + e.state);
        }
        e.state = State.REJECTED;
        e.rejectReason = reason;
        rejected++;
        finish(e, report);
    }

    public Optional<State> state(String clientOrderId) {
        Entry<R> e = orders.get(clientOrderId);
        return e == null ? Optional.empty() : Optional.of(e.state);
    }

    public Optional<String> rejectReason(String clientOrderId) {
        Entry<R> e = orders.get(clientOrderId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.rejectReason);
    }

    /** Distinct orders received. */
    public long received() {
        return orders.size();
    }

    public long duplicates() {
        return duplicates;
    }

    public long filled() {
        return filled;
    }

    public long rejected() {
        return rejected;
    }

    private void move(String clientOrderId, State from, State to) {
        Entry<R> e = entry(clientOrderId);
        if (e.state != from) {
            throw new IllegalStateException(clientOrderId + ": cannot go " + e.state + " → " + to);
        }
        e.state = to;
    }

    private void finish(Entry<R> e, R report) {
        e.report = report;
        List<Consumer<R>> waiting = List.copyOf(e.waiters);
        e.waiters.clear();
        waiting.forEach(w -> w.accept(report));
    }

    private Entry<R> entry(String clientOrderId) {
        Entry<R> e = orders.get(clientOrderId);
        if (e == null) {
            throw new IllegalStateException("unknown order " + clientOrderId);
        }
        return e;
    }
}
