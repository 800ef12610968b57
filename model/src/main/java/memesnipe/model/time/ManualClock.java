package memesnipe.model.time;

/** A clock that moves only when told to, for tests and simulations. Not thread-safe: one owner. */
public final class ManualClock implements Clock {
    private long millis;
    private long nanos;

    public ManualClock(long startMillis) {
        this.millis = startMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public long nanos() {
        return nanos;
    }

    /** Moves time forward by the given milliseconds. */
    public ManualClock advance(long deltaMillis) {
        if (deltaMillis < 0) {
            throw new IllegalArgumentException("time cannot go backwards: " + deltaMillis);
        }
        millis += deltaMillis;
        nanos += deltaMillis * 1_000_000L;
        return this;
    }

    /** Sets the wall clock to an absolute instant (not earlier than now). */
    public ManualClock set(long newMillis) {
        return advance(newMillis - millis);
    }
}
