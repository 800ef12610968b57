package memesnipe.backtest.kernel;

import memesnipe.executor.ExecutorConfig;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.validation.ValidationLimits;
import memesnipe.model.money.Fixed;
import memesnipe.risk.RiskConfig;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.strategy.core.Strategies;
import memesnipe.strategy.node.StrategyConfig;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link TradingKernel} runs with. {@link #defaults()} takes each default from the node that owns it
 * (the gateway's validation limits, the strategy node's order size, risk's limits and breaker, the
 * executor's fees, slippage and mark age), so a backtest runs what a fresh deployment runs.
 *
 * @param idKey    the key client order ids are derived under; fixed, so a run's ids are the same every time
 * @param streamId the market-data stream name the ids are derived from (live: the gateway run's id)
 * @param strategyParams per strategy, parameters replacing its defaults (the strategy node's strategy-params)
 */
public record KernelSettings(ValidationLimits validation, LotExponents lots, List<String> strategies,
                             long entryNotionalE8, RiskLimits riskLimits, BreakerThresholds thresholds, long capitalE8,
                             int slippageBps, int feeBps, int participationBps, long maxMarkAgeMs,
                             byte[] idKey, String streamId, Map<String, Map<String, String>> strategyParams) {
    public KernelSettings {
        strategies = List.copyOf(strategies);
        strategyParams = Map.copyOf(strategyParams);
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("at least one strategy");
        }
        if (capitalE8 <= 0 || entryNotionalE8 <= 0) {
            throw new IllegalArgumentException("capital and order size must be > 0");
        }
    }

    public static KernelSettings defaults() {
        return new KernelSettings(ValidationLimits.DEFAULTS, LotExponents.NONE, Strategies.NAMES,
                Fixed.parse(StrategyConfig.ORDER_NOTIONAL_DEFAULT), RiskLimits.defaults(), BreakerThresholds.defaults(),
                Fixed.parse(RiskConfig.INITIAL_CAPITAL_DEFAULT_USD), ExecutorConfig.SLIPPAGE_BPS_DEFAULT, ExecutorConfig.FEE_BPS_DEFAULT,
                ExecutorConfig.PARTICIPATION_BPS_DEFAULT, ExecutorConfig.MAX_MARK_AGE_MS_DEFAULT,
                "memesnipe-backtest-id-key".getBytes(StandardCharsets.UTF_8), "backtest", Map.of());
    }

    /**
     * What a deployment's nodes run, from their validated configurations: the gateway's validation limits and lots,
     * the strategy node's strategies and order size, risk's limits and breaker, the executor's paper costs; with the
     * deployment's starting capital and the gateway stream the client order ids derive from.
     */
    public static KernelSettings of(memesnipe.gateway.GatewayConfig gateway, StrategyConfig strategy, RiskConfig risk,
                                    ExecutorConfig executor, long capitalE8, String streamId) {
        KernelSettings d = defaults();
        return new KernelSettings(gateway.limits(), gateway.lots(), strategy.strategies(), strategy.orderNotionalE8(),
                risk.limits(), risk.thresholds(), capitalE8, executor.slippageBps(), executor.feeBps(),
                executor.participationBps(), executor.maxMarkAgeMs(), d.idKey(), streamId, strategy.strategyParams());
    }

    public KernelSettings withStrategies(List<String> names) {
        return new KernelSettings(validation, lots, names, entryNotionalE8, riskLimits, thresholds, capitalE8,
                slippageBps, feeBps, participationBps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    /** The lot of each symbol, as the gateway's lot-exponents setting gives it. */
    public KernelSettings withLots(LotExponents lotExponents) {
        return new KernelSettings(validation, lotExponents, strategies, entryNotionalE8, riskLimits, thresholds,
                capitalE8, slippageBps, feeBps, participationBps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    public KernelSettings withCosts(int slippage, int fee) {
        return new KernelSettings(validation, lots, strategies, entryNotionalE8, riskLimits, thresholds, capitalE8,
                slippage, fee, participationBps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    public KernelSettings withValidation(ValidationLimits limits) {
        return new KernelSettings(limits, lots, strategies, entryNotionalE8, riskLimits, thresholds, capitalE8,
                slippageBps, feeBps, participationBps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    public KernelSettings withCapital(long capital) {
        return new KernelSettings(validation, lots, strategies, entryNotionalE8, riskLimits, thresholds, capital,
                slippageBps, feeBps, participationBps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    public KernelSettings withRiskLimits(RiskLimits limits) {
        return new KernelSettings(validation, lots, strategies, entryNotionalE8, limits, thresholds, capitalE8,
                slippageBps, feeBps, participationBps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    /** The strategies' order size (risk resizes entries to its caps, e.g. a per-trade share of equity). */
    public KernelSettings withEntryNotional(long notionalE8) {
        return new KernelSettings(validation, lots, strategies, notionalE8, riskLimits, thresholds, capitalE8,
                slippageBps, feeBps, participationBps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    public KernelSettings withThresholds(BreakerThresholds t) {
        return new KernelSettings(validation, lots, strategies, entryNotionalE8, riskLimits, t, capitalE8,
                slippageBps, feeBps, participationBps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    public KernelSettings withParticipation(int bps) {
        return new KernelSettings(validation, lots, strategies, entryNotionalE8, riskLimits, thresholds, capitalE8,
                slippageBps, feeBps, bps, maxMarkAgeMs, idKey, streamId, strategyParams);
    }

    /** Parameters replacing strategies' defaults, per strategy name (as the strategy node's strategy-params). */
    public KernelSettings withStrategyParams(Map<String, Map<String, String>> params) {
        return new KernelSettings(validation, lots, strategies, entryNotionalE8, riskLimits, thresholds, capitalE8,
                slippageBps, feeBps, participationBps, maxMarkAgeMs, idKey, streamId, params);
    }
}
