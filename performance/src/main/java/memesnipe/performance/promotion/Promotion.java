package memesnipe.performance.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one strategy stands in the promotion pipeline, and the pure rules that move it, from measured evidence and
 * the caller's clock ({@code nowMs}); immutable, so the caller keeps the returned state and persists the changes.
 * <ul>
 *   <li>BACKTEST to SHADOW: the backtest's out-of-sample evidence passes {@link GateCheck#BACKTEST_GATES}
 *       (Sharpe, win rate, significance, each on its minimum samples);</li>
 *   <li>SHADOW to LIVE: the shadow evidence passes {@link GateCheck#TRADING_GATES} and at least the minimum shadow
 *       period has passed since entering SHADOW; a shadow strategy that fails stays in SHADOW;</li>
 *   <li>LIVE to SHADOW (demotion): any trading gate fails on the live evidence; insufficient data does not demote.
 *       The demotion that brings the count to {@link PromotionGates#retireAfterDemotions} retires the strategy
 *       instead. A demoted strategy serves the full shadow period again;</li>
 *   <li>any stage to RETIRED: {@link #retire} by an operator. RETIRED is final.</li>
 * </ul>
 * Evidence for SHADOW and LIVE must be measured in that stage (from its entry on) and none may end after now.
 *
 * @param stageSinceMs when the strategy entered its stage
 * @param demotions    how many times it has been demoted from LIVE
 */
public record Promotion(String strategy, StrategyType type, Stage stage, long stageSinceMs, int demotions) {
    /** What one step decided: the new state, the gates it evaluated, and the change, if any. */
    public record Review(Promotion promotion, List<GateResult> results, Optional<StageChange> change) {
        public Review {
            results = List.copyOf(results);
        }
    }

    public Promotion {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stage, "stage");
        if (demotions < 0) {
            throw new IllegalArgumentException("negative demotions: " + demotions);
        }
    }

    /** A new strategy, in BACKTEST from now. */
    public static Promotion start(String strategy, StrategyType type, long nowMs) {
        return new Promotion(strategy, type, Stage.BACKTEST, nowMs, 0);
    }

    /** Evaluates the evidence against the gates of the current stage and moves the strategy if they say so. */
    public Review advance(Evidence evidence, PromotionGates gates, long nowMs) {
        List<String> problems = gates.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid promotion gates: " + String.join("; ", problems));
        }
        requireUsable(evidence, nowMs);
        return switch (stage) {
            case BACKTEST -> promoteIfAllPass(GateCheck.all(GateCheck.BACKTEST_GATES, evidence, type, gates),
                    Stage.SHADOW, nowMs);
            case SHADOW -> {
                List<GateResult> results = new ArrayList<>(GateCheck.all(GateCheck.TRADING_GATES, evidence, type,
                        gates));
                results.add(GateCheck.shadowPeriod(stageSinceMs, nowMs, gates));
                yield promoteIfAllPass(results, Stage.LIVE, nowMs);
            }
            case LIVE -> demoteIfAnyFails(GateCheck.all(GateCheck.TRADING_GATES, evidence, type, gates), gates,
                    nowMs);
            case RETIRED -> new Review(this, List.of(), Optional.empty());
        };
    }

    /** Retires the strategy by an operator's decision; no change when it is already retired. */
    public Review retire(String note, long nowMs) {
        requireNotBeforeStage(nowMs);
        if (stage == Stage.RETIRED) {
            return new Review(this, List.of(), Optional.empty());
        }
        return moveTo(Stage.RETIRED, nowMs, demotions, List.of(), List.of(new Reason.OperatorRetired(note)));
    }

    private Review promoteIfAllPass(List<GateResult> results, Stage next, long nowMs) {
        if (!results.stream().allMatch(GateResult::passed)) {
            return new Review(this, results, Optional.empty());
        }
        return moveTo(next, nowMs, demotions, results, List.copyOf(results));
    }

    private Review demoteIfAnyFails(List<GateResult> results, PromotionGates gates, long nowMs) {
        List<Reason> failures = new ArrayList<>(results.stream().filter(GateResult::failed).toList());
        if (failures.isEmpty()) {
            return new Review(this, results, Optional.empty());
        }
        int count = demotions + 1;
        if (count >= gates.retireAfterDemotions()) {
            failures.add(new Reason.DemotionLimit(count, gates.retireAfterDemotions()));
            return moveTo(Stage.RETIRED, nowMs, count, results, failures);
        }
        return moveTo(Stage.SHADOW, nowMs, count, results, failures);
    }

    private Review moveTo(Stage next, long nowMs, int demotionCount, List<GateResult> results, List<Reason> reasons) {
        Promotion moved = new Promotion(strategy, type, next, nowMs, demotionCount);
        return new Review(moved, results, Optional.of(new StageChange(strategy, stage, next, nowMs, reasons)));
    }

    private void requireUsable(Evidence evidence, long nowMs) {
        requireNotBeforeStage(nowMs);
        if (evidence.toMs() > nowMs) {
            throw new IllegalArgumentException("evidence ends at " + evidence.toMs() + ", after now " + nowMs);
        }
        if (stage != Stage.BACKTEST && evidence.fromMs() < stageSinceMs) {
            throw new IllegalArgumentException(stage + " evidence must be measured in " + stage + ": it starts at "
                    + evidence.fromMs() + ", before the stage began at " + stageSinceMs);
        }
    }

    private void requireNotBeforeStage(long nowMs) {
        if (nowMs < stageSinceMs) {
            throw new IllegalArgumentException("now " + nowMs + " is before the stage began at " + stageSinceMs);
        }
    }
}
