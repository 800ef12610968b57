package memesnipe.gateway.replay;

import java.util.List;

/**
 * A parsed replay file: its events in time order and the rows it rejected.
 *
 * @param source     the file as named in messages (escaped)
 * @param format     how it was read
 * @param events     accepted events, sorted by event time (ties in file order)
 * @param rejections rejected rows, counted per reason
 */
public record ReplayData(String source, ReplayFormat format, List<ReplayEvent> events, Rejections rejections) {
    public ReplayData {
        events = List.copyOf(events);
    }

    /** Data rows read: accepted and rejected. */
    public long rows() {
        return events.size() + rejections.total();
    }
}
