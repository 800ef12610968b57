package memesnipe.performance.promotion;

import memesnipe.performance.promotion.Promotion.Review;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static memesnipe.performance.Curves.DAY;
import static memesnipe.performance.Curves.T0;
import static memesnipe.performance.promotion.Stage.BACKTEST;
import static memesnipe.performance.promotion.Stage.LIVE;
import static memesnipe.performance.promotion.Stage.RETIRED;
import static memesnipe.performance.promotion.Stage.SHADOW;
import static memesnipe.performance.promotion.StrategyType.MEAN_REVERSION;
import static memesnipe.performance.promotion.StrategyType.MOMENTUM;
import static memesnipe.performance.promotion.TestEvidence.good;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromotionTest {
    static final PromotionGates GATES = PromotionGates.defaults();
    static final long TWO_WEEKS = 14 * DAY;

    static Promotion in(Stage stage, long sinceMs, int demotions) {
        return new Promotion("momentum_5m", MOMENTUM, stage, sinceMs, demotions);
    }

    @Test
    void start_isInBacktest() {
        assertThat(Promotion.start("momentum_5m", MOMENTUM, T0)).isEqualTo(in(BACKTEST, T0, 0));
    }

    @Test
    void advance_whenBacktestEvidencePasses_promotesToShadow_withEveryBacktestGateAsReason() {
        Review r = Promotion.start("momentum_5m", MOMENTUM, T0).advance(good().build(), GATES, T0 + TWO_WEEKS);

        assertThat(r.promotion()).isEqualTo(in(SHADOW, T0 + TWO_WEEKS, 0));
        StageChange change = r.change().orElseThrow();
        assertThat(change.from()).isEqualTo(BACKTEST);
        assertThat(change.to()).isEqualTo(SHADOW);
        assertThat(change.atMs()).isEqualTo(T0 + TWO_WEEKS);
        assertThat(change.reasons()).map(x -> ((GateResult) x).gate()).containsExactlyElementsOf(GateCheck.BACKTEST_GATES);
        assertThat(change.text()).startsWith("momentum_5m BACKTEST -> SHADOW: Sharpe (annualized) 2.50 >= 1.50");
    }

    @Test
    void advance_inBacktest_ignoresDrawdownAndLatency_whichABacktestDoesNotMeasure() {
        Evidence noFills = good().latency(0, 0).drawdown(0.2, 60).build();

        assertThat(Promotion.start("s", MOMENTUM, T0).advance(noFills, GATES, T0 + TWO_WEEKS).promotion().stage())
                .isEqualTo(SHADOW);
    }

    @ParameterizedTest(name = "now = entered + 14 days {0} ms: {1}")
    @CsvSource({"-1, SHADOW", "0, LIVE", "1, LIVE"})
    void advance_atTheShadowPeriodBoundary(long offsetMs, Stage expected) {
        long entered = T0 + DAY;
        Evidence shadow = good().window(entered, entered + DAY).build();

        Review r = in(SHADOW, entered, 0).advance(shadow, GATES, entered + TWO_WEEKS + offsetMs);

        assertThat(r.promotion().stage()).isEqualTo(expected);
    }

    @Test
    void advance_whenShadowPeriodNotElapsed_staysInShadow_withTheShortfallAsTheOnlyFailure() {
        long entered = T0 + DAY;
        Review r = in(SHADOW, entered, 0).advance(good().window(entered, entered + DAY).build(), GATES,
                entered + TWO_WEEKS - 1);

        assertThat(r.change()).isEmpty();
        assertThat(r.promotion()).isEqualTo(in(SHADOW, entered, 0));
        assertThat(r.results()).filteredOn(GateResult::failed).singleElement()
                .satisfies(g -> assertThat(g.text()).isEqualTo("time in shadow PT335H59M59.999S < PT336H"));
    }

    @Test
    void advance_whenShadowEvidenceFailsAGate_staysInShadowEvenAfterTheShadowPeriod() {
        long entered = T0 + DAY;
        Evidence deepDrawdown = good().window(entered, entered + DAY).drawdown(0.06, 60).build();

        Review r = in(SHADOW, entered, 0).advance(deepDrawdown, GATES, entered + 3 * TWO_WEEKS);

        assertThat(r.change()).isEmpty();
        assertThat(r.results()).filteredOn(GateResult::failed).map(GateResult::gate)
                .containsExactly(Gate.MAX_DRAWDOWN);
    }

    @Test
    void advance_whenLiveEvidenceFailsAGate_demotesToShadow_recordingTheFailures_andRestartsTheShadowClock() {
        long live = T0 + TWO_WEEKS;
        Evidence slow = good().window(live, live + DAY).latency(60 * 900, 60).build();

        Review r = in(LIVE, live, 0).advance(slow, GATES, live + DAY);

        assertThat(r.promotion()).isEqualTo(in(SHADOW, live + DAY, 1));
        StageChange change = r.change().orElseThrow();
        assertThat(change.to()).isEqualTo(SHADOW);
        assertThat(change.reasons()).singleElement()
                .satisfies(x -> assertThat(x.text())
                        .isEqualTo("average decision-to-fill latency 900.0 ms > 500.0 ms (60 fills)"));
    }

    @Test
    void advance_whenLiveEvidenceIsOnlyInsufficient_staysLive() {
        long live = T0 + TWO_WEEKS;
        Evidence early = good().window(live, live + DAY).wins(5, 5).sharpe(0.3, 10).pValue(0.4, 10).build();

        Review r = in(LIVE, live, 0).advance(early, GATES, live + DAY);

        assertThat(r.change()).isEmpty();
        assertThat(r.results()).noneMatch(GateResult::failed);
    }

    @ParameterizedTest(name = "after {0} earlier demotions, limit {1}: {2}")
    @CsvSource({"0, 3, SHADOW", "1, 3, SHADOW", "2, 3, RETIRED", "0, 1, RETIRED"})
    void advance_theNthDemotion_retiresTheStrategy(int earlier, int limit, Stage expected) {
        PromotionGates gates = new PromotionGates(1.5, 5_500, 6_500, 500, 500, TWO_WEEKS, 0.05, 30, 30, 30, limit);
        long live = T0 + TWO_WEEKS;
        Evidence losing = good().window(live, live + DAY).sharpe(-1.0, 60).build();

        Review r = in(LIVE, live, earlier).advance(losing, gates, live + DAY);

        assertThat(r.promotion().stage()).isEqualTo(expected);
        assertThat(r.promotion().demotions()).isEqualTo(earlier + 1);
        if (expected == RETIRED) {
            assertThat(r.change().orElseThrow().reasons()).last()
                    .isEqualTo(new Reason.DemotionLimit(earlier + 1, limit));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"BACKTEST", "SHADOW", "LIVE"})
    void retire_byAnOperator_fromAnyStage(Stage stage) {
        Review r = in(stage, T0, 1).retire("venue delisted the pair", T0 + DAY);

        assertThat(r.promotion()).isEqualTo(in(RETIRED, T0 + DAY, 1));
        assertThat(r.change().orElseThrow().text())
                .isEqualTo("momentum_5m " + stage + " -> RETIRED: retired by an operator: venue delisted the pair");
    }

    @Test
    void retired_isFinal() {
        Promotion retired = in(RETIRED, T0, 0);

        assertThat(retired.advance(good().window(T0, T0 + DAY).build(), GATES, T0 + 30 * DAY).change()).isEmpty();
        assertThat(retired.retire("again", T0 + DAY).change()).isEmpty();
    }

    @Test
    void advance_refusesEvidenceFromBeforeTheStage_fromTheFuture_andInvalidGates() {
        Promotion shadow = in(SHADOW, T0 + DAY, 0);

        assertThatThrownBy(() -> shadow.advance(good().window(T0, T0 + 2 * DAY).build(), GATES, T0 + TWO_WEEKS))
                .hasMessageContaining("SHADOW evidence must be measured in SHADOW");
        assertThatThrownBy(() -> shadow.advance(good().window(T0 + DAY, T0 + 3 * DAY).build(), GATES, T0 + 2 * DAY))
                .hasMessageContaining("after now");
        assertThatThrownBy(() -> shadow.advance(good().window(T0 + DAY, T0 + DAY).build(), GATES.withMinShadowMs(-1),
                T0 + 2 * DAY)).hasMessageContaining("invalid promotion gates: minimum shadow period");
        assertThatThrownBy(() -> shadow.retire("x", T0)).hasMessageContaining("before the stage began");
    }

    @Test
    void lifecycle_aStrategyWithAnEdge_goesBacktestShadowLive_andIsDemotedWhenItsEdgeDecays() {
        long backtestFrom = T0 - 60 * DAY;
        Promotion p = Promotion.start("mean_revert_1h", MEAN_REVERSION, T0);

        // 30 days of walk-forward out-of-sample data: +0.05 %/h with a +-0.2 % swing, 7 of 10 trades won
        p = p.advance(Histories.measured(backtestFrom, 30 * 24, 0.0005, 0.002, 7, -1), GATES, T0).promotion();
        assertThat(p.stage()).isEqualTo(SHADOW);

        // a week into shadow the figures are as good, but the two weeks have not passed
        Evidence week = Histories.measured(T0, 7 * 24, 0.0005, 0.002, 7, 120);
        assertThat(p.advance(week, GATES, T0 + 7 * DAY).promotion().stage()).isEqualTo(SHADOW);

        Evidence twoWeeks = Histories.measured(T0, 14 * 24, 0.0005, 0.002, 7, 120);
        Review toLive = p.advance(twoWeeks, GATES, T0 + TWO_WEEKS);
        assertThat(toLive.results()).allMatch(GateResult::passed);
        p = toLive.promotion();
        assertThat(p).isEqualTo(new Promotion("mean_revert_1h", MEAN_REVERSION, LIVE, T0 + TWO_WEEKS, 0));

        Evidence stillGood = Histories.measured(T0 + TWO_WEEKS, 7 * 24, 0.0005, 0.002, 7, 120);
        assertThat(p.advance(stillGood, GATES, T0 + 21 * DAY).change()).isEmpty();

        // the edge decays: -0.03 %/h and 5 of 10 won
        Evidence decayed = Histories.measured(T0 + 21 * DAY, 7 * 24, -0.0003, 0.002, 5, 120);
        Review demoted = p.advance(decayed, GATES, T0 + 28 * DAY);
        assertThat(demoted.promotion()).isEqualTo(
                new Promotion("mean_revert_1h", MEAN_REVERSION, SHADOW, T0 + 28 * DAY, 1));
        assertThat(demoted.change().orElseThrow().reasons()).map(x -> ((GateResult) x).gate())
                .contains(Gate.SHARPE, Gate.WIN_RATE, Gate.SIGNIFICANCE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'flat, never trades',              0,       0,     720, -1",
            "'no drift, wins half',             0,       0.002, 720, 5",
            "'loses slowly, wins 4 of 10',      -0.0002, 0.002, 720, 4",
            "'lucky week: too few samples',     0.002,   0.001, 20,  9",
            "'wins often, but no edge in equity', 0,     0.002, 720, 8"})
    void advance_noEdgeStrategy_neverLeavesBacktest(String scenario, double drift, double swing, int hours,
                                                    int winsPerTen) {
        Promotion p = Promotion.start("s", MOMENTUM, T0);
        Evidence e = Histories.measured(T0 - 60 * DAY, hours, drift, swing, winsPerTen, -1);

        for (long now = T0; now < T0 + 90 * DAY; now += DAY) {
            Review r = p.advance(e, GATES, now);
            assertThat(r.change()).as(scenario + " on day " + (now - T0) / DAY).isEmpty();
            assertThat(r.results()).as(scenario).anyMatch(g -> !g.passed());
            p = r.promotion();
        }
        assertThat(p.stage()).isEqualTo(BACKTEST);
    }

    @Test
    void advance_onANoEdgeStrategy_reportsWhichGatesHoldItBack() {
        Evidence e = Histories.measured(T0 - 60 * DAY, 720, 0, 0.002, 5, -1);

        List<GateResult> results = Promotion.start("s", MOMENTUM, T0).advance(e, GATES, T0).results();

        assertThat(results).map(GateResult::gate).containsExactlyElementsOf(GateCheck.BACKTEST_GATES);
        assertThat(results).allMatch(GateResult::failed);
    }
}
