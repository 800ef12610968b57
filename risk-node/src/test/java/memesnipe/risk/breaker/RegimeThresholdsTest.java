package memesnipe.risk.breaker;

import memesnipe.model.Tier;
import memesnipe.model.money.Fixed;
import memesnipe.model.regime.Regime;
import memesnipe.risk.breaker.BreakerThresholds.VolatilityScales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegimeThresholdsTest {
    static final long T0 = 1_700_000_000_000L;
    static final long CAPITAL = 10_000 * Fixed.ONE;
    static final BreakerThresholds D = BreakerThresholds.defaults(); // 300/500/1000 drawdown, 200/300 daily loss

    static BreakerThresholds scaled(int lowPct, int normalPct, int highPct) {
        return withScales(D, new VolatilityScales(lowPct, normalPct, highPct));
    }

    static BreakerThresholds withScales(BreakerThresholds t, VolatilityScales s) {
        return new BreakerThresholds(t.warnDrawdownBps(), t.criticalDrawdownBps(), t.emergencyDrawdownBps(),
                t.warnDailyLossBps(), t.criticalDailyLossBps(), t.strategyDrawdownBps(), t.warningSizePct(),
                t.cooldownMs(), t.rampPct(), t.rampStepMs(), t.tradingDayZone(), s);
    }

    /** Daily loss off (far away), so the drawdown alone picks the tier. */
    static BreakerThresholds drawdownOnly(BreakerThresholds t) {
        return new BreakerThresholds(t.warnDrawdownBps(), t.criticalDrawdownBps(), t.emergencyDrawdownBps(), 3_000,
                3_300, t.strategyDrawdownBps(), t.warningSizePct(), t.cooldownMs(), t.rampPct(), t.rampStepMs(),
                t.tradingDayZone(), t.volatilityScales());
    }

    static long equityAtLossBps(int bps, long nudgeE8) {
        return CAPITAL - CAPITAL / 10_000 * bps + nudgeE8;
    }

    static Conditions in(Regime r) {
        return Conditions.of(false, ExecQuality.OK, r);
    }

    // ------------------------------------------------------------------ the rule

    @Test
    void inRegime_whenHighVolatilityScaleConfigured_widensDrawdownAndDailyLossThresholds() {
        BreakerThresholds high = scaled(100, 100, 150).inRegime(Regime.HIGH);
        assertThat(new int[]{high.warnDrawdownBps(), high.criticalDrawdownBps(), high.emergencyDrawdownBps(),
                high.warnDailyLossBps(), high.criticalDailyLossBps()}).containsExactly(450, 750, 1500, 300, 450);
        assertThat(high.strategyDrawdownBps()).isEqualTo(D.strategyDrawdownBps()); // not a breaker tier threshold
        assertThat(high.volatilityScales()).isEqualTo(VolatilityScales.NONE); // applied once
    }

    @Test
    void inRegime_whenLowVolatilityScaleConfigured_tightensThem() {
        BreakerThresholds low = scaled(80, 100, 100).inRegime(Regime.LOW);
        assertThat(new int[]{low.warnDrawdownBps(), low.criticalDrawdownBps(), low.emergencyDrawdownBps(),
                low.warnDailyLossBps(), low.criticalDailyLossBps()}).containsExactly(240, 400, 800, 160, 240);
    }

    @Test
    void inRegime_roundsDown_andCapsAtOneHundredPercent() {
        BreakerThresholds t = new BreakerThresholds(333, 5_000, 8_000, 201, 7_000, 800, 50, 60_000,
                List.of(25, 50, 100), 60_000, D.tradingDayZone(), new VolatilityScales(50, 100, 150));
        BreakerThresholds high = t.inRegime(Regime.HIGH);
        assertThat(high.warnDrawdownBps()).isEqualTo(499); // 333 x 1.5 = 499.5
        assertThat(high.criticalDrawdownBps()).isEqualTo(7_500);
        assertThat(high.emergencyDrawdownBps()).isEqualTo(10_000); // 12,000 capped
        assertThat(high.warnDailyLossBps()).isEqualTo(301); // 301.5
        assertThat(t.inRegime(Regime.LOW).warnDailyLossBps()).isEqualTo(100); // 100.5
    }

    @Test
    void inRegime_unknownUsesTheNormalScale() {
        BreakerThresholds t = scaled(60, 120, 200);
        assertThat(t.inRegime(Regime.UNKNOWN)).isEqualTo(t.inRegime(Regime.NORMAL));
        assertThat(t.inRegime(Regime.NORMAL).warnDrawdownBps()).isEqualTo(360);
    }

    @Test
    void inRegime_withDefaultScales_isTheConfiguredThresholdsInEveryRegime() {
        for (Regime r : Regime.values()) {
            assertThat(D.inRegime(r)).isEqualTo(D);
        }
    }

    @Test
    void problems_whenAScaleIsOutsideItsRange_areReported() {
        assertThat(scaled(49, 100, 100).problems()).containsExactly("volatility threshold scales must be within [50, 300] %");
        assertThat(scaled(100, 100, 301).problems()).containsExactly("volatility threshold scales must be within [50, 300] %");
        assertThat(scaled(50, 100, 300).problems()).isEmpty();
    }

    @Test
    void problems_whenScalingWouldBreakTheOrderOfTheTiers_nameTheRegimeAndTheFigures() {
        BreakerThresholds wide = new BreakerThresholds(6_000, 7_000, 9_000, 1, 3, 800, 50, 60_000, List.of(100), 0,
                D.tradingDayZone(), new VolatilityScales(50, 100, 200));
        assertThat(wide.problems()).containsExactly(
                "in LOW volatility (x50 %) the daily loss thresholds would be 0/1 bps: warning < critical must still hold",
                "in HIGH volatility (x200 %) the drawdown thresholds would be 10000/10000/10000 bps: warning < critical "
                        + "< emergency must still hold");
    }

    // ------------------------------------------------------------------ the breaker with them

    @ParameterizedTest(name = "{0} drawdown {1} bps {2} -> {3}")
    @CsvSource({
            "LOW, 240, 1, NORMAL", "LOW, 240, 0, WARNING", "LOW, 240, -1, WARNING",
            "NORMAL, 240, 0, NORMAL", "NORMAL, 300, 1, NORMAL", "NORMAL, 300, 0, WARNING",
            "HIGH, 450, 1, NORMAL", "HIGH, 450, 0, WARNING", "HIGH, 450, -1, WARNING",
            "HIGH, 750, 1, WARNING", "HIGH, 750, 0, CRITICAL", "HIGH, 1500, 1, CRITICAL", "HIGH, 1500, 0, EMERGENCY",
            "LOW, 800, 0, EMERGENCY", "UNKNOWN, 300, 1, NORMAL", "UNKNOWN, 300, 0, WARNING"})
    void evaluate_aroundEachScaledDrawdownThreshold_picksTierFromTheRegimesThresholds(Regime regime, int bps,
                                                                                      long nudge, Tier expected) {
        CircuitBreaker b = new CircuitBreaker(drawdownOnly(scaled(80, 100, 150)), CAPITAL, T0);
        b.evaluate(equityAtLossBps(bps, nudge), in(regime), T0 + 1);
        assertThat(b.tier()).isEqualTo(expected);
        assertThat(b.regime()).isEqualTo(regime);
    }

    @ParameterizedTest(name = "{0} daily loss {1} bps {2} -> {3}")
    @CsvSource({
            "LOW, 160, 1, NORMAL", "LOW, 160, 0, WARNING", "LOW, 240, 1, WARNING", "LOW, 240, 0, CRITICAL",
            "HIGH, 300, 1, NORMAL", "HIGH, 300, 0, WARNING", "HIGH, 450, 1, WARNING", "HIGH, 450, 0, CRITICAL"})
    void evaluate_aroundEachScaledDailyLossThreshold_picksTierFromTheRegimesThresholds(Regime regime, int bps,
                                                                                      long nudge, Tier expected) {
        BreakerThresholds t = new BreakerThresholds(3_000, 3_300, 6_000, D.warnDailyLossBps(), D.criticalDailyLossBps(),
                D.strategyDrawdownBps(), D.warningSizePct(), D.cooldownMs(), D.rampPct(), D.rampStepMs(),
                D.tradingDayZone(), new VolatilityScales(80, 100, 150));
        CircuitBreaker b = new CircuitBreaker(t, CAPITAL, T0);
        b.evaluate(equityAtLossBps(bps, nudge), in(regime), T0 + 1);
        assertThat(b.tier()).isEqualTo(expected);
    }

    @Test
    void evaluate_whenLowVolatilityScaleConfigured_tripsWarningAtADrawdownNormalWouldNot_withTheFiguresInItsReason() {
        CircuitBreaker normal = new CircuitBreaker(drawdownOnly(scaled(80, 100, 100)), CAPITAL, T0);
        assertThat(normal.evaluate(equityAtLossBps(250, 0), in(Regime.NORMAL), T0 + 1)).isEmpty();

        CircuitBreaker low = new CircuitBreaker(drawdownOnly(scaled(80, 100, 100)), CAPITAL, T0);
        Transition tr = low.evaluate(equityAtLossBps(250, 0), in(Regime.LOW), T0 + 1).orElseThrow();
        assertThat(tr.to()).isEqualTo(Tier.WARNING);
        assertThat(tr.reason()).isEqualTo("drawdown 2.50% >= 2.40% (LOW volatility: 3.00% x 80%)");
        assertThat(low.effectiveThresholds().warnDrawdownBps()).isEqualTo(240);
    }

    @Test
    void evaluate_whenHighVolatilityScaleConfigured_widensDrawdownThresholds_andDoesNotTrip() {
        CircuitBreaker b = new CircuitBreaker(drawdownOnly(scaled(100, 100, 150)), CAPITAL, T0);
        assertThat(b.evaluate(equityAtLossBps(449, 0), in(Regime.HIGH), T0 + 1)).isEmpty();
        assertThat(b.tier()).isEqualTo(Tier.NORMAL);
        Transition tr = b.evaluate(equityAtLossBps(449, 0), in(Regime.NORMAL), T0 + 2).orElseThrow();
        assertThat(tr.reason()).isEqualTo("drawdown 4.49% >= 3.00%"); // a regime at 100 % adds nothing to the text
    }

    @Test
    void evaluate_whenTheRegimeTightensThresholdsUnderAnUnchangedDrawdown_raisesTheTierAtOnce() {
        CircuitBreaker b = new CircuitBreaker(drawdownOnly(scaled(80, 100, 100)), CAPITAL, T0);
        b.evaluate(equityAtLossBps(420, 0), in(Regime.NORMAL), T0 + 1);
        assertThat(b.tier()).isEqualTo(Tier.WARNING);
        Transition tr = b.evaluate(equityAtLossBps(420, 0), in(Regime.LOW), T0 + 2).orElseThrow();
        assertThat(tr.to()).isEqualTo(Tier.CRITICAL);
        assertThat(tr.reason()).isEqualTo("drawdown 4.20% >= 4.00% (LOW volatility: 5.00% x 80%)");
    }

    @Test
    void evaluate_whenTheRegimeWidensThresholdsWhileTripped_stepsDownOnlyAfterTheCooldown_thenRamps() {
        CircuitBreaker b = new CircuitBreaker(drawdownOnly(scaled(80, 100, 100)), CAPITAL, T0);
        b.evaluate(equityAtLossBps(250, 0), in(Regime.LOW), T0);
        assertThat(b.tier()).isEqualTo(Tier.WARNING);
        long cooldown = D.cooldownMs();
        assertThat(b.evaluate(equityAtLossBps(250, 0), in(Regime.NORMAL), T0 + 1)).isEmpty(); // clear from now
        assertThat(b.evaluate(equityAtLossBps(250, 0), in(Regime.NORMAL), T0 + cooldown)).isEmpty();
        assertThat(b.tier()).isEqualTo(Tier.WARNING);
        assertThat(b.nextDueMs(T0 + cooldown)).isEqualTo(T0 + 1 + cooldown);
        Transition down = b.evaluate(equityAtLossBps(250, 0), in(Regime.NORMAL), T0 + 1 + cooldown).orElseThrow();
        assertThat(down.to()).isEqualTo(Tier.NORMAL);
        assertThat(down.reason()).isEqualTo("cleared for 60000 ms: drawdown 2.50%, daily loss 2.50%: within limits");
        assertThat(b.sizeMultiplierPct()).isEqualTo(D.rampPct().get(0));
    }

    @Test
    void evaluate_whenTheRegimeWidensThresholdsInEmergency_holdsUntilReset() {
        CircuitBreaker b = new CircuitBreaker(drawdownOnly(scaled(80, 100, 100)), CAPITAL, T0);
        b.evaluate(equityAtLossBps(850, 0), in(Regime.LOW), T0);
        assertThat(b.tier()).isEqualTo(Tier.EMERGENCY);
        b.evaluate(equityAtLossBps(850, 0), in(Regime.NORMAL), T0 + 10 * D.cooldownMs());
        assertThat(b.tier()).isEqualTo(Tier.EMERGENCY);
    }

    @Test
    void evaluate_steppingDownInAScaledRegime_namesItInTheReason() {
        CircuitBreaker b = new CircuitBreaker(drawdownOnly(scaled(100, 100, 150)), CAPITAL, T0);
        b.evaluate(equityAtLossBps(400, 0), in(Regime.NORMAL), T0);
        b.evaluate(equityAtLossBps(400, 0), in(Regime.HIGH), T0 + 1);
        Transition down = b.evaluate(equityAtLossBps(400, 0), in(Regime.HIGH), T0 + 1 + D.cooldownMs()).orElseThrow();
        assertThat(down.reason()).isEqualTo("cleared for 60000 ms: drawdown 4.00%, daily loss 4.00%: within limits "
                + "(HIGH volatility: thresholds x 150%)");
    }

    @Test
    void evaluate_withDefaultScales_givesTheSameTransitionsInEveryRegime() {
        java.util.Random random = new java.util.Random(5);
        List<Long> equities = new ArrayList<>();
        long equity = CAPITAL;
        for (int i = 0; i < 2_000; i++) {
            equity = Math.max(Fixed.ONE, equity + (random.nextInt(4_001) - 2_000) * Fixed.ONE / 100); // +-20 USD
            equities.add(equity);
        }
        List<Transition> reference = run(new CircuitBreaker(D, CAPITAL, T0), equities, i -> Regime.UNKNOWN);
        assertThat(reference).hasSizeGreaterThan(3);
        Regime[] all = Regime.values();
        assertThat(run(new CircuitBreaker(D, CAPITAL, T0), equities, i -> all[(i / 50) % all.length]))
                .isEqualTo(reference);
    }

    private static List<Transition> run(CircuitBreaker b, List<Long> equities,
                                        java.util.function.IntFunction<Regime> regime) {
        List<Transition> out = new ArrayList<>();
        for (int i = 0; i < equities.size(); i++) {
            b.evaluate(equities.get(i), in(regime.apply(i)), T0 + i * 1_000L).ifPresent(out::add);
        }
        return out;
    }
}
