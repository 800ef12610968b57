package memesnipe.model.time;

/** The only source of time for core code: live in production, manual in tests and backtests. */
public interface Clock {
    /** Wall-clock time, milliseconds since the Unix epoch. */
    long millis();

    /** Monotonic time for measuring durations, nanoseconds from an arbitrary origin. */
    long nanos();

    /** The live clock backed by the operating system. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
