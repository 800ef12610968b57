package memesnipe.risk.promotion;

import memesnipe.executor.venue.PaperPricing;
import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.Tier;
import memesnipe.model.money.Fixed;
import memesnipe.model.time.ManualClock;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.portfolio.Portfolio;
import memesnipe.risk.quality.ExecutionQuality;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where SHADOW strategies trade: a second {@link RiskEngine} (the same sizing, limits, stops and take-profits, with
 * its own breaker judging its own figures) on its own {@link Portfolio} of the deployment's capital, whose approved
 * orders are filled at once at the paper venue's pricing ({@link PaperPricing}: the mark of the deciding event plus
 * slippage, a fee on the notional, the participation cap). Nothing here reaches the executor, and nothing touches the
 * live portfolio, its equity, its drawdown or its breaker. One owner, not thread-safe.
 */
public final class ShadowBook {
    /** The fill log the shadow book's fills are numbered in. */
    public static final String FILL_LOG = "shadow";
    /** How the detail of every decision made on the shadow book starts. */
    public static final String DETAIL_PREFIX = "SHADOW (filled on the shadow book, never the portfolio): ";

    /** The paper venue's costs the shadow book fills at (the executor's settings of the same names). */
    public record Costs(int slippageBps, int feeBps, int participationBps, long maxMarkAgeMs) {
    }

    private final RiskEngine engine;
    private final PaperPricing pricing;
    private final ManualClock clock;
    private final BiConsumer<FillEvent, OrderRequest> fills;
    private long fillSeq;

    /**
     * @param fills told of every shadow fill with the order it filled (the pipeline measures shadow evidence from
     *              them)
     */
    public ShadowBook(RiskLimits limits, BreakerThresholds thresholds, ExecutionQuality.Limits quality, long capitalE8,
                      Costs costs, long nowMs, BiConsumer<FillEvent, OrderRequest> fills) {
        this.clock = new ManualClock(nowMs);
        this.engine = new RiskEngine(limits, thresholds, quality, capitalE8, nowMs, t -> { }).exitIdPrefix("sx");
        this.pricing = new PaperPricing(costs.slippageBps(), costs.feeBps(), costs.maxMarkAgeMs(),
                costs.participationBps(), clock);
        this.fills = fills;
    }

    /**
     * Decides an intent of a SHADOW strategy as the live engine would, on this book, with the live breaker's entry size
     * multiplier applied (the live engine has already applied its breaker's refusals), and fills what it approves at
     * once. The decision carries no order (nothing is sent anywhere) and its detail says it is a shadow one.
     */
    public Decision submit(String caller, Intent intent, int sizeMultiplierPct, Tier liveTier, long nowMs) {
        advance(nowMs);
        Intent asked = intent;
        if (intent.purpose() == Purpose.ENTRY && sizeMultiplierPct < 100) {
            asked = new Intent(intent.clientOrderId(), intent.strategy(), intent.symbol(), intent.side(),
                    intent.purpose(), Math.max(1, Fixed.mulDiv(intent.notionalE8(), sizeMultiplierPct, 100)),
                    intent.decisionPriceE8(), intent.decisionSeq(), intent.decisionIngestTimeMs(), intent.stopLossBps(),
                    intent.takeProfitBps(), intent.trailingStopBps(), intent.lotExponent());
        }
        Decision d = engine.submit(caller, asked, nowMs);
        d.order().ifPresent(o -> execute(List.of(o), nowMs));
        String scaled = asked == intent ? "" : "x" + sizeMultiplierPct + "% (live breaker " + liveTier + "); ";
        return new Decision(d.clientOrderId(), d.verdict(), d.reason(), DETAIL_PREFIX + scaled + d.detail(),
                d.approvedNotionalE8(), d.approvedQtyE8(), liveTier, d.equityE8(), d.strategyExposureE8(),
                Optional.empty());
    }

    /** A validated tick: marks the book and the paper pricing, and fills the stops and take-profits it fires. */
    public void onTick(String symbol, long priceE8, int lotExponent, long seq, long volumeE8, long eventTimeMs,
                       long nowMs) {
        advance(nowMs);
        pricing.mark(symbol, priceE8, lotExponent, volumeE8, FILL_LOG, seq);
        execute(engine.onTick(symbol, priceE8, lotExponent, seq, eventTimeMs, nowMs), nowMs);
    }

    /** A token flagged as a rug risk: the book's positions in it are flattened (filled here) and entries refused. */
    public void onTokenFlagged(memesnipe.model.event.RugFlag flag, long nowMs) {
        advance(nowMs);
        execute(engine.onTokenFlagged(flag, nowMs), nowMs);
    }

    /** The book's timed evaluation (its own breaker, stale prices, exit retries); fills what it emits. */
    public void onTimer(long nowMs) {
        advance(nowMs);
        execute(engine.onTimer(nowMs), nowMs);
    }

    /** When the book's next timed evaluation could change something (see {@link RiskEngine#nextDueMs}). */
    public long nextDueMs(long afterMs) {
        return engine.nextDueMs(afterMs);
    }

    /** The shadow portfolio (read-only use: cash, positions, per-strategy P&amp;L). */
    public Portfolio portfolio() {
        return engine.portfolio();
    }

    /** The shadow engine itself, for its figures (breaker, counts); never to be fed from outside this book. */
    public RiskEngine engine() {
        return engine;
    }

    private void execute(List<OrderRequest> orders, long nowMs) {
        for (int i = 0; i < orders.size(); i++) {
            OrderRequest o = orders.get(i);
            PaperPricing.Quote q = pricing.quote(o.symbol(), o.side(), o.qtyE8(), o.lotExponent(), o.decisionSeq());
            if (q instanceof PaperPricing.Priced p) {
                FillEvent fill = new FillEvent(FILL_LOG, ++fillSeq, o.clientOrderId(), o.strategy(), o.symbol(),
                        o.side(), p.qtyE8(), p.priceE8(), p.feeE8(), nowMs, o.lotExponent());
                List<OrderRequest> next = engine.onFill(fill, nowMs);
                fills.accept(fill, o);
                execute(next, nowMs);
            } else {
                execute(engine.onOrderFailed(o.clientOrderId(), nowMs), nowMs);
            }
        }
    }

    private void advance(long nowMs) {
        clock.set(Math.max(clock.millis(), nowMs));
    }
}
