package memesnipe.risk.breaker;

import memesnipe.model.Tier;

/** One change of breaker tier with the figures that caused it. */
public record Transition(long seq, Tier from, Tier to, String reason, int drawdownBps, int dailyLossBps,
                         long equityE8, long peakE8, long timeMs) {
}
