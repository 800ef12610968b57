package memesnipe.gateway.feed;

import java.util.List;

/** A source of raw ticks, pulled by the caller with the current time (simulated, replayed or from a venue). */
public interface Feed {
    /** Up to {@code count} ticks observed at {@code nowMs}; never null. */
    List<RawTick> next(long nowMs, int count);
}
