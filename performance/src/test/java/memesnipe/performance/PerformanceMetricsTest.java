package memesnipe.performance;

import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static memesnipe.performance.Curves.DAY;
import static memesnipe.performance.Curves.HOUR;
import static memesnipe.performance.Curves.T0;
import static memesnipe.performance.Curves.every;
import static memesnipe.performance.Curves.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PerformanceMetricsTest {
    /** 100 -> 110 -> 99 -> 108.9 -> 119.79, one mark a day: returns +10 %, -10 %, +10 %, +10 %. */
    static final List<EquityPoint> FIVE_DAYS = every(DAY, "100", "110", "99", "108.9", "119.79");

    static double value(Figure f) {
        assertThat(f).isInstanceOf(Figure.Value.class);
        return ((Figure.Value) f).value();
    }

    @Test
    void sharpe_ofAFivePointDailyCurve_isMeanOverSampleStdDevTimesSqrt365() {
        // r = 0.1, -0.1, 0.1, 0.1; mean = 0.2 / 4 = 0.05
        // deviations 0.05, -0.15, 0.05, 0.05; squares 0.0025 + 0.0225 + 0.0025 + 0.0025 = 0.03
        // sample variance 0.03 / (4 - 1) = 0.01, s = 0.1; per period 0.05 / 0.1 = 0.5
        // annualized 0.5 * sqrt(365) = 0.5 * 19.104973... = 9.552486...
        PerformanceMetrics m = PerformanceMetrics.compute(FIVE_DAYS, List.of(), MetricsConfig.of(Sampling.daily()));

        assertThat(m.periods()).isEqualTo(4);
        assertThat(m.sampling().periodsPerYear()).isEqualTo(365.0);
        assertThat(value(m.sharpe())).isCloseTo(0.5 * Math.sqrt(365), within(1e-9)).isCloseTo(9.5525, within(1e-4));
        // total return 119.79 / 100 - 1 = 0.1979
        assertThat(value(m.totalReturn())).isCloseTo(0.1979, within(1e-12));
    }

    @Test
    void sortino_ofTheSameCurve_dividesByTheDownsideDeviationOverAllPeriods() {
        // downside min(r, 0) = 0, -0.1, 0, 0; squares sum 0.01; over all 4 periods 0.0025; DD = 0.05
        // mean / DD = 0.05 / 0.05 = 1, annualized sqrt(365) = 19.104973...
        PerformanceMetrics m = PerformanceMetrics.compute(FIVE_DAYS, List.of(), MetricsConfig.of(Sampling.daily()));

        assertThat(value(m.sortino())).isCloseTo(Math.sqrt(365), within(1e-9)).isCloseTo(19.1050, within(1e-4));
    }

    @Test
    void sortino_withoutALosingPeriod_isUnbounded_notInfinity() {
        PerformanceMetrics m = PerformanceMetrics.compute(every(DAY, "100", "101", "103", "104"), List.of(),
                MetricsConfig.of(Sampling.daily()));

        assertThat(m.sortino()).isEqualTo(Figure.unbounded("no losing period"));
        assertThat(m.sharpe()).isInstanceOf(Figure.Value.class);
    }

    @Test
    void resampling_takesTheLastMarkAtOrBeforeEachGridInstant_andLeavesOutTheTrailingPartialPeriod() {
        // marks at 0:00 100, 0:30 105, 1:00 110, 1:59 90, 2:10 120; hourly grid 0:00, 1:00, 2:00
        List<EquityPoint> curve = List.of(new EquityPoint(T0, Fixed.parse("100")),
                new EquityPoint(T0 + HOUR / 2, Fixed.parse("105")), new EquityPoint(T0 + HOUR, Fixed.parse("110")),
                new EquityPoint(T0 + 2 * HOUR - 60_000, Fixed.parse("90")),
                new EquityPoint(T0 + 2 * HOUR + 600_000, Fixed.parse("120")));

        long[] grid = PeriodReturns.resample(curve, HOUR);

        assertThat(grid).containsExactly(Fixed.parse("100"), Fixed.parse("110"), Fixed.parse("90"));
        // (110 - 100) / 100 = 0.1; (90 - 110) / 110 = -0.181818...
        assertThat(PeriodReturns.simpleReturns(grid)).containsExactly(new double[] {0.1, -20.0 / 110}, within(1e-15));
    }

    @Test
    void maxDrawdown_ofACurveWithTwoDips_picksTheDeeperOne_withItsPeakAndTrough() {
        // 100, 90 (dip 10 % from 100), 120, 96 (dip 24 / 120 = 20 %), 125, 110 (dip 15 / 125 = 12 %)
        List<EquityPoint> curve = every(HOUR, "100", "90", "120", "96", "125", "110");

        MaxDrawdown dd = MaxDrawdown.of(curve);

        assertThat(value(dd.fraction())).isCloseTo(0.20, within(1e-12));
        assertThat(dd.peakTimeMs()).isEqualTo(T0 + 2 * HOUR);
        assertThat(dd.peakEquityE8()).isEqualTo(Fixed.parse("120"));
        assertThat(dd.troughTimeMs()).isEqualTo(T0 + 3 * HOUR);
        assertThat(dd.troughEquityE8()).isEqualTo(Fixed.parse("96"));
        assertThat(MaxDrawdown.series(curve)).containsExactly(new double[] {0, 0.1, 0, 0.2, 0, 0.12}, within(1e-12));
    }

    @Test
    void maxDrawdown_startsAtTheLastTimeThePeakWasHeld() {
        MaxDrawdown dd = MaxDrawdown.of(every(HOUR, "100", "100", "80"));

        assertThat(dd.peakTimeMs()).isEqualTo(T0 + HOUR);
        assertThat(value(dd.fraction())).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void maxDrawdown_ofARisingCurve_isZero() {
        MaxDrawdown dd = MaxDrawdown.of(every(HOUR, "100", "101", "102"));

        assertThat(dd.fraction()).isEqualTo(Figure.of(0));
    }

    @Test
    void winRateProfitFactorFeesAndExposure_fromFourTrades() {
        // net P&L +30, -10, +20, -15: 2 wins of 4 = 50 %; gross profit 50, gross loss 25, profit factor 2
        // fees 1 + 1 + 2 + 0.5 = 4.5; net 30 - 10 + 20 - 15 = 25
        // in a position [0h, 2h) and [1h, 3h) (overlapping: 3 h once), [5h, 6h) 1 h, [9h, 12h) clipped to 1 h:
        // 5 h of a 10 h run = 0.5
        List<ClosedTrade> trades = List.of(
                trade("momentum", T0, T0 + 2 * HOUR, "1", "30"),
                trade("momentum", T0 + HOUR, T0 + 3 * HOUR, "1", "-10"),
                trade("breakout", T0 + 5 * HOUR, T0 + 6 * HOUR, "2", "20"),
                trade("breakout", T0 + 9 * HOUR, T0 + 12 * HOUR, "0.5", "-15"));
        List<EquityPoint> curve = List.of(new EquityPoint(T0, Fixed.parse("1000")),
                new EquityPoint(T0 + 10 * HOUR, Fixed.parse("1025")));

        PerformanceMetrics m = PerformanceMetrics.compute(curve, trades, MetricsConfig.of(Sampling.hourly()));

        assertThat(m.trades()).isEqualTo(4);
        assertThat(m.wins()).isEqualTo(2);
        assertThat(m.losses()).isEqualTo(2);
        assertThat(value(m.winRate())).isEqualTo(0.5);
        assertThat(m.grossProfitE8()).isEqualTo(Fixed.parse("50"));
        assertThat(m.grossLossE8()).isEqualTo(Fixed.parse("25"));
        assertThat(value(m.profitFactor())).isEqualTo(2.0);
        assertThat(m.feesE8()).isEqualTo(Fixed.parse("4.5"));
        assertThat(m.netPnlE8()).isEqualTo(Fixed.parse("25"));
        assertThat(value(m.exposure())).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void profitFactor_withoutALosingTrade_isUnbounded_andWithoutProfitOrLoss_isNotAvailable() {
        List<EquityPoint> curve = every(HOUR, "100", "110");
        MetricsConfig config = MetricsConfig.of(Sampling.hourly());

        PerformanceMetrics allWon = PerformanceMetrics.compute(curve,
                List.of(trade("m", T0, T0 + 1, "0", "5"), trade("m", T0, T0 + 1, "0", "5")), config);
        PerformanceMetrics allEven = PerformanceMetrics.compute(curve, List.of(trade("m", T0, T0 + 1, "0", "0")),
                config);

        assertThat(allWon.profitFactor()).isEqualTo(Figure.unbounded("no losing trade"));
        assertThat(allEven.profitFactor()).isEqualTo(Figure.notAvailable("no profit, no loss"));
        assertThat(value(allEven.winRate())).isZero();
    }

    @Test
    void noTrades_winRateProfitFactorAndTheirIntervalAreNotAvailable_exposureIsZero() {
        PerformanceMetrics m = PerformanceMetrics.compute(FIVE_DAYS, List.of(), MetricsConfig.of(Sampling.daily()));

        assertThat(m.trades()).isZero();
        assertThat(m.winRate()).isEqualTo(Figure.notAvailable("no trades"));
        assertThat(m.winRateCi()).isEqualTo(new ConfidenceInterval.NotAvailable("no trades"));
        assertThat(m.profitFactor()).isEqualTo(Figure.notAvailable("no trades"));
        assertThat(m.exposure()).isEqualTo(Figure.of(0));
        assertThat(m.feesE8()).isZero();
    }

    @Test
    void flatEquity_ratiosAreNotAvailable_returnAndDrawdownAreZero() {
        PerformanceMetrics m = PerformanceMetrics.compute(every(DAY, "100", "100", "100", "100"), List.of(),
                MetricsConfig.of(Sampling.daily()));

        assertThat(m.sharpe()).isEqualTo(Figure.notAvailable("flat equity"));
        assertThat(m.sortino()).isEqualTo(Figure.notAvailable("flat equity"));
        assertThat(m.sharpeCi()).isInstanceOf(ConfidenceInterval.NotAvailable.class);
        assertThat(m.totalReturn()).isEqualTo(Figure.of(0));
        assertThat(m.maxDrawdown().fraction()).isEqualTo(Figure.of(0));
    }

    @Test
    void aSinglePeriod_ratiosAreNotAvailable() {
        PerformanceMetrics m = PerformanceMetrics.compute(every(DAY, "100", "120"), List.of(),
                MetricsConfig.of(Sampling.daily()));

        assertThat(m.periods()).isEqualTo(1);
        assertThat(m.sharpe()).isEqualTo(Figure.notAvailable("needs at least 2 periods, have 1"));
        assertThat(m.sortino()).isEqualTo(Figure.notAvailable("needs at least 2 periods, have 1"));
        assertThat(value(m.totalReturn())).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void aSingleEquityPoint_everyTimeBasedFigureIsNotAvailable() {
        PerformanceMetrics m = PerformanceMetrics.compute(every(DAY, "100"), List.of(),
                MetricsConfig.of(Sampling.daily()));

        assertThat(m.periods()).isZero();
        assertThat(m.totalReturn()).isEqualTo(Figure.notAvailable("a single equity point"));
        assertThat(m.sharpe()).isInstanceOf(Figure.NotAvailable.class);
        assertThat(m.exposure()).isEqualTo(Figure.notAvailable("the run spans no time"));
    }

    @Test
    void equityThatReachesZero_makesLaterReturnsUndefined_notInfinite() {
        PerformanceMetrics m = PerformanceMetrics.compute(every(DAY, "100", "0", "10"), List.of(),
                MetricsConfig.of(Sampling.daily()));

        assertThat(m.sharpe()).isEqualTo(Figure.notAvailable("equity not positive at the start of a period"));
        assertThat(value(m.maxDrawdown().fraction())).isEqualTo(1.0);
    }

    @Test
    void anEmptyOrUnorderedCurve_isRefused() {
        MetricsConfig config = MetricsConfig.of(Sampling.daily());
        List<EquityPoint> unordered = List.of(new EquityPoint(T0 + 1, 1), new EquityPoint(T0, 1));

        assertThatThrownBy(() -> PerformanceMetrics.compute(List.of(), List.of(), config))
                .hasMessageContaining("at least one point");
        assertThatThrownBy(() -> PerformanceMetrics.compute(unordered, List.of(), config))
                .hasMessageContaining("out of time order at point 1");
    }

    @Test
    void sampling_statesItsPeriodsPerYear_andPicksTheCoarsestPeriodWithThirtyPeriods() {
        assertThat(Sampling.hourly().periodsPerYear()).isEqualTo(8760.0);
        assertThat(Sampling.daily().periodsPerYear()).isEqualTo(365.0);
        assertThat(new Sampling(4 * HOUR).label()).isEqualTo("4 hours");
        assertThat(Sampling.forSpan(90 * DAY)).isEqualTo(Sampling.daily());
        assertThat(Sampling.forSpan(29 * DAY)).isEqualTo(Sampling.hourly());
        assertThat(Sampling.forSpan(10 * HOUR).label()).isEqualTo("1 minute");
    }
}
