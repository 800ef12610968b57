package memesnipe.backtest.report;

import memesnipe.performance.Curves;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.PerformanceMetrics;
import memesnipe.performance.Sampling;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextSummaryTest {
    @Test
    void summary_listsEveryMetricAlignedInColumns_withIntervalsAndTheSampling() {
        PerformanceMetrics m = Curves.wavyMetrics(MetricsConfig.DEFAULT_SEED);

        String text = TextSummary.format(m);
        List<String> lines = text.lines().toList();

        assertThat(lines).hasSize(MetricRows.of(m).size());
        assertThat(text).contains("Sharpe (annualized)", "Sortino (annualized)", "Max drawdown", "Win rate",
                "Profit factor", "Exposure", "Fees paid", "Total return", "Trades");
        assertThat(line(lines, "Sharpe")).contains("95% CI [");
        assertThat(line(lines, "Win rate")).contains("60.00 %").contains("95% CI [");
        assertThat(line(lines, "Sampling")).contains("every 1 day").contains("60 periods").contains("sqrt(365)");
        assertThat(line(lines, "Intervals")).contains("2000 resamples, seed " + MetricsConfig.DEFAULT_SEED);
        int valueColumn = "Sortino (annualized)".length() + 2; // the longest label and two spaces
        for (String l : lines) {
            assertThat(l.charAt(valueColumn - 1)).as(l).isEqualTo(' ');
            assertThat(l.charAt(valueColumn)).as(l).isNotEqualTo(' ');
        }
        int ciColumn = line(lines, "Sharpe").indexOf("95% CI");
        assertThat(line(lines, "Win rate").indexOf("95% CI")).isEqualTo(ciColumn);
        assertThat(text).doesNotContain("NaN", "Infinity");
    }

    @Test
    void degenerateFigures_readAsNotAvailableOrUnbounded_withTheReason() {
        PerformanceMetrics m = PerformanceMetrics.compute(Curves.every(Curves.DAY, "100", "101", "102"),
                List.of(Curves.trade("m", Curves.T0, Curves.T0 + 1, "0", "1")), MetricsConfig.of(Sampling.daily()));

        String text = TextSummary.format(m);

        assertThat(line(text.lines().toList(), "Profit factor")).contains("unbounded (no losing trade)");
        assertThat(line(text.lines().toList(), "Sortino")).contains("unbounded (no losing period)");
        assertThat(line(text.lines().toList(), "Win rate")).contains("95% CI n/a (needs at least 2 samples, have 1)");
        assertThat(text).doesNotContain("NaN", "Infinity");
    }

    @Test
    void aSingleEquityPoint_readsAsNotAvailable_neverNaN() {
        PerformanceMetrics m = PerformanceMetrics.compute(Curves.every(Curves.DAY, "100"), List.of(),
                MetricsConfig.of(Sampling.daily()));

        assertThat(TextSummary.format(m)).contains("n/a (a single equity point)").doesNotContain("NaN", "Infinity");
    }

    private static String line(List<String> lines, String label) {
        return lines.stream().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
    }
}
