package memesnipe.executor.fills;

import memesnipe.v1.Fill;

import java.util.ArrayList;
import java.util.List;

/** The executor's in-memory fill log: sequence numbers start at 1 and have no gaps. One owner. */
public final class FillLog {
    private final List<Fill> fills = new ArrayList<>();

    /** Stamps the next sequence number on the fill and appends it. */
    public Fill append(Fill.Builder fill) {
        Fill stamped = fill.setSeq(fills.size() + 1L).build();
        fills.add(stamped);
        return stamped;
    }

    /** The fill with this sequence number (1..lastSeq()). */
    public Fill get(long seq) {
        return fills.get(Math.toIntExact(seq - 1));
    }

    /** Sequence number of the newest fill, 0 when empty. */
    public long lastSeq() {
        return fills.size();
    }
}
