package memesnipe.risk;

import memesnipe.kit.config.ConfigException;
import memesnipe.performance.promotion.PromotionGates;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StrategyType;
import memesnipe.risk.promotion.PromotionSettings;
import memesnipe.risk.promotion.ShadowBook;
import org.junit.jupiter.api.Test;

import static memesnipe.risk.RiskConfigTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskConfigPromotionTest {
    @Test
    void defaults_areTheSeedsGates_withTheTwoExistingStrategiesLive_andTheExecutorsPaperCosts() {
        PromotionSettings p = RiskConfig.from(settings()).promotion().orElseThrow();

        assertThat(p.gates()).isEqualTo(PromotionGates.defaults());
        assertThat(p.initialStageOf("momentum_5m")).isEqualTo(Stage.LIVE);
        assertThat(p.initialStageOf("mean_revert_1h")).isEqualTo(Stage.LIVE);
        assertThat(p.initialStageOf("sma_cross")).isEqualTo(Stage.BACKTEST);
        assertThat(p.typeOf("mean_revert_1h")).isEqualTo(StrategyType.MEAN_REVERSION);
        assertThat(p.typeOf("momentum_5m")).isEqualTo(StrategyType.MOMENTUM);
        assertThat(p.reviewEveryMs()).isEqualTo(60_000);
        assertThat(p.metrics().sampling().periodMs()).isEqualTo(3_600_000);
        assertThat(p.costs()).isEqualTo(new ShadowBook.Costs(10, 10, 0, 2_000));
        assertThat(RiskConfig.documentation()).containsKeys(RiskConfig.PROMOTION_KEY, RiskConfig.STRATEGY_STAGES_KEY,
                RiskConfig.STRATEGY_TYPES_KEY, RiskConfig.MIN_SHADOW_MS_KEY, "promotion-min-sharpe",
                "promotion-momentum-win-rate-pct", "promotion-mean-reversion-win-rate-pct",
                "promotion-max-drawdown-pct", "promotion-max-avg-latency-ms", "promotion-max-p-value",
                "promotion-min-trades", "promotion-min-periods", "promotion-min-latency-samples",
                "promotion-retire-after-demotions", "shadow-slippage-bps");
    }

    @Test
    void everyGate_isASetting_andTheShadowPeriodIsShortenedByConfiguration() {
        PromotionSettings p = RiskConfig.from(settings().with("promotion-min-sharpe", "2").with(
                "promotion-momentum-win-rate-pct", "50").with("promotion-mean-reversion-win-rate-pct", "60.5")
                .with("promotion-max-drawdown-pct", "4").with("promotion-max-avg-latency-ms", "250")
                .with(RiskConfig.MIN_SHADOW_MS_KEY, "60000").with("promotion-max-p-value", "0.01")
                .with("promotion-min-trades", "40").with("promotion-min-periods", "50")
                .with("promotion-min-latency-samples", "60").with("promotion-retire-after-demotions", "2")
                .with(RiskConfig.STRATEGY_STAGES_KEY, "momentum_5m=shadow, mean_revert_1h=RETIRED")
                .with(RiskConfig.STRATEGY_TYPES_KEY, "momentum_5m=MEAN_REVERSION")).promotion().orElseThrow();

        assertThat(p.gates()).isEqualTo(new PromotionGates(2, 5_000, 6_050, 400, 250, 60_000, 0.01, 40, 50, 60, 2));
        assertThat(p.initialStageOf("momentum_5m")).isEqualTo(Stage.SHADOW);
        assertThat(p.initialStageOf("mean_revert_1h")).isEqualTo(Stage.RETIRED);
        assertThat(p.typeOf("momentum_5m")).isEqualTo(StrategyType.MEAN_REVERSION);
        assertThat(p.typeOf("mean_revert_1h")).as("unlisted: momentum").isEqualTo(StrategyType.MOMENTUM);
    }

    @Test
    void promotionOff_hasNoSettings() {
        assertThat(RiskConfig.from(settings().with(RiskConfig.PROMOTION_KEY, "off")).promotion()).isEmpty();
    }

    @Test
    void badPromotionSettings_areReportedTogether() {
        assertThatThrownBy(() -> RiskConfig.from(settings().with(RiskConfig.PROMOTION_KEY, "maybe")
                .with(RiskConfig.STRATEGY_STAGES_KEY, "momentum_5m=PAPER").with(RiskConfig.STRATEGY_TYPES_KEY, "x")
                .with("promotion-max-p-value", "1.5").with("promotion-min-sharpe", "NaN")
                .with("promotion-period-ms", "30000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be on or off")
                .hasMessageContaining("'PAPER' for momentum_5m, which is not one of the allowed values")
                .hasMessageContaining("'x', which is not NAME=VALUE")
                .hasMessageContaining("must be a finite number")
                .hasMessageContaining("promotion-sample-ms (60000) must be at most promotion-period-ms (30000)");
        assertThatThrownBy(() -> RiskConfig.from(settings().with("promotion-max-p-value", "1.5")))
                .hasMessageContaining("promotion gates: maximum p-value must be within (0, 1): 1.5");
    }
}
