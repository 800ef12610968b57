package memesnipe.gateway.status;

import java.util.Map;

/** The gateway's own market data counters, as the status API shows them. */
public record FeedStats(long eventsIn, long eventsAccepted, long eventsRejected, Map<String, Long> rejectedByReason,
                        int subscribers, long drops) {
}
