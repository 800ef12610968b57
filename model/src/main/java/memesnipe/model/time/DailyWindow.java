package memesnipe.model.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A window of time that opens every day at the same wall-clock time of a time zone (e.g. 09:00 in Asia/Seoul) and
 * lasts a fixed length (at most 12 hours, so windows never overlap), asked about by epoch ms. The window around a time
 * is looked up in the zone's rules once and then answered from two numbers until time leaves it, so asking on every
 * tick allocates nothing. One owner: not thread-safe.
 */
public final class DailyWindow {
    /** {@link #endIfInside}'s answer for a time outside every window. */
    public static final long OUTSIDE = Long.MIN_VALUE;
    private static final long MAX_LENGTH_MS = 12 * 3_600_000L;

    private final ZoneId zone;
    private final LocalTime opens;
    private final long lengthMs;
    // The cached answer covers [coverFromMs, endMs): inside from startMs on.
    private long coverFromMs = Long.MAX_VALUE;
    private long startMs;
    private long endMs = Long.MIN_VALUE;

    public DailyWindow(ZoneId zone, LocalTime opens, long lengthMs) {
        if (zone == null || opens == null || lengthMs <= 0 || lengthMs > MAX_LENGTH_MS) {
            throw new IllegalArgumentException("need a zone, an opening time and a length within (0, 12 h] ms, got "
                    + lengthMs);
        }
        this.zone = zone;
        this.opens = opens;
        this.lengthMs = lengthMs;
    }

    /** The end (exclusive, epoch ms) of the window timeMs is in, or {@link #OUTSIDE}. */
    public long endIfInside(long timeMs) {
        if (timeMs < coverFromMs || timeMs >= endMs) {
            locate(timeMs);
        }
        return timeMs >= startMs ? endMs : OUTSIDE;
    }

    /** True when timeMs is inside a window. */
    public boolean contains(long timeMs) {
        return endIfInside(timeMs) != OUTSIDE;
    }

    /** Finds the first window ending after timeMs (yesterday's may still be open) and the end of the one before. */
    private void locate(long timeMs) {
        LocalDate day = Instant.ofEpochMilli(timeMs).atZone(zone).toLocalDate().minusDays(1);
        long previousEnd = opensOn(day.minusDays(1)) + lengthMs;
        while (true) {
            long start = opensOn(day);
            if (start + lengthMs > timeMs) {
                coverFromMs = previousEnd;
                startMs = start;
                endMs = start + lengthMs;
                return;
            }
            previousEnd = start + lengthMs;
            day = day.plusDays(1);
        }
    }

    private long opensOn(LocalDate day) {
        return day.atTime(opens).atZone(zone).toInstant().toEpochMilli();
    }
}
