package memesnipe.risk.breaker;

import memesnipe.model.Tier;

import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {
    static final long T0 = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
    static final long CAPITAL = 10_000 * Fixed.ONE;

    static CircuitBreaker fresh() {
        return new CircuitBreaker(BreakerThresholds.defaults(), CAPITAL, T0);
    }

    /** Equity at a given loss from 10 000 in basis points (+/- 1 e8 unit to land just around it). */
    static long equityAtLossBps(int bps, long nudgeE8) {
        return CAPITAL - CAPITAL / 10_000 * bps + nudgeE8;
    }

    @ParameterizedTest(name = "drawdown only {0} bps {1} -> {2}")
    @CsvSource({
            "300, 1, NORMAL", "300, 0, WARNING", "300, -1, WARNING",
            "500, 1, WARNING", "500, 0, CRITICAL", "500, -1, CRITICAL",
            "1000, 1, CRITICAL", "1000, 0, EMERGENCY", "1000, -1, EMERGENCY"})
    void evaluate_drawdownWithDailyLossOff_picksTierFromDrawdownAlone(int bps, long nudge, Tier expected) {
        BreakerThresholds d = BreakerThresholds.defaults();
        BreakerThresholds t = new BreakerThresholds(d.warnDrawdownBps(), d.criticalDrawdownBps(), d.emergencyDrawdownBps(),
                9_998, 9_999, d.strategyDrawdownBps(), d.warningSizePct(), d.cooldownMs(), d.rampPct(), d.rampStepMs(),
                d.tradingDayZone());
        CircuitBreaker b = new CircuitBreaker(t, CAPITAL, T0);
        b.evaluate(equityAtLossBps(bps, nudge), Conditions.OK, T0 + 1);
        assertThat(b.tier()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "daily loss {0} bps {1} -> {2}")
    @CsvSource({
            "200, 1, NORMAL", "200, 0, WARNING", "200, -1, WARNING",
            "300, 1, WARNING", "300, 0, CRITICAL", "300, -1, CRITICAL"})
    void evaluate_dailyLossAroundEachThreshold_picksTier(int bps, long nudge, Tier expected) {
        // the peak is far above the day start, so drawdown is large but configured off
        BreakerThresholds d = BreakerThresholds.defaults();
        BreakerThresholds t = new BreakerThresholds(9_000, 9_500, 10_000, d.warnDailyLossBps(), d.criticalDailyLossBps(),
                d.strategyDrawdownBps(), d.warningSizePct(), d.cooldownMs(), d.rampPct(), d.rampStepMs(), d.tradingDayZone());
        CircuitBreaker b = new CircuitBreaker(t, CAPITAL, T0);
        b.evaluate(equityAtLossBps(bps, nudge), Conditions.OK, T0 + 1);
        assertThat(b.tier()).isEqualTo(expected);
        assertThat(b.dailyLossBps()).isEqualTo(nudge > 0 ? bps - 1 : bps);
    }

    @Test
    void dailyLoss_isMeasuredFromTheNewDaysStartEquity() {
        CircuitBreaker b = fresh();
        long dayLater = T0 + 86_400_000L;
        b.evaluate(equityAtLossBps(150, 0), Conditions.OK, T0 + 1);
        b.evaluate(equityAtLossBps(150, 0), Conditions.OK, dayLater);
        assertThat(b.dayStartE8()).isEqualTo(equityAtLossBps(150, 0));
        assertThat(b.dailyLossBps()).isZero();
        assertThat(b.drawdownBps()).isEqualTo(150);
    }

    @Test
    void conditions_staleHeldDataIsCritical_degradedQualityIsWarning_badQualityIsCritical() {
        CircuitBreaker b = fresh();
        b.evaluate(CAPITAL, new Conditions(false, ExecQuality.DEGRADED), T0 + 1);
        assertThat(b.tier()).isEqualTo(Tier.WARNING);
        b.evaluate(CAPITAL, new Conditions(true, ExecQuality.OK), T0 + 2);
        assertThat(b.tier()).isEqualTo(Tier.CRITICAL);
        CircuitBreaker c = fresh();
        c.evaluate(CAPITAL, new Conditions(false, ExecQuality.BAD), T0 + 1);
        assertThat(c.tier()).isEqualTo(Tier.CRITICAL);
    }

    @Test
    void recovery_stepsDownOneTierPerCooldown_andRampsSizeBackIn() {
        CircuitBreaker b = fresh();
        long now = T0;
        b.evaluate(equityAtLossBps(600, 0), Conditions.OK, now += 1);
        assertThat(b.tier()).isEqualTo(Tier.CRITICAL);
        assertThat(b.sizeMultiplierPct()).isZero();
        // equity recovers to a new peak (drawdown and daily loss clear)
        b.evaluate(CAPITAL, Conditions.OK, now += 1);
        assertThat(b.tier()).isEqualTo(Tier.CRITICAL);
        b.evaluate(CAPITAL, Conditions.OK, now += 59_999);
        assertThat(b.tier()).as("still inside the cool-down").isEqualTo(Tier.CRITICAL);
        b.evaluate(CAPITAL, Conditions.OK, now += 1);
        assertThat(b.tier()).isEqualTo(Tier.WARNING);
        assertThat(b.sizeMultiplierPct()).isEqualTo(25);
        b.evaluate(CAPITAL, Conditions.OK, now += 60_000);
        assertThat(b.tier()).isEqualTo(Tier.NORMAL);
        assertThat(b.sizeMultiplierPct()).as("ramp restarts at each step down").isEqualTo(25);
        b.evaluate(CAPITAL, Conditions.OK, now += 60_000);
        assertThat(b.sizeMultiplierPct()).isEqualTo(50);
        b.evaluate(CAPITAL, Conditions.OK, now += 60_000);
        assertThat(b.sizeMultiplierPct()).isEqualTo(100);
        assertThat(b.transitions()).extracting(Transition::to)
                .containsExactly(Tier.CRITICAL, Tier.WARNING, Tier.NORMAL);
    }

    @Test
    void recovery_aTriggerReturningInsideTheCooldown_restartsIt() {
        CircuitBreaker b = fresh();
        b.evaluate(equityAtLossBps(250, 0), Conditions.OK, T0 + 1);
        assertThat(b.tier()).as("daily loss 2.5 %").isEqualTo(Tier.WARNING);
        b.evaluate(CAPITAL, Conditions.OK, T0 + 2);
        b.evaluate(equityAtLossBps(250, 0), Conditions.OK, T0 + 30_000);
        b.evaluate(CAPITAL, Conditions.OK, T0 + 30_001);
        b.evaluate(CAPITAL, Conditions.OK, T0 + 60_002);
        assertThat(b.tier()).isEqualTo(Tier.WARNING);
        b.evaluate(CAPITAL, Conditions.OK, T0 + 90_001);
        assertThat(b.tier()).isEqualTo(Tier.NORMAL);
    }

    @Test
    void emergency_holdsUntilManualReset_evenAfterEquityRecovers() {
        CircuitBreaker b = fresh();
        b.evaluate(equityAtLossBps(1200, 0), Conditions.OK, T0 + 1);
        assertThat(b.tier()).isEqualTo(Tier.EMERGENCY);
        b.evaluate(CAPITAL * 2, Conditions.OK, T0 + 10 * 3_600_000L);
        assertThat(b.tier()).isEqualTo(Tier.EMERGENCY);
        b.reset("drill over", T0 + 10 * 3_600_000L + 1);
        assertThat(b.tier()).isEqualTo(Tier.NORMAL);
        assertThat(b.sizeMultiplierPct()).isEqualTo(25);
    }

    @Test
    void manualTrip_neverLowersTheTier_andHoldsUntilReset() {
        CircuitBreaker b = fresh();
        b.evaluate(equityAtLossBps(600, 0), Conditions.OK, T0 + 1);
        assertThat(b.trip(Tier.WARNING, "drill", T0 + 2)).isEmpty();
        assertThat(b.tier()).isEqualTo(Tier.CRITICAL);
        b.evaluate(CAPITAL * 2, Conditions.OK, T0 + 10_000_000);
        assertThat(b.tier()).as("latched by the manual trip").isEqualTo(Tier.CRITICAL);
        b.reset("ok", T0 + 10_000_001);
        b.evaluate(CAPITAL * 2, Conditions.OK, T0 + 10_000_002);
        assertThat(b.tier()).isEqualTo(Tier.NORMAL);
    }

    @Test
    void strategyDrawdown_atEightPercentOfItsOwnPeak_suspendsOnlyThatStrategy() {
        CircuitBreaker b = fresh();
        long alloc = 1_000 * Fixed.ONE;
        assertThat(b.evaluateStrategy("a", alloc)).isFalse();
        assertThat(b.evaluateStrategy("b", alloc)).isFalse();
        assertThat(b.evaluateStrategy("a", alloc - 79 * Fixed.ONE - 99_999_999)).isFalse();
        assertThat(b.evaluateStrategy("a", alloc - 80 * Fixed.ONE)).isTrue();
        assertThat(b.suspended("a")).isTrue();
        assertThat(b.suspended("b")).isFalse();
    }

    @Test
    void exportThenRestore_roundTripsTheWholeState() {
        CircuitBreaker b = fresh();
        b.evaluate(CAPITAL + 500 * Fixed.ONE, Conditions.OK, T0 + 1);
        b.evaluate(equityAtLossBps(100, 0), Conditions.OK, T0 + 2);
        b.evaluateStrategy("a", 1_000 * Fixed.ONE);
        b.evaluateStrategy("a", 900 * Fixed.ONE);
        BreakerRecord r = b.export();
        CircuitBreaker restored = CircuitBreaker.restore(BreakerThresholds.defaults(), r, equityAtLossBps(100, 0), T0 + 3);
        assertThat(restored.export()).isEqualTo(r);
        assertThat(restored.tier()).isEqualTo(b.tier());
    }

    @Test
    void restore_ofUnknownOrCorruptState_startsCritical() {
        BreakerRecord good = fresh().export();
        List<BreakerRecord> bad = List.of(
                new BreakerRecord("PANIC", "x", 0, CAPITAL, CAPITAL, 1, false, 2, 0, 0, Map.of(), Set.of(), 0),
                new BreakerRecord(good.tier(), "x", 0, -5, CAPITAL, 1, false, 2, 0, 0, Map.of(), Set.of(), 0),
                new BreakerRecord(good.tier(), "x", 0, CAPITAL, CAPITAL, 1, false, -1, 0, 0, Map.of(), Set.of(), 0));
        for (BreakerRecord r : bad) {
            CircuitBreaker b = CircuitBreaker.restore(BreakerThresholds.defaults(), r, CAPITAL, T0);
            assertThat(b.tier()).isEqualTo(Tier.CRITICAL);
            b.evaluate(CAPITAL, Conditions.OK, T0 + 10_000_000);
            assertThat(b.tier()).as("held until a reset").isEqualTo(Tier.CRITICAL);
        }
        assertThat(CircuitBreaker.restore(BreakerThresholds.defaults(), null, CAPITAL, T0).tier()).isEqualTo(Tier.CRITICAL);
    }

    @Test
    void restore_ofARampStepPastTheConfiguredSteps_isTheLastStep_fullSize() {
        BreakerRecord r = new BreakerRecord("NORMAL", "new deployment", T0, CAPITAL, CAPITAL, 0, false,
                BreakerRecord.FULLY_RAMPED, T0, 0, Map.of(), Set.of(), 0);
        CircuitBreaker b = CircuitBreaker.restore(BreakerThresholds.defaults(), r, CAPITAL, T0);
        assertThat(b.tier()).isEqualTo(Tier.NORMAL);
        assertThat(b.sizeMultiplierPct()).isEqualTo(100);
    }

    @Test
    void drawdownAndDailyLoss_equalANaiveReference_onRandomEquityCurves() {
        Random rnd = new Random(7);
        for (int curve = 0; curve < 200; curve++) {
            BreakerThresholds d = BreakerThresholds.defaults();
            // thresholds out of reach so the curve is never cut short by a latch
            CircuitBreaker b = new CircuitBreaker(new BreakerThresholds(9_997, 9_998, 9_999, 9_998, 9_999, 9_999, 50, 0,
                    d.rampPct(), 0, d.tradingDayZone()), CAPITAL, T0);
            long[] equity = new long[300];
            long[] time = new long[300];
            long e = CAPITAL;
            long t = T0;
            for (int i = 0; i < equity.length; i++) {
                e = Math.max(Fixed.ONE, e + (long) (rnd.nextGaussian() * 80 * Fixed.ONE));
                t += rnd.nextInt(3_600_000);
                equity[i] = e;
                time[i] = t;
                b.evaluate(e, Conditions.OK, t);
                assertThat(b.drawdownBps()).isEqualTo(naiveDrawdownBps(equity, i));
                assertThat(b.dailyLossBps()).isEqualTo(naiveDailyLossBps(equity, time, i));
            }
        }
    }

    /** Peak of all equity seen so far (including the initial capital) to the current point. */
    static int naiveDrawdownBps(long[] equity, int upTo) {
        double peak = CAPITAL;
        for (int i = 0; i <= upTo; i++) {
            peak = Math.max(peak, equity[i]);
        }
        double dd = (peak - equity[upTo]) / peak;
        return (int) Math.floor(dd * 10_000 + 1e-9);
    }

    /** Loss from the first equity observed on the current UTC day (the day-start equity). */
    static int naiveDailyLossBps(long[] equity, long[] time, int upTo) {
        long day = Math.floorDiv(time[upTo], 86_400_000L);
        double start = Math.floorDiv(T0, 86_400_000L) == day ? CAPITAL : Double.NaN;
        for (int i = 0; i <= upTo && Double.isNaN(start); i++) {
            if (Math.floorDiv(time[i], 86_400_000L) == day) {
                start = equity[i];
            }
        }
        double loss = Math.max(0, (start - equity[upTo]) / start);
        return (int) Math.floor(loss * 10_000 + 1e-9);
    }
}
