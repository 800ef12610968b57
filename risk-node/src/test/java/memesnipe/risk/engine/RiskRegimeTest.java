package memesnipe.risk.engine;

import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import memesnipe.model.Tier;
import memesnipe.model.money.Fixed;
import memesnipe.model.regime.Regime;
import memesnipe.model.regime.VolatilityRegime;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.BreakerThresholds.VolatilityScales;
import memesnipe.risk.breaker.Transition;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Risk's own volatility regime, counted from its ticks, choosing the breaker's thresholds where configured. */
class RiskRegimeTest {
    static final long T0 = 1_700_000_000_000L; // 22:13 UTC: the test stays within the trading day
    static final long USD = Fixed.ONE;
    /** Room for one 5,000 USD position (half the equity), so a few percent of price moves equity by a few percent. */
    static final RiskLimits WIDE = new RiskLimits(5_000, 5_000, 5_000, 5_000, 20, USD, 2_000, 5_000, 10, 20, 800,
            5_000, 5_000 * USD);
    /** LOW halves the drawdown and daily-loss thresholds, HIGH doubles them. */
    static final VolatilityScales HALF_DOUBLE = new VolatilityScales(50, 100, 200);

    final List<Transition> transitions = new ArrayList<>();

    RiskEngine engine(VolatilityScales scales) {
        BreakerThresholds d = BreakerThresholds.defaults();
        BreakerThresholds t = new BreakerThresholds(d.warnDrawdownBps(), d.criticalDrawdownBps(),
                d.emergencyDrawdownBps(), d.warnDailyLossBps(), d.criticalDailyLossBps(), d.strategyDrawdownBps(),
                d.warningSizePct(), d.cooldownMs(), d.rampPct(), d.rampStepMs(), d.tradingDayZone(), scales);
        RiskEngine e = new RiskEngine(WIDE, t, ExecutionQuality.Limits.defaults(), 10_000 * USD, T0, transitions::add);
        e.onTick("SOL", 100 * USD, 0, 1, T0, T0);
        Decision d0 = e.submit(new Intent("e1", "momentum_5m", "SOL", Side.BUY, Purpose.ENTRY, 5_000 * USD, 100 * USD,
                1, T0, 0, 0, 0), T0);
        OrderRequest o = d0.order().orElseThrow();
        e.onFill(new FillEvent("", 1, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(),
                o.referencePriceE8(), 0, T0), T0);
        assertThat(e.portfolio().qtyE8("momentum_5m", "SOL")).isEqualTo(50 * USD);
        return e;
    }

    /**
     * One SOL tick a second for the given seconds from second {@code from}: the price drifts by {@code driftBps} a
     * second and every other tick sits {@code swingBps} above the drift line (one-second returns of about +-swing).
     */
    static List<long[]> path(int from, int seconds, double driftBps, double swingBps, double startUsd) {
        List<long[]> ticks = new ArrayList<>();
        for (int k = from; k < from + seconds; k++) {
            double line = startUsd * (1 + driftBps * (k - from) / 10_000);
            double price = k % 2 == 1 ? line * (1 + swingBps / 10_000) : line;
            ticks.add(new long[]{k, Math.round(price * USD)});
        }
        return ticks;
    }

    static void feed(RiskEngine e, List<long[]> ticks) {
        for (long[] t : ticks) {
            long at = T0 + t[0] * 1_000;
            e.onTick("SOL", t[1], 0, t[0] + 1, at, at);
        }
    }

    @Test
    void onTick_ticksThatMoveTheRegime_moveTheBreakersThresholdsWithIt() {
        RiskEngine e = engine(HALF_DOUBLE);
        VolatilityRegime reference = new VolatilityRegime();
        reference.onTick("SOL", 100 * USD, T0);
        assertThat(e.volatility().regime()).isEqualTo(Regime.UNKNOWN);
        assertThat(e.breaker().effectiveThresholds().warnDrawdownBps()).isEqualTo(300); // UNKNOWN: NORMAL's scale

        List<long[]> calm = path(1, 400, 0, 3, 100);
        feed(e, calm);
        calm.forEach(t -> reference.onTick("SOL", t[1], T0 + t[0] * 1_000));
        assertThat(e.volatility().regime()).isEqualTo(reference.regime()).isEqualTo(Regime.LOW);
        assertThat(e.breaker().regime()).isEqualTo(Regime.LOW);
        assertThat(e.breaker().effectiveThresholds().warnDrawdownBps()).isEqualTo(150);
        assertThat(e.breaker().effectiveThresholds().warnDailyLossBps()).isEqualTo(100);

        List<long[]> wild = path(401, 400, 0, 200, 100);
        feed(e, wild);
        wild.forEach(t -> reference.onTick("SOL", t[1], T0 + t[0] * 1_000));
        assertThat(e.volatility().regime()).isEqualTo(reference.regime()).isEqualTo(Regime.HIGH);
        assertThat(e.volatility().volatilityBps()).isEqualTo(reference.volatilityBps());
        assertThat(e.breaker().regime()).isEqualTo(Regime.HIGH);
        assertThat(e.breaker().effectiveThresholds().warnDrawdownBps()).isEqualTo(600);
        assertThat(e.breaker().thresholds().warnDrawdownBps()).isEqualTo(300); // as configured
    }

    @Test
    void onTick_whenCalmTicksMakeTheRegimeLow_aLowScaleTripsWarningWhereTheDefaultsWouldNot() {
        List<long[]> calmDecline = path(1, 600, -0.4, 3, 100); // -2.4 % in ten minutes: 1.2 % of equity
        RiskEngine plain = engine(VolatilityScales.NONE);
        feed(plain, calmDecline);
        assertThat(plain.volatility().regime()).isEqualTo(Regime.LOW);
        assertThat(plain.breaker().dailyLossBps()).isBetween(110, 130);
        assertThat(plain.breaker().tier()).isEqualTo(Tier.NORMAL);
        assertThat(transitions).isEmpty();

        RiskEngine tight = engine(HALF_DOUBLE);
        feed(tight, calmDecline);
        assertThat(tight.breaker().tier()).isEqualTo(Tier.WARNING);
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(Tier.WARNING);
            assertThat(t.dailyLossBps()).isEqualTo(100);
            assertThat(t.reason()).isEqualTo("daily loss 1.00% >= 1.00% (LOW volatility: 2.00% x 50%)");
        });
    }

    @Test
    void onTick_whenVolatileTicksMakeTheRegimeHigh_aHighScaleDoesNotTripWhereTheDefaultsDo() {
        List<long[]> wildDecline = path(1, 600, -5.0 / 6, 200, 100); // -5 % in ten minutes, +-2 % a second
        RiskEngine plain = engine(VolatilityScales.NONE);
        feed(plain, wildDecline);
        assertThat(plain.volatility().regime()).isEqualTo(Regime.HIGH);
        assertThat(plain.breaker().tier()).isEqualTo(Tier.WARNING);
        assertThat(transitions).isNotEmpty();

        transitions.clear();
        RiskEngine wide = engine(HALF_DOUBLE);
        feed(wide, wildDecline);
        assertThat(wide.breaker().drawdownBps()).isGreaterThanOrEqualTo(300); // NORMAL's warning
        assertThat(wide.breaker().tier()).isEqualTo(Tier.NORMAL);
        assertThat(transitions).isEmpty();
    }
}
