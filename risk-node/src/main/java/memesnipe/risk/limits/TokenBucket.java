package memesnipe.risk.limits;

/** A token bucket refilled continuously from the caller's clock; used to throttle entries only. */
public final class TokenBucket {
    private final double ratePerMs;
    private final double capacity;
    private double tokens;
    private long lastMs;

    public TokenBucket(int perSecond, int burst, long nowMs) {
        this.ratePerMs = perSecond / 1000.0;
        this.capacity = burst;
        this.tokens = burst;
        this.lastMs = nowMs;
    }

    /** Takes one token if available. */
    public boolean tryTake(long nowMs) {
        if (nowMs > lastMs) {
            tokens = Math.min(capacity, tokens + (nowMs - lastMs) * ratePerMs);
            lastMs = nowMs;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
