package memesnipe.gateway.status;

/**
 * The gateway's tick journal as the status API shows it.
 *
 * @param up        whether the last append or length poll reached Redis and no append is stuck
 * @param stream    the Redis stream key
 * @param length    entries in the stream at the last poll (XLEN), or null before the first answer
 * @param inFlight  appends sent and not yet answered (the backlog)
 * @param appended  events Redis acknowledged
 * @param dropped   accepted events not journaled: the backlog was full or Redis was down
 * @param failures  appends sent that failed
 * @param lagMs     ingest to Redis acknowledgement of the latest acknowledged append, or null before the first
 * @param lastError the last Redis error while down, "" when up
 */
public record JournalStats(boolean up, String stream, Long length, int inFlight, long appended, long dropped,
                           long failures, Long lagMs, String lastError) {
}
