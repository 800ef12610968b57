package memesnipe.backtest.kernel;

import memesnipe.gateway.feed.FeedEvent;

import java.util.Iterator;

/**
 * A raw observation (a tick or a signal) and when it reached the gateway (the kernel's clock): the gateway validates
 * an event's own time against its arrival, so a feed's bad timestamp is refused instead of moving the clock. Recorded
 * data arrived at its event time ({@link #asRecorded}).
 */
public record Arrival(FeedEvent event, long atMs) {

    /**
     * A feed (a simulator) run over simulated time from startMs (inclusive) to endMs (exclusive), polled every pollMs:
     * its events as arriving when polled, which is at or after their event time.
     */
    public static java.util.List<Arrival> simulate(memesnipe.gateway.feed.Feed feed, long startMs, long endMs,
                                                   long pollMs) {
        java.util.List<Arrival> out = new java.util.ArrayList<>();
        for (long t = startMs; t < endMs; t += pollMs) {
            for (FeedEvent e : feed.next(t, Integer.MAX_VALUE)) {
                out.add(new Arrival(e, t));
            }
        }
        return out;
    }

    /** Each event as arriving at its own event time (recorded or historical data). */
    public static Iterable<Arrival> asRecorded(Iterable<? extends FeedEvent> events) {
        return () -> new Iterator<>() {
            private final Iterator<? extends FeedEvent> it = events.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Arrival next() {
                FeedEvent e = it.next();
                return new Arrival(e, e.eventTimeMs());
            }
        };
    }
}
