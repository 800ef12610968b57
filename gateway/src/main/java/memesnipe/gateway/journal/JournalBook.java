package memesnipe.gateway.journal;

import memesnipe.gateway.status.JournalStats;

/**
 * The gateway's accounting of its tick journal: decides whether an accepted event is sent to Redis now (never
 * more than maxInFlight waiting, nothing while Redis is known to be down) and counts what was appended,
 * dropped and failed, the latest ingest-to-ack lag and the stream length. Pure: the writer reports every
 * outcome with the time. One owner (the gateway's event loop).
 */
public final class JournalBook {
    /** Appends waiting this long with no answer at all make the journal report down. */
    public static final long STALL_MS = 5_000;

    private final int maxInFlight;
    /** null until Redis first answers or fails. */
    private Boolean reachable;
    private int inFlight;
    private long appended;
    private long dropped;
    private long failures;
    private long lagMs = -1;
    private long length = -1;
    private long lastProgressMs;
    private String lastError = "";

    public JournalBook(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1");
        }
        this.maxInFlight = maxInFlight;
    }

    /**
     * How many of {@code count} accepted events (a prefix, in order) are to be appended now; the rest are counted
     * as dropped (backlog full or Redis down). The admitted ones must each be settled by {@link #appended} or
     * {@link #appendFailed}.
     */
    public int admit(int count, long nowMs) {
        int admitted = Boolean.FALSE.equals(reachable) ? 0 : Math.max(0, Math.min(count, maxInFlight - inFlight));
        if (admitted > 0 && inFlight == 0) {
            lastProgressMs = nowMs;
        }
        inFlight += admitted;
        dropped += count - admitted;
        return admitted;
    }

    /** Redis acknowledged {@code count} appends, the newest of an event ingested at lastIngestTimeMs. */
    public void appended(int count, long lastIngestTimeMs, long nowMs) {
        inFlight -= count;
        appended += count;
        lagMs = Math.max(0, nowMs - lastIngestTimeMs);
        lastProgressMs = nowMs;
        reachable = true;
        lastError = "";
    }

    /** {@code count} admitted appends failed: Redis is down until a probe answers. */
    public void appendFailed(int count, String error, long nowMs) {
        inFlight -= count;
        failures += count;
        lastProgressMs = nowMs;
        reachable = false;
        lastError = error;
    }

    /** A length poll (which doubles as the reconnect probe) answered: Redis is up. */
    public void probed(long streamLength) {
        length = streamLength;
        reachable = true;
        lastError = "";
    }

    /** A length poll failed: Redis is down; appends stop (events counted as dropped) until a probe answers. */
    public void probeFailed(String error) {
        reachable = false;
        lastError = error;
    }

    /** Up: the last answer from Redis was a success and no append has waited more than {@link #STALL_MS}. */
    public boolean up(long nowMs) {
        return Boolean.TRUE.equals(reachable) && !stalled(nowMs);
    }

    private boolean stalled(long nowMs) {
        return inFlight > 0 && nowMs - lastProgressMs > STALL_MS;
    }

    public int inFlight() {
        return inFlight;
    }

    public long appended() {
        return appended;
    }

    public long dropped() {
        return dropped;
    }

    public long failures() {
        return failures;
    }

    /** Ingest to Redis acknowledgement of the latest acknowledged append, -1 before the first. */
    public long lagMs() {
        return lagMs;
    }

    /** XLEN at the last successful poll, -1 before the first. */
    public long length() {
        return length;
    }

    public JournalStats stats(String stream, long nowMs) {
        boolean up = up(nowMs);
        String error = up ? "" : !lastError.isEmpty() ? lastError
                : stalled(nowMs) ? "no answer from Redis for " + (nowMs - lastProgressMs) + " ms"
                : reachable == null ? "not connected yet" : "";
        return new JournalStats(up, stream, length < 0 ? null : length, inFlight, appended, dropped, failures,
                lagMs < 0 ? null : lagMs, error);
    }
}
