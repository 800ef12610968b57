package memesnipe.model.time;

/**
 * Exponential backoff, the one formula every retry uses: the n-th consecutive failure waits
 * initialMs × 2^(n−1), at most maxMs (never overflowing, however many failures).
 */
public record Backoff(long initialMs, long maxMs) {
    public Backoff {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 1 <= initialMs <= maxMs, got " + initialMs + " and " + maxMs);
        }
    }

    /** The wait after the given number of consecutive failures (1 = the first failure; below 1 counts as 1). */
    public long delayMs(int failures) {
        int doublings = Math.max(0, failures - 1);
        if (doublings >= 62 || initialMs > maxMs >> Math.min(doublings, 62)) {
            return maxMs;
        }
        return Math.min(maxMs, initialMs << doublings);
    }
}
