package memesnipe.gateway.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * What every parser feeds its rows into: accepts events in time order (an earlier timestamp than the previous
 * accepted row is rejected as UNSORTED), counts rejections, bounds the row count and finally applies the
 * whole-file rules (no data rows, mostly bad rows).
 */
final class EventCollector {
    private final String source;
    private final List<ReplayEvent> events = new ArrayList<>();
    private final Rejections rejections = new Rejections();
    private long lastTimeMs = Long.MIN_VALUE;
    private long lastLine;

    EventCollector(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void accept(long line, ReplayEvent e) {
        countRow();
        if (e.eventTimeMs() < lastTimeMs) {
            rejections.add(line, RowRejectReason.UNSORTED, "time " + e.eventTimeMs() + " ms is before "
                    + lastTimeMs + " ms of line " + lastLine);
            return;
        }
        lastTimeMs = e.eventTimeMs();
        lastLine = line;
        events.add(e);
    }

    /** Whether the reader's current line is longer than the limit; such a line is rejected as LINE_TOO_LONG. */
    boolean rejectedTooLong(LineReader lines) {
        if (lines.tooLong()) {
            reject(lines.number(), RowRejectReason.LINE_TOO_LONG,
                    "longer than " + ReplayLimits.MAX_LINE_CHARS + " characters");
        }
        return lines.tooLong();
    }

    void reject(long line, RowRejectReason reason, String detail) {
        countRow();
        rejections.add(line, reason, detail);
    }

    private void countRow() {
        if (events.size() + rejections.total() >= ReplayLimits.MAX_ROWS) {
            throw new ReplayFileException(source + ": more than " + ReplayLimits.MAX_ROWS
                    + " rows; split the file (each replay is held in memory)");
        }
    }

    /**
     * The data, or a ReplayFileException when the file has no data rows or more than
     * {@link ReplayLimits#MAX_REJECTED_SHARE} of its rows were rejected.
     */
    ReplayData finish(ReplayFormat format) {
        long rows = events.size() + rejections.total();
        if (rows == 0) {
            throw new ReplayFileException(source + ": no data rows");
        }
        if (rejections.total() > ReplayLimits.MAX_REJECTED_SHARE * rows) {
            throw new ReplayFileException(source + ": " + rejections.total() + " of " + rows
                    + " rows rejected, more than " + Math.round(ReplayLimits.MAX_REJECTED_SHARE * 100) + " %: "
                    + rejections.summary(3));
        }
        return new ReplayData(source, format, events, rejections);
    }
}
