package memesnipe.gateway.feed;

/**
 * Says how many events are due at a given monotonic time so that the long-run average rate is exact
 * whatever the timer jitter; a backlog of more than one second (a stalled loop) is skipped, not burst.
 */
public final class RatePacer {
    private static final long SECOND_NANOS = 1_000_000_000L;
    private final long ratePerSecond;
    private long originNanos;
    private long emitted;

    public RatePacer(long ratePerSecond, long startNanos) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0");
        }
        this.ratePerSecond = ratePerSecond;
        this.originNanos = startNanos;
    }

    /** Events due at {@code nowNanos} since the last call (they count as emitted). */
    public int due(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - originNanos);
        if (elapsed > 2 * SECOND_NANOS) {
            originNanos = nowNanos;
            emitted = 0;
            return (int) ratePerSecond;
        }
        long target = elapsed * ratePerSecond / SECOND_NANOS;
        int n = (int) (target - emitted);
        emitted = target;
        if (emitted >= ratePerSecond && elapsed >= SECOND_NANOS) {
            // Keep the numbers small: move the origin on by whole seconds.
            originNanos += SECOND_NANOS;
            emitted -= ratePerSecond;
        }
        return n;
    }
}
