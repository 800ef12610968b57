package memesnipe.executor.paper;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * A Bloom filter over client order ids, of fixed size: "certainly never seen" or "maybe seen". It lets the
 * paper venue keep only recent ids in memory and still catch a repeat of any older one (a "maybe" is
 * checked against its file). Pure; one owner.
 */
public final class IdFilter {
    private static final int HASHES = 6;
    private final BitSet bits;
    private final int size;
    private long added;

    /** A filter of 2^log2Bits bits (2^23 bits = 1 MiB keeps false "maybe"s near 1 % up to ~800,000 ids). */
    public IdFilter(int log2Bits) {
        if (log2Bits < 6 || log2Bits > 30) {
            throw new IllegalArgumentException("log2Bits must be 6..30");
        }
        this.size = 1 << log2Bits;
        this.bits = new BitSet(size);
    }

    public void add(String id) {
        long h = hash(id);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < HASHES; i++) {
            bits.set(index(h1 + i * h2));
        }
        added++;
    }

    /** False: the id was never added. True: it may have been. */
    public boolean mightContain(String id) {
        long h = hash(id);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < HASHES; i++) {
            if (!bits.get(index(h1 + i * h2))) {
                return false;
            }
        }
        return true;
    }

    /** Ids added so far (repeats included). */
    public long added() {
        return added;
    }

    private int index(int combined) {
        return combined & (size - 1);
    }

    /** 64-bit FNV-1a over the UTF-8 bytes, then a final mix so both halves are well spread. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h | 1L << 32; // h2 odd-ish: never zero, so the probes differ
    }
}
