package memesnipe.executor.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The executor's in-memory view of orders, keyed by client order id: the open ones (RECEIVED → SIGNED → SENT)
 * with what the shell needs to carry them on, and the most recent final ones (FILLED, REJECTED, CANCELLED)
 * with their reports, up to a bound; older history lives in the ledger. An id is admitted once; a repeat
 * is counted as a duplicate and gets the first order's final report (at once, or when the first one
 * finishes). Exactly one party may record an open order's outcome: {@link #claim} says who. Pure (time is
 * an argument); one owner.
 *
 * @param <O> what the shell keeps with an open order (the order, its signature)
 * @param <R> the final report type
 */
public final class OrderBook<O, R> {
    /** Where an order stands; the same states as the ledger's orders.state. */
    public enum State {
        RECEIVED, SIGNED, SENT, FILLED, REJECTED, CANCELLED;

        public boolean terminal() {
            return this == FILLED || this == REJECTED || this == CANCELLED;
        }
    }

    /** What {@link #admit} found. */
    public enum Admission {
        /** A new id: the caller carries the order on. */
        NEW,
        /** The id is open here: wait for its report. */
        OPEN,
        /** The id is final here: {@link #report} has its first report. */
        DONE
    }

    private static final class Open<O, R> {
        State state = State.RECEIVED;
        O order;
        long sinceMs;
        boolean reconciling;
        boolean claimed;
        final List<Consumer<R>> waiters = new ArrayList<>();
    }

    private record Done<R>(State state, R report) {
    }

    private final int maxDone;
    private final Map<String, Open<O, R>> open = new HashMap<>();
    private final LinkedHashMap<String, Done<R>> done = new LinkedHashMap<>();
    private long admitted;
    private long duplicates;
    private long filled;
    private long rejected;
    private long cancelled;

    /** Keeps at most maxDone final orders (the most recently finished); open orders are never dropped. */
    public OrderBook(int maxDone) {
        if (maxDone < 1) {
            throw new IllegalArgumentException("maxDone must be >= 1");
        }
        this.maxDone = maxDone;
    }

    /** Admits a new id as RECEIVED (NEW), or counts a duplicate of an id open (OPEN) or final (DONE) here. */
    public Admission admit(String clientOrderId, long nowMs) {
        if (done.containsKey(clientOrderId)) {
            duplicates++;
            return Admission.DONE;
        }
        if (open.containsKey(clientOrderId)) {
            duplicates++;
            return Admission.OPEN;
        }
        Open<O, R> e = new Open<>();
        e.sinceMs = nowMs;
        open.put(clientOrderId, e);
        admitted++;
        return Admission.NEW;
    }

    /**
     * Takes in an open order found in the ledger (at start, or an orphan met by a duplicate) in the given open
     * state, for the caller to reconcile. Does nothing (false) if the id is already known here.
     */
    public boolean adopt(String clientOrderId, State state, O order, long nowMs) {
        if (state.terminal()) {
            throw new IllegalArgumentException("adopt takes open orders, not " + state);
        }
        if (done.containsKey(clientOrderId) || open.containsKey(clientOrderId)) {
            return false;
        }
        Open<O, R> e = new Open<>();
        e.state = state;
        e.order = order;
        e.sinceMs = nowMs;
        open.put(clientOrderId, e);
        return true;
    }

    /** Counts a duplicate that only the ledger recognised (the id was no longer in memory). */
    public void countDuplicate() {
        duplicates++;
    }

    /** Calls back with the order's final report: now if it is final, otherwise when it becomes final. */
    public void whenDone(String clientOrderId, Consumer<R> callback) {
        Done<R> d = done.get(clientOrderId);
        if (d != null) {
            callback.accept(d.report());
            return;
        }
        entry(clientOrderId).waiters.add(callback);
    }

    /** Attaches (or replaces) what the shell keeps with an open order. */
    public void attach(String clientOrderId, O order) {
        entry(clientOrderId).order = order;
    }

    /** What the shell keeps with an open order, if it is open. */
    public Optional<O> order(String clientOrderId) {
        Open<O, R> e = open.get(clientOrderId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.order);
    }

    public void signed(String clientOrderId, long nowMs) {
        move(clientOrderId, State.RECEIVED, State.SIGNED, nowMs);
    }

    public void sent(String clientOrderId, long nowMs) {
        move(clientOrderId, State.SIGNED, State.SENT, nowMs);
    }

    /** Whether the order is open and nobody has claimed its outcome yet (its flow may go on). */
    public boolean live(String clientOrderId) {
        Open<O, R> e = open.get(clientOrderId);
        return e != null && !e.claimed;
    }

