package memesnipe.performance.promotion;

import memesnipe.performance.ClosedTrade;
import memesnipe.performance.EdgeSignificance;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.Figure;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.PerformanceMetrics;
import memesnipe.performance.Sampling;
import org.junit.jupiter.api.Test;

import java.util.List;

import static memesnipe.performance.Curves.DAY;
import static memesnipe.performance.Curves.T0;
import static memesnipe.performance.Curves.trade;
import static memesnipe.performance.Curves.wavyCurve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceTest {
    static final MetricsConfig CONFIG = new MetricsConfig(Sampling.daily(), 2_000, 5);

    @Test
    void measure_takesEveryFigureFromTheMetricsAndTheEdgeTest_onTheSameReturns() {
        List<EquityPoint> curve = wavyCurve();
        List<ClosedTrade> trades = List.of(trade("m", T0, T0 + DAY, "0.1", "4"), trade("m", T0, T0 + DAY, "0.1", "-3"),
                trade("m", T0, T0 + DAY, "0.1", "2"));

        Evidence e = Evidence.measure(curve, trades, new long[] {120, 80, 301}, CONFIG);
        PerformanceMetrics m = PerformanceMetrics.compute(curve, trades, CONFIG);

        assertThat(e.fromMs()).isEqualTo(m.startTimeMs());
        assertThat(e.toMs()).isEqualTo(m.endTimeMs());
        assertThat(e.periods()).isEqualTo(60);
        assertThat(e.sharpe()).isEqualTo(m.sharpe());
        assertThat(e.sharpeCi()).isEqualTo(m.sharpeCi());
        assertThat(e.trades()).isEqualTo(3);
        assertThat(e.wins()).isEqualTo(2);
        assertThat(e.winRate()).isEqualTo(m.winRate());
        assertThat(e.winRateCi()).isEqualTo(m.winRateCi());
        assertThat(e.maxDrawdown()).isEqualTo(m.maxDrawdown().fraction());
        assertThat(e.latencySamples()).isEqualTo(3);
        assertThat(e.latencyTotalMs()).isEqualTo(501);
        assertThat(e.averageLatencyMs()).isEqualTo(Figure.of(167.0));
        assertThat(e.significance()).isEqualTo(EdgeSignificance.ofCurve(curve, Sampling.daily(), 2_000, 7));
    }

    @Test
    void withoutTradesOrLatencies_theirFiguresAreNotAvailable() {
        Evidence e = Evidence.measure(wavyCurve(), List.of(), new long[0], CONFIG);

        assertThat(e.winRate()).isEqualTo(Figure.notAvailable("no trades"));
        assertThat(e.averageLatencyMs()).isEqualTo(Figure.notAvailable("no latency measured"));
    }

    @Test
    void inconsistentFigures_areRefused() {
        assertThatThrownBy(() -> Evidence.measure(wavyCurve(), List.of(), new long[] {-1}, CONFIG))
                .hasMessageContaining("negative latency: -1 ms");
        assertThatThrownBy(() -> TestEvidence.good().wins(31, 30).build())
                .hasMessageContaining("0 <= wins <= trades");
        assertThatThrownBy(() -> TestEvidence.good().window(T0, T0 - 1).build())
                .hasMessageContaining("before it starts");
        assertThatThrownBy(() -> TestEvidence.good().latency(-5, 1).build())
                .hasMessageContaining("latency samples and total must be >= 0");
    }
}
