package memesnipe.cli.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import memesnipe.kit.metrics.LogDrops;

/**
 * Logback's asynchronous appender (never blocks the thread that logs: with neverBlock, an event that finds the
 * queue full is dropped) that counts those drops in {@link LogDrops}. The count is taken when an event arrives at a
 * full queue; under concurrent logging the queue may drain in between, so it can overcount by the few events that
 * raced the writer thread, never undercount a sustained stall.
 */
public class CountingAsyncAppender extends AsyncAppender {
    @Override
    protected void append(ILoggingEvent event) {
        if (isStarted() && isNeverBlock() && getRemainingCapacity() == 0) {
            LogDrops.dropped();
        }
        super.append(event);
    }
}
