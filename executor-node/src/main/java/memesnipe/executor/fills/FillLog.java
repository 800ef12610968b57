package memesnipe.executor.fills;

import memesnipe.v1.Fill;

import java.util.List;

/**
 * The most recent durable fills in memory, a bounded ring: sequence numbers are gap-free and grow by one;
 * older fills are paged from the ledger. One owner.
 */
public final class FillLog {
    private final Fill[] ring;
    private long lastSeq;
    /** Fills held: seqs lastSeq - size + 1 .. lastSeq, the fill with seq s at ring[s % capacity]. */
    private int size;

    public FillLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.ring = new Fill[capacity];
    }

    /** Starts from what the ledger holds: lastSeq and its newest fills (oldest first, ending at lastSeq). */
    public void reset(long lastSeq, List<Fill> newest) {
        java.util.Arrays.fill(ring, null);
        this.lastSeq = lastSeq;
        this.size = 0;
        long expected = -1;
        for (Fill f : newest) {
            if (f.getSeq() <= lastSeq - ring.length || f.getSeq() > lastSeq) {
                continue;
            }
            if (expected >= 0 && f.getSeq() != expected) {
                throw new IllegalArgumentException("fills must be consecutive: " + f.getSeq() + " after " + (expected - 1));
            }
            ring[slot(f.getSeq())] = f;
            size++;
            expected = f.getSeq() + 1;
        }
        if (size > 0 && expected != lastSeq + 1) {
            throw new IllegalArgumentException("the newest fills must end at seq " + lastSeq);
        }
    }

    /** Appends the next fill, which must carry seq lastSeq() + 1 (it is already durable). */
    public void append(Fill fill) {
        if (fill.getSeq() != lastSeq + 1) {
            throw new IllegalStateException("fill seq " + fill.getSeq() + " does not follow " + lastSeq);
        }
        ring[slot(fill.getSeq())] = fill;
        lastSeq = fill.getSeq();
        size = Math.min(size + 1, ring.length);
    }

    /** The fill with this sequence number if it is still in memory, else null. */
    public Fill get(long seq) {
        if (seq > lastSeq || seq <= lastSeq - size || seq < 1) {
            return null;
        }
        return ring[slot(seq)];
    }

    /** Sequence number of the newest durable fill, 0 when there is none. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Fills held in memory (at most the capacity). */
    public int size() {
        return size;
    }

    private int slot(long seq) {
        return (int) (seq % ring.length);
    }
}
