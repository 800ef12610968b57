package memesnipe.kit.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Log events this process dropped rather than wait for a stalled log reader (the asynchronous appender's queue was
 * full when they arrived). Counted by the logging setup of the memesnipe command, exported by every node as
 * {@code memesnipe_log_events_dropped_total}. One count per process.
 */
public final class LogDrops {
    private static final LongAdder DROPPED = new LongAdder();

    private LogDrops() {
    }

    public static void dropped() {
        DROPPED.increment();
    }

    public static long total() {
        return DROPPED.sum();
    }
}
