package memesnipe.performance.promotion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionGatesTest {
    @Test
    void defaults_areTheOriginDocumentsThresholds_andValid() {
        PromotionGates g = PromotionGates.defaults();

        assertThat(g.minSharpe()).isEqualTo(1.5);
        assertThat(g.minWinRateBps(StrategyType.MOMENTUM)).isEqualTo(5_500);
        assertThat(g.minWinRateBps(StrategyType.MEAN_REVERSION)).isEqualTo(6_500);
        assertThat(g.maxDrawdownBps()).isEqualTo(500);
        assertThat(g.maxAvgLatencyMs()).isEqualTo(500);
        assertThat(g.minShadowMs()).isEqualTo(14 * 24 * 3_600_000L);
        assertThat(g.maxPValue()).isEqualTo(0.05);
        assertThat(g.minTrades()).isEqualTo(30);
        assertThat(g.minPeriods()).isEqualTo(30);
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void withMinShadowMs_changesOnlyTheShadowPeriod() {
        PromotionGates demo = PromotionGates.defaults().withMinShadowMs(60_000);

        assertThat(demo.minShadowMs()).isEqualTo(60_000);
        assertThat(demo.withMinShadowMs(PromotionGates.DEFAULT_MIN_SHADOW_MS)).isEqualTo(PromotionGates.defaults());
    }

    static final long TWO_WEEKS = PromotionGates.DEFAULT_MIN_SHADOW_MS;

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new PromotionGates(Double.NaN, 5_500, 6_500, 500, 500, TWO_WEEKS, 0.05, 30, 30, 30, 3),
                        "minimum Sharpe must be a finite number"),
                Arguments.of(new PromotionGates(1.5, 10_000, 6_500, 500, 500, TWO_WEEKS, 0.05, 30, 30, 30, 3),
                        "win rate thresholds must be within [0, 100 %)"),
                Arguments.of(new PromotionGates(1.5, 5_500, -1, 500, 500, TWO_WEEKS, 0.05, 30, 30, 30, 3),
                        "win rate thresholds must be within [0, 100 %)"),
                Arguments.of(new PromotionGates(1.5, 5_500, 6_500, 0, 500, TWO_WEEKS, 0.05, 30, 30, 30, 3),
                        "maximum drawdown must be within (0, 100 %]"),
                Arguments.of(new PromotionGates(1.5, 5_500, 6_500, 500, 0, TWO_WEEKS, 0.05, 30, 30, 30, 3),
                        "maximum average latency must be > 0 ms"),
                Arguments.of(new PromotionGates(1.5, 5_500, 6_500, 500, 500, -1, 0.05, 30, 30, 30, 3),
                        "minimum shadow period must be >= 0 ms"),
                Arguments.of(new PromotionGates(1.5, 5_500, 6_500, 500, 500, TWO_WEEKS, 1.0, 30, 30, 30, 3),
                        "maximum p-value must be within (0, 1)"),
                Arguments.of(new PromotionGates(1.5, 5_500, 6_500, 500, 500, TWO_WEEKS, 0.05, 1, 30, 30, 3),
                        "minimum samples must be at least 2 trades"),
                Arguments.of(new PromotionGates(1.5, 5_500, 6_500, 500, 500, TWO_WEEKS, 0.05, 30, 30, 30, 0),
                        "retire after demotions must be at least 1"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void problems_nameTheBadSetting(PromotionGates gates, String problem) {
        assertThat(gates.problems()).singleElement().asString().startsWith(problem);
    }

    @Test
    void problems_areAllReportedTogether() {
        PromotionGates bad = new PromotionGates(Double.NaN, 10_000, 6_500, 0, 0, -1, 0, 0, 0, 0, 0);

        assertThat(bad.problems()).hasSize(8);
    }
}
