package memesnipe.risk.promotion;

import memesnipe.performance.promotion.Reason;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StageChange;

import java.util.List;
import java.util.Objects;

/**
 * A stage change as it is kept and shown: each reason as the line it was decided with (the gate, its figure,
 * threshold and samples, or the operator's note), so a change read back from the ledger reads as the one made.
 *
 * @param demotions the strategy's demotions from LIVE after the change
 */
public record RecordedChange(String strategy, Stage from, Stage to, long atMs, List<String> reasons, int demotions) {
    public RecordedChange {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reasons = List.copyOf(reasons);
    }

    /** The change the pipeline made, with the strategy's demotions after it. */
    public static RecordedChange of(StageChange c, int demotions) {
        return new RecordedChange(c.strategy(), c.from(), c.to(), c.atMs(), c.reasons().stream().map(Reason::text)
                .toList(), demotions);
    }

    /** E.g. "momentum_5m LIVE -> SHADOW: max drawdown 6.10 % > 5.00 % (40 periods)", as {@link StageChange#text}. */
    public String text() {
        return strategy + " " + from + " -> " + to + ": " + String.join("; ", reasons);
    }
}
