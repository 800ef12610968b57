package memesnipe.risk.promotion;

import memesnipe.performance.promotion.Evidence;
import memesnipe.performance.promotion.GateResult;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StrategyType;

import java.util.List;
import java.util.Optional;

/**
 * One strategy as the pipeline sees it: its stage and since when, its type, the capital its evidence is measured
 * against, the gates of its last review with the evidence they were evaluated on, the backtest evidence recorded for
 * it, its last stage change, and in one line why it is where it is. Every figure is a measurement.
 *
 * @param allocationE8 the capital the strategy's shadow and live equity curves start from (USD e8)
 * @param gates        the gates of the last review (empty before the first)
 * @param evidence     the evidence those gates were evaluated on
 * @param reviewedMs   when the last review ran (0 before the first)
 */
public record StrategyReport(String strategy, StrategyType type, Stage stage, long sinceMs, int demotions,
                             long allocationE8, List<GateResult> gates, Optional<Evidence> evidence,
                             Optional<Evidence> backtest, Optional<RecordedChange> lastChange, String why,
                             long reviewedMs) {
    public StrategyReport {
        gates = List.copyOf(gates);
    }
}