    /**
     * Claims the right to record the open order's outcome: true for the first caller only (the venue's answer
     * to the placement and a reconciliation may both arrive; one records it).
     */
    public boolean claim(String clientOrderId) {
        Open<O, R> e = open.get(clientOrderId);
        if (e == null || e.claimed) {
            return false;
        }
        e.claimed = true;
        return true;
    }

    /** Marks an open, unclaimed order as being reconciled; false if it already is (or is claimed or unknown). */
    public boolean startReconciling(String clientOrderId) {
        Open<O, R> e = open.get(clientOrderId);
        if (e == null || e.claimed || e.reconciling) {
            return false;
        }
        e.reconciling = true;
        return true;
    }

    /** Records the final state and report, wakes the waiters, and keeps the report among the recent ones. */
    public void finish(String clientOrderId, State finalState, R report) {
        if (!finalState.terminal()) {
            throw new IllegalArgumentException(finalState + " is not final");
        }
        Open<O, R> e = entry(clientOrderId);
        open.remove(clientOrderId);
        remember(clientOrderId, finalState, report);
        switch (finalState) {
            case FILLED -> filled++;
            case REJECTED -> rejected++;
            default -> cancelled++;
        }
        e.waiters.forEach(w -> w.accept(report));
    }

    /**
     * Finishes an open order with a final report learned from the ledger (the id was a duplicate of an order no
     * longer in memory): the waiters get it, and it is not counted as this book's outcome.
     */
    public void settle(String clientOrderId, State finalState, R report) {
        if (!finalState.terminal()) {
            throw new IllegalArgumentException(finalState + " is not final");
        }
        Open<O, R> e = entry(clientOrderId);
        open.remove(clientOrderId);
        remember(clientOrderId, finalState, report);
        e.waiters.forEach(w -> w.accept(report));
    }

    /**
     * Puts an open order in the state the ledger holds it in (an orphan: open in the ledger but not in flight
     * here), with what the shell keeps with it, for the caller to reconcile; waiters stay.
     */
    public void restore(String clientOrderId, State state, O order, long nowMs) {
        if (state.terminal()) {
            throw new IllegalArgumentException("restore takes open states, not " + state);
        }
        Open<O, R> e = entry(clientOrderId);
        e.state = state;
        e.order = order;
        e.sinceMs = nowMs;
    }

    private void remember(String clientOrderId, State finalState, R report) {
        done.put(clientOrderId, new Done<>(finalState, report));
        Iterator<String> oldest = done.keySet().iterator();
        while (done.size() > maxDone) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * Drops an open order without remembering it: nothing about it is durable, so the id stays free (a
     * LEDGER_UNAVAILABLE rejection). The waiters get the given report.
     */
    public void forget(String clientOrderId, R report) {
        Open<O, R> e = open.remove(clientOrderId);
        if (e != null) {
            e.waiters.forEach(w -> w.accept(report));
        }
    }

    /** Open orders sent to the venue at least timeoutMs ago, not claimed and not yet reconciling. */
    public List<String> overdue(long nowMs, long timeoutMs) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Open<O, R>> en : open.entrySet()) {
            Open<O, R> e = en.getValue();
            if (e.state == State.SENT && !e.claimed && !e.reconciling && nowMs - e.sinceMs >= timeoutMs) {
                ids.add(en.getKey());
            }
        }
        return ids;
    }

    public Optional<State> state(String clientOrderId) {
        Open<O, R> e = open.get(clientOrderId);
        if (e != null) {
            return Optional.of(e.state);
        }
        Done<R> d = done.get(clientOrderId);
        return d == null ? Optional.empty() : Optional.of(d.state());
    }

    /** The final report of an order that is final here. */
    public Optional<R> report(String clientOrderId) {
        Done<R> d = done.get(clientOrderId);
        return d == null ? Optional.empty() : Optional.of(d.report());
    }

    /** New ids admitted by this book. */
    public long admitted() {
        return admitted;
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

    public long cancelled() {
        return cancelled;
    }

    public int openCount() {
        return open.size();
    }

    /** Open orders being reconciled with the venue. */
    public int reconcilingCount() {
        int n = 0;
        for (Open<O, R> e : open.values()) {
            if (e.reconciling) {
                n++;
            }
        }
        return n;
    }

    /** Final orders held in memory (at most maxDone). */
    public int doneCount() {
        return done.size();
    }

    private void move(String clientOrderId, State from, State to, long nowMs) {
        Open<O, R> e = entry(clientOrderId);
        if (e.state != from) {
            throw new IllegalStateException(clientOrderId + ": cannot go " + e.state + " → " + to);
        }
        e.state = to;
        e.sinceMs = nowMs;
    }

    private Open<O, R> entry(String clientOrderId) {
        Open<O, R> e = open.get(clientOrderId);
        if (e == null) {
            throw new IllegalStateException((done.containsKey(clientOrderId) ? "final order " : "unknown order ")
                    + clientOrderId);
        }
        return e;
    }
}
