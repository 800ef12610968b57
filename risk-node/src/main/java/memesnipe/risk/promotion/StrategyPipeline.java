package memesnipe.risk.promotion;

import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.money.AmountOverflow;
import memesnipe.model.text.Printable;
import memesnipe.performance.promotion.Evidence;
import memesnipe.performance.promotion.GateResult;
import memesnipe.performance.promotion.Promotion;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StageChange;
import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.CircuitBreaker;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import memesnipe.risk.portfolio.Portfolio;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The promotion pipeline as risk runs it (pure: state, events and time in, stage changes out): where each strategy
 * stands ({@link Promotion}), where its intents go ({@link #route}: LIVE to the portfolio, SHADOW to the
 * {@link ShadowBook}, entries of BACKTEST and RETIRED refused; an exit goes wherever its position is), the evidence it
 * measures (SHADOW on the shadow book, LIVE on the portfolio: equity curve, round trips, decision-to-fill latency),
 * the backtest evidence recorded for it, and the periodic review that applies the gates and moves strategies. Every
 * stage change is handed to the listener (the node writes it to its ledger). One owner, not thread-safe.
 */
public final class StrategyPipeline {
    /** Where an intent is decided. */
    public enum Route {
        /** By the live engine, on the portfolio, as without the pipeline. */
        LIVE,
        /** On the shadow book. */
        SHADOW,
        /** Refused: an entry of a strategy that has not earned trading (BACKTEST or RETIRED). */
        NOT_PROMOTED
    }

    /** One strategy's place in the pipeline and what is measured of it. */
    private static final class Entry {
        Promotion promotion;
        /** How it got its stage when no change has been made here: configured, or read back from the ledger. */
        String origin;
        long allocationE8;
        /** Measured in SHADOW or LIVE from the first sample in that stage on; null in the other stages. */
        StageEvidence evidence;
        Evidence backtest;
        Promotion.Review lastReview;
        Evidence lastEvidence;
        long reviewedMs;
        RecordedChange lastChange;
    }

    private final PromotionSettings settings;
    private final ShadowBook shadow;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private BiConsumer<StageChange, Promotion> listener = (c, p) -> { };
    private long nextSampleMs;
    private long nextReviewMs;

    /**
     * Every strategy at its configured initial stage from now, each measured against risk's strategy cap of the
     * capital, with an empty shadow book of the same capital, limits and breaker thresholds as the live engine;
     * {@link #restore} puts back what the ledger holds.
     */
    public StrategyPipeline(PromotionSettings settings, RiskLimits limits, BreakerThresholds thresholds,
                            ExecutionQuality.Limits quality, long capitalE8, Collection<String> strategies, long nowMs) {
        this.settings = settings;
        this.shadow = new ShadowBook(limits, thresholds, quality, capitalE8, settings.costs(), nowMs,
                this::onShadowFill);
        long allocationE8 = Fixed.bps(capitalE8, limits.strategyCapBps());
        for (String s : strategies) {
            Entry e = new Entry();
            e.promotion = new Promotion(s, settings.typeOf(s), settings.initialStageOf(s), nowMs, 0);
            e.origin = "configured initial stage (strategy-stages)";
            e.allocationE8 = allocationE8;
            entries.put(s, e);
        }
        this.nextSampleMs = nowMs;
        this.nextReviewMs = nowMs + settings.reviewEveryMs();
    }

    /** Called with every stage change and the strategy's state after it (to persist both). */
    public StrategyPipeline onStageChange(BiConsumer<StageChange, Promotion> listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Puts back a strategy's stage as the ledger holds it (at start, before anything is decided), with its last
     * change when known. A strategy the deployment no longer runs is ignored. The ledger's stage wins over the
     * configured initial one: a restart never moves a strategy.
     */
    public void restore(String strategy, Stage stage, long sinceMs, int demotions, Optional<RecordedChange> last) {
        Entry e = entries.get(strategy);
        if (e == null) {
            return;
        }
        e.promotion = new Promotion(strategy, e.promotion.type(), stage, sinceMs, demotions);
        e.origin = "restored from the ledger";
        e.evidence = null;
        e.lastChange = last.orElse(null);
    }

    /**
     * The per-strategy allocation seam: the capital a strategy's shadow and live curves start from from its next
     * stage on (and which {@link #report} shows). Risk's sizing is not changed by it.
     */
    public void allocate(String strategy, long allocationE8) {
        Entry e = entries.get(strategy);
        if (e != null) {
            e.allocationE8 = allocationE8;
        }
    }

    public ShadowBook shadow() {
        return shadow;
    }

    /** The strategy's stage; LIVE for a strategy the pipeline does not know (risk refuses those itself). */
    public Stage stage(String strategy) {
        Entry e = entries.get(strategy);
        return e == null ? Stage.LIVE : e.promotion.stage();
    }

    /** Every strategy's state, in the order of the strategies setting. */
    public List<Promotion> promotions() {
        return entries.values().stream().map(e -> e.promotion).toList();
    }

    /**
     * Where an intent is decided. An entry follows its strategy's stage. An exit is never refused: it goes to the
     * book holding the position (the portfolio first, then the shadow book), or, with none held, to the strategy's
     * stage's book (which denies it NO_POSITION).
     */
    public Route route(Intent in, Portfolio live) {
        Stage stage = stage(in.strategy());
        if (in.purpose() == Purpose.EXIT) {
            if (live.qtyE8(in.strategy(), in.symbol()) > 0) {
                return Route.LIVE;
            }
            return shadow.portfolio().qtyE8(in.strategy(), in.symbol()) > 0 || stage == Stage.SHADOW
                    ? Route.SHADOW : Route.LIVE;
        }
        return switch (stage) {
            case LIVE -> Route.LIVE;
            case SHADOW -> Route.SHADOW;
            case BACKTEST, RETIRED -> Route.NOT_PROMOTED;
        };
    }

    /** The detail of a STRATEGY_NOT_PROMOTED denial: the stage and why the strategy is there. */
    public String whyNotPromoted(String strategy) {
        Entry e = entries.get(strategy);
        return "strategy " + Printable.of(strategy) + " is in " + e.promotion.stage() + ", which places no orders: "
                + why(e);
    }

    /** A fill on the portfolio (with the order it filled, null when unknown): LIVE evidence of its strategy. */
    public void onLiveFill(FillEvent fill, OrderRequest order) {
        record(fill, order, Stage.LIVE);
    }

    /** A fill on the shadow book: SHADOW evidence of its strategy. */
    public void onShadowFill(FillEvent fill, OrderRequest order) {
        record(fill, order, Stage.SHADOW);
    }

    private void record(FillEvent fill, OrderRequest order, Stage book) {
        Entry e = entries.get(fill.strategy());
        if (e != null && e.promotion.stage() == book && e.evidence != null) {
            e.evidence.fill(fill, latencyMs(fill, order));
        }
    }

    /**
     * From the market event an order was decided on (its ingest time; the approval for risk's own exits, which name
     * none) to its fill, ms; -1 when the order is unknown.
     */
    static long latencyMs(FillEvent fill, OrderRequest order) {
        if (order == null) {
            return -1;
        }
        long decided = order.decisionIngestTimeMs() > 0 ? order.decisionIngestTimeMs() : order.approvedTimeMs();
        return Math.max(0, fill.timeMs() - decided);
    }

    /**
     * A validated tick for the shadow book (marks, its stops and take-profits); skipped while no strategy is in SHADOW
     * and the book is flat, so the live path costs what it did before the pipeline (the book then waits for a symbol's
     * next tick before it can price it).
     */
    public void onTick(String symbol, long priceE8, int lotExponent, long seq, long volumeE8, long eventTimeMs,
                       long nowMs) {
        if (shadowActive()) {
            shadow.onTick(symbol, priceE8, lotExponent, seq, volumeE8, eventTimeMs, nowMs);
        }
    }

    private boolean shadowActive() {
        if (shadow.portfolio().openPositions() > 0) {
            return true;
        }
        for (Entry e : entries.values()) {
            if (e.promotion.stage() == Stage.SHADOW) {
                return true;
            }
        }
        return false;
    }

    /**
     * The timed work: the shadow book's own evaluation (while it is in use), a point on every SHADOW and LIVE strategy's curve once a sample
     * period has passed, and a review of every strategy once a review period has.
     */
    public void onTimer(long nowMs, Portfolio live) {
        if (shadowActive()) {
            shadow.onTimer(nowMs);
        }
        if (nowMs >= nextSampleMs) {
            nextSampleMs = nowMs + settings.sampleEveryMs();
            for (Entry e : entries.values()) {
                sample(e, nowMs, live);
            }
        }
        if (nowMs >= nextReviewMs) {
            nextReviewMs = nowMs + settings.reviewEveryMs();
            for (Entry e : entries.values()) {
                review(e, nowMs, live);
            }
        }
    }

    /** The earliest time after afterMs at which {@link #onTimer} has work: the shadow book's, a sample, a review. */
    public long nextDueMs(long afterMs) {
        long due = shadowActive() ? shadow.nextDueMs(afterMs) : Long.MAX_VALUE;
        due = CircuitBreaker.earliestAfter(due, Math.max(nextSampleMs, afterMs + 1), afterMs);
        return CircuitBreaker.earliestAfter(due, Math.max(nextReviewMs, afterMs + 1), afterMs);
    }

    /**
     * Records a strategy's backtest evidence (walk-forward, out of sample) and reviews the strategy at once when it is in
     * BACKTEST; in any other stage it is kept and shown, and moves nothing. Empty for a strategy the deployment does
     * not run.
     */
    public Optional<StrategyReport> recordBacktest(String strategy, Evidence evidence, long nowMs, Portfolio live) {
        Entry e = entries.get(strategy);
        if (e == null) {
            return Optional.empty();
        }
        e.backtest = evidence;
        if (e.promotion.stage() == Stage.BACKTEST) {
            review(e, nowMs, live);
        }
        return Optional.of(report(e));
    }

    /** Every strategy as the pipeline sees it, in the order of the strategies setting. */
    public List<StrategyReport> reports() {
        return entries.values().stream().map(this::report).toList();
    }

    private void sample(Entry e, long nowMs, Portfolio live) {
        Stage stage = e.promotion.stage();
        if (stage != Stage.SHADOW && stage != Stage.LIVE) {
            return;
        }
        long pnl;
        try {
            pnl = (stage == Stage.LIVE ? live : shadow.portfolio()).strategyPnlE8(e.promotion.strategy());
        } catch (AmountOverflow overflow) {
            return; // not measurable now (the breaker holds CRITICAL with the figures); the next sample tries again
        }
        if (e.evidence == null) {
            e.evidence = new StageEvidence(Math.max(nowMs, e.promotion.stageSinceMs()), e.allocationE8, pnl,
                    settings.sampleEveryMs(), settings.windowMs());
        } else {
            e.evidence.sample(nowMs, pnl);
        }
    }

    private void review(Entry e, long nowMs, Portfolio live) {
        Evidence evidence = switch (e.promotion.stage()) {
            case BACKTEST -> e.backtest;
            case SHADOW, LIVE -> e.evidence == null ? null : e.evidence.measure(nowMs, settings.metrics());
            case RETIRED -> null;
        };
        if (evidence == null) {
            return;
        }
        Promotion.Review r;
        try {
            r = e.promotion.advance(evidence, settings.gates(), nowMs);
        } catch (IllegalArgumentException unusable) {
            return; // e.g. the clock is behind the stage's start after a restart: nothing is moved on it
        }
        e.lastReview = r;
        e.lastEvidence = evidence;
        e.reviewedMs = nowMs;
        if (r.change().isPresent()) {
            e.promotion = r.promotion();
            e.lastChange = RecordedChange.of(r.change().get(), e.promotion.demotions());
            e.evidence = null;
            sample(e, nowMs, live); // the new stage's evidence starts now, from the strategy's P&L on its new book
            listener.accept(r.change().get(), e.promotion);
        }
    }

    private StrategyReport report(Entry e) {
        Promotion p = e.promotion;
        boolean current = e.lastReview != null && e.lastReview.promotion().equals(p);
        return new StrategyReport(p.strategy(), p.type(), p.stage(), p.stageSinceMs(), p.demotions(), e.allocationE8,
                current ? e.lastReview.results() : List.of(), current ? Optional.of(e.lastEvidence) : Optional.empty(),
                Optional.ofNullable(e.backtest), Optional.ofNullable(e.lastChange), why(e), current ? e.reviewedMs : 0);
    }

    /** Why the strategy is where it is, in one line, from its last review (or how it got its stage). */
    private String why(Entry e) {
        Promotion p = e.promotion;
        boolean current = e.lastReview != null && e.lastReview.promotion().equals(p);
        List<GateResult> open = current ? e.lastReview.results().stream().filter(g -> !g.passed()).toList()
                : List.of();
        String how = e.lastChange != null && e.lastChange.to() == p.stage() ? "since " + e.lastChange.text()
                : e.origin;
        return switch (p.stage()) {
            case BACKTEST -> e.backtest == null ? "no backtest evidence recorded yet (memesnipe promote --strategy "
                    + p.strategy() + " --data FILE runs the walk-forward and records it)"
                    : "its backtest evidence does not pass: " + texts(open);
            // the review that moved it here judged its backtest: shadow evidence is reviewed from the next one on
            case SHADOW -> !current || e.reviewedMs <= p.stageSinceMs() ? how + "; no shadow evidence reviewed yet"
                    : open.isEmpty() ? "every gate passes in shadow; LIVE once its minimum shadow period has passed"
                    : "trades on the shadow book until every gate passes; not yet: " + texts(open);
            case LIVE -> !current ? how + "; no live evidence reviewed yet"
                    : open.isEmpty() ? "every gate passes on its live evidence"
                    : "no gate fails on its live evidence (demoted only on a failure); without enough data: "
                    + texts(open);
            case RETIRED -> how;
        };
    }

    private static String texts(List<GateResult> results) {
        return results.stream().map(GateResult::text).collect(Collectors.joining("; "));
    }
}
