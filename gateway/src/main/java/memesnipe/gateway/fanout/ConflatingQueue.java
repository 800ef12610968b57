package memesnipe.gateway.fanout;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded FIFO of pending items holding at most one item per key (symbol): offering an item whose
 * key is already pending removes the older one and appends the newer one at the tail (conflation, so
 * items still leave in offer order); offering a new key to a full queue drops the oldest item.
 * Both losses are counted. Pure, not thread-safe: one owner.
 */
public final class ConflatingQueue<T> {
    /** What happened to an offered item. */
    public enum Outcome {
        /** Queued; nothing lost. */
        QUEUED,
        /** Queued; replaced an older pending item with the same key. */
        CONFLATED,
        /** Queued; the oldest pending item was dropped to make room. */
        DROPPED_OLDEST
    }

    private final int capacity;
    private final Function<T, String> key;
    private final LinkedHashMap<String, T> pending = new LinkedHashMap<>();
    private long conflated;
    private long dropped;

    public ConflatingQueue(int capacity, Function<T, String> key) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        this.key = key;
    }

    public Outcome offer(T item) {
        String k = key.apply(item);
        if (pending.remove(k) != null) {
            pending.put(k, item);
            conflated++;
            return Outcome.CONFLATED;
        }
        Outcome outcome = Outcome.QUEUED;
        if (pending.size() >= capacity) {
            Iterator<Map.Entry<String, T>> oldest = pending.entrySet().iterator();
            oldest.next();
            oldest.remove();
            dropped++;
            outcome = Outcome.DROPPED_OLDEST;
        }
        pending.put(k, item);
        return outcome;
    }

    /** The oldest pending item, removed; null when empty. */
    public T poll() {
        Iterator<Map.Entry<String, T>> it = pending.entrySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        T item = it.next().getValue();
        it.remove();
        return item;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    public int size() {
        return pending.size();
    }

    /** Items replaced by a newer one with the same key. */
    public long conflated() {
        return conflated;
    }

    /** Items dropped because the queue was full. */
    public long dropped() {
        return dropped;
    }
}
