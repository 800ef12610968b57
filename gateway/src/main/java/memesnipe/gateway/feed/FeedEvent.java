package memesnipe.gateway.feed;

/** One raw observation from a feed, before validation: a price tick ({@link RawTick}) or a signal ({@link RawSignal}). */
public interface FeedEvent {
    /** The symbol it concerns, unchecked. */
    String symbol();

    /** When the source produced it, ms since epoch, unchecked. */
    long eventTimeMs();
}
