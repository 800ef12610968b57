package memesnipe.performance.promotion;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A strategy's move from one stage to another, with the time and every reason, for the caller to persist and audit.
 *
 * @param atMs    when the move was decided (epoch ms, the caller's clock)
 * @param reasons the gates that decided it (all passing for a promotion, the failures for a demotion) or the
 *                operator's note and the demotion count
 */
public record StageChange(String strategy, Stage from, Stage to, long atMs, List<Reason> reasons) {
    public StageChange {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reasons = List.copyOf(reasons);
        if (from == to) {
            throw new IllegalArgumentException("not a change: " + from + " to " + to);
        }
    }

    /** E.g. "momentum_5m BACKTEST -> SHADOW: Sharpe (annualized) 1.62 >= 1.50 (45 periods); ...". */
    public String text() {
        return strategy + " " + from + " -> " + to + ": "
                + reasons.stream().map(Reason::text).collect(Collectors.joining("; "));
    }
}
