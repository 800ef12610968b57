package memesnipe.performance.promotion;

import memesnipe.performance.Figure;
import memesnipe.performance.promotion.GateResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static memesnipe.performance.promotion.GateResult.Outcome.FAIL;
import static memesnipe.performance.promotion.GateResult.Outcome.INSUFFICIENT_DATA;
import static memesnipe.performance.promotion.GateResult.Outcome.PASS;
import static memesnipe.performance.promotion.TestEvidence.good;
import static memesnipe.performance.promotion.StrategyType.MEAN_REVERSION;
import static memesnipe.performance.promotion.StrategyType.MOMENTUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateCheckTest {
    static final PromotionGates GATES = PromotionGates.defaults();

    static Arguments row(String scenario, TestEvidence evidence, Gate gate, StrategyType type, Outcome expected) {
        return Arguments.of(scenario, evidence.build(), gate, type, expected);
    }

    /** Every gate at, just below and just above its threshold (defaults), and the strictness of each comparison. */
    static Stream<Arguments> thresholds() {
        return Stream.of(
                row("Sharpe at 1.5 passes (>=)", good().sharpe(1.5, 60), Gate.SHARPE, MOMENTUM, PASS),
                row("Sharpe just below 1.5 fails", good().sharpe(Math.nextDown(1.5), 60), Gate.SHARPE, MOMENTUM,
                        FAIL),
                row("Sharpe just above 1.5 passes", good().sharpe(Math.nextUp(1.5), 60), Gate.SHARPE, MOMENTUM,
                        PASS),
                row("momentum win rate at 55 % fails (strict >)", good().wins(5_500, 10_000), Gate.WIN_RATE,
                        MOMENTUM, FAIL),
                row("momentum win rate 33 of 60, exactly 55 %, fails", good().wins(33, 60), Gate.WIN_RATE,
                        MOMENTUM, FAIL),
                row("momentum win rate just below 55 % fails", good().wins(5_499, 10_000), Gate.WIN_RATE, MOMENTUM,
                        FAIL),
                row("momentum win rate just above 55 % passes", good().wins(5_501, 10_000), Gate.WIN_RATE,
                        MOMENTUM, PASS),
                row("mean-reversion win rate at 65 % fails (strict >)", good().wins(6_500, 10_000), Gate.WIN_RATE,
                        MEAN_REVERSION, FAIL),
                row("mean-reversion win rate just below 65 % fails", good().wins(6_499, 10_000), Gate.WIN_RATE,
                        MEAN_REVERSION, FAIL),
                row("mean-reversion win rate just above 65 % passes", good().wins(6_501, 10_000), Gate.WIN_RATE,
                        MEAN_REVERSION, PASS),
                row("60 % passes for momentum", good().wins(6_000, 10_000), Gate.WIN_RATE, MOMENTUM, PASS),
                row("60 % fails for mean reversion", good().wins(6_000, 10_000), Gate.WIN_RATE, MEAN_REVERSION,
                        FAIL),
                row("drawdown at 5 % passes (<=)", good().drawdown(0.05, 60), Gate.MAX_DRAWDOWN, MOMENTUM, PASS),
                row("drawdown just below 5 % passes", good().drawdown(Math.nextDown(0.05), 60), Gate.MAX_DRAWDOWN,
                        MOMENTUM, PASS),
                row("drawdown just above 5 % fails", good().drawdown(Math.nextUp(0.05), 60), Gate.MAX_DRAWDOWN,
                        MOMENTUM, FAIL),
                row("average latency at 500 ms passes (<=)", good().latency(30 * 500, 30), Gate.AVERAGE_LATENCY,
                        MOMENTUM, PASS),
                row("average latency just below 500 ms passes", good().latency(30 * 500 - 1, 30),
                        Gate.AVERAGE_LATENCY, MOMENTUM, PASS),
                row("average latency just above 500 ms fails", good().latency(30 * 500 + 1, 30),
                        Gate.AVERAGE_LATENCY, MOMENTUM, FAIL),
                row("p-value at 0.05 passes (<=)", good().pValue(0.05, 60), Gate.SIGNIFICANCE, MOMENTUM, PASS),
                row("p-value just below 0.05 passes", good().pValue(Math.nextDown(0.05), 60), Gate.SIGNIFICANCE,
                        MOMENTUM, PASS),
                row("p-value just above 0.05 fails", good().pValue(Math.nextUp(0.05), 60), Gate.SIGNIFICANCE,
                        MOMENTUM, FAIL));
    }

    /** The minimum samples (30 of each by default): a figure on fewer never passes. */
    static Stream<Arguments> sampleSizes() {
        return Stream.of(
                row("29 trades all won are too few", good().wins(29, 29), Gate.WIN_RATE, MOMENTUM,
                        INSUFFICIENT_DATA),
                row("30 trades all won pass", good().wins(30, 30), Gate.WIN_RATE, MOMENTUM, PASS),
                row("29 trades all lost are too few to fail", good().wins(0, 29), Gate.WIN_RATE, MOMENTUM,
                        INSUFFICIENT_DATA),
                row("a Sharpe of 5 on 29 periods is too few", good().sharpe(5, 29), Gate.SHARPE, MOMENTUM,
                        INSUFFICIENT_DATA),
                row("a Sharpe of 5 on 30 periods passes", good().sharpe(5, 30), Gate.SHARPE, MOMENTUM, PASS),
                row("a p-value of 0.001 on 29 periods is too few", good().pValue(0.001, 29), Gate.SIGNIFICANCE,
                        MOMENTUM, INSUFFICIENT_DATA),
                row("a p-value of 0.001 on 30 periods passes", good().pValue(0.001, 30), Gate.SIGNIFICANCE,
                        MOMENTUM, PASS),
                row("10 ms on 29 fills is too few", good().latency(290, 29), Gate.AVERAGE_LATENCY, MOMENTUM,
                        INSUFFICIENT_DATA),
                row("10 ms on 30 fills passes", good().latency(300, 30), Gate.AVERAGE_LATENCY, MOMENTUM, PASS),
                row("a 1 % drawdown on 5 periods is too few to pass", good().drawdown(0.01, 5), Gate.MAX_DRAWDOWN,
                        MOMENTUM, INSUFFICIENT_DATA),
                row("a 10 % drawdown fails on 5 periods: a loss taken", good().drawdown(0.10, 5),
                        Gate.MAX_DRAWDOWN, MOMENTUM, FAIL),
                row("no trades", good().wins(0, 0), Gate.WIN_RATE, MOMENTUM, INSUFFICIENT_DATA),
                row("no latency measured", good().latency(0, 0), Gate.AVERAGE_LATENCY, MOMENTUM, INSUFFICIENT_DATA),
                row("a Sharpe ratio not available", good().sharpe(Figure.notAvailable("flat equity")), Gate.SHARPE,
                        MOMENTUM, INSUFFICIENT_DATA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"thresholds", "sampleSizes"})
    void gate_atItsThresholdAndSampleMinimum_givesTheTabledOutcome(String scenario, Evidence evidence, Gate gate,
                                                                   StrategyType type, Outcome expected) {
        assertThat(GateCheck.of(gate, evidence, type, GATES).outcome()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ms in shadow: {1}")
    @CsvSource({"1209599999, FAIL", "1209600000, PASS", "1209600001, PASS"})
    void shadowPeriod_oneMsBeforeAtAndAfterTwoWeeks(long elapsedMs, Outcome expected) {
        assertThat(GateCheck.shadowPeriod(1_000, 1_000 + elapsedMs, GATES).outcome()).isEqualTo(expected);
    }

    @Test
    void reasons_carryTheFigureTheThresholdAndTheSamples() {
        assertThat(GateCheck.of(Gate.SHARPE, good().sharpe(1.2, 45).build(), MOMENTUM, GATES).text())
                .isEqualTo("Sharpe (annualized) 1.20 < 1.50 (45 periods)");
        assertThat(GateCheck.of(Gate.WIN_RATE, good().wins(33, 60).build(), MOMENTUM, GATES).text())
                .isEqualTo("win rate 55.00 % <= 55.00 % (60 trades)");
        assertThat(GateCheck.of(Gate.WIN_RATE, good().wins(42, 60).build(), MEAN_REVERSION, GATES)
                .text()).isEqualTo("win rate 70.00 % > 65.00 % (60 trades)");
        assertThat(GateCheck.of(Gate.MAX_DRAWDOWN, good().drawdown(0.0625, 60).build(), MOMENTUM,
                GATES).text()).isEqualTo("max drawdown 6.25 % > 5.00 % (60 periods)");
        assertThat(GateCheck.of(Gate.AVERAGE_LATENCY, good().latency(15_001, 30).build(), MOMENTUM,
                GATES).text()).isEqualTo("average decision-to-fill latency 500.03 ms > 500.00 ms (30 fills)");
        assertThat(GateCheck.of(Gate.SIGNIFICANCE, good().pValue(0.2, 29).build(), MOMENTUM, GATES)
                .text()).isEqualTo("p-value of the edge: 29 periods, needs at least 30");
        assertThat(GateCheck.of(Gate.SHARPE, good().sharpe(Figure.notAvailable("flat equity")).build(),
                MOMENTUM, GATES).text()).isEqualTo("Sharpe (annualized) n/a: flat equity (60 periods)");
        assertThat(GateCheck.shadowPeriod(0, 1_209_599_999, GATES).text())
                .isEqualTo("time in shadow PT335H59M59.999S < PT336H");
    }

    @Test
    void reasons_justBelowAThreshold_showEnoughDigitsToTellThemApart() {
        GateResult r = GateCheck.of(Gate.SHARPE, good().sharpe(Math.nextDown(1.5), 60).build(),
                MOMENTUM, GATES);

        assertThat(r.text()).startsWith("Sharpe (annualized) 1.49999").contains(" < 1.50000");
        assertThat(r.figure()).isEqualTo(Figure.of(Math.nextDown(1.5)));
        assertThat(r.threshold()).isEqualTo(1.5);
        assertThat(r.samples()).isEqualTo(60);
        assertThat(r.minSamples()).isEqualTo(30);
    }

    @Test
    void theShadowPeriod_isNotReadFromEvidence() {
        assertThatThrownBy(() -> GateCheck.of(Gate.SHADOW_PERIOD, good().build(), MOMENTUM, GATES))
                .hasMessageContaining("entered SHADOW");
    }
}
