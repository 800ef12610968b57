package memesnipe.gateway.feed;

import java.util.List;

/** A source of raw events (ticks and signals), pulled by the caller with the current time (simulated, replayed or from a venue). */
public interface Feed {
    /** Up to {@code count} events observed at {@code nowMs}, in time order; never null. */
    List<? extends FeedEvent> next(long nowMs, int count);
}
