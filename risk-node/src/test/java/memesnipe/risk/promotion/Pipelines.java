package memesnipe.risk.promotion;

import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import memesnipe.model.money.Fixed;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.Sampling;
import memesnipe.performance.promotion.PromotionGates;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StrategyType;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;

import java.util.List;
import java.util.Map;

/** A live engine with the promotion pipeline on, and the intents and fills the pipeline tests send it. */
final class Pipelines {
    static final long T0 = 1_700_000_000_000L;
    static final long USD = Fixed.ONE;
    static final long CAPITAL = 10_000 * USD;
    /** The executor's default paper costs: 10 bps slippage, 10 bps fee, no participation cap, 2 s mark age. */
    static final ShadowBook.Costs COSTS = new ShadowBook.Costs(10, 10, 0, 2_000);

    private Pipelines() {
    }

    static PromotionSettings settings(Map<String, Stage> stages, PromotionGates gates, long reviewEveryMs,
                                      long sampleEveryMs, Sampling sampling) {
        return new PromotionSettings(gates, Map.of("reverter", StrategyType.MEAN_REVERSION), stages, reviewEveryMs,
                sampleEveryMs, 14 * Sampling.DAY_MS, new MetricsConfig(sampling, 500, 7), COSTS);
    }

    /** An engine with the default gates, reviewing every minute on hourly returns, these strategies at these stages. */
    static RiskEngine engine(Map<String, Stage> stages, List<String> strategies, List<Object> transitions) {
        return engine(settings(stages, PromotionGates.defaults(), 60_000, 60_000, Sampling.hourly()), strategies,
                transitions);
    }

    static RiskEngine engine(PromotionSettings settings, List<String> strategies, List<Object> transitions) {
        return engine(settings, strategies, transitions, T0);
    }

    static RiskEngine engine(PromotionSettings settings, List<String> strategies, List<Object> transitions,
                             long startMs) {
        RiskEngine live = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(),
                ExecutionQuality.Limits.defaults(), CAPITAL, startMs, transitions::add);
        return live.knownStrategies(java.util.Set.copyOf(strategies)).promotion(new StrategyPipeline(settings,
                RiskLimits.defaults(), BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(), CAPITAL,
                strategies, startMs));
    }

    static Intent entry(String id, String strategy, String symbol, long notionalUsd, long ingestMs) {
        return new Intent(id, strategy, symbol, Side.BUY, Purpose.ENTRY, notionalUsd * USD, 100 * USD, 0, ingestMs, 0, 0,
                0);
    }

    static Intent exit(String id, String strategy, String symbol, long ingestMs) {
        return new Intent(id, strategy, symbol, Side.SELL, Purpose.EXIT, 0, 100 * USD, 0, ingestMs, 0, 0, 0);
    }

    /** Fills a live order at its reference price without a fee, as the executor's paper venue would at zero cost. */
    static List<OrderRequest> fill(RiskEngine live, Decision d, long seq, long nowMs) {
        OrderRequest o = d.order().orElseThrow();
        return live.onFill(new FillEvent("x", seq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(),
                o.referencePriceE8(), 0, nowMs), nowMs);
    }
}
