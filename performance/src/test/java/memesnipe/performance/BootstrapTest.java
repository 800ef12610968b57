package memesnipe.performance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BootstrapTest {
    @Test
    void intervals_containThePointEstimates() {
        PerformanceMetrics m = Curves.wavyMetrics(MetricsConfig.DEFAULT_SEED);

        double sharpe = ((Figure.Value) m.sharpe()).value();
        ConfidenceInterval.Range sharpeCi = (ConfidenceInterval.Range) m.sharpeCi();
        assertThat(sharpeCi.low()).isLessThan(sharpe);
        assertThat(sharpeCi.high()).isGreaterThan(sharpe);
        assertThat(sharpeCi.used()).isEqualTo(2_000);

        ConfidenceInterval.Range winCi = (ConfidenceInterval.Range) m.winRateCi();
        assertThat(m.winRate()).isEqualTo(Figure.of(0.6));
        assertThat(winCi.low()).isLessThan(0.6);
        assertThat(winCi.high()).isGreaterThan(0.6);
    }

    @Test
    void theSameSeed_givesTheSameIntervals_anotherSeedOthers() {
        PerformanceMetrics a = Curves.wavyMetrics(7);
        PerformanceMetrics b = Curves.wavyMetrics(7);
        PerformanceMetrics c = Curves.wavyMetrics(8);

        assertThat(a.sharpeCi()).isEqualTo(b.sharpeCi());
        assertThat(a.winRateCi()).isEqualTo(b.winRateCi());
        assertThat(a.sharpeCi()).isNotEqualTo(c.sharpeCi());
        assertThat(a.seed()).isEqualTo(7);
        assertThat(a.resamples()).isEqualTo(2_000);
    }

    @Test
    void quantile_interpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        // position 0.025 * 4 = 0.1: 1 + 0.1 * (2 - 1) = 1.1; position 0.975 * 4 = 3.9: 4 + 0.9 * (5 - 4) = 4.9
        assertThat(Bootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.quantile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
        assertThat(Bootstrap.quantile(sorted, 1.0)).isEqualTo(5);
    }

    @Test
    void aSampleOfOne_hasNoInterval() {
        ConfidenceInterval ci = Bootstrap.percentile(new double[] {1}, x -> Figure.of(x[0]), 100, 1);

        assertThat(ci).isEqualTo(new ConfidenceInterval.NotAvailable("needs at least 2 samples, have 1"));
    }

    @Test
    void resamplesWithoutAFiniteStatistic_areLeftOut_andTooManyMeanNoInterval() {
        // a resample of these three does not vary when it draws one value three times:
        // (2/3)^3 + (1/3)^3 = 1/3 of the resamples, about 667 of 2000, are left out
        double[] r = {0.01, -0.02, 0.01};
        ConfidenceInterval ci = Bootstrap.percentile(r, x -> ReturnRatios.sharpe(x, 365), 2_000, 3);

        assertThat(ci).isInstanceOf(ConfidenceInterval.Range.class);
        assertThat(((ConfidenceInterval.Range) ci).used()).isBetween(1_200, 1_460);
        ConfidenceInterval none = Bootstrap.percentile(new double[] {0.01, 0.01}, x -> ReturnRatios.sharpe(x, 365),
                100, 3);
        assertThat(none).isEqualTo(new ConfidenceInterval.NotAvailable("only 0 of 100 resamples gave a finite value"));
    }
}
