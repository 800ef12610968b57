package memesnipe.backtest.kernel;

import memesnipe.gateway.feed.RawTick;

import java.util.Iterator;

/**
 * A raw observation and when it reached the gateway (the kernel's clock): the gateway validates an event's own time
 * against its arrival, so a feed's bad timestamp is refused instead of moving the clock. Recorded data arrived at
 * its event time ({@link #asRecorded}).
 */
public record Arrival(RawTick tick, long atMs) {

    /** Each tick as arriving at its own event time (recorded or historical data). */
    public static Iterable<Arrival> asRecorded(Iterable<RawTick> ticks) {
        return () -> new Iterator<>() {
            private final Iterator<RawTick> it = ticks.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Arrival next() {
                RawTick t = it.next();
                return new Arrival(t, t.eventTimeMs());
            }
        };
    }
}
