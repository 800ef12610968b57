package memesnipe.performance.allocation;

import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class CapitalAllocatorTest {
    static final long EQUITY = 10_000 * Fixed.ONE;
    static final long CAP = 1_000 * Fixed.ONE;
    static final AllocationSettings S = AllocationSettings.defaults();

    /** n returns alternating mean ± spread (sample sd = spread·sqrt(n/(n-1))). */
    static double[] alternating(int n, double mean, double spread, int phase) {
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = mean + (((k + phase) % 2 == 0) ? spread : -spread);
        }
        return r;
    }

    @Test
    void allocate_scalesTheCapByTheMeasuredSharpe_andNeverAboveIt() {
        // 40 periods, 1 period a year: Sharpe = mean / sd = 0.01 / (0.01·sqrt(40/39))
        double[] r = alternating(40, 0.01, 0.01, 0);
        double sharpe = 1 / Math.sqrt(40.0 / 39);
        CapitalAllocator.Result res = CapitalAllocator.allocate(EQUITY,
                List.of(new CapitalAllocator.Returns("a", r)), 1, S);
        CapitalAllocator.Allocation a = res.allocations().get(0);
        assertThat(a.performanceFactor()).isCloseTo(sharpe / 3, offset(1e-12));
        assertThat(a.capitalE8()).isEqualTo((long) Math.floor(CAP * (sharpe / 3)));
        // a Sharpe above the full-cap figure earns the cap, no more
        CapitalAllocator.Result strong = CapitalAllocator.allocate(EQUITY,
                List.of(new CapitalAllocator.Returns("a", r)), 100, S); // Sharpe ×10
        assertThat(strong.allocations().get(0).capitalE8()).isEqualTo(CAP);
    }

    @Test
    void allocate_aLosingStrategy_getsNothing_andTooFewPeriodsAreNotScaled() {
        CapitalAllocator.Result res = CapitalAllocator.allocate(EQUITY, List.of(
                new CapitalAllocator.Returns("loser", alternating(40, -0.01, 0.01, 0)),
                new CapitalAllocator.Returns("new", alternating(10, 0.01, 0.01, 0))), 1, S);
        assertThat(res.allocations().get(0).capitalE8()).isZero();
        assertThat(res.allocations().get(1).performanceFactor()).isEqualTo(1);
        assertThat(res.allocations().get(1).why()).contains("10 periods measured (< 30)");
        assertThat(res.correlations().of("loser", "new")).isNaN();
    }

    @Test
    void allocate_twoPerfectlyCorrelatedStrategies_eachGetHalf_anUncorrelatedOneIsNotReduced() {
        double[] same = alternating(40, 0.01, 0.01, 0);
        double[] other = new double[40]; // +,+,-,- pattern: uncorrelated with +,-,+,-
        for (int k = 0; k < 40; k++) {
            other[k] = 0.01 + ((k / 2) % 2 == 0 ? 0.01 : -0.01);
        }
        CapitalAllocator.Result res = CapitalAllocator.allocate(EQUITY, List.of(
                new CapitalAllocator.Returns("a", same), new CapitalAllocator.Returns("b", same.clone()),
                new CapitalAllocator.Returns("c", other)), 100, S);
        assertThat(res.correlations().of("a", "b")).isCloseTo(1, offset(1e-12));
        assertThat(res.correlations().of("a", "c")).isCloseTo(0, offset(1e-12));
        assertThat(res.allocations().get(0).correlationFactor()).isCloseTo(0.5, offset(1e-12));
        assertThat(res.allocations().get(0).capitalE8()).isEqualTo(CAP / 2);
        assertThat(res.allocations().get(1).capitalE8()).isEqualTo(CAP / 2);
        assertThat(res.allocations().get(2).capitalE8()).isEqualTo(CAP);
        assertThat(res.allocations().get(0).why()).contains("correlated 1.00 with b");
    }

    @Test
    void allocate_correlationAtTheThreshold_doesNotReduce_aboveItReducesInProportion() {
        // b = a + noise chosen so that corr(a, b) = 0.75: with θ = 0.5, excess = 0.5, factor = 1/1.5
        double[] a = alternating(40, 0.01, 0.01, 0);
        double[] noise = new double[40];
        for (int k = 0; k < 40; k++) {
            noise[k] = ((k / 2) % 2 == 0 ? 0.01 : -0.01); // uncorrelated with a, same spread
        }
        double w = Math.sqrt(1 / 0.75 / 0.75 - 1); // corr = 1 / sqrt(1 + w²)
        double[] b = new double[40];
        for (int k = 0; k < 40; k++) {
            b[k] = a[k] + w * noise[k];
        }
        CapitalAllocator.Result res = CapitalAllocator.allocate(EQUITY, List.of(
                new CapitalAllocator.Returns("a", a), new CapitalAllocator.Returns("b", b)), 10_000, S);
        assertThat(res.correlations().of("a", "b")).isCloseTo(0.75, offset(1e-9));
        assertThat(res.allocations().get(0).correlationFactor()).isCloseTo(1 / 1.5, offset(1e-9));
        AllocationSettings lenient = new AllocationSettings(1_000, 3.0, 0.75, 30);
        CapitalAllocator.Result atThreshold = CapitalAllocator.allocate(EQUITY, List.of(
                new CapitalAllocator.Returns("a", a), new CapitalAllocator.Returns("b", b)), 10_000, lenient);
        assertThat(atThreshold.allocations().get(0).correlationFactor()).isCloseTo(1, offset(1e-9));
    }

    @Test
    void settings_reportEveryProblem() {
        assertThat(new AllocationSettings(0, 0, 1, 2).problems()).hasSize(4);
        assertThat(AllocationSettings.defaults().problems()).isEmpty();
    }
}
