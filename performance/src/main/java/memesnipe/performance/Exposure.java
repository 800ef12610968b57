package memesnipe.performance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The share of the run's time with at least one position open: the union of the closed trades' [entry, exit)
 * intervals, clipped to the run's [first mark, last mark], divided by the run's length. Overlapping trades count
 * once. Only closed trades are seen, so a position still open at the end counts only if the run closes it.
 */
final class Exposure {
    private Exposure() {
    }

    static Figure of(List<ClosedTrade> trades, long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return Figure.notAvailable("the run spans no time");
        }
        List<ClosedTrade> byEntry = new ArrayList<>(trades);
        byEntry.sort(Comparator.comparingLong(ClosedTrade::entryTimeMs));
        long covered = 0;
        long start = 0; // the merged interval being grown, [start, end), while open
        long end = 0;
        boolean open = false;
        for (ClosedTrade t : byEntry) {
            long s = Math.max(t.entryTimeMs(), fromMs);
            long e = Math.min(t.exitTimeMs(), toMs);
            if (e <= s) {
                continue;
            }
            if (open && s <= end) {
                end = Math.max(end, e);
            } else {
                covered += open ? end - start : 0;
                start = s;
                end = e;
                open = true;
            }
        }
        covered += open ? end - start : 0;
        return Figure.of((double) covered / (toMs - fromMs));
    }
}
