package memesnipe.risk.promotion;

import memesnipe.performance.MetricsConfig;
import memesnipe.performance.Sampling;
import memesnipe.performance.promotion.PromotionGates;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StrategyType;

import java.util.Map;
import java.util.Objects;

/**
 * How risk runs the promotion pipeline: the gates, each strategy's type and starting stage, how often it reviews
 * every strategy, and how it measures shadow and live evidence. A strategy not listed starts in
 * {@value #UNLISTED_STAGE_NAME} and is {@value #UNLISTED_TYPE_NAME}; its starting stage is used only while the ledger
 * knows no stage for it.
 *
 * @param reviewEveryMs how often every strategy's evidence is measured and its gates evaluated
 * @param sampleEveryMs how often a SHADOW or LIVE strategy's equity curve takes a point
 * @param windowMs      how far back shadow and live evidence reaches (a trailing window within the stage)
 * @param metrics       the period of the returns behind the Sharpe ratio, drawdown and p-value, and the bootstrap
 * @param costs         the paper costs the shadow book fills at
 */
public record PromotionSettings(PromotionGates gates, Map<String, StrategyType> types, Map<String, Stage> initialStages,
                                long reviewEveryMs, long sampleEveryMs, long windowMs, MetricsConfig metrics,
                                ShadowBook.Costs costs) {
    /** The two strategies that traded before the pipeline existed keep trading live. */
    public static final String INITIAL_STAGES_DEFAULT = "momentum_5m=LIVE,mean_revert_1h=LIVE";
    /** Mean reversion fades moves: its win rate must beat the higher threshold. */
    public static final String TYPES_DEFAULT = "mean_revert_1h=MEAN_REVERSION";
    static final String UNLISTED_STAGE_NAME = "BACKTEST";
    static final String UNLISTED_TYPE_NAME = "MOMENTUM";
    /** A strategy the initial stages do not list earns its way from the start. */
    public static final Stage UNLISTED_STAGE = Stage.valueOf(UNLISTED_STAGE_NAME);
    /** A strategy the types do not list follows moves. */
    public static final StrategyType UNLISTED_TYPE = StrategyType.valueOf(UNLISTED_TYPE_NAME);
    public static final long REVIEW_EVERY_MS_DEFAULT = 60_000;
    public static final long SAMPLE_EVERY_MS_DEFAULT = 60_000;
    /** Two weeks of recent evidence: the whole minimum shadow period, and a live decay shows within it. */
    public static final long WINDOW_MS_DEFAULT = 14L * Sampling.DAY_MS;
    /** Hourly returns: 30 periods (the default minimum) take 30 hours, well inside the two weeks of shadow. */
    public static final long EVIDENCE_PERIOD_MS_DEFAULT = Sampling.HOUR_MS;

    public PromotionSettings {
        Objects.requireNonNull(gates, "gates");
        types = Map.copyOf(types);
        initialStages = Map.copyOf(initialStages);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(costs, "costs");
    }

    public StrategyType typeOf(String strategy) {
        return types.getOrDefault(strategy, UNLISTED_TYPE);
    }

    public Stage initialStageOf(String strategy) {
        return initialStages.getOrDefault(strategy, UNLISTED_STAGE);
    }
}
