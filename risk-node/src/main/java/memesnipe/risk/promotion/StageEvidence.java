package memesnipe.risk.promotion;

import memesnipe.model.FillEvent;
import memesnipe.model.money.Fixed;
import memesnipe.performance.ClosedTrade;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.promotion.Evidence;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.RoundTrips;

import java.util.ArrayList;
import java.util.List;

/**
 * What one strategy does in one stage (SHADOW on the shadow book, LIVE on the portfolio), from the moment it is
 * watched on, over a trailing window: its equity curve (its allocation plus the P&amp;L it made since then, sampled at
 * most every sample period), its closed round trips, and each fill's decision-to-fill latency. What falls out of the
 * window is forgotten (the curve keeps its last point before the window's start as its first), so the figures are
 * recent ones and memory stays bounded. {@link #measure} turns them into {@link Evidence}. One owner.
 */
final class StageEvidence {
    private final long fromMs;
    private final long baseE8;
    private final long pnlAtStartE8;
    private final long sampleEveryMs;
    private final long windowMs;
    private final List<EquityPoint> curve = new ArrayList<>();
    private final RoundTrips roundTrips = new RoundTrips();
    private final List<ClosedTrade> trades = new ArrayList<>();
    /** Each measured fill's time and latency, oldest first. */
    private final java.util.ArrayDeque<long[]> latencies = new java.util.ArrayDeque<>();
    private long lastPnlE8;

    /**
     * @param baseE8       the capital the curve starts from (the strategy's allocation)
     * @param pnlAtStartE8 the strategy's P&amp;L on its book at fromMs: the curve counts only what it made after
     */
    StageEvidence(long fromMs, long baseE8, long pnlAtStartE8, long sampleEveryMs, long windowMs) {
        this.fromMs = fromMs;
        this.baseE8 = baseE8;
        this.pnlAtStartE8 = pnlAtStartE8;
        this.sampleEveryMs = sampleEveryMs;
        this.windowMs = windowMs;
        this.lastPnlE8 = pnlAtStartE8;
        curve.add(new EquityPoint(fromMs, baseE8));
    }

    long fromMs() {
        return fromMs;
    }

    /** The strategy's P&amp;L on its book now; a curve point when a sample period has passed since the last one. */
    void sample(long nowMs, long pnlE8) {
        lastPnlE8 = pnlE8;
        if (nowMs - curve.get(curve.size() - 1).timeMs() >= sampleEveryMs) {
            curve.add(new EquityPoint(nowMs, equityAt(pnlE8)));
            forgetBefore(nowMs - windowMs);
        }
    }

    private void forgetBefore(long cutoffMs) {
        int drop = 0;
        while (drop + 1 < curve.size() && curve.get(drop + 1).timeMs() <= cutoffMs) {
            drop++;
        }
        if (drop > 0) {
            curve.subList(0, drop).clear();
        }
        trades.removeIf(t -> t.exitTimeMs() < cutoffMs);
        while (!latencies.isEmpty() && latencies.peekFirst()[0] < cutoffMs) {
            latencies.pollFirst();
        }
    }

    /** A fill of the strategy on its book, and how long it took from the decision's market event to the fill. */
    void fill(FillEvent fill, long latencyMs) {
        roundTrips.add(fill).ifPresent(trades::add);
        if (latencyMs >= 0) {
            latencies.addLast(new long[] {fill.timeMs(), latencyMs});
        }
    }

    /** The evidence from fromMs to now: the curve up to its last sample plus the P&amp;L last seen, at now. */
    Evidence measure(long nowMs, MetricsConfig metrics) {
        List<EquityPoint> points = new ArrayList<>(curve);
        if (nowMs > points.get(points.size() - 1).timeMs()) {
            points.add(new EquityPoint(nowMs, equityAt(lastPnlE8)));
        }
        return Evidence.measure(points, trades, latencies.stream().mapToLong(l -> l[1]).toArray(), metrics);
    }

    int trades() {
        return trades.size();
    }

    int points() {
        return curve.size();
    }

    private long equityAt(long pnlE8) {
        return Fixed.add(baseE8, Fixed.sub(pnlE8, pnlAtStartE8));
    }
}
