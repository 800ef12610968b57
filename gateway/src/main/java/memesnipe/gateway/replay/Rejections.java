package memesnipe.gateway.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rows of a replay file that were rejected: every one counted per reason, the first
 * {@link ReplayLimits#MAX_SAMPLES} kept with their 1-based line number and an escaped detail.
 */
public final class Rejections {
    /** One rejected row: its 1-based line number, why, and a one-line detail (values escaped and cut). */
    public record Sample(long line, RowRejectReason reason, String detail) {
        @Override
        public String toString() {
            return "line " + line + " " + reason + ": " + detail;
        }
    }

    private final EnumMap<RowRejectReason, Long> counts = new EnumMap<>(RowRejectReason.class);
    private final List<Sample> samples = new ArrayList<>();
    private long total;

    Rejections() {
        for (RowRejectReason r : RowRejectReason.values()) {
            counts.put(r, 0L);
        }
    }

    void add(long line, RowRejectReason reason, String detail) {
        total++;
        counts.merge(reason, 1L, Long::sum);
        if (samples.size() < ReplayLimits.MAX_SAMPLES) {
            samples.add(new Sample(line, reason, detail));
        }
    }

    /** Rejected rows, all reasons. */
    public long total() {
        return total;
    }

    public long count(RowRejectReason reason) {
        return counts.get(reason);
    }

    /** Count per reason, every reason present. */
    public Map<RowRejectReason, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** The first rejected rows, in file order. */
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** One line: the non-zero counts and the first few samples, e.g. "BAD_PRICE=2 (line 5 BAD_PRICE: ...; ...)". */
    public String summary(int maxSamples) {
        if (total == 0) {
            return "none";
        }
        String byReason = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        String first = samples.stream().limit(Math.max(0, maxSamples)).map(Sample::toString)
                .collect(Collectors.joining("; "));
        return byReason + (first.isEmpty() ? "" : " (first: " + first + ")");
    }
}
