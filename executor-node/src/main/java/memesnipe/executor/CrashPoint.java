package memesnipe.executor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Fault injection for tests (setting crash-point): a point in an order's life where the executor process halts
 * at once, exactly like SIGKILL (Runtime.halt(137): no shutdown hooks, nothing flushed), so a test can show that
 * a restart neither loses the fill nor executes the order twice. Never set it in production.
 */
public enum CrashPoint {
    /** No fault injection (the default). */
    NONE,
    /** After the order is journaled SENT, before the venue call. */
    AFTER_JOURNAL,
    /** After the venue filled the order, before the fill and FILLED state are written to the executor ledger. */
    AFTER_VENUE_FILL,
    /** After the FILLED report is durable, before the report is returned and the fill streamed to watchers. */
    AFTER_REPORT;

    /** The setting's spelling: none, after-journal, after-venue-fill, after-report. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the setting's spelling. */
    public static CrashPoint parse(String value) {
        for (CrashPoint p : values()) {
            if (p.key().equals(value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(CrashPoint::key)
                .collect(Collectors.joining(", ")));
    }

    /** Halts the process if this is the configured point. */
    void reachedWith(CrashPoint configured, String clientOrderId) {
        if (configured == this && this != NONE) {
            System.err.println("crash-point " + key() + " reached at order " + clientOrderId
                    + ": halting the process (fault injection)");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
