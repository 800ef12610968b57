package memesnipe.risk.ledger;

import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.risk.breaker.Transition;

import java.util.List;

/**
 * One durable write of the breaker: its whole state at a version (a write never replaces a newer version), the
 * transitions and admin actions since the last write, an equity-curve sample, and a new trading day when one
 * started. Written in one transaction, or to the local journal while PostgreSQL is unreachable.
 */
public record BreakerWrite(long version, long timeMs, BreakerRecord state, List<Transition> transitions,
                           List<Audit> audits, EquitySample sample, TradingDay day) {

    public BreakerWrite {
        transitions = List.copyOf(transitions);
        audits = List.copyOf(audits);
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
