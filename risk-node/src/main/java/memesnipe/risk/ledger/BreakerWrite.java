package memesnipe.risk.ledger;

import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.risk.breaker.Transition;

import java.util.List;

/**
 * One durable write of the breaker: its whole state at a version (a write never replaces a newer version), the
 * transitions and admin actions since the last write, an equity-curve sample, a new trading day when one started, and
 * the promotion pipeline's stage writes since the last write. Written in one transaction, or to the local journal
 * while PostgreSQL is unreachable.
 */
public record BreakerWrite(long version, long timeMs, BreakerRecord state, List<Transition> transitions,
                           List<Audit> audits, EquitySample sample, TradingDay day, List<StageWrite> stages) {

    public BreakerWrite {
        transitions = List.copyOf(transitions);
        audits = List.copyOf(audits);
        stages = List.copyOf(stages);
    }

    /** A write without stage writes. */
    public BreakerWrite(long version, long timeMs, BreakerRecord state, List<Transition> transitions,
                        List<Audit> audits, EquitySample sample, TradingDay day) {
        this(version, timeMs, state, transitions, audits, sample, day, List.of());
    }

    /**
     * A strategy's stage in the promotion pipeline as it now stands (stage, type, since when, demotions so far) and,
     * when it changed, the change: the stage it left (empty when the strategy was only registered at its initial
     * stage), each reason's line, and a random id so a retried write lands once.
     */
    public record StageWrite(String id, String strategy, String type, String stage, long sinceMs, int demotions,
                             String fromStage, List<String> reasons, long timeMs) {
        public StageWrite {
            reasons = List.copyOf(reasons);
        }

        /** Whether this write records a change (not only the strategy's stage). */
        public boolean changed() {
            return !fromStage.isEmpty();
        }
    }

    /** An operator action: INIT, TRIP or RESET, the tier asked for, why, who (certificate subject), the tier after. */
    public record Audit(String id, long timeMs, String action, String tier, String reason, String actor,
                        String tierAfter) {
    }

    /** A point of the marked equity curve with the running peak (USD e8). */
    public record EquitySample(long timeMs, long equityE8, long peakE8) {
    }

    /** The equity at the start of a trading day (epoch day in the breaker's trading-day zone). */
    public record TradingDay(long epochDay, long startEquityE8, long startedMs) {
    }
}
